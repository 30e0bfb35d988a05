/**
 * `palisade alerts inspect`: one alert in full, as text (like cscli's inspect: a summary, the
 * context meta, the decisions, and with `-d` the events) or as JSON in the LAPI's alert shape
 * (snake_case keys of the swagger `Alert` model, with ids and decision expiry added).
 */
import type { AlertRecord, DecisionRecord } from '../store/index.ts';
import { dateField, dateJson, dateText, type Field, renderRecords, timeLeft } from './format/output.ts';
import { printable, renderTable } from './format/table.ts';

/** The alert as a JSON object with stable snake_case keys (the LAPI's names where it has one). */
export function alertJson(a: AlertRecord, now: number): object {
  return {
    id: a.id,
    uuid: a.uuid,
    machine_id: a.machineId,
    created_at: dateJson(a.createdAt),
    kind: a.kind,
    scenario: a.scenario,
    scenario_hash: a.scenarioHash,
    scenario_version: a.scenarioVersion,
    message: a.message,
    events_count: a.eventsCount,
    start_at: dateJson(a.startedAt),
    stop_at: dateJson(a.stoppedAt),
    capacity: a.capacity,
    leakspeed: a.leakSpeed,
    simulated: a.simulated,
    remediation: a.remediation,
    labels: a.labels,
    source: {
      scope: a.source.scope,
      value: a.source.value,
      ip: a.source.ip,
      range: a.source.range,
      as_number: a.source.asNumber,
      as_name: a.source.asName,
      cn: a.source.cn,
      latitude: a.source.latitude,
      longitude: a.source.longitude,
    },
    meta: a.meta,
    decisions: a.decisions.map((d) => ({
      id: d.id,
      uuid: d.uuid,
      origin: d.origin,
      type: d.type,
      scope: d.scope,
      value: d.value,
      scenario: d.scenario,
      duration: timeLeft(d.until, now),
      until: dateJson(d.until),
      simulated: d.simulated,
      created_at: dateJson(d.createdAt),
    })),
    events: a.events.map((e) => ({ timestamp: e.timestamp || dateJson(e.time), meta: e.meta })),
  };
}

/** The human view of an alert; `details` adds its events. */
export function renderAlertDetails(a: AlertRecord, now: number, details: boolean): string {
  const scopeValue =
    a.source.scope === '' && a.source.value === '' ? '' : `${a.source.scope}:${a.source.value}`;
  const summary: [string, string][] = [
    ['ID', String(a.id)],
    ['Date', dateText(a.createdAt)],
    ['Machine', a.machineId],
    ['Kind', a.kind],
    ['Simulation', String(a.simulated)],
    ['Remediation', String(a.remediation)],
    ['Reason', a.scenario],
    ['Events Count', String(a.eventsCount)],
    ['Scope:Value', scopeValue],
    ['Country', a.source.cn],
    ['AS', [a.source.asNumber, a.source.asName].filter((s) => s !== '').join(' ')],
    ['Begin', dateText(a.startedAt)],
    ['End', dateText(a.stoppedAt)],
    ['UUID', a.uuid],
  ];
  const label = Math.max(...summary.map(([k]) => k.length));
  let out = `\n${summary.map(([k, v]) => ` - ${k.padEnd(label)} : ${printable(v)}`).join('\n')}\n`;
  if (a.meta.length > 0) {
    out += '\n - Context  :\n';
    out += renderTable(
      [{ header: 'Key' }, { header: 'Value' }],
      a.meta.map((m) => [m.key, m.value]),
    );
  }
  out += '\n - Decisions:\n';
  out +=
    a.decisions.length === 0
      ? '   none\n'
      : renderRecords(
          'human',
          ALERT_DECISION_FIELDS,
          a.decisions.map((d) => ({ d, now })),
          '',
        );
  if (details) {
    out += '\n - Events  :\n';
    if (a.events.length === 0) out += '   none\n';
    for (const e of a.events) {
      out += `\n - Date: ${printable(e.timestamp || dateText(e.time))}\n`;
      out += renderTable(
        [{ header: 'Key' }, { header: 'Value' }],
        e.meta.map((m) => [m.key, m.value]),
      );
    }
  }
  return out;
}

/** A decision of an inspected alert, with the time used for "time left". */
export interface TimedDecision {
  d: DecisionRecord;
  now: number;
}

/** Columns of the decisions of `alerts inspect` (table and `-o raw`). */
export const ALERT_DECISION_FIELDS: Field<TimedDecision>[] = [
  { header: 'ID', key: 'id', text: (r) => String(r.d.id), json: (r) => r.d.id, align: 'right' },
  { header: 'Scope:Value', key: 'scope_value', text: (r) => `${r.d.scope}:${r.d.value}`, tableOnly: true },
  { header: 'Scope', key: 'scope', text: (r) => r.d.scope, tableHidden: true },
  { header: 'Value', key: 'value', text: (r) => r.d.value, tableHidden: true },
  { header: 'Action', key: 'type', text: (r) => r.d.type },
  { header: 'Origin', key: 'origin', text: (r) => r.d.origin },
  { header: 'Reason', key: 'scenario', text: (r) => r.d.scenario, tableHidden: true },
  {
    header: 'Expiration',
    key: 'duration',
    text: (r) => (r.d.until <= r.now ? 'expired' : timeLeft(r.d.until, r.now)),
    raw: (r) => timeLeft(r.d.until, r.now),
  },
  dateField('Until', 'until', (r) => r.d.until, true),
  dateField('Created At', 'created_at', (r) => r.d.createdAt),
];
