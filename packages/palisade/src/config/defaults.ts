/**
 * Built-in defaults: what `palisade lapi` runs with when no configuration file is given or a key
 * is absent. They start a working LAPI on 127.0.0.1:8080 with an embedded SQLite database under
 * the data directory.
 */

/** `api.server.listen_uri` when absent (CrowdSec's default). */
export const DEFAULT_LISTEN_URI = '127.0.0.1:8080';
/** `config_paths.data_dir` when absent, relative to the working directory. */
export const DEFAULT_DATA_DIR = './data';
/** The SQLite file name inside the data directory when `db_config.db_path` is absent. */
export const DEFAULT_DB_FILE = 'palisade.db';
/** `api.server.trusted_ips` when absent: only local callers may delete alerts. */
export const DEFAULT_TRUSTED_IPS: readonly string[] = ['127.0.0.1', '::1'];
/** `tls.agents_allowed_ou` / `tls.bouncers_allowed_ou` when absent (CrowdSec's defaults). */
export const DEFAULT_AGENTS_OU: readonly string[] = ['agent-ou'];
export const DEFAULT_BOUNCERS_OU: readonly string[] = ['bouncer-ou'];
/** `db_config.flush.metrics_max_age` when absent: 7 days. */
export const DEFAULT_METRICS_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Prometheus listener when no file is given (CrowdSec's shipped config). */
export const DEFAULT_PROMETHEUS = { enabled: true, level: 'full', listenAddr: '127.0.0.1', listenPort: 6060 };
/** `db_config.max_open_conns` when absent. */
export const DEFAULT_MAX_OPEN_CONNS = 100;
/** `db_config.decision_bulk_size` when absent (CrowdSec: 1000, max 2000). */
export const DEFAULT_DECISION_BULK_SIZE = 1000;
