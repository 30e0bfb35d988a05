/**
 * Decoding and validation of one scenario document (hub-compat §2.1-§2.2, §2.6), collecting its
 * expression sites. Validation follows CrowdSec's load-time checks, no more.
 */
import type { Node } from 'yaml';
import { ENV_CONDITION, ENV_EVT, ENV_OVERFLOW_FILTER, type ExprEnv } from '../event/index.ts';
import type { Decoder, Field } from './decode.ts';
import { parseGoDuration } from './go-duration.ts';
import { checkFormat, DATA_KEYS } from './parser-node.ts';
import type { ExpectedResult, ExprSite, ExprSiteKind } from './sites.ts';

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);

/** YAML keys of a scenario (CrowdSec `BucketFactory`, strict decoding). */
export const SCENARIO_KEYS = keys(
  'format',
  'author',
  'description',
  'references',
  'type',
  'name',
  'capacity',
  'leakspeed',
  'duration',
  'filter',
  'groupby',
  'distinct',
  'debug',
  'labels',
  'blackhole',
  'reprocess',
  'cache_size',
  'profiling',
  'overflow_filter',
  'condition',
  'bayesian_prior',
  'bayesian_threshold',
  'bayesian_conditions',
  'scope',
  'data',
  'cancel_on',
  'version',
  'simulated',
);
const SCOPE_KEYS = keys('type', 'expression');
const BAYESIAN_KEYS = keys('condition', 'prob_given_evil', 'prob_given_benign', 'guillotine');
const BUCKET_TYPES = new Set(['leaky', 'trigger', 'counter', 'conditional', 'bayesian']);

/** What one scenario document yields. */
export interface ScenarioDocResult {
  readonly name: string;
  readonly skipped?: string;
  readonly exprSites: ExprSite[];
}

const ENV_NAMES = new Map<ExprEnv, string>([
  [ENV_EVT, 'ENV_EVT'],
  [ENV_CONDITION, 'ENV_CONDITION'],
  [ENV_OVERFLOW_FILTER, 'ENV_OVERFLOW_FILTER'],
]);

/** Decodes a scenario document; errors go to `dec.errors`. */
export function readScenarioDocument(dec: Decoder, root: Node | null, item: string): ScenarioDocResult {
  const f = dec.struct(root, SCENARIO_KEYS, 'scenario');
  const str = (k: string) => dec.string(f.get(k));
  const name = str('name');
  const at = f.values().next().value?.keyAt ?? dec.source.at(root);
  if (name === '') {
    dec.fail(at, 'scenario has no name');
    return { name, exprSites: [] };
  }
  const format = str('format') || '1.0';
  const formatOk = checkFormat(format);
  if (formatOk === undefined) dec.fail(f.get('format')?.value, `invalid format version "${format}"`);
  else if (!formatOk) return { name, skipped: `format ${format} is not within [1.0, 3.0]`, exprSites: [] };

  if (str('description') === '') dec.fail(at, `scenario "${name}": description is mandatory`);
  if (str('filter') === '') dec.fail(at, `scenario "${name}": filter is mandatory`);
  for (const k of ['author', 'version']) str(k);
  dec.stringList(f.get('references'));
  for (const k of ['debug', 'reprocess', 'profiling', 'simulated']) dec.bool(f.get(k));
  dec.entries(f.get('labels'));
  for (const d of dec.list(f.get('data'))) dec.struct(d, DATA_KEYS, 'data entry');
  validateBucket(dec, f, name, at);

  const sites: ExprSite[] = [];
  const add = (
    field: Field | undefined,
    kind: ExprSiteKind,
    env: ExprEnv,
    expects: ExpectedResult,
    path: string,
  ) => {
    const text = dec.string(field);
    if (text === '' || !field?.value) return;
    const { where, linesMap } = dec.source.textStart(field.value);
    sites.push({
      kind,
      source: text,
      envName: ENV_NAMES.get(env) ?? '',
      env,
      expects,
      where,
      linesMap,
      path,
      item,
    });
  };
  add(f.get('filter'), 'scenario.filter', ENV_EVT, 'bool', 'filter');
  add(f.get('groupby'), 'scenario.groupby', ENV_EVT, 'string', 'groupby');
  add(f.get('distinct'), 'scenario.distinct', ENV_EVT, 'string', 'distinct');
  add(f.get('cancel_on'), 'scenario.cancel_on', ENV_EVT, 'bool', 'cancel_on');
  add(f.get('condition'), 'scenario.condition', ENV_CONDITION, 'bool', 'condition');
  add(f.get('overflow_filter'), 'scenario.overflow_filter', ENV_OVERFLOW_FILTER, 'bool', 'overflow_filter');

  const scopeField = f.get('scope');
  if (scopeField) {
    const scope = dec.struct(scopeField.value, SCOPE_KEYS, 'scope');
    const type = dec.string(scope.get('type')) || 'Ip';
    const expression = dec.string(scope.get('expression'));
    if (type === 'Ip' && expression !== '')
      dec.fail(scopeField.keyAt, 'scope: an expression is not allowed for the Ip scope');
    else if (type !== 'Range' && type !== 'Ip' && expression === '') {
      dec.fail(scopeField.keyAt, `scope: an expression is mandatory for the "${type}" scope`);
    } else add(scope.get('expression'), 'scenario.scope', ENV_EVT, 'string', 'scope.expression');
  }

  dec.list(f.get('bayesian_conditions')).forEach((node, i) => {
    const c = dec.struct(node, BAYESIAN_KEYS, 'bayesian condition');
    dec.float(c.get('prob_given_evil'));
    dec.float(c.get('prob_given_benign'));
    dec.bool(c.get('guillotine'));
    add(
      c.get('condition'),
      'scenario.bayesian_condition',
      ENV_CONDITION,
      'bool',
      `bayesian_conditions[${i}].condition`,
    );
  });
  return { name, exprSites: sites };
}

/** CrowdSec's per-type checks (`ValidateFactory`) and duration parsing. */
function validateBucket(
  dec: Decoder,
  f: Map<string, Field>,
  name: string,
  at: Parameters<Decoder['fail']>[0],
): void {
  const type = dec.string(f.get('type'));
  const capacity = dec.int(f.get('capacity'));
  dec.int(f.get('cache_size'));
  const durations: Record<string, number | undefined> = {};
  for (const k of ['leakspeed', 'duration', 'blackhole']) {
    const text = dec.string(f.get(k));
    if (text === '') continue;
    const d = parseGoDuration(text);
    if (d === undefined) dec.fail(f.get(k)!.value, `scenario "${name}": ${k} "${text}" is not a Go duration`);
    durations[k] = d;
  }
  const prior = dec.float(f.get('bayesian_prior'));
  const threshold = dec.float(f.get('bayesian_threshold'));
  const bad = (msg: string) => dec.fail(at, `scenario "${name}": ${msg}`);
  if (!BUCKET_TYPES.has(type)) {
    bad(`unknown bucket type "${type}"`);
    return;
  }
  const leak = durations.leakspeed ?? 0;
  if (type === 'leaky') {
    if (capacity <= 0) bad(`bad capacity for leaky: ${capacity}`);
    if (leak <= 0) bad('leaky needs a positive leakspeed');
  } else if (type === 'counter') {
    if ((durations.duration ?? 0) <= 0) bad('counter needs a positive duration');
    if (capacity !== -1) bad('counter must have capacity -1');
  } else if (type === 'trigger') {
    if (capacity !== 0) bad('trigger must have capacity 0');
  } else if (type === 'conditional') {
    if (dec.string(f.get('condition')) === '') bad('conditional needs a condition');
    if (leak <= 0) bad('conditional needs a positive leakspeed');
  } else if (type === 'bayesian') {
    if (!f.get('bayesian_conditions')) bad('bayesian needs bayesian_conditions');
    if (!(prior > 0 && prior <= 1)) bad('bayesian_prior must be within (0, 1]');
    if (!(threshold > 0 && threshold <= 1)) bad('bayesian_threshold must be within (0, 1]');
    if (capacity !== -1) bad('bayesian must have capacity -1');
  }
}
