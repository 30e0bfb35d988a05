/**
 * Pure parsing of the keys every acquisition entry has (hub-compat §9 "Common keys"), plus small
 * field readers that datasource config parsers share. No I/O: a config is validated before any
 * source is configured, and every error names the entry and the field.
 */
import { AcquisitionError } from './errors.ts';
import type { AcquisitionMode, CommonSourceConfig } from './types.ts';

/** A decoded YAML mapping, read through the helpers below. */
export type RawConfig = Readonly<Record<string, unknown>>;

/** The common keys; a datasource lists its own keys besides these. */
export const COMMON_KEYS: readonly string[] = [
  'source',
  'mode',
  'labels',
  'log_level',
  'name',
  'use_time_machine',
  'unique_id',
  'transform',
];

/** Checks that `raw` is a mapping; returns it. */
export function asMapping(raw: unknown, where: string): RawConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AcquisitionError('config', where, 'an acquisition entry must be a mapping');
  }
  return raw as RawConfig;
}

/**
 * The datasource name of an entry: `source`, else `file` when `filename`/`filenames` is present,
 * `journalctl` when `journalctl_filter` is (CrowdSec's auto-detection), else an error.
 */
export function detectSource(raw: RawConfig, where: string): string {
  const source = optionalString(raw, 'source', where);
  if (source !== undefined && source !== '') return source;
  if (Object.hasOwn(raw, 'filename') || Object.hasOwn(raw, 'filenames')) return 'file';
  if (Object.hasOwn(raw, 'journalctl_filter')) return 'journalctl';
  throw new AcquisitionError(
    'config',
    where,
    "'source' is missing and cannot be guessed from the other keys",
  );
}

/**
 * Parses the common keys. `labels` is mandatory unless `labelsOptional` (docker); `defaultMode`
 * is the mode when `mode` is absent (`tail` for most sources).
 */
export function parseCommonConfig(
  raw: RawConfig,
  where: string,
  options: { source: string; defaultMode: AcquisitionMode; labelsOptional?: boolean },
): CommonSourceConfig {
  const mode = optionalString(raw, 'mode', where) ?? options.defaultMode;
  if (mode !== 'cat' && mode !== 'tail') {
    throw new AcquisitionError('config', `${where}: mode`, `must be 'cat' or 'tail', not '${mode}'`);
  }
  const labels = readLabels(raw, where);
  if (Object.keys(labels).length === 0 && !options.labelsOptional) {
    throw new AcquisitionError('config', `${where}: labels`, "labels are required (at least 'type')");
  }
  return {
    source: options.source,
    mode,
    labels,
    name: optionalString(raw, 'name', where) ?? '',
    useTimeMachine: optionalBoolean(raw, 'use_time_machine', where) ?? false,
    where,
  };
}

/** Rejects keys that are neither common nor in `own` (CrowdSec decodes module configs strictly). */
export function rejectUnknownKeys(raw: RawConfig, own: readonly string[], where: string): void {
  for (const key of Object.keys(raw)) {
    if (!COMMON_KEYS.includes(key) && !own.includes(key)) {
      throw new AcquisitionError(
        'config',
        `${where}: ${key}`,
        `unknown key (known: ${[...own].sort().join(', ')})`,
      );
    }
  }
}

/** A string field, or undefined when absent/null. Numbers and booleans are not strings here. */
export function optionalString(raw: RawConfig, key: string, where: string): string | undefined {
  const v = field(raw, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AcquisitionError('config', `${where}: ${key}`, 'must be a string');
  return v;
}

/** A boolean field, or undefined when absent/null. */
export function optionalBoolean(raw: RawConfig, key: string, where: string): boolean | undefined {
  const v = field(raw, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean')
    throw new AcquisitionError('config', `${where}: ${key}`, 'must be true or false');
  return v;
}

/** A non-negative integer field, or undefined when absent/null. */
export function optionalCount(raw: RawConfig, key: string, where: string): number | undefined {
  const v = field(raw, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new AcquisitionError('config', `${where}: ${key}`, 'must be a non-negative integer');
  }
  return v;
}

/** A list of strings (a single string is not accepted: Go decodes `[]string` strictly). */
export function optionalStringList(raw: RawConfig, key: string, where: string): string[] | undefined {
  const v = field(raw, key);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw new AcquisitionError('config', `${where}: ${key}`, 'must be a list of strings');
  }
  return [...v];
}

/** `labels`: a mapping whose scalar values become strings (Go decodes them into map[string]string). */
function readLabels(raw: RawConfig, where: string): Record<string, string> {
  const v = field(raw, 'labels');
  const out: Record<string, string> = Object.create(null);
  if (v === undefined || v === null) return out;
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new AcquisitionError('config', `${where}: labels`, 'must be a mapping of label names to values');
  }
  for (const [k, value] of Object.entries(v as Record<string, unknown>)) {
    if (typeof value === 'string') out[k] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[k] = String(value);
    else throw new AcquisitionError('config', `${where}: labels.${k}`, 'must be a scalar value');
  }
  return out;
}

function field(raw: RawConfig, key: string): unknown {
  return Object.hasOwn(raw, key) ? raw[key] : undefined;
}
