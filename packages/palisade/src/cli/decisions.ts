/**
 * `palisade decisions …`: the decisions bouncers apply, read and changed directly in the database
 * like `cscli decisions` (which goes through the LAPI; the effect on bouncers is the same).
 *
 *   palisade decisions list [--ip|--range|--scope|--value|--type|--origin|--scenario] [--since D]
 *                           [--until D] [--all] [--no-simu] [--limit N] [-o human|json|raw]
 *   palisade decisions add (--ip IP | --range CIDR | --value V [--scope S]) [--duration 4h]
 *                          [--type ban] [--reason R]
 *   palisade decisions delete (--id N | --all | filters)
 *   palisade decisions import -i FILE …   (see decisions-import.ts)
 *
 * `add` creates an alert of kind `cscli` with one decision of origin `cscli`, as cscli does, so
 * `alerts list` shows it too. `delete` expires (until := now) instead of removing rows, so stream
 * bouncers receive the decisions in `deleted`.
 */
import type { Command } from 'commander';
import type { ApiAlert } from '../alerts/api-json.ts';
import type { AlertFilter, AlertRecord, DecisionFilter, DecisionRecord } from '../store/index.ts';
import {
  type AdminDeps,
  adminGroup,
  failure,
  limitFlag,
  type OutputFlags,
  outputFormat,
  type StoreFlags,
  usageError,
  withOutputOption,
  withStore,
  withStoreOptions,
} from './admin-common.ts';
import {
  type AlertFilterFlags,
  alertFilterFromFlags,
  ipFlagsProblem,
  withAlertFilterOptions,
} from './alert-filters.ts';
import { CLI_MACHINE, normaliseScope, parseDecisionDuration, valueProblem } from './decision-values.ts';
import { registerDecisionsImport } from './decisions-import.ts';
import { runDelete } from './delete-selection.ts';
import { dateField, type Field, renderRecords, timeLeft } from './format/output.ts';
import type { CliIo } from './io.ts';

/** Filter flags of `delete`. */
interface FilterFlags extends StoreFlags {
  ip?: string;
  range?: string;
  scope?: string;
  value?: string;
  type?: string;
  origin?: string;
  scenario?: string;
  contained?: boolean;
}

interface ListFlags extends AlertFilterFlags, StoreFlags, OutputFlags {
  all?: boolean;
  simu: boolean;
  limit: string;
}

interface AddFlags extends StoreFlags {
  ip?: string;
  range?: string;
  scope?: string;
  value?: string;
  duration: string;
  type: string;
  reason?: string;
}

interface DeleteFlags extends FilterFlags {
  id?: string;
  all?: boolean;
}

/** Adds the `decisions` command group to `program`. */
export function registerDecisionsCommands(program: Command, io: CliIo, deps: AdminDeps = {}): void {
  const now = deps.now ?? Date.now;
  const decisions = adminGroup(
    program,
    'decisions',
    'list, add, delete and import decisions, in the database',
  );

  const list = withOutputOption(withStoreOptions(decisions.command('list')))
    .description('list active decisions (of alerts that have one)')
    .option('-a, --all', 'also show decisions from the central API and blocklists')
    .option('--no-simu', 'hide simulated decisions')
    .option('-l, --limit <n>', 'at most this many alerts (0 = no limit)', '100');
  withAlertFilterOptions(list, 'decisions').action(async (flags: ListFlags, cmd: Command) =>
    listDecisions(flags, cmd, io, now),
  );

  withStoreOptions(decisions.command('add'))
    .description("add a decision (origin 'cscli', in an alert of kind 'cscli')")
    .option('-i, --ip <ip>', 'the IP to act on (scope Ip)')
    .option('-r, --range <cidr>', 'the range to act on (scope Range)')
    .option('--scope <scope>', 'the scope of --value (default Ip)')
    .option('-v, --value <value>', 'the value to act on, in --scope')
    .option('-d, --duration <duration>', 'how long (Go duration, days allowed: 4h, 30m, 7d)', '4h')
    .option('-t, --type <type>', 'the remediation (ban, captcha, …)', 'ban')
    .option('-R, --reason <reason>', `the reason (default: manual '<type>' from '${CLI_MACHINE}')`)
    .action(async (flags: AddFlags, cmd: Command) => addDecision(flags, cmd, io, now));

  withStoreOptions(decisions.command('delete'))
    .alias('remove')
    .description('expire decisions (bouncers receive them as deleted)')
    .option('--id <id>', 'the decision with this id')
    .option('--all', 'every active decision')
    .option('-i, --ip <ip>', 'decisions on this IP (or on a range containing it)')
    .option('-r, --range <cidr>', 'decisions on this range (or on a range containing it)')
    .option('--scope <scope>', 'decisions with this scope (Ip, Range, AS, Country, …)')
    .option('-v, --value <value>', 'decisions with this exact value')
    .option('-t, --type <type>', 'decisions of this type (ban, captcha, …)')
    .option('--origin <origin>', 'decisions of this origin (crowdsec, cscli, cscli-import, CAPI, lists, …)')
    .option('-s, --scenario <scenario>', 'decisions of this exact scenario / reason')
    .option('--contained', 'with --ip/--range: decisions inside it instead of containing it')
    .action(async (flags: DeleteFlags, cmd: Command) => deleteDecisions(flags, cmd, io, now));

  registerDecisionsImport(decisions, io, deps);
}

async function listDecisions(flags: ListFlags, cmd: Command, io: CliIo, now: () => number): Promise<void> {
  const t = now();
  const filter: AlertFilter = {
    ...alertFilterFromFlags(flags, cmd, t),
    hasActiveDecision: true,
    includeCapi: flags.all === true,
    limit: limitFlag(cmd, flags.limit),
  };
  if (!flags.simu) filter.simulated = false;
  await withStore(flags, cmd, io, async (store) => {
    const alerts = await store.queryAlerts(filter, t);
    const rows: DecisionRow[] = [];
    for (const alert of alerts) {
      for (const d of alert.decisions) {
        if (d.until <= t) continue;
        if (flags.type !== undefined && d.type !== flags.type) continue;
        if (flags.origin !== undefined && d.origin !== flags.origin) continue;
        if (!flags.simu && d.simulated) continue;
        rows.push({ decision: d, alert, now: t });
      }
    }
    io.out(renderRecords(outputFormat(flags), DECISION_FIELDS, rows, 'No active decisions.'));
  });
}

async function addDecision(flags: AddFlags, cmd: Command, io: CliIo, now: () => number): Promise<void> {
  const given = [flags.ip, flags.range, flags.value].filter((v) => v !== undefined).length;
  if (given !== 1) usageError(cmd, 'give exactly one of --ip, --range or --value');
  let scope: string;
  let value: string;
  if (flags.ip !== undefined) {
    if (flags.scope !== undefined) usageError(cmd, '--scope goes with --value, not --ip');
    [scope, value] = ['Ip', flags.ip.trim()];
  } else if (flags.range !== undefined) {
    if (flags.scope !== undefined) usageError(cmd, '--scope goes with --value, not --range');
    [scope, value] = ['Range', flags.range.trim()];
  } else {
    [scope, value] = [normaliseScope(flags.scope ?? 'Ip'), (flags.value as string).trim()];
  }
  const flag = flags.ip !== undefined ? '--ip' : flags.range !== undefined ? '--range' : '--value';
  const problem = valueProblem(scope, value);
  if (problem) usageError(cmd, `${flag}: ${problem}`);
  const ns = parseDecisionDuration(flags.duration);
  if (typeof ns === 'string') usageError(cmd, `--duration: ${ns}`);
  if (flags.type.trim() === '' || /\s/.test(flags.type))
    usageError(cmd, `--type: invalid type '${flags.type}'`);
  const reason = flags.reason ?? `manual '${flags.type}' from '${CLI_MACHINE}'`;
  const at = new Date(now()).toISOString();
  const alert: ApiAlert = {
    capacity: 0,
    decisions: [
      { duration: flags.duration.trim(), origin: 'cscli', scenario: reason, scope, type: flags.type, value },
    ],
    events: [],
    events_count: 1,
    kind: 'cscli',
    labels: [],
    leakspeed: '0',
    message: reason,
    remediation: true,
    scenario: reason,
    scenario_hash: '',
    scenario_version: '',
    simulated: false,
    source: { scope, value, ...(scope === 'Ip' ? { ip: value } : scope === 'Range' ? { range: value } : {}) },
    start_at: at,
    stop_at: at,
  };
  await withStore(flags, cmd, io, async (store) => {
    const result = await store.insertAlerts([{ alert, machineId: CLI_MACHINE }], now());
    if (result.ids.length !== 1)
      failure(io, `the decision on ${scope}:${value} was not stored (invalid value)`);
    io.out(
      `Decision successfully added: ${flags.type} on ${scope}:${value} for ${flags.duration.trim()} (alert ${result.ids[0]})\n`,
    );
  });
}

async function deleteDecisions(
  flags: DeleteFlags,
  cmd: Command,
  io: CliIo,
  now: () => number,
): Promise<void> {
  const problem = ipFlagsProblem(flags);
  if (problem) usageError(cmd, problem);
  const filterGiven = [
    flags.ip,
    flags.range,
    flags.scope,
    flags.value,
    flags.type,
    flags.origin,
    flags.scenario,
  ].some((v) => v !== undefined);
  await runDelete(flags, cmd, io, {
    noun: 'decision',
    filtered: filterGiven,
    filterHint: '--ip, --range, --scope, --value, --type, --origin, --scenario',
    deleteById: (store, id) => store.expireDecisionById(id, now()),
    prepareBulk: () => {
      const filter: DecisionFilter = { includeSimulated: true, contains: !flags.contained };
      if (flags.ip !== undefined) filter.ip = flags.ip;
      if (flags.range !== undefined) filter.range = flags.range;
      if (flags.scope !== undefined) filter.scopes = [normaliseScope(flags.scope)];
      if (flags.value !== undefined) filter.values = [flags.value];
      if (flags.type !== undefined) filter.types = [flags.type];
      if (flags.origin !== undefined) filter.origins = [flags.origin];
      if (flags.scenario !== undefined) filter.scenario = flags.scenario;
      return (store) => store.expireDecisions(filter, now());
    },
  });
}

/** A decision with its alert, as listed. */
interface DecisionRow {
  decision: DecisionRecord;
  alert: AlertRecord;
  now: number;
}

const DECISION_FIELDS: Field<DecisionRow>[] = [
  { header: 'ID', key: 'id', text: (r) => String(r.decision.id), json: (r) => r.decision.id, align: 'right' },
  { header: 'Source', key: 'origin', text: (r) => r.decision.origin },
  // Scope and value are separate in JSON and CSV: scripts must not split on ':' (IPv6 has colons).
  {
    header: 'Scope:Value',
    key: 'scope_value',
    text: (r) => `${r.decision.scope}:${r.decision.value}`,
    tableOnly: true,
  },
  { header: 'Scope', key: 'scope', text: (r) => r.decision.scope, tableHidden: true },
  { header: 'Value', key: 'value', text: (r) => r.decision.value, tableHidden: true },
  { header: 'Reason', key: 'scenario', text: (r) => r.decision.scenario },
  {
    header: 'Action',
    key: 'type',
    text: (r) => (r.decision.simulated ? `(simul)${r.decision.type}` : r.decision.type),
    json: (r) => r.decision.type,
    raw: (r) => r.decision.type,
  },
  { header: 'Country', key: 'country', text: (r) => r.alert.source.cn },
  {
    header: 'AS',
    key: 'as',
    text: (r) => [r.alert.source.asNumber, r.alert.source.asName].filter((s) => s !== '').join(' '),
  },
  {
    header: 'Events',
    key: 'events_count',
    text: (r) => String(r.alert.eventsCount),
    json: (r) => r.alert.eventsCount,
    align: 'right',
  },
  { header: 'Expiration', key: 'duration', text: (r) => timeLeft(r.decision.until, r.now) },
  {
    header: 'Alert ID',
    key: 'alert_id',
    text: (r) => String(r.alert.id),
    json: (r) => r.alert.id,
    align: 'right',
  },
  {
    header: 'Simulated',
    key: 'simulated',
    text: (r) => String(r.decision.simulated),
    json: (r) => r.decision.simulated,
    tableHidden: true,
  },
  dateField('Until', 'until', (r) => r.decision.until, true),
  { header: 'UUID', key: 'uuid', text: (r) => r.decision.uuid, tableHidden: true },
];
