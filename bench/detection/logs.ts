/**
 * The two benchmark logs: which generated file, how `palisade replay` reads it, which hub items a
 * CrowdSec installation would run on it, and the figures to compare with (issue 5).
 */

/** Names of the benchmark logs, as `--logs` takes them and the generator's ground truth keys them. */
export const LOG_NAMES = ['nginx', 'ssh'] as const;
export type LogName = (typeof LOG_NAMES)[number];

/** One figure to print beside ours. */
export interface Reference {
  /** CrowdSec 1.4.6 as measured (text, it carries its conditions). */
  readonly crowdsec: string;
  /** Palisade's target (text), and the check of a measured value against it. */
  readonly target: string;
  /** Whether `value` meets the target; undefined when it cannot tell (other conditions). */
  readonly met?: (value: number, at: Conditions) => boolean | undefined;
}

/** What the measured figures depend on. */
export interface Conditions {
  readonly lines: number;
  readonly seed: number;
}

/** How one log is replayed and judged. */
export interface LogSpec {
  readonly name: LogName;
  /** File name in the generator's output directory. */
  readonly file: string;
  /** The acquisition `type` label (`--type`). */
  readonly type: string;
  /**
   * Collections installed, with their dependencies. CrowdSec's installer always installs
   * `crowdsecurity/linux` (syslog-logs, which also holds the non-syslog node that turns a plain
   * nginx line into a message, geoip-enrich, dateparse-enrich, the sshd collection and
   * whitelist-good-actors); the nginx collection brings nginx-logs and base-http-scenarios
   * (http-logs, the http scenarios, http-cve).
   */
  readonly collections: readonly string[];
  readonly references: {
    readonly linesPerCpuSecond: Reference;
    readonly peakRssMiB: Reference;
    readonly attackersDetected: Reference;
    readonly benignFlagged: Reference;
  };
}

/** 120 MB (decimal, as the issue states it) in MiB, as RSS is printed. */
const RSS_TARGET_MIB = 120e6 / 2 ** 20;

/** The benchmark logs by name. */
export const LOGS: Readonly<Record<LogName, LogSpec>> = {
  nginx: {
    name: 'nginx',
    file: 'nginx-access.log',
    type: 'nginx',
    collections: ['crowdsecurity/linux', 'crowdsecurity/nginx'],
    references: {
      linesPerCpuSecond: {
        crowdsec: '151 (as installed)',
        target: '≥ 30,000',
        met: (v) => v >= 30_000,
      },
      peakRssMiB: { crowdsec: '110', target: '< 120 MB (114.4 MiB)', met: (v) => v < RSS_TARGET_MIB },
      attackersDetected: { crowdsec: '–', target: '≥ CrowdSec' },
      benignFlagged: { crowdsec: '–', target: '0', met: (v) => v === 0 },
    },
  },
  ssh: {
    name: 'ssh',
    file: 'auth.log',
    type: 'syslog',
    collections: ['crowdsecurity/linux'],
    references: {
      linesPerCpuSecond: {
        crowdsec: '4,900 (5,600 on 1M lines)',
        target: '≥ 50,000',
        met: (v) => v >= 50_000,
      },
      peakRssMiB: {
        crowdsec: '271 (on 1M lines)',
        target: '< 120 MB (114.4 MiB)',
        met: (v) => v < RSS_TARGET_MIB,
      },
      attackersDetected: {
        crowdsec: '187 / 300 (on 200k lines, seed 1)',
        target: '≥ CrowdSec',
        // CrowdSec's figure is for one generated file only.
        met: (v, at) => (at.lines === 200_000 && at.seed === 1 ? v >= 187 : undefined),
      },
      benignFlagged: { crowdsec: '–', target: '0', met: (v) => v === 0 },
    },
  },
};
