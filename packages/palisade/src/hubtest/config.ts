/**
 * A hubtest case's `config.yaml` (hub-compat §7.1), decoded the way `cscli hubtest` does: with
 * yaml.v3 semantics and non-strictly, so unknown keys (`collections`, typos such as
 * `ostoverflows`) are ignored. A value of the wrong shape is an error naming the key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The keys of `config.yaml` the harness uses. */
export interface TestConfig {
  /** Parser entries: index names or `.yaml`/`.yml` paths; `""` entries already dropped. */
  readonly parsers: readonly string[];
  readonly scenarios: readonly string[];
  readonly postoverflows: readonly string[];
  /** Log file name, relative to the test directory (never empty). */
  readonly logFile: string;
  /** Becomes the `type` acquisition label. */
  readonly logType: string;
  /** Extra acquisition labels. */
  readonly labels: Readonly<Record<string, string>>;
  readonly ignoreParsers: boolean;
  /** Statics of the injected `overrides` node, as decoded mappings (empty: no node). */
  readonly overrideStatics: readonly Readonly<Record<string, unknown>>[];
  /** A private data directory was requested (`own_data_dir`). */
  readonly ownDataDir: boolean;
}

/** A `config.yaml` that cannot be used; the message names the file and the key. */
export class TestConfigError extends Error {}

/** Reads and decodes `<testDir>/config.yaml`. Throws TestConfigError. */
export function readTestConfig(testDir: string): TestConfig {
  const file = join(testDir, 'config.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new TestConfigError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  return decodeTestConfig(text, file);
}

/** Decodes the text of a `config.yaml`; `file` is only used in error messages. */
export function decodeTestConfig(text: string, file: string): TestConfig {
  let raw: unknown;
  try {
    // yaml.v3 resolves scalars with the YAML 1.2 core schema.
    raw = parse(text, { version: '1.2', uniqueKeys: false });
  } catch (err) {
    throw new TestConfigError(`${file}: invalid YAML: ${firstLine((err as Error).message)}`);
  }
  if (raw === null || raw === undefined) raw = {};
  if (!isRecord(raw)) throw new TestConfigError(`${file}: expected a mapping at the top level`);
  const fail = (key: string, what: string): never => {
    throw new TestConfigError(`${file}: field "${key}": ${what}`);
  };
  const logFile = scalarString(raw, 'log_file', fail);
  if (logFile === '') fail('log_file', 'must not be empty');
  return {
    parsers: stringList(raw, 'parsers', fail),
    scenarios: stringList(raw, 'scenarios', fail),
    postoverflows: stringList(raw, 'postoverflows', fail),
    logFile,
    logType: scalarString(raw, 'log_type', fail),
    labels: stringMap(raw, 'labels', fail),
    ignoreParsers: bool(raw, 'ignore_parsers', fail),
    overrideStatics: statics(raw, 'override_statics', fail),
    ownDataDir: bool(raw, 'own_data_dir', fail),
  };
}

type Fail = (key: string, what: string) => never;

function scalarString(raw: Record<string, unknown>, key: string, fail: Fail): string {
  const v = raw[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(key, 'expected a string');
}

/** A `[]string`; `""` (and null) items are dropped, as the harness skips them. */
function stringList(raw: Record<string, unknown>, key: string, fail: Fail): string[] {
  const v = raw[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return fail(key, 'expected a list of strings');
  const out: string[] = [];
  for (const item of v) {
    if (item === null || item === '') continue;
    if (typeof item !== 'string') fail(key, `expected a list of strings, found ${JSON.stringify(item)}`);
    out.push(item as string);
  }
  return out;
}

function stringMap(raw: Record<string, unknown>, key: string, fail: Fail): Record<string, string> {
  const v = raw[key];
  const out: Record<string, string> = Object.create(null);
  if (v === undefined || v === null) return out;
  if (!isRecord(v)) return fail(key, 'expected a mapping of strings');
  for (const k of Object.keys(v)) {
    const item = v[k];
    if (item === null || item === undefined) out[k] = '';
    else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      out[k] = String(item);
    else fail(key, `value of "${k}" is not a string`);
  }
  return out;
}

function bool(raw: Record<string, unknown>, key: string, fail: Fail): boolean {
  const v = raw[key];
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  return fail(key, 'expected true or false');
}

function statics(raw: Record<string, unknown>, key: string, fail: Fail): Record<string, unknown>[] {
  const v = raw[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return fail(key, 'expected a list of statics');
  return v.map((s, i) => (isRecord(s) ? s : fail(key, `item ${i + 1} is not a mapping`)));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}
