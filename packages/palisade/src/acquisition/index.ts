/**
 * Acquisition (hub-compat §9): datasources that turn log inputs into LOG events for the parsers.
 * Each datasource is a folder of `sources/` registered in `sources/index.ts`; this file adds the
 * two ways to get a configured source: from an `acquis.yaml` entry or from a one-shot DSN.
 *
 * @example
 * const source = await configureFromDsn('file:///var/log/auth.log', replayLabels('syslog'));
 * for await (const evt of source.oneShot!()) parsers.parse(evt);
 */
import { asMapping, detectSource } from './config.ts';
import { AcquisitionError } from './errors.ts';
import { loadSource } from './sources/index.ts';
import type { AcquisitionContext, DataSource } from './types.ts';

export { parseCommonConfig, type RawConfig } from './config.ts';
export { AcquisitionError, type AcquisitionErrorKind } from './errors.ts';
export { parseLabelList, replayLabels } from './labels.ts';
export {
  DEFAULT_MAX_LINE_BYTES,
  type ReplayOptions,
  replayLineBatches,
  replayLines,
} from './lines/replay.ts';
export { type SplitItem, splitLineBatches, splitLines } from './lines/split-lines.ts';
export { availableSources, loadSource } from './sources/index.ts';
export type {
  AcquisitionContext,
  AcquisitionMode,
  CommonSourceConfig,
  DataSource,
  DataSourceModule,
  SourceCounters,
} from './types.ts';
export { newCounters } from './types.ts';

/** Configures the source described by one decoded `acquis.yaml` document (`where` locates it). */
export async function configureFromYaml(
  raw: unknown,
  where: string,
  ctx?: AcquisitionContext,
): Promise<DataSource> {
  const name = detectSource(asMapping(raw, where), where);
  const module = await loadSource(name, `${where}: source`);
  return module.configure(module.parseConfig(raw, where), ctx);
}

/**
 * Configures a one-shot source from a DSN (`file:///path`, `stdin://`) and the replay labels
 * (`replayLabels(type, extra)`): the source is chosen by the DSN scheme.
 */
export async function configureFromDsn(
  dsn: string,
  labels: Readonly<Record<string, string>>,
  ctx?: AcquisitionContext,
): Promise<DataSource> {
  const sep = dsn.indexOf('://');
  if (sep <= 0) throw new AcquisitionError('config', '-dsn', `'${dsn}' is not a DSN (expected <source>://…)`);
  const module = await loadSource(dsn.slice(0, sep), '-dsn');
  if (!module.parseDsn)
    throw new AcquisitionError('config', '-dsn', `datasource '${module.name}' has no DSN form`);
  return module.configure(module.parseDsn(dsn, labels), ctx);
}
