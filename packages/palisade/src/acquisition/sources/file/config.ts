/**
 * Config of the `file` datasource (hub-compat §9): from an `acquis.yaml` entry or from a one-shot
 * DSN `file://<path or glob>[?max_buffer_size=N&log_level=L]`. Pure: no file is touched here.
 */
import {
  asMapping,
  optionalBoolean,
  optionalCount,
  optionalString,
  optionalStringList,
  parseCommonConfig,
  rejectUnknownKeys,
} from '../../config.ts';
import { AcquisitionError } from '../../errors.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../../lines/replay.ts';
import type { CommonSourceConfig } from '../../types.ts';

/** A validated `file` config. */
export interface FileSourceConfig extends CommonSourceConfig {
  /** Paths or globs, in the order given (`filename` first, then `filenames`). */
  readonly filenames: readonly string[];
  /** RE2 patterns; a matched path whose text matches one is skipped. */
  readonly excludeRegexps: readonly string[];
  /** The longest accepted line in bytes. */
  readonly maxLineBytes: number;
}

const OWN_KEYS = [
  'filename',
  'filenames',
  'exclude_regexps',
  'max_buffer_size',
  'force_inotify',
  'poll_without_inotify',
  'discovery_poll_enable',
  'discovery_poll_interval',
];

/** Parses one `acquis.yaml` entry of source `file`. */
export function parseFileConfig(input: unknown, where: string): FileSourceConfig {
  const raw = asMapping(input, where);
  rejectUnknownKeys(raw, OWN_KEYS, where);
  const common = parseCommonConfig(raw, where, { source: 'file', defaultMode: 'tail' });
  const filenames = [
    ...nonEmpty(optionalString(raw, 'filename', where)),
    ...(optionalStringList(raw, 'filenames', where) ?? []),
  ];
  if (filenames.length === 0) {
    throw new AcquisitionError('config', where, "no 'filename' or 'filenames' given");
  }
  // Tail-only settings: validated for type, unused by cat mode.
  optionalBoolean(raw, 'force_inotify', where);
  optionalBoolean(raw, 'poll_without_inotify', where);
  optionalBoolean(raw, 'discovery_poll_enable', where);
  optionalString(raw, 'discovery_poll_interval', where);
  const maxBuffer = optionalCount(raw, 'max_buffer_size', where) ?? 0;
  return {
    ...common,
    filenames,
    excludeRegexps: optionalStringList(raw, 'exclude_regexps', where) ?? [],
    maxLineBytes: maxBuffer > 0 ? maxBuffer : DEFAULT_MAX_LINE_BYTES,
  };
}

/**
 * Parses a one-shot DSN. The source then reads in cat mode (TIMEMACHINE events) with `labels`
 * (from `-type`/`-label`; `type` is required).
 */
export function parseFileDsn(dsn: string, labels: Readonly<Record<string, string>>): FileSourceConfig {
  const where = '-dsn';
  if (!dsn.startsWith('file://'))
    throw new AcquisitionError('config', where, `'${dsn}' does not start with file://`);
  const rest = dsn.slice('file://'.length);
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  if (path === '') throw new AcquisitionError('config', where, `'${dsn}' names no file`);
  let maxLineBytes = DEFAULT_MAX_LINE_BYTES;
  if (q !== -1) {
    for (const [key, value] of new URLSearchParams(rest.slice(q + 1))) {
      if (key === 'log_level') continue;
      if (key !== 'max_buffer_size') {
        throw new AcquisitionError(
          'config',
          where,
          `unknown parameter '${key}' (known: log_level, max_buffer_size)`,
        );
      }
      const n = /^[0-9]{1,12}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 0))
        throw new AcquisitionError('config', where, `max_buffer_size must be a byte count, not '${value}'`);
      if (n > 0) maxLineBytes = n;
    }
  }
  if (!Object.hasOwn(labels, 'type') || labels.type === '') {
    throw new AcquisitionError('config', where, "a log type is required with -dsn (label 'type')");
  }
  return {
    source: 'file',
    mode: 'cat',
    labels: { ...labels },
    name: '',
    useTimeMachine: false,
    where,
    filenames: [path],
    excludeRegexps: [],
    maxLineBytes,
  };
}

function nonEmpty(s: string | undefined): string[] {
  return s === undefined || s === '' ? [] : [s];
}
