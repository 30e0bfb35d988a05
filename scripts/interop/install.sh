#!/usr/bin/env bash
# Installs the real CrowdSec programs from Debian's packages for `npm run test:interop`.
#
# Idempotent: re-running it on a machine that already has everything only checks.
# The `crowdsec` package's post-install step needs the internet (it downloads the hub and
# registers with the central API), so it fails here; its binaries are installed and usable,
# which is all the interop tests need. We tolerate that failure, make sure no half-configured
# package blocks later apt runs, and never let any service start (policy-rc.d answers 101).
set -uo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "install.sh: must run as root (apt-get install)" >&2
  exit 2
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install.sh: apt-get not found" >&2
  exit 2
fi

PACKAGES=(crowdsec crowdsec-firewall-bouncer crowdsec-custom-bouncer nftables iproute2)
BINARIES=(/usr/bin/crowdsec /usr/bin/crowdsec-firewall-bouncer /usr/bin/crowdsec-custom-bouncer /usr/sbin/nft /usr/sbin/ip)

all_present() {
  local b
  for b in "${BINARIES[@]}"; do [ -x "$b" ] || return 1; done
  return 0
}

# Keep package scripts from starting daemons (no systemd here; invoke-rc.d honours this).
# Only our own marker-tagged file is ever removed again, never a policy someone else wrote.
POLICY=/usr/sbin/policy-rc.d
POLICY_MARK='# palisade-interop'
created_policy=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\n%s: no service starts during package installation\nexit 101\n' "$POLICY_MARK" >"$POLICY"
  chmod 755 "$POLICY"
  created_policy=1
fi
cleanup() {
  if [ "$created_policy" = 1 ] && grep -q "$POLICY_MARK" "$POLICY" 2>/dev/null; then rm -f "$POLICY"; fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive

# The documented offline opt-out (README.Debian of crowdsec): a non-empty
# online_api_credentials.yaml written before configuration makes the post-install skip the
# central-API registration, the one step that needs the internet. With it the package
# configures cleanly, so no half-configured package is left for later apt runs to trip on.
CAPI_CREDS=/etc/crowdsec/online_api_credentials.yaml
if [ ! -s "$CAPI_CREDS" ]; then
  mkdir -p /etc/crowdsec
  echo '# no central API: offline machine (palisade interop tests)' >"$CAPI_CREDS"
fi

# Finish configuring a package an earlier run left half-configured (e.g. a crowdsec install
# made before the opt-out above existed); errors are judged by the checks at the end.
dpkg --configure -a >/dev/null 2>&1 || true

if all_present; then
  echo "install.sh: crowdsec, bouncers, nftables and iproute2 already installed"
else
  apt-get update -qq || { echo "install.sh: apt-get update failed" >&2; exit 1; }
  # Should the post-install still fail (it has other network-dependent paths in other
  # versions), the binaries are unpacked and usable: judged by the check below.
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" || \
    echo "install.sh: apt-get reported an error; checking the installed binaries"
  dpkg --configure -a >/dev/null 2>&1 || true
fi

missing=0
for b in "${BINARIES[@]}"; do
  if [ ! -x "$b" ]; then echo "install.sh: missing $b" >&2; missing=1; fi
done
[ "$missing" = 0 ] || exit 1
if dpkg-query -W -f='${Status}\n' crowdsec 2>/dev/null | grep -qv 'installed$'; then
  echo "install.sh: warning: crowdsec is not fully configured ($(dpkg-query -W -f='${Status}' crowdsec)); its binaries are usable" >&2
fi
# Hub patterns ship with the crowdsec package; the agent's grok needs them.
if [ ! -d /etc/crowdsec/patterns ]; then
  echo "install.sh: /etc/crowdsec/patterns missing (crowdsec package incomplete?)" >&2
  exit 1
fi
echo "install.sh: ok ($(dpkg-query -W -f='${Package} ${Version}, ' crowdsec crowdsec-firewall-bouncer crowdsec-custom-bouncer 2>/dev/null))"
