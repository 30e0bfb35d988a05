/**
 * Config of the `stdin` datasource: standard input replayed once (`palisade explain --file -`,
 * `cat log | palisade …`). Keys: the common ones plus `max_buffer_size`; DSN `stdin://`.
 */
import { asMapping, optionalCount, parseCommonConfig, rejectUnknownKeys } from '../../config.ts';
import { AcquisitionError } from '../../errors.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../../lines/replay.ts';
import type { CommonSourceConfig } from '../../types.ts';

/** A validated `stdin` config (always cat mode). */
export interface StdinSourceConfig extends CommonSourceConfig {
  readonly maxLineBytes: number;
}

/** Parses one `acquis.yaml` entry of source `stdin`; `mode` may only be `cat`. */
export function parseStdinConfig(input: unknown, where: string): StdinSourceConfig {
  const raw = asMapping(input, where);
  rejectUnknownKeys(raw, ['max_buffer_size'], where);
  const common = parseCommonConfig(raw, where, { source: 'stdin', defaultMode: 'cat' });
  if (common.mode !== 'cat')
    throw new AcquisitionError('config', `${where}: mode`, "stdin is only read in 'cat' mode");
  const maxBuffer = optionalCount(raw, 'max_buffer_size', where) ?? 0;
  return { ...common, maxLineBytes: maxBuffer > 0 ? maxBuffer : DEFAULT_MAX_LINE_BYTES };
}

/** Parses the DSN `stdin://` (no parameters); `labels` must hold `type`. */
export function parseStdinDsn(dsn: string, labels: Readonly<Record<string, string>>): StdinSourceConfig {
  const where = '-dsn';
  if (dsn !== 'stdin://') throw new AcquisitionError('config', where, `'${dsn}' is not stdin://`);
  if (!Object.hasOwn(labels, 'type') || labels.type === '') {
    throw new AcquisitionError('config', where, "a log type is required with -dsn (label 'type')");
  }
  return {
    source: 'stdin',
    mode: 'cat',
    labels: { ...labels },
    name: '',
    useTimeMachine: false,
    where,
    maxLineBytes: DEFAULT_MAX_LINE_BYTES,
  };
}
