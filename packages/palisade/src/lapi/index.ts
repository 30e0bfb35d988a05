/**
 * The Local API (LAPI), wire-compatible with CrowdSec's LAPI v1: machines (agents, cscli) log in
 * with a JWT and push alerts; profiles turn alerts into decisions; bouncers pull decisions live
 * or as a stream. Routes are grouped by kind of caller, each group behind its own auth hook.
 *
 * @example
 * const running = await startLapi(loadConfigFile('/etc/crowdsec/config.yaml'), { log: pino() });
 * process.on('SIGTERM', () => running.close());
 */
export { type BuildOptions, buildLapiApp, type LapiApp } from './app.ts';
export { constantTimeEqual, generateApiKey, hashApiKey } from './auth/api-key.ts';
export { JwtIssuer, jwtSecretFromEnv, TokenError } from './auth/jwt.ts';
export type { LapiDeps, RequestIdentity } from './context.ts';
export { formatDecisionDuration } from './duration.ts';
export { LAPI_ERRORS, LapiError, type LapiErrorCode } from './errors.ts';
export { LapiMetrics } from './metrics.ts';
export { LAPI_VERSION, type RunningLapi, type StartOptions, startLapi } from './server.ts';
export { storeDbConfig } from './store-config.ts';
