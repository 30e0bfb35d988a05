/**
 * Decoding and validation of one scenario document (hub-compat §2.1-§2.2, §2.6), collecting its
 * expression sites. Validation follows CrowdSec's load-time checks, no more.
 */
import { isScalar, type Node } from 'yaml';
import { ENV_CONDITION, ENV_EVT, ENV_OVERFLOW_FILTER, type ExprEnv } from '../event/index.ts';
import type { Decoder, Field } from './decode.ts';
import type { SourceLocation } from './errors.ts';
import { parseGoDuration } from './go-duration.ts';
import { checkFormat, DATA_KEYS } from './parser-node.ts';
import type { DataSpec, ExprSpec } from './parser-spec.ts';
import type { BayesianConditionSpec, ScenarioSpec, ScopeSpec } from './scenario-spec.ts';
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
  /** The typed scenario (absent when the document was skipped or has no name). */
  readonly spec?: ScenarioSpec;
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

  const description = str('description');
  if (description === '') dec.fail(at, `scenario "${name}": description is mandatory`);
  if (str('filter') === '') dec.fail(at, `scenario "${name}": filter is mandatory`);
  for (const k of ['author', 'version']) str(k);
  dec.stringList(f.get('references'));
  const [debug, reprocess] = [dec.bool(f.get('debug')), dec.bool(f.get('reprocess'))];
  for (const k of ['profiling', 'simulated']) dec.bool(f.get(k));
  const labelEntries = dec.entries(f.get('labels'));
  const data = dec.list(f.get('data')).map((d) => readData(dec, d));
  const bucket = validateBucket(dec, f, name, at);

  const sites: ExprSite[] = [];
  const add = (
    field: Field | undefined,
    kind: ExprSiteKind,
    env: ExprEnv,
    expects: ExpectedResult,
    path: string,
  ): ExprSpec | undefined => {
    const text = dec.string(field);
    if (text === '' || !field?.value) return undefined;
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
    return { source: text, where, linesMap, path };
  };
  const filter = add(f.get('filter'), 'scenario.filter', ENV_EVT, 'bool', 'filter');
  const groupby = add(f.get('groupby'), 'scenario.groupby', ENV_EVT, 'string', 'groupby');
  const distinct = add(f.get('distinct'), 'scenario.distinct', ENV_EVT, 'string', 'distinct');
  const cancelOn = add(f.get('cancel_on'), 'scenario.cancel_on', ENV_EVT, 'bool', 'cancel_on');
  const condition = add(f.get('condition'), 'scenario.condition', ENV_CONDITION, 'bool', 'condition');
  const overflowFilter = add(
    f.get('overflow_filter'),
    'scenario.overflow_filter',
    ENV_OVERFLOW_FILTER,
    'bool',
    'overflow_filter',
  );

  let scope: ScopeSpec = { type: 'Ip', expression: undefined };
  const scopeField = f.get('scope');
  if (scopeField) {
    const sf = dec.struct(scopeField.value, SCOPE_KEYS, 'scope');
    const type = dec.string(sf.get('type')) || 'Ip';
    const expressionText = dec.string(sf.get('expression'));
    if (type === 'Ip' && expressionText !== '')
      dec.fail(scopeField.keyAt, 'scope: an expression is not allowed for the Ip scope');
    else if (type !== 'Range' && type !== 'Ip' && expressionText === '') {
      dec.fail(scopeField.keyAt, `scope: an expression is mandatory for the "${type}" scope`);
    } else {
      const expression = add(sf.get('expression'), 'scenario.scope', ENV_EVT, 'string', 'scope.expression');
      scope = { type, expression };
    }
  }

  const bayesianConditions: BayesianConditionSpec[] = dec
    .list(f.get('bayesian_conditions'))
    .map((node, i) => {
      const c = dec.struct(node, BAYESIAN_KEYS, 'bayesian condition');
      const probGivenEvil = Math.fround(dec.float(c.get('prob_given_evil')));
      const probGivenBenign = Math.fround(dec.float(c.get('prob_given_benign')));
      const guillotine = dec.bool(c.get('guillotine'));
      const cond = add(
        c.get('condition'),
        'scenario.bayesian_condition',
        ENV_CONDITION,
        'bool',
        `bayesian_conditions[${i}].condition`,
      );
      return { condition: cond, probGivenEvil, probGivenBenign, guillotine, where: dec.source.at(node) };
    });

  const labels: Record<string, unknown> = Object.create(null);
  let remediation = false;
  for (const e of labelEntries) {
    labels[e.key] = e.value === null ? null : e.value.toJSON();
    if (e.key === 'remediation') remediation = isScalar(e.value) && e.value.value === true;
  }
  const spec: ScenarioSpec = {
    name,
    description,
    type: bucket.type,
    filter,
    groupby,
    distinct,
    cancelOn,
    condition,
    overflowFilter,
    capacity: bucket.capacity,
    cacheSize: bucket.cacheSize,
    leakspeedNs: bucket.durations.leakspeed ?? 0,
    durationNs: bucket.durations.duration ?? 0,
    blackholeNs: bucket.durations.blackhole ?? 0,
    leakspeedText: str('leakspeed'),
    durationText: str('duration'),
    blackholeText: str('blackhole'),
    reprocess,
    debug,
    remediation,
    labels,
    bayesianPrior: Math.fround(bucket.prior),
    bayesianThreshold: Math.fround(bucket.threshold),
    bayesianConditions,
    scope,
    data,
    format: str('format'),
    where: dec.source.at(root),
  };
  return { name, exprSites: sites, spec };
}

/** Decodes one `data:` entry (hub-compat §6). */
function readData(dec: Decoder, node: Node | null): DataSpec {
  const d = dec.struct(node, DATA_KEYS, 'data entry');
  const present = (k: string): Field | undefined => {
    const field = d.get(k);
    return field && field.value !== null && !(isScalar(field.value) && field.value.value === null)
      ? field
      : undefined;
  };
  const ttlField = present('ttl');
  const ttlText = ttlField ? dec.string(ttlField) : '';
  let ttlNs: number | undefined;
  if (ttlText !== '') {
    ttlNs = parseGoDuration(ttlText);
    if (ttlNs === undefined) dec.fail(ttlField?.value, `data ttl "${ttlText}" is not a duration`);
  }
  const cache = present('cache');
  const strategy = present('strategy');
  const size = present('size');
  return {
    sourceUrl: dec.string(d.get('source_url')),
    destFile: dec.string(d.get('dest_file')),
    type: dec.string(d.get('type')),
    cache: cache ? dec.bool(cache) : undefined,
    strategy: strategy ? dec.string(strategy) : undefined,
    size: size ? dec.int(size) : undefined,
    ttlNs,
    where: dec.source.at(node),
  };
}

/** The bucket fields `validateBucket` decodes. */
interface BucketFields {
  readonly type: string;
  readonly capacity: number;
  readonly cacheSize: number;
  /** Parsed durations (ns) of `leakspeed`, `duration`, `blackhole`, when present and valid. */
  readonly durations: Record<string, number | undefined>;
  readonly prior: number;
  readonly threshold: number;
}

/** CrowdSec's per-type checks (`ValidateFactory`) and duration parsing. */
function validateBucket(dec: Decoder, f: Map<string, Field>, name: string, at: SourceLocation): BucketFields {
  const type = dec.string(f.get('type'));
  const capacity = dec.int(f.get('capacity'));
  const cacheSize = dec.int(f.get('cache_size'));
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
  const out = { type, capacity, cacheSize, durations, prior, threshold };
  if (!BUCKET_TYPES.has(type)) {
    bad(`unknown bucket type "${type}"`);
    return out;
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
  return out;
}
