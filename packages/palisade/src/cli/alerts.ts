/**
 * `palisade alerts …`: the alerts stored by the LAPI, read and deleted directly in the database
 * like `cscli alerts`.
 *
 *   palisade alerts list [filters] [--all] [--limit N] [-o human|json|raw]
 *   palisade alerts inspect ID [-d] [-o human|json|raw]
 *   palisade alerts delete (--id N | --all | filters)
 *
 * `delete` removes the alerts with their decisions, events and meta (a hard delete); the store
 * keeps tombstones of the decisions, so stream bouncers still receive them in `deleted`.
 */
import type { Command } from 'commander';
import type { AlertRecord, DecisionRecord } from '../store/index.ts';
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
  anyAlertFilter,
  withAlertFilterOptions,
} from './alert-filters.ts';
import { ALERT_DECISION_FIELDS, alertJson, renderAlertDetails } from './alerts-inspect.ts';
import { type DeleteSelectionFlags, runDelete } from './delete-selection.ts';
import { dateField, type Field, renderRecords } from './format/output.ts';
import type { CliIo } from './io.ts';

interface ListFlags extends AlertFilterFlags, StoreFlags, OutputFlags {
  all?: boolean;
  limit: string;
  kind?: string;
}

interface InspectFlags extends StoreFlags, OutputFlags {
  details?: boolean;
}

interface DeleteFlags extends AlertFilterFlags, DeleteSelectionFlags {}

/** Adds the `alerts` command group to `program`. */
export function registerAlertsCommands(program: Command, io: CliIo, deps: AdminDeps = {}): void {
  const now = deps.now ?? Date.now;
  const alerts = adminGroup(program, 'alerts', 'list, inspect and delete alerts, in the database');

  const list = withOutputOption(withStoreOptions(alerts.command('list')))
    .description('list alerts, newest first')
    .option('-a, --all', 'also show alerts from the central API and blocklists')
    .option('--kind <kind>', 'alerts of this kind (crowdsec, cscli, capi, …)')
    .option('-l, --limit <n>', 'at most this many alerts (0 = no limit)', '50');
  withAlertFilterOptions(list, 'alerts').action(async (flags: ListFlags, cmd: Command) => {
    const t = now();
    const filter = {
      ...alertFilterFromFlags(flags, cmd, t),
      includeCapi: flags.all === true,
      limit: limitFlag(cmd, flags.limit),
    };
    if (flags.kind !== undefined) filter.kind = flags.kind;
    await withStore(flags, cmd, io, async (store) => {
      const rows = await store.queryAlerts(filter, t);
      io.out(renderRecords(outputFormat(flags), ALERT_FIELDS, rows, 'No alerts found.'));
    });
  });

  withOutputOption(withStoreOptions(alerts.command('inspect')))
    .description('show one alert with its decisions (and its events with -d)')
    .argument('<id>', 'alert id')
    .option('-d, --details', 'also show the events')
    .action(async (id: string, flags: InspectFlags, cmd: Command) => {
      if (!/^\d{1,15}$/.test(id)) usageError(cmd, `<id>: '${id}' is not an alert id`);
      await withStore(flags, cmd, io, async (store) => {
        const alert = await store.getAlert(Number(id));
        if (!alert) return failure(io, `alert ${id} not found`);
        const t = now();
        const format = outputFormat(flags);
        if (format === 'json') io.out(`${JSON.stringify(alertJson(alert, t), null, 2)}\n`);
        else if (format === 'raw')
          io.out(
            renderRecords(
              'raw',
              ALERT_DECISION_FIELDS,
              alert.decisions.map((d) => ({ d, now: t })),
              '',
            ),
          );
        else io.out(renderAlertDetails(alert, t, flags.details === true));
      });
    });

  const del = withStoreOptions(alerts.command('delete'))
    .alias('remove')
    .description('delete alerts with their decisions (bouncers receive the decisions as deleted)')
    .option('--id <id>', 'the alert with this id')
    .option('-a, --all', 'every alert');
  withAlertFilterOptions(del, 'alerts').action(async (flags: DeleteFlags, cmd: Command) => {
    const t = now();
    await runDelete(flags, cmd, io, {
      noun: 'alert',
      filtered: anyAlertFilter(flags),
      filterHint: '--ip, --range, --scope, --value, --scenario, …',
      deleteById: (store, id) => store.deleteAlertById(id, t),
      prepareBulk: (all) => {
        const filter = all ? {} : alertFilterFromFlags(flags, cmd, t);
        return (store) => store.deleteAlerts(filter, t);
      },
    });
  });
}

/** `ban:2 captcha:1`: decision types of an alert with their counts, in first-seen order. */
export function decisionSummary(decisions: readonly DecisionRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of decisions)
    counts[d.type] = (Object.hasOwn(counts, d.type) ? (counts[d.type] as number) : 0) + 1;
  return counts;
}

const ALERT_FIELDS: Field<AlertRecord>[] = [
  { header: 'ID', key: 'id', text: (a) => String(a.id), json: (a) => a.id, align: 'right' },
  {
    header: 'Value',
    key: 'scope_value',
    text: (a) =>
      a.source.scope === '' && a.source.value === '' ? '' : `${a.source.scope}:${a.source.value}`,
    tableOnly: true,
  },
  { header: 'Scope', key: 'scope', text: (a) => a.source.scope, tableHidden: true },
  { header: 'Value', key: 'value', text: (a) => a.source.value, tableHidden: true },
  { header: 'Reason', key: 'scenario', text: (a) => a.scenario },
  { header: 'Country', key: 'country', text: (a) => a.source.cn },
  {
    header: 'AS',
    key: 'as',
    text: (a) => [a.source.asNumber, a.source.asName].filter((s) => s !== '').join(' '),
  },
  {
    header: 'Decisions',
    key: 'decisions',
    text: (a) =>
      Object.entries(decisionSummary(a.decisions))
        .map(([t, n]) => `${t}:${n}`)
        .join(' '),
    json: (a) => decisionSummary(a.decisions),
  },
  { header: 'Kind', key: 'kind', text: (a) => a.kind, tableHidden: true },
  { header: 'Machine', key: 'machine_id', text: (a) => a.machineId, tableHidden: true },
  {
    header: 'Simulated',
    key: 'simulated',
    text: (a) => String(a.simulated),
    json: (a) => a.simulated,
    tableHidden: true,
  },
  dateField('Created At', 'created_at', (a) => a.createdAt),
];
