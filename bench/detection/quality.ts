/**
 * Detection quality of one replay against the generator's ground truth: which attacker IPs got
 * an alert, and which benign (or grey: SEO crawler) IPs did. Benign is everything the ground
 * truth does not list as an attacker or as grey.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { GroundTruth } from './datasets.ts';

/** The part of an alert the benchmark reads. */
export interface AlertRecord {
  readonly scenario: string;
  /** The source address (or range value) the alert is about. */
  readonly source: string;
}

/** An IP flagged although the ground truth does not call it an attacker. */
export interface FlaggedIp {
  readonly ip: string;
  readonly scenarios: readonly string[];
  /** Its ground-truth category when it is listed (benign with failures, grey), else 'benign'. */
  readonly category: string;
}

/** The verdict on one replay. */
export interface Quality {
  readonly alerts: number;
  readonly alertsByScenario: Readonly<Record<string, number>>;
  /** Distinct sources alerted on. */
  readonly flaggedSources: number;
  readonly attackers: {
    readonly total: number;
    readonly detected: number;
    /** Per primary behaviour: detected / total. */
    readonly byBehaviour: Readonly<Record<string, { total: number; detected: number }>>;
    /** A few missed attackers, largest first: `ip behaviour (N events)`. */
    readonly missedSample: readonly string[];
  };
  readonly benignFlagged: { readonly count: number; readonly sample: readonly FlaggedIp[] };
  readonly greyFlagged: { readonly count: number; readonly sample: readonly FlaggedIp[] };
  /** sha256 of the sorted `scenario source` pairs: equal digests ⇔ the same detections. */
  readonly digest: string;
}

const SAMPLE = 10;

/** Reads the alerts a replay printed (one `models.Alert` JSON object per line). */
export async function readAlerts(path: string): Promise<AlertRecord[]> {
  const alerts: AlertRecord[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let alert: { scenario?: unknown; source?: { ip?: unknown; value?: unknown } };
    try {
      alert = JSON.parse(line);
    } catch (err) {
      throw new Error(`${path}:${n}: not a JSON alert: ${(err as Error).message}`);
    }
    const source = alert.source?.ip || alert.source?.value;
    alerts.push({ scenario: String(alert.scenario ?? '?'), source: String(source ?? '?') });
  }
  return alerts;
}

/** Judges `alerts` of log `log` against `truth`. */
export function judge(alerts: readonly AlertRecord[], truth: GroundTruth, log: string): Quality {
  const attackers = new Map(truth.attackers.filter((a) => a.log === log).map((a) => [a.ip, a]));
  const grey = new Map(truth.grey.filter((g) => g.log === log).map((g) => [g.ip, g.category]));
  const noisy = new Map(
    truth.benign_with_failures.filter((b) => b.log === log).map((b) => [b.ip, b.category]),
  );

  const byScenario: Record<string, number> = {};
  const scenariosOf = new Map<string, Set<string>>();
  for (const a of alerts) {
    byScenario[a.scenario] = (byScenario[a.scenario] ?? 0) + 1;
    let set = scenariosOf.get(a.source);
    if (!set) scenariosOf.set(a.source, (set = new Set()));
    set.add(a.scenario);
  }

  const byBehaviour: Record<string, { total: number; detected: number }> = {};
  const missed: { ip: string; behaviour: string; events: number }[] = [];
  let detected = 0;
  for (const a of attackers.values()) {
    const behaviour = a.behaviours[0] ?? '?';
    const row = (byBehaviour[behaviour] ??= { total: 0, detected: 0 });
    row.total++;
    if (scenariosOf.has(a.ip)) {
      row.detected++;
      detected++;
    } else missed.push({ ip: a.ip, behaviour, events: a.events });
  }
  missed.sort((x, y) => y.events - x.events || (x.ip < y.ip ? -1 : 1));

  const benign: FlaggedIp[] = [];
  const greyFlagged: FlaggedIp[] = [];
  for (const [ip, scenarios] of scenariosOf) {
    if (attackers.has(ip)) continue;
    const flagged = { ip, scenarios: [...scenarios].sort() };
    const greyCategory = grey.get(ip);
    if (greyCategory !== undefined) greyFlagged.push({ ...flagged, category: greyCategory });
    else benign.push({ ...flagged, category: noisy.get(ip) ?? 'benign' });
  }
  const byIp = (x: FlaggedIp, y: FlaggedIp) => (x.ip < y.ip ? -1 : x.ip > y.ip ? 1 : 0);
  benign.sort(byIp);
  greyFlagged.sort(byIp);

  const pairs = alerts.map((a) => `${a.scenario} ${a.source}`).sort();
  return {
    alerts: alerts.length,
    alertsByScenario: Object.fromEntries(Object.entries(byScenario).sort((x, y) => y[1] - x[1])),
    flaggedSources: scenariosOf.size,
    attackers: {
      total: attackers.size,
      detected,
      byBehaviour: Object.fromEntries(Object.entries(byBehaviour).sort()),
      missedSample: missed.slice(0, SAMPLE).map((m) => `${m.ip} ${m.behaviour} (${m.events} events)`),
    },
    benignFlagged: { count: benign.length, sample: benign.slice(0, SAMPLE) },
    greyFlagged: { count: greyFlagged.length, sample: greyFlagged.slice(0, SAMPLE) },
    digest: createHash('sha256').update(pairs.join('\n')).digest('hex'),
  };
}
