/**
 * When the interop suite may run. It needs root (apt-get, `ip netns`, nftables) and Debian's
 * apt; without them it is skipped with a reason. It only runs when started by
 * `npm run test:interop` (which installs the packages first and sets PALISADE_INTEROP=1): the
 * unit-test glob also matches these files, and there the suite must stay out of the way.
 * Once those hold, a missing program is a failure, not a skip: CI must really run the suite.
 */
import { accessSync, constants, existsSync } from 'node:fs';

/** The programs the suite drives, as installed by scripts/interop/install.sh. */
export const BINARIES = {
  crowdsec: '/usr/bin/crowdsec',
  customBouncer: '/usr/bin/crowdsec-custom-bouncer',
  firewallBouncer: '/usr/bin/crowdsec-firewall-bouncer',
  nft: '/usr/sbin/nft',
  ip: '/usr/sbin/ip',
} as const;

/** The reason to skip the whole suite on this machine, or undefined when it must run. */
export function interopSkipReason(): string | undefined {
  if (process.env.PALISADE_INTEROP !== '1') {
    return 'interop suite: run it with `npm run test:interop` (installs the CrowdSec packages, sets PALISADE_INTEROP=1)';
  }
  if (process.platform !== 'linux') return `interop suite needs Linux (this is ${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'interop suite needs root (apt-get install, ip netns, nftables)';
  }
  if (!existsSync('/usr/bin/apt-get')) return 'interop suite needs apt-get (Debian packages of CrowdSec)';
  return undefined;
}

/**
 * Throws when a program the suite needs is missing: under `npm run test:interop` as root with
 * apt, install.sh should have installed it, so this is a real failure.
 */
export function assertBinariesInstalled(): void {
  const missing = Object.values(BINARIES).filter((path) => {
    try {
      accessSync(path, constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run scripts/interop/install.sh as root first`);
  }
}
