/**
 * The store's `db_config` (CrowdSec's snake_case keys) from Palisade's typed configuration.
 */
import type { DbConfig } from '../config/types.ts';
import type { DbConfig as StoreDbConfig } from '../store/index.ts';

/** `config` in the shape `openStore` takes. */
export function storeDbConfig(config: DbConfig): StoreDbConfig {
  const out: StoreDbConfig = {
    type: config.type === 'postgres' ? 'postgresql' : 'sqlite',
    db_path: config.dbPath,
    max_open_conns: config.maxOpenConns,
  };
  if (config.useWal !== null) out.use_wal = config.useWal;
  if (config.user) out.user = config.user;
  if (config.password) out.password = config.password;
  if (config.dbName) out.db_name = config.dbName;
  if (config.host) out.host = config.host;
  if (config.port) out.port = config.port;
  if (config.sslMode) out.sslmode = config.sslMode;
  if (config.flush) {
    const f = config.flush;
    out.flush = {
      max_items: f.maxItems || undefined,
      max_age: f.maxAgeMs || undefined,
      metrics_max_age: f.metricsMaxAgeMs,
      bouncers_autodelete: {
        api_key: f.bouncersAutodelete.apiKeyMs || undefined,
        cert: f.bouncersAutodelete.certMs || undefined,
      },
      agents_autodelete: {
        login_password: f.agentsAutodelete.loginPasswordMs || undefined,
        cert: f.agentsAutodelete.certMs || undefined,
      },
    };
  }
  return out;
}
