/**
 * Loading of a CrowdSec-style `config.yaml`: `${ENV}` expansion, strict keys (an unknown key is
 * an error naming its file and line, as CrowdSec's `KnownFields(true)` decoding is), typed values
 * with defaults. Sections the LAPI does not use (`common` apart from its log level,
 * `crowdsec_service`, `cscli`, `plugin_config`, `api.client`, `api.cti`, `online_client`) are
 * accepted as they are, so that a real CrowdSec file loads.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import type { Node } from 'yaml';
import { parseDurationWithDays } from '../expr/helpers/decisions.ts';
import { Decoder, type Field } from '../hub/decode.ts';
import { YamlSource } from '../hub/yaml-source.ts';
import {
  DEFAULT_AGENTS_OU,
  DEFAULT_BOUNCERS_OU,
  DEFAULT_DATA_DIR,
  DEFAULT_DB_FILE,
  DEFAULT_DECISION_BULK_SIZE,
  DEFAULT_LISTEN_URI,
  DEFAULT_MAX_OPEN_CONNS,
  DEFAULT_METRICS_MAX_AGE_MS,
  DEFAULT_PROMETHEUS,
  DEFAULT_TRUSTED_IPS,
} from './defaults.ts';
import { ConfigError } from './errors.ts';
import { expandEnv } from './expand-env.ts';
import type {
  ClientVerification,
  DbConfig,
  FlushConfig,
  PalisadeConfig,
  PrometheusConfig,
  ServerConfig,
  TlsConfig,
} from './types.ts';

/** Options of the loaders. */
export interface LoadConfigOptions {
  /** Variables for `${NAME}` expansion; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Base of relative paths; default process.cwd(). */
  readonly cwd?: string;
}

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);

const TOP = keys(
  'common',
  'prometheus',
  'config_paths',
  'crowdsec_service',
  'cscli',
  'db_config',
  'api',
  'plugin_config',
);
const CONFIG_PATHS = keys(
  'config_dir',
  'data_dir',
  'simulation_path',
  'hub_dir',
  'index_path',
  'notification_dir',
  'plugin_dir',
  'pattern_dir',
);
const API = keys('client', 'server', 'cti');
const SERVER = keys(
  'enable',
  'listen_uri',
  'listen_socket',
  'tls',
  'profiles_path',
  'console_path',
  'online_client',
  'trusted_ips',
  'log_level',
  'log_media',
  'log_dir',
  'log_max_size',
  'log_max_age',
  'log_max_files',
  'compress_logs',
  'use_forwarded_for_headers',
  'trusted_proxies',
  'auto_registration',
  'disable_remote_lapi_registration',
  'capi_whitelists_path',
  'disable_usage_metrics_export',
);
const TLS = keys(
  'cert_file',
  'key_file',
  'ca_cert_path',
  'client_verification',
  'agents_allowed_ou',
  'bouncers_allowed_ou',
  'crl_path',
  'cache_expiration',
);
const AUTO_REG = keys('enabled', 'token', 'allowed_ranges');
const DB = keys(
  'log_level',
  'type',
  'db_path',
  'user',
  'password',
  'db_name',
  'host',
  'port',
  'sslmode',
  'ssl_ca_cert',
  'ssl_client_cert',
  'ssl_client_key',
  'max_open_conns',
  'use_wal',
  'flush',
  'decision_bulk_size',
);
const FLUSH = keys('max_items', 'max_age', 'metrics_max_age', 'bouncers_autodelete', 'agents_autodelete');
const BOUNCER_AUTODELETE = keys('api_key', 'cert');
const AGENT_AUTODELETE = keys('cert', 'login_password');
const PROMETHEUS = keys('enabled', 'level', 'listen_addr', 'listen_port');
const CLIENT_VERIFICATION: readonly ClientVerification[] = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
];

/**
 * Reads and decodes the configuration file at `path`. Throws ConfigError (every problem as
 * `file:line: message`) when the file is unreadable or invalid.
 */
export function loadConfigFile(path: string, options: LoadConfigOptions = {}): PalisadeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError([`${path}: cannot read configuration: ${why}`], { cause: err });
  }
  return parseConfig(path, text, options);
}

/** The configuration used when no file is given: every default. */
export function defaultConfig(options: LoadConfigOptions = {}): PalisadeConfig {
  return parseConfig('', '', options);
}

/**
 * Decodes configuration `text` (read from `file`, used in error positions; '' for built-in
 * defaults). Throws ConfigError listing every problem.
 */
export function parseConfig(file: string, text: string, options: LoadConfigOptions = {}): PalisadeConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const { source, errors } = YamlSource.parse(file || '<defaults>', expandEnv(text, env));
  if (errors.length > 0) throw ConfigError.fromHubErrors(errors);
  if (source.documents.length > 1) {
    throw new ConfigError([`${file}: expected one YAML document, found ${source.documents.length}`]);
  }
  const d = new Decoder(source);
  const root = d.struct(source.documents[0]?.root ?? null, TOP, 'configuration');
  const abs = (p: string): string => resolve(cwd, p);

  const paths = d.struct(node(root, 'config_paths'), CONFIG_PATHS, 'config_paths');
  const dataDir = abs(d.string(paths.get('data_dir')) || DEFAULT_DATA_DIR);
  const configDir = abs(d.string(paths.get('config_dir')) || '.');

  const common = root.get('common')?.value ?? null;
  const logLevel = readCommonLogLevel(d, common) || 'info';

  const api = d.struct(node(root, 'api'), API, 'api');
  const server = readServer(d, node(api, 'server'), abs);
  const dbConfig = readDb(d, root.get('db_config'), dataDir, abs);
  const prometheus = readPrometheus(d, root.get('prometheus'), file === '');

  if (d.errors.length > 0) throw ConfigError.fromHubErrors(d.errors);
  return { file, configPaths: { configDir, dataDir }, api: { server }, dbConfig, prometheus, logLevel };
}

function node(struct: Map<string, Field>, key: string): Node | null {
  return struct.get(key)?.value ?? null;
}

function readCommonLogLevel(d: Decoder, common: Node | null): string {
  // `common` belongs to the agent too: only its log level matters here, other keys are accepted.
  for (const e of d.entries(
    common ? { key: 'common', keyAt: d.source.at(common), value: common } : undefined,
  )) {
    if (e.key === 'log_level')
      return d.string({ key: 'log_level', keyAt: d.source.at(e.keyNode), value: e.value });
  }
  return '';
}

function readServer(d: Decoder, n: Node | null, abs: (p: string) => string): ServerConfig {
  const s = d.struct(n, SERVER, 'api.server');
  const enable = s.get('enable');
  const listenUri = d.string(s.get('listen_uri')) || DEFAULT_LISTEN_URI;
  if (s.has('listen_uri')) checkListenUri(d, s.get('listen_uri')!, listenUri);
  const trustedIps = s.has('trusted_ips') ? cidrList(d, s.get('trusted_ips')) : [...DEFAULT_TRUSTED_IPS];
  const useForwarded = d.bool(s.get('use_forwarded_for_headers'));
  let trustedProxies = cidrList(d, s.get('trusted_proxies'));
  // CrowdSec: enabling the headers without naming proxies trusts every peer.
  if (useForwarded && trustedProxies.length === 0) trustedProxies = ['0.0.0.0/0', '::/0'];
  const ar = d.struct(node(s, 'auto_registration'), AUTO_REG, 'api.server.auto_registration');
  const autoRegistration = {
    enabled: d.bool(ar.get('enabled')),
    token: d.string(ar.get('token')),
    allowedRanges: cidrList(d, ar.get('allowed_ranges')),
  };
  if (autoRegistration.enabled && autoRegistration.token.length < 32) {
    d.fail(
      ar.get('token')?.keyAt ?? ar.get('enabled')!.keyAt,
      'auto_registration.token must be at least 32 characters',
    );
  }
  const profilesPath = d.string(s.get('profiles_path'));
  return {
    enabled: enable ? d.bool(enable) : true,
    listenUri,
    profilesPath: profilesPath ? abs(profilesPath) : '',
    trustedIps,
    trustedProxies,
    useForwardedForHeaders: useForwarded || trustedProxies.length > 0,
    autoRegistration,
    disableRemoteLapiRegistration: d.bool(s.get('disable_remote_lapi_registration')),
    tls: readTls(d, s.get('tls'), abs),
  };
}

function readTls(d: Decoder, f: Field | undefined, abs: (p: string) => string): TlsConfig | null {
  const t = d.struct(f?.value ?? null, TLS, 'api.server.tls');
  const certFile = d.string(t.get('cert_file'));
  const keyFile = d.string(t.get('key_file'));
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    d.fail(f!.keyAt, 'api.server.tls needs both cert_file and key_file');
    return null;
  }
  const cv = d.string(t.get('client_verification')) || 'VerifyClientCertIfGiven';
  if (!(CLIENT_VERIFICATION as readonly string[]).includes(cv)) {
    d.fail(
      t.get('client_verification')!.value,
      `unknown client_verification "${cv}" (one of ${CLIENT_VERIFICATION.join(', ')})`,
    );
  }
  const ouList = (key: string, dflt: readonly string[]): string[] => {
    if (!t.has(key)) return [...dflt];
    const items = d.stringList(t.get(key));
    for (const it of items) if (it.text === '') d.fail(it.node, `${key}: an empty OU is not allowed`);
    return items.map((it) => it.text);
  };
  const caCertPath = d.string(t.get('ca_cert_path'));
  const crlPath = d.string(t.get('crl_path'));
  return {
    certFile: abs(certFile),
    keyFile: abs(keyFile),
    caCertPath: caCertPath ? abs(caCertPath) : '',
    clientVerification: cv as ClientVerification,
    agentsAllowedOu: ouList('agents_allowed_ou', DEFAULT_AGENTS_OU),
    bouncersAllowedOu: ouList('bouncers_allowed_ou', DEFAULT_BOUNCERS_OU),
    crlPath: crlPath ? abs(crlPath) : '',
  };
}

function readDb(d: Decoder, f: Field | undefined, dataDir: string, abs: (p: string) => string): DbConfig {
  const s = d.struct(f?.value ?? null, DB, 'db_config');
  const rawType = d.string(s.get('type')) || 'sqlite';
  let type: DbConfig['type'] = 'sqlite';
  if (rawType === 'postgres' || rawType === 'postgresql' || rawType === 'pgx') type = 'postgres';
  else if (rawType !== 'sqlite')
    d.fail(s.get('type')!.value, `db_config.type "${rawType}" is not supported (sqlite, postgres)`);
  const dbPath = d.string(s.get('db_path'));
  const useWal = s.has('use_wal') ? d.bool(s.get('use_wal')) : null;
  return {
    type,
    dbPath: abs(dbPath || `${dataDir}/${DEFAULT_DB_FILE}`),
    user: d.string(s.get('user')),
    password: d.string(s.get('password')),
    dbName: d.string(s.get('db_name')),
    host: d.string(s.get('host')),
    port: s.has('port') ? d.int(s.get('port')) : 0,
    sslMode: d.string(s.get('sslmode')),
    maxOpenConns: s.has('max_open_conns') ? d.int(s.get('max_open_conns')) : DEFAULT_MAX_OPEN_CONNS,
    useWal,
    decisionBulkSize: s.has('decision_bulk_size')
      ? d.int(s.get('decision_bulk_size'))
      : DEFAULT_DECISION_BULK_SIZE,
    flush: s.has('flush') ? readFlush(d, s.get('flush')!) : null,
  };
}

function readFlush(d: Decoder, f: Field): FlushConfig {
  const s = d.struct(f.value, FLUSH, 'db_config.flush');
  const b = d.struct(
    node(s, 'bouncers_autodelete'),
    BOUNCER_AUTODELETE,
    'db_config.flush.bouncers_autodelete',
  );
  const a = d.struct(node(s, 'agents_autodelete'), AGENT_AUTODELETE, 'db_config.flush.agents_autodelete');
  return {
    maxItems: s.has('max_items') ? d.int(s.get('max_items')) : 0,
    maxAgeMs: duration(d, s.get('max_age'), 0),
    metricsMaxAgeMs: duration(d, s.get('metrics_max_age'), DEFAULT_METRICS_MAX_AGE_MS),
    bouncersAutodelete: { apiKeyMs: duration(d, b.get('api_key'), 0), certMs: duration(d, b.get('cert'), 0) },
    agentsAutodelete: {
      loginPasswordMs: duration(d, a.get('login_password'), 0),
      certMs: duration(d, a.get('cert'), 0),
    },
  };
}

function readPrometheus(d: Decoder, f: Field | undefined, builtIn: boolean): PrometheusConfig {
  if (!f) return builtIn ? { ...DEFAULT_PROMETHEUS } : { ...DEFAULT_PROMETHEUS, enabled: false };
  const s = d.struct(f.value, PROMETHEUS, 'prometheus');
  const port = s.has('listen_port') ? d.int(s.get('listen_port')) : DEFAULT_PROMETHEUS.listenPort;
  if (port < 0 || port > 65535)
    d.fail(s.get('listen_port')!.value, `prometheus.listen_port ${port} is out of range`);
  return {
    enabled: d.bool(s.get('enabled')),
    level: d.string(s.get('level')) || 'full',
    listenAddr: d.string(s.get('listen_addr')) || DEFAULT_PROMETHEUS.listenAddr,
    listenPort: port,
  };
}

/** A duration field (Go syntax plus `d` days), in milliseconds; `dflt` when absent. */
function duration(d: Decoder, f: Field | undefined, dflt: number): number {
  if (!f) return dflt;
  const text = d.string(f);
  if (text === '') return dflt;
  const ns = parseDurationWithDays(text);
  if (ns === undefined || ns < 0) {
    d.fail(f.value, `field "${f.key}": invalid duration "${text}"`);
    return dflt;
  }
  return ns / 1e6;
}

/** A list of IPs or CIDRs; bare IPs become single-address ranges. Invalid entries are errors. */
function cidrList(d: Decoder, f: Field | undefined): string[] {
  const out: string[] = [];
  for (const it of d.stringList(f)) {
    const cidr = normaliseCidr(it.text);
    if (cidr === null) d.fail(it.node, `field "${f!.key}": "${it.text}" is not an IP address or range`);
    else out.push(cidr);
  }
  return out;
}

/** `ip` → `ip/32` (or `/128`), `a.b.c.d/n` kept; null when not an address or range. */
export function normaliseCidr(text: string): string | null {
  try {
    if (text.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(text);
      return `${addr.toString()}/${bits}`;
    }
    const addr = ipaddr.parse(text);
    return `${addr.toString()}/${addr.kind() === 'ipv4' ? 32 : 128}`;
  } catch {
    return null;
  }
}

function checkListenUri(d: Decoder, f: Field, uri: string): void {
  if (parseListenUri(uri) === null) d.fail(f.value, `api.server.listen_uri "${uri}" is not host:port`);
}

/** `host:port` (`[v6]:port` for IPv6) split into its parts; null when malformed. */
export function parseListenUri(uri: string): { host: string; port: number } | null {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(uri);
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}
