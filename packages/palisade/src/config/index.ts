/**
 * CrowdSec-style configuration (`config.yaml`) for the Palisade LAPI: loading with `${ENV}`
 * expansion and strict keys, typed values, built-in defaults.
 *
 * @example
 * const config = path ? loadConfigFile(path) : defaultConfig();
 * console.log(config.api.server.listenUri, config.dbConfig.dbPath);
 */
export * from './defaults.ts';
export { ConfigError } from './errors.ts';
export { expandEnv } from './expand-env.ts';
export {
  defaultConfig,
  type LoadConfigOptions,
  loadConfigFile,
  normaliseCidr,
  parseConfig,
  parseListenUri,
} from './load.ts';
export type * from './types.ts';
