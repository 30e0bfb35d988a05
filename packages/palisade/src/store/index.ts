/**
 * The LAPI store: machines, bouncers, alerts, decisions (with a monotonic change sequence and
 * tombstones for the decisions stream), usage metrics, config items, locks and retention, on SQLite
 * (`node:sqlite`) or PostgreSQL (`pg`) through Kysely. Only `store/dialects/*` know the drivers.
 *
 * @example
 * const store = await openStore({ type: 'sqlite', db_path: '/var/lib/palisade/palisade.db' });
 * const ids = await store.insertAlerts([{ alert, machineId: 'agent1' }]);
 * await store.close();
 */

export { openStore } from './open.ts';
export type {
  ActiveDecisionCount,
  AlertFilter,
  AlertRecord,
  BouncerPatch,
  BouncerRecord,
  DbConfig,
  DecisionFilter,
  DecisionRecord,
  DecisionStream,
  EventRecord,
  FlushConfig,
  FlushReport,
  InsertAlertsResult,
  MachinePatch,
  MachineRecord,
  NewAlert,
  NewBouncer,
  NewMachine,
  OpenStoreOptions,
  Store,
  StoreDialect,
  StoreStats,
  StreamCursor,
  StreamRequest,
  UsageMetricsRecord,
} from './types.ts';
export { StoreError } from './types.ts';
export { hashApiKey, normalizeScope } from './values.ts';
