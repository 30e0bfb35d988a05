/**
 * The parts of CrowdSec's `config.yaml` that the Palisade LAPI reads, as typed values with
 * defaults applied. Field names are camelCase forms of the YAML keys; durations are milliseconds.
 */

/** `api.server.tls`. */
export interface TlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  /** CA bundle used to verify client certificates ('' ⇒ the system CAs). */
  readonly caCertPath: string;
  /** Go's `tls.ClientAuthType` name; default `VerifyClientCertIfGiven`. */
  readonly clientVerification: ClientVerification;
  /** OUs a client certificate must carry to act as a machine (agent). */
  readonly agentsAllowedOu: readonly string[];
  /** OUs a client certificate must carry to act as a bouncer. */
  readonly bouncersAllowedOu: readonly string[];
  readonly crlPath: string;
}

/** Go's `tls.ClientAuthType` values as CrowdSec spells them in config. */
export type ClientVerification =
  | 'NoClientCert'
  | 'RequestClientCert'
  | 'RequireAnyClientCert'
  | 'VerifyClientCertIfGiven'
  | 'RequireAndVerifyClientCert';

/** `api.server.auto_registration`. */
export interface AutoRegistrationConfig {
  readonly enabled: boolean;
  /** At least 32 characters when enabled. */
  readonly token: string;
  /** CIDRs (bare IPs become /32 or /128) from which auto-registration is accepted. */
  readonly allowedRanges: readonly string[];
}

/** `api.server`. */
export interface ServerConfig {
  readonly enabled: boolean;
  /** `host:port` (IPv6 hosts in brackets). */
  readonly listenUri: string;
  /** '' ⇒ the default profiles. */
  readonly profilesPath: string;
  /** CIDRs allowed to delete alerts; default 127.0.0.1 and ::1. */
  readonly trustedIps: readonly string[];
  /** Proxies whose X-Forwarded-For / X-Real-IP is believed; empty ⇒ headers ignored. */
  readonly trustedProxies: readonly string[];
  readonly useForwardedForHeaders: boolean;
  readonly autoRegistration: AutoRegistrationConfig;
  readonly disableRemoteLapiRegistration: boolean;
  readonly tls: TlsConfig | null;
}

/** `db_config.flush`. */
export interface FlushConfig {
  /** Keep at most this many alerts (0 ⇒ no limit). */
  readonly maxItems: number;
  /** Delete alerts older than this (0 ⇒ no age limit). */
  readonly maxAgeMs: number;
  /** Delete usage-metrics rows older than this; default 7 days. */
  readonly metricsMaxAgeMs: number;
  readonly bouncersAutodelete: { readonly apiKeyMs: number; readonly certMs: number };
  readonly agentsAutodelete: { readonly loginPasswordMs: number; readonly certMs: number };
}

/** `db_config`. */
export interface DbConfig {
  /** `sqlite` or `postgres` (`postgresql`/`pgx` are read as `postgres`). */
  readonly type: 'sqlite' | 'postgres';
  /** SQLite file (absolute). */
  readonly dbPath: string;
  readonly user: string;
  readonly password: string;
  readonly dbName: string;
  readonly host: string;
  readonly port: number;
  readonly sslMode: string;
  readonly maxOpenConns: number;
  /** SQLite WAL; null ⇒ decided by the store (on). */
  readonly useWal: boolean | null;
  readonly decisionBulkSize: number;
  /** null ⇒ no flushing at all (CrowdSec's behaviour without a `flush` block). */
  readonly flush: FlushConfig | null;
}

/** `prometheus`. */
export interface PrometheusConfig {
  readonly enabled: boolean;
  /** `full`, `aggregated` or `none`. */
  readonly level: string;
  readonly listenAddr: string;
  readonly listenPort: number;
}

/** The whole configuration the LAPI runs with. */
export interface PalisadeConfig {
  /** The file it was read from ('' ⇒ built-in defaults). */
  readonly file: string;
  readonly configPaths: { readonly configDir: string; readonly dataDir: string };
  readonly api: { readonly server: ServerConfig };
  readonly dbConfig: DbConfig;
  readonly prometheus: PrometheusConfig;
  /** `common.log_level` (`info` by default). */
  readonly logLevel: string;
}
