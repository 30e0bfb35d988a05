/**
 * The public contract of the LAPI store: records, filters and the `Store` interface.
 *
 * Conventions (all methods):
 * - Times are UTC epoch **milliseconds** (`number`); `null` means "never/unset".
 * - Scopes given in filters are normalised like CrowdSec (`ip`→`Ip`, `range`→`Range`, `as`→`AS`,
 *   `country`→`Country`, case-insensitive; other scopes kept verbatim) before use.
 * - `now` parameters default to the store's clock (`OpenStoreOptions.clock`, default `Date.now`).
 * - User-caused errors (invalid IP/range in a filter, unparsable duration in an input decision,
 *   duplicate machine/bouncer name) are thrown as `StoreError` with a `code`; everything else is a
 *   database error and propagates as is.
 */
import type { ApiAlert } from '../alerts/api-json.ts';

/** CrowdSec's `db_config` block (YAML keys kept as they are). */
export interface DbConfig {
  /** `sqlite` (default) or `postgresql` / `postgres` / `pgx` (all three mean PostgreSQL). */
  type?: string;
  /** SQLite file path (`:memory:` allowed for tests). */
  db_path?: string;
  /** SQLite: journal mode WAL (default true; `false` keeps the rollback journal). */
  use_wal?: boolean;
  user?: string;
  password?: string;
  db_name?: string;
  host?: string;
  port?: number;
  /** PostgreSQL `sslmode` (`disable`, `require`, `verify-ca`, `verify-full`, ...). */
  sslmode?: string;
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  /** PostgreSQL pool size (default 100 like CrowdSec; SQLite ignores it). */
  max_open_conns?: number;
  /** Retention rules; absent ⇒ `flush()` deletes nothing (CrowdSec behaviour). */
  flush?: FlushConfig;
  /** PostgreSQL schema to use (our extension, default `public`; tests use a fresh one per run). */
  schema?: string;
}

/** `db_config.flush`: durations already parsed to milliseconds by the config loader. */
export interface FlushConfig {
  /** Keep at most this many alerts (alerts with an active decision are always kept). */
  max_items?: number;
  /** Delete alerts created more than this many ms ago (unless they have an active decision). */
  max_age?: number;
  /** Delete usage-metrics rows received more than this many ms ago (default 7 days). */
  metrics_max_age?: number;
  /** Delete bouncers whose `last_pull` is older than this (per auth type, ms). */
  bouncers_autodelete?: { api_key?: number; cert?: number };
  /** Delete machines without alerts whose `last_heartbeat` is older than this (per auth type, ms). */
  agents_autodelete?: { cert?: number; login_password?: number };
}

/** Options of `openStore` that are not part of CrowdSec's configuration. */
export interface OpenStoreOptions {
  /** The time source in epoch ms (tests pin it). Default `Date.now`. */
  clock?: () => number;
  /** SQLite busy timeout in ms (default 10000). */
  busyTimeoutMs?: number;
  /** bcrypt cost used when the store hashes a machine password (default 10, Go's default cost). */
  bcryptCost?: number;
}

/** Which database a store talks to. */
export type StoreDialect = 'sqlite' | 'postgresql';

/** Thrown for errors the caller caused; `code` tells the LAPI which HTTP status to use. */
export class StoreError extends Error {
  /** `conflict` (→403 "already exist"), `not_found` (→404), `invalid` (→500 like CrowdSec). */
  readonly code: 'conflict' | 'not_found' | 'invalid';
  constructor(code: 'conflict' | 'not_found' | 'invalid', message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Machines

/** A row of `machines`. */
export interface MachineRecord {
  id: number;
  machineId: string;
  /** bcrypt hash. */
  passwordHash: string;
  ipAddress: string;
  scenarios: string;
  version: string;
  isValidated: boolean;
  /** `password` or `tls`. */
  authType: string;
  lastPush: number | null;
  lastHeartbeat: number | null;
  osName: string;
  osFamily: string;
  osVersion: string;
  featureFlags: string;
  /** JSON text (CrowdSec hubstate map) or '' when unknown. */
  hubstate: string;
  /** JSON text (datasource → count) or '' when unknown. */
  datasources: string;
  createdAt: number;
  updatedAt: number;
}

/** Input of `createMachine`: give `password` (hashed with bcrypt here) or `passwordHash`. */
export interface NewMachine {
  machineId: string;
  password?: string;
  passwordHash?: string;
  ipAddress?: string;
  isValidated?: boolean;
  authType?: 'password' | 'tls';
  /** Replace an existing machine with the same id instead of failing (`cscli machines add --force`). */
  force?: boolean;
}

/** Fields `updateMachine` can change (absent = unchanged). */
export interface MachinePatch {
  ipAddress?: string;
  version?: string;
  scenarios?: string;
  lastPush?: number;
  lastHeartbeat?: number;
  isValidated?: boolean;
  password?: string;
  passwordHash?: string;
  osName?: string;
  osFamily?: string;
  osVersion?: string;
  featureFlags?: string;
  hubstate?: string;
  datasources?: string;
}

// ---------------------------------------------------------------------------------------------
// Bouncers

/** A row of `bouncers` (one per API key and client IP, §1.2). */
export interface BouncerRecord {
  id: number;
  name: string;
  /** Lowercase hex SHA-512 of the API key. */
  apiKeyHash: string;
  ipAddress: string;
  type: string;
  version: string;
  /** Last pull (stream or live), for display, autodelete and CAPI metrics. */
  lastPull: number | null;
  /** `api-key` or `tls`. */
  authType: string;
  autoCreated: boolean;
  osName: string;
  osFamily: string;
  osVersion: string;
  featureFlags: string;
  /** The stream cursor: last acknowledged change sequence (null: never completed a stream). */
  streamSeq: number | null;
  /** The stream cursor: request time of the last acknowledged stream. */
  streamT0: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Input of `createBouncer`: give `apiKey` (hashed here) or `apiKeyHash`. */
export interface NewBouncer {
  name: string;
  apiKey?: string;
  apiKeyHash?: string;
  ipAddress?: string;
  authType?: 'api-key' | 'tls';
  autoCreated?: boolean;
  type?: string;
  version?: string;
}

/** Fields `updateBouncer` can change (absent = unchanged). */
export interface BouncerPatch {
  lastPull?: number;
  ipAddress?: string;
  type?: string;
  version?: string;
  osName?: string;
  osFamily?: string;
  osVersion?: string;
  featureFlags?: string;
}

// ---------------------------------------------------------------------------------------------
// Alerts and decisions

/** A decision as stored (also used for the stream; tombstones come back with the same shape). */
export interface DecisionRecord {
  id: number;
  uuid: string;
  alertId: number;
  origin: string;
  type: string;
  scope: string;
  value: string;
  scenario: string;
  /** Expiry time (ms). `duration` on the wire = until − now. */
  until: number;
  simulated: boolean;
  createdAt: number;
  /** 4, 16, or 0 for non-IP scopes. */
  ipSize: number;
}

/** An event of an alert. */
export interface EventRecord {
  id: number;
  /** Event time (ms). */
  time: number;
  /** The original timestamp text as received. */
  timestamp: string;
  /** Meta items (decoded from the stored JSON). */
  meta: { key: string; value: string }[];
}

/** A stored alert, with its children when asked for. */
export interface AlertRecord {
  id: number;
  uuid: string;
  machineId: string;
  scenario: string;
  scenarioHash: string;
  scenarioVersion: string;
  message: string;
  eventsCount: number;
  startedAt: number;
  stoppedAt: number;
  capacity: number;
  leakSpeed: string;
  simulated: boolean;
  remediation: boolean;
  kind: string;
  labels: string[];
  source: {
    scope: string;
    value: string;
    ip: string;
    range: string;
    asNumber: string;
    asName: string;
    cn: string;
    latitude: number;
    longitude: number;
  };
  createdAt: number;
  decisions: DecisionRecord[];
  events: EventRecord[];
  meta: { key: string; value: string }[];
}

/**
 * One alert to insert: the `POST /v1/alerts` JSON after profiles ran (its `decisions` are the final
 * ones; each decision's `until` = alert `stop_at` + `duration`).
 */
export interface NewAlert {
  alert: ApiAlert;
  /** The machine that sent it (`machine_id` of the JWT); '' for system alerts (CAPI, lists). */
  machineId: string;
}

/** Result of `insertAlerts`: ids of inserted alerts, in input order (dropped alerts omitted). */
export interface InsertAlertsResult {
  ids: number[];
  /** Number of decisions discarded because their IP/range value did not parse. */
  invalidDecisions: number;
  /** Number of alerts dropped because all their decisions were invalid. */
  droppedAlerts: number;
}

/**
 * Decision filters of `GET /v1/decisions` (§3.1), `DELETE /v1/decisions` (§3.2) and the stream (§3).
 * All lists are OR'ed inside and AND'ed together; an empty or absent list does not filter.
 */
export interface DecisionFilter {
  scopes?: string[];
  values?: string[];
  types?: string[];
  origins?: string[];
  /** Case-insensitive substrings of the scenario, OR'ed. */
  scenariosContaining?: string[];
  /** Excluded when any of these is a case-insensitive substring of the scenario. */
  scenariosNotContaining?: string[];
  /** Exact scenario (DELETE /v1/decisions `scenario`). */
  scenario?: string;
  uuids?: string[];
  /** Include simulated decisions (default false: only non-simulated). */
  includeSimulated?: boolean;
  /** IP or CIDR (`ip` / `range` query parameter); invalid ⇒ StoreError('invalid'). */
  ip?: string;
  range?: string;
  /** true (default): decision range ⊇ queried range; false: decision range ⊆ queried range. */
  contains?: boolean;
  limit?: number;
  offset?: number;
}

/** `streamDecisions` request. */
export interface StreamRequest {
  /** The bouncer row (its cursor is read from the database). */
  bouncerId: number;
  /** `startup=true`. */
  startup: boolean;
  /** Filters (the LAPI applies the default scopes `Ip,Range` when the query has none). */
  filter: DecisionFilter;
  /** Longest `until` per (value,type,scope), computed within the filters (default true). */
  dedup?: boolean;
  /** Request start time (default: clock). */
  t0?: number;
  /** Rows per page (default 10000). */
  pageSize?: number;
}

/** The cursor to store with `ackStream` once the response was sent completely. */
export interface StreamCursor {
  seq: number;
  t0: number;
}

/** An open stream: iterate `new` fully, then `deleted`, then call `ackStream(bouncerId, cursor)`. */
export interface DecisionStream {
  cursor: StreamCursor;
  /** Pages of active decisions to add. */
  new: AsyncIterable<DecisionRecord[]>;
  /** Pages of decisions to remove (expired, expired early, or hard-deleted tombstones). */
  deleted: AsyncIterable<DecisionRecord[]>;
  /** True when both lists are known to be empty (nothing changed since the cursor). */
  empty?: boolean;
  /**
   * False when `ackStream` may be skipped after a complete response: nothing moved and
   * `last_pull` is recent (see IDLE_LAST_PULL_MS in stream.ts). Absent means true.
   */
  ackNeeded?: boolean;
}

/** Alert filters of `GET`/`DELETE /v1/alerts` (§3.3); durations are converted to times by the caller. */
export interface AlertFilter {
  /** Source scope (normalised). */
  scope?: string;
  /** Source value (exact). */
  value?: string;
  /** Alert scenario, or any of its decisions' scenario (exact). */
  scenario?: string;
  /** IP or CIDR matched against the alert's decisions' ranges (with `contains`). */
  ip?: string;
  range?: string;
  contains?: boolean;
  /** `since`: started_at >= this. */
  startedAfter?: number;
  /** `until`: started_at <= this. */
  startedBefore?: number;
  /** `created_before`: created_at <= this. */
  createdBefore?: number;
  decisionType?: string;
  /** Decision origin (implies includeCapi). */
  origin?: string;
  /** false: drop CAPI/lists alerts (default true). */
  includeCapi?: boolean;
  /** true: some decision active; false: alerts without decisions. */
  hasActiveDecision?: boolean;
  kind?: string;
  /** false: exclude simulated alerts. */
  simulated?: boolean;
  /** Default 100; 0 = no limit. Ignored by deletes. */
  limit?: number;
  /** By created_at then id; default DESC. */
  sort?: 'ASC' | 'DESC';
  /** Load decisions (default true); events and meta are always loaded by `queryAlerts`. */
  withDecisions?: boolean;
}

/** One row of `countActiveDecisions` (Prometheus `cs_active_decisions`). */
export interface ActiveDecisionCount {
  scenario: string;
  origin: string;
  type: string;
  count: number;
}

/** A usage-metrics row (`POST /v1/usage-metrics`). */
export interface UsageMetricsRecord {
  id: number;
  /** `LP` (log processor / machine) or `RC` (remediation component / bouncer). */
  generatedType: 'LP' | 'RC';
  generatedBy: string;
  receivedAt: number;
  pushedAt: number | null;
  /** JSON text. */
  payload: string;
}

/** What `flush` deleted. */
export interface FlushReport {
  alertsByAge: number;
  alertsByCount: number;
  orphanEvents: number;
  tombstones: number;
  metrics: number;
  bouncers: number;
  machines: number;
}

/** Inside-store counts for tests and status pages. */
export interface StoreStats {
  machines: number;
  bouncers: number;
  alerts: number;
  decisions: number;
  tombstones: number;
  changeSeq: number;
}

/**
 * The LAPI store. Create with `openStore`; every method is safe to call concurrently.
 */
export interface Store {
  readonly dialect: StoreDialect;

  // machines
  /** Creates a machine; StoreError('conflict', "user '<id>': user already exist") when it exists. */
  createMachine(m: NewMachine): Promise<MachineRecord>;
  getMachine(machineId: string): Promise<MachineRecord | undefined>;
  listMachines(): Promise<MachineRecord[]>;
  /** Updates fields; false when the machine does not exist. */
  updateMachine(machineId: string, patch: MachinePatch): Promise<boolean>;
  validateMachine(machineId: string): Promise<boolean>;
  deleteMachine(machineId: string): Promise<boolean>;
  /** bcrypt comparison against the stored hash (false when unknown machine). */
  checkMachinePassword(machineId: string, password: string): Promise<boolean>;

  // bouncers
  /** Creates a bouncer; StoreError('conflict') when the name exists. */
  createBouncer(b: NewBouncer): Promise<BouncerRecord>;
  getBouncer(name: string): Promise<BouncerRecord | undefined>;
  getBouncerById(id: number): Promise<BouncerRecord | undefined>;
  listBouncers(): Promise<BouncerRecord[]>;
  /** Deletes by name; false when absent. */
  deleteBouncer(name: string): Promise<boolean>;
  updateBouncer(id: number, patch: BouncerPatch): Promise<boolean>;
  /** Any bouncer row with this key hash exists (HEAD requests: no row creation). */
  bouncerKeyExists(apiKeyHash: string): Promise<boolean>;
  /**
   * The per-IP identity of §1.2, in one transaction: row with (hash, ip); else the single row with
   * this hash and no IP (its IP gets filled); else a new auto-created `<base>@<ip>` row with the same
   * hash. Undefined when no row has this hash.
   */
  resolveBouncer(apiKeyHash: string, clientIp: string): Promise<BouncerRecord | undefined>;

  // alerts
  /** Inserts alerts with events/meta/decisions (transactions of 50 alerts); sets machine last_push. */
  insertAlerts(alerts: NewAlert[], now?: number): Promise<InsertAlertsResult>;
  getAlert(id: number): Promise<AlertRecord | undefined>;
  queryAlerts(filter: AlertFilter, now?: number): Promise<AlertRecord[]>;
  /** Hard delete of matching alerts; their decisions leave tombstones. Returns the count. */
  deleteAlerts(filter: AlertFilter, now?: number): Promise<number>;
  deleteAlertById(id: number, now?: number): Promise<boolean>;

  // decisions
  /** Active decisions (`until > now`) matching the filter, by id. */
  queryDecisions(filter: DecisionFilter, now?: number): Promise<DecisionRecord[]>;
  /** Expires matching active decisions (`until := now`); returns the count. */
  expireDecisions(filter: DecisionFilter, now?: number): Promise<number>;
  /** Expires one decision (even if already expired); false when it does not exist. */
  expireDecisionById(id: number, now?: number): Promise<boolean>;
  /** Opens a stream for a bouncer (§3 made exact by the change sequence). */
  streamDecisions(req: StreamRequest): Promise<DecisionStream>;
  /** Stores the cursor after a complete response (never moves backwards); updates last_pull. */
  ackStream(bouncerId: number, cursor: StreamCursor): Promise<void>;
  countActiveDecisions(now?: number): Promise<ActiveDecisionCount[]>;
  /** Alerts per scenario, excluding CAPI/lists alerts (Prometheus `cs_alerts`). */
  countAlertsByScenario(): Promise<{ scenario: string; count: number }[]>;

  // usage metrics
  insertUsageMetrics(m: Omit<UsageMetricsRecord, 'id' | 'pushedAt'>): Promise<number>;
  listUnpushedMetrics(limit?: number): Promise<UsageMetricsRecord[]>;
  markMetricsPushed(ids: number[], at: number): Promise<void>;

  // config items and locks
  getConfigItem(name: string): Promise<string | undefined>;
  setConfigItem(name: string, value: string): Promise<void>;
  /** Takes a named lock (stale locks older than `staleMs` are replaced); false when held. */
  acquireLock(name: string, staleMs: number, now?: number): Promise<boolean>;
  releaseLock(name: string): Promise<void>;

  // retention
  /** Applies `db_config.flush` (§5.1) once. */
  flush(now?: number): Promise<FlushReport>;

  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
