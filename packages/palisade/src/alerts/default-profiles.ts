/**
 * Palisade's default `profiles.yaml` (hub-compat §10): the behaviour a CrowdSec user expects out
 * of the box. An alert whose scenario asks for remediation gets a 4-hour ban of its source,
 * for an IP or a range; nothing else gets a decision.
 */

/** The name the default profiles are reported under. */
export const DEFAULT_PROFILES_PATH = '<default profiles>';

/** The default profiles, as YAML. */
export const DEFAULT_PROFILES_YAML = `# Ban for 4 hours the IP behind an alert whose scenario asks for remediation.
name: default_ip_remediation
filters:
  - Alert.Remediation == true && Alert.GetScope() == "Ip"
decisions:
  - type: ban
    duration: 4h
on_success: break
---
# The same for alerts about a whole range (e.g. an IPv6 /64).
name: default_range_remediation
filters:
  - Alert.Remediation == true && Alert.GetScope() == "Range"
decisions:
  - type: ban
    duration: 4h
on_success: break
`;
