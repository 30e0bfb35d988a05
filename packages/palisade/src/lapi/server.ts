/**
 * Runs the LAPI from a configuration: opens the store, loads the profiles, builds the app,
 * listens on `api.server.listen_uri` (TLS when configured), serves Prometheus metrics on their
 * own listener, runs retention, and shuts all of it down in order on `close()`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { loadProfilesFile } from '../alerts/profiles.ts';
import { ConfigError } from '../config/errors.ts';
import { parseListenUri } from '../config/load.ts';
import type { PalisadeConfig, TlsConfig } from '../config/types.ts';
import { openStore, type Store } from '../store/index.ts';
import { buildLapiApp, type LapiApp } from './app.ts';
import { JwtIssuer, jwtSecretFromEnv } from './auth/jwt.ts';
import { LapiMetrics } from './metrics.ts';
import { startMetricsServer } from './metrics-server.ts';
import { type RetentionJob, startRetention } from './retention.ts';
import { storeDbConfig } from './store-config.ts';

/** The version reported by `cs_info`. */
export const LAPI_VERSION = 'v0.1.0';

/** A running LAPI. */
export interface RunningLapi {
  readonly lapi: LapiApp;
  readonly store: Store;
  /** `host:port` the API listens on (port resolved when 0 was asked). */
  readonly address: string;
  /** Stops accepting requests, finishes in-flight work, closes the store. */
  close(): Promise<void>;
}

/** Options of `startLapi`. */
export interface StartOptions {
  readonly log: Logger;
  /** Environment (CS_LAPI_SECRET); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Starts the LAPI described by `config`. Throws ConfigError for unusable configuration. */
export async function startLapi(config: PalisadeConfig, options: StartOptions): Promise<RunningLapi> {
  const log = options.log;
  const server = config.api.server;
  const listen = parseListenUri(server.listenUri);
  if (listen === null)
    throw new ConfigError([`api.server.listen_uri "${server.listenUri}" is not host:port`]);
  const { set: profiles, errors } = loadProfilesFile(server.profilesPath || undefined, {
    onWarning: (m) => log.warn(m),
  });
  if (profiles === null) throw ConfigError.fromHubErrors(errors);
  const secret = jwtSecretFromEnv(options.env ?? process.env);

  if (config.dbConfig.type === 'sqlite')
    mkdirSync(dirname(config.dbConfig.dbPath), { recursive: true, mode: 0o750 });
  const store = await openStore(storeDbConfig(config.dbConfig));
  let lapi: LapiApp | null = null;
  let metricsServer: Server | null = null;
  let retention: RetentionJob | null = null;
  const closeAll = async (): Promise<void> => {
    await retention?.stop();
    if (lapi) {
      await lapi.app.close();
      await lapi.settle();
    }
    if (metricsServer) await new Promise<void>((r) => metricsServer!.close(() => r()));
    await store.close();
  };
  try {
    const metrics = config.prometheus.enabled ? new LapiMetrics(store, LAPI_VERSION) : null;
    lapi = await buildLapiApp(
      { store, server, profiles, jwt: new JwtIssuer(secret), metrics, now: Date.now, log },
      { fastify: server.tls ? { https: tlsOptions(server.tls) } : {} },
    );
    const address = await lapi.app.listen({ host: listen.host, port: listen.port });
    log.info({ address, profiles: profiles.names, db: config.dbConfig.type }, 'LAPI listening');
    if (metrics) {
      const p = config.prometheus;
      metricsServer = await startMetricsServer(metrics.registry, p.listenAddr, p.listenPort);
      log.info({ address: `${p.listenAddr}:${p.listenPort}` }, 'Prometheus metrics listening');
    }
    if (config.dbConfig.flush) retention = startRetention(store, log);
    return { lapi, store, address, close: closeAll };
  } catch (err) {
    await closeAll().catch(() => {});
    throw err;
  }
}

/**
 * Node TLS options for `api.server.tls` (TLS 1.2 minimum). Client certificates are requested
 * unless `NoClientCert`; they count as an identity only when verified against the CA (the auth
 * hooks check `socket.authorized`), and `RequireAndVerifyClientCert` refuses the handshake.
 */
export function tlsOptions(tls: TlsConfig): Record<string, unknown> {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError([
        `api.server.tls.${what}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`,
      ]);
    }
  };
  const out: Record<string, unknown> = {
    key: read(tls.keyFile, 'key_file'),
    cert: read(tls.certFile, 'cert_file'),
    minVersion: 'TLSv1.2',
    requestCert: tls.clientVerification !== 'NoClientCert',
    rejectUnauthorized: tls.clientVerification === 'RequireAndVerifyClientCert',
  };
  if (tls.caCertPath) out.ca = read(tls.caCertPath, 'ca_cert_path');
  if (tls.crlPath) out.crl = read(tls.crlPath, 'crl_path');
  return out;
}
