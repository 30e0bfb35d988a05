/**
 * Schema migrations, applied at open in one transaction. The `palisade_migrations` table records
 * what ran, so opening again is a no-op. On PostgreSQL a transaction-scoped advisory lock makes
 * concurrent starts (several LAPI replicas) take turns; on SQLite `BEGIN IMMEDIATE` does the same.
 */
import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  sql,
  type Transaction,
} from 'kysely';
import type { StoreDatabase } from './schema.ts';
import type { StoreDialect } from './types.ts';

/** Arbitrary constant: "PALISADE" folded into an int8, shared by every Palisade process. */
const MIGRATION_LOCK_KEY = 0x50414c4953414445n;

interface Migration {
  name: string;
  up(db: Transaction<StoreDatabase>, dialect: StoreDialect): Promise<void>;
}

type Tx = Transaction<StoreDatabase>;
type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

const notNullText: Col = (c) => c.notNull().defaultTo('');
const notNull: Col = (c) => c.notNull();

/** `create table` with the id column each dialect needs (ids never reused after deletes). */
function createTableWithId(db: Tx, dialect: StoreDialect, name: keyof StoreDatabase) {
  const t = db.schema.createTable(name);
  return dialect === 'sqlite'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

/** IP range columns compare bytewise: PostgreSQL needs the "C" collation for that. */
function hexType(dialect: StoreDialect) {
  return dialect === 'sqlite' ? sql`text` : sql`text collate "C"`;
}

/** The columns decisions and their tombstones share (`DecisionColumns`). */
function addDecisionColumns(t: CreateTableBuilder<any, any>, dialect: StoreDialect, live: boolean) {
  return t
    .addColumn('uuid', 'text', notNullText)
    .addColumn('alert_id', 'bigint', (c) => (live ? c.notNull().references('alerts.id') : c.notNull()))
    .addColumn('created_at', 'bigint', notNull)
    .addColumn('until', 'bigint', notNull)
    .addColumn('scenario', 'text', notNullText)
    .addColumn('type', 'text', notNullText)
    .addColumn('scope', 'text', notNullText)
    .addColumn('value', 'text', notNullText)
    .addColumn('origin', 'text', notNullText)
    .addColumn('simulated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('start_ip', hexType(dialect))
    .addColumn('end_ip', hexType(dialect))
    .addColumn('seq', 'bigint', notNull);
}

const initial: Migration = {
  name: '0001_initial',
  async up(db, dialect) {
    await createTableWithId(db, dialect, 'machines')
      .addColumn('machine_id', 'text', (c) => c.notNull().unique())
      .addColumn('password', 'text', notNull)
      .addColumn('ip_address', 'text', notNullText)
      .addColumn('scenarios', 'text', notNullText)
      .addColumn('version', 'text', notNullText)
      .addColumn('is_validated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('auth_type', 'text', (c) => c.notNull().defaultTo('password'))
      .addColumn('last_push', 'bigint')
      .addColumn('last_heartbeat', 'bigint')
      .addColumn('os_name', 'text', notNullText)
      .addColumn('os_family', 'text', notNullText)
      .addColumn('os_version', 'text', notNullText)
      .addColumn('feature_flags', 'text', notNullText)
      .addColumn('hubstate', 'text', notNullText)
      .addColumn('datasources', 'text', notNullText)
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();

    await createTableWithId(db, dialect, 'bouncers')
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('api_key_hash', 'text', notNull)
      .addColumn('ip_address', 'text', notNullText)
      .addColumn('type', 'text', notNullText)
      .addColumn('version', 'text', notNullText)
      .addColumn('last_pull', 'bigint')
      .addColumn('auth_type', 'text', (c) => c.notNull().defaultTo('api-key'))
      .addColumn('auto_created', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('os_name', 'text', notNullText)
      .addColumn('os_family', 'text', notNullText)
      .addColumn('os_version', 'text', notNullText)
      .addColumn('feature_flags', 'text', notNullText)
      .addColumn('stream_seq', 'bigint')
      .addColumn('stream_t0', 'bigint')
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();
    await db.schema
      .createIndex('bouncers_key_ip')
      .on('bouncers')
      .columns(['api_key_hash', 'ip_address'])
      .execute();

    await createTableWithId(db, dialect, 'alerts')
      .addColumn('uuid', 'text', notNullText)
      .addColumn('machine_id', 'text', notNullText)
      .addColumn('scenario', 'text', notNullText)
      .addColumn('scenario_hash', 'text', notNullText)
      .addColumn('scenario_version', 'text', notNullText)
      .addColumn('message', 'text', notNullText)
      .addColumn('events_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', 'bigint', notNull)
      .addColumn('stopped_at', 'bigint', notNull)
      .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('leak_speed', 'text', notNullText)
      .addColumn('simulated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('remediation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('kind', 'text', notNullText)
      .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('source_scope', 'text', notNullText)
      .addColumn('source_value', 'text', notNullText)
      .addColumn('source_ip', 'text', notNullText)
      .addColumn('source_range', 'text', notNullText)
      .addColumn('source_as_number', 'text', notNullText)
      .addColumn('source_as_name', 'text', notNullText)
      .addColumn('source_country', 'text', notNullText)
      .addColumn('source_latitude', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('source_longitude', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', notNull)
      .execute();
    await db.schema.createIndex('alerts_created').on('alerts').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('alerts_scenario').on('alerts').column('scenario').execute();
    await db.schema.createIndex('alerts_uuid').on('alerts').column('uuid').execute();

    await createTableWithId(db, dialect, 'events')
      .addColumn('alert_id', 'bigint', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
      .addColumn('time', 'bigint', notNull)
      .addColumn('timestamp', 'text', notNullText)
      .addColumn('serialized', 'text', notNullText)
      .execute();
    await db.schema.createIndex('events_alert').on('events').column('alert_id').execute();

    await createTableWithId(db, dialect, 'meta')
      .addColumn('alert_id', 'bigint', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
      .addColumn('key', 'text', notNullText)
      .addColumn('value', 'text', notNullText)
      .execute();
    await db.schema.createIndex('meta_alert').on('meta').column('alert_id').execute();

    // Decisions reference alerts WITHOUT cascade: deleting an alert must go through the code that
    // writes tombstones, and a forgotten path fails loudly instead of hiding deletions from bouncers.
    await addDecisionColumns(createTableWithId(db, dialect, 'decisions'), dialect, true).execute();
    await addDecisionColumns(
      db.schema
        .createTable('decision_tombstones')
        .addColumn('id', 'bigint', notNull)
        .addColumn('deleted_at', 'bigint', notNull),
      dialect,
      false,
    ).execute();
    await db.schema.createIndex('decisions_seq').on('decisions').columns(['seq', 'id']).execute();
    await db.schema.createIndex('decisions_until').on('decisions').columns(['until', 'id']).execute();
    await db.schema
      .createIndex('decisions_vts')
      .on('decisions')
      .columns(['value', 'type', 'scope', 'until'])
      .execute();
    await db.schema
      .createIndex('decisions_ip')
      .on('decisions')
      .columns(['ip_size', 'start_ip', 'end_ip'])
      .execute();
    await db.schema.createIndex('decisions_alert').on('decisions').column('alert_id').execute();
    await db.schema.createIndex('decisions_origin').on('decisions').columns(['origin', 'value']).execute();
    await db.schema.createIndex('tombstones_seq').on('decision_tombstones').columns(['seq', 'id']).execute();
    await db.schema
      .createIndex('tombstones_deleted')
      .on('decision_tombstones')
      .column('deleted_at')
      .execute();

    await db.schema
      .createTable('change_counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'bigint', notNull)
      .execute();
    await db.insertInto('change_counter').values({ id: 1, value: 0 }).execute();

    await createTableWithId(db, dialect, 'config_items')
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('value', 'text', notNullText)
      .addColumn('created_at', 'bigint', notNull)
      .addColumn('updated_at', 'bigint', notNull)
      .execute();

    await createTableWithId(db, dialect, 'metrics')
      .addColumn('generated_type', 'text', notNull)
      .addColumn('generated_by', 'text', notNull)
      .addColumn('received_at', 'bigint', notNull)
      .addColumn('pushed_at', 'bigint')
      .addColumn('payload', 'text', notNull)
      .execute();
    await db.schema.createIndex('metrics_received').on('metrics').column('received_at').execute();

    await createTableWithId(db, dialect, 'locks')
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', notNull)
      .execute();
  },
};

/** Every migration, in order. Append only; never edit one that shipped. */
const MIGRATIONS: readonly Migration[] = [initial];

/** Applies the missing migrations; returns the names applied now (empty when up to date). */
export async function runMigrations(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
  now: number,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgresql')
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`.execute(trx);
    await trx.schema
      .createTable('palisade_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'bigint', notNull)
      .execute();
    const done = new Set(
      (await trx.selectFrom('palisade_migrations').select('name').execute()).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue;
      await m.up(trx, dialect);
      await trx.insertInto('palisade_migrations').values({ name: m.name, applied_at: now }).execute();
      applied.push(m.name);
    }
    return applied;
  });
}
