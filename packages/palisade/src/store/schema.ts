/**
 * The store's tables as Kysely sees them. Conventions shared by both databases:
 * - times are UTC epoch milliseconds in `bigint` columns (exact, ordered, same on both);
 * - booleans are `integer` 0/1 (SQLite has no boolean; one representation keeps mapping trivial);
 * - IP ranges are 32-hex-digit strings (see `values.ts` `IpRange`), compared with the "C" collation.
 */
import type { Generated } from 'kysely';

export interface MachinesTable {
  id: Generated<number>;
  machine_id: string;
  password: string;
  ip_address: string;
  scenarios: string;
  version: string;
  is_validated: number;
  auth_type: string;
  last_push: number | null;
  last_heartbeat: number | null;
  os_name: string;
  os_family: string;
  os_version: string;
  feature_flags: string;
  hubstate: string;
  datasources: string;
  created_at: number;
  updated_at: number;
}

export interface BouncersTable {
  id: Generated<number>;
  name: string;
  api_key_hash: string;
  ip_address: string;
  type: string;
  version: string;
  last_pull: number | null;
  auth_type: string;
  auto_created: number;
  os_name: string;
  os_family: string;
  os_version: string;
  feature_flags: string;
  stream_seq: number | null;
  stream_t0: number | null;
  created_at: number;
  updated_at: number;
}

export interface AlertsTable {
  id: Generated<number>;
  uuid: string;
  machine_id: string;
  scenario: string;
  scenario_hash: string;
  scenario_version: string;
  message: string;
  events_count: number;
  started_at: number;
  stopped_at: number;
  capacity: number;
  leak_speed: string;
  simulated: number;
  remediation: number;
  kind: string;
  labels: string;
  source_scope: string;
  source_value: string;
  source_ip: string;
  source_range: string;
  source_as_number: string;
  source_as_name: string;
  source_country: string;
  source_latitude: number;
  source_longitude: number;
  created_at: number;
}

export interface EventsTable {
  id: Generated<number>;
  alert_id: number;
  time: number;
  timestamp: string;
  serialized: string;
}

export interface MetaTable {
  id: Generated<number>;
  alert_id: number;
  key: string;
  value: string;
}

/** The columns a decision and its tombstone share. */
export interface DecisionColumns {
  uuid: string;
  alert_id: number;
  created_at: number;
  until: number;
  scenario: string;
  type: string;
  scope: string;
  value: string;
  origin: string;
  simulated: number;
  ip_size: number;
  start_ip: string | null;
  end_ip: string | null;
  /** Change sequence of the last insert/expiry (tombstones: of the deletion). */
  seq: number;
}

export interface DecisionsTable extends DecisionColumns {
  id: Generated<number>;
}

/** A hard-deleted decision, kept so that the stream can report it in `deleted`. */
export interface DecisionTombstonesTable extends DecisionColumns {
  /** The id the decision had. */
  id: number;
  deleted_at: number;
}

/** One row (id 1): the last change sequence handed out. */
export interface ChangeCounterTable {
  id: number;
  value: number;
}

export interface ConfigItemsTable {
  id: Generated<number>;
  name: string;
  value: string;
  created_at: number;
  updated_at: number;
}

export interface MetricsTable {
  id: Generated<number>;
  generated_type: string;
  generated_by: string;
  received_at: number;
  pushed_at: number | null;
  payload: string;
}

export interface LocksTable {
  id: Generated<number>;
  name: string;
  created_at: number;
}

export interface MigrationsTable {
  name: string;
  applied_at: number;
}

/** Every table of the store. */
export interface StoreDatabase {
  machines: MachinesTable;
  bouncers: BouncersTable;
  alerts: AlertsTable;
  events: EventsTable;
  meta: MetaTable;
  decisions: DecisionsTable;
  decision_tombstones: DecisionTombstonesTable;
  change_counter: ChangeCounterTable;
  config_items: ConfigItemsTable;
  metrics: MetricsTable;
  locks: LocksTable;
  palisade_migrations: MigrationsTable;
}
