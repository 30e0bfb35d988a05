/**
 * Validation of `POST /v1/usage-metrics` (`AllMetrics`, spec §7.1). Two kinds of failure, as in
 * CrowdSec: a value of the wrong JSON type (e.g. `feature_flags` sent as an object) is a bind
 * error (400); a missing required field or a too long string is a validation failure (422).
 */
import { BodyCheck, join, own } from './body-check.ts';

/** One `remediation_components[]` or `log_processors[]` entry, cleaned. */
export interface ComponentMetrics {
  readonly version: string;
  readonly type: string;
  readonly name: string;
  readonly os: { name: string; family: string; version: string } | null;
  readonly featureFlags: string[];
  readonly utcStartupTimestamp: number;
  /** The `metrics` array as received (validated), stored as the payload. */
  readonly metrics: unknown[];
  /** Log processors only: JSON text of `hub_items` and `datasources`. */
  readonly hubItems: string;
  readonly datasources: string;
}

/** The decoded body: bind errors (400), validation errors (422), or the components. */
export interface UsageMetricsBody {
  readonly bindErrors: readonly string[];
  readonly validationErrors: readonly string[];
  readonly remediationComponents: ComponentMetrics[];
  readonly logProcessors: ComponentMetrics[];
}

const MAX_TEXT = 255;

/** Validates `body` as AllMetrics. */
export function readUsageMetrics(body: unknown): UsageMetricsBody {
  const bind = new BodyCheck();
  const rules = new BodyCheck();
  const o = bind.object(body, 'body') ?? {};
  const rc = bind
    .array(o, 'remediation_components', '', false)
    .map((v, i) => readComponent(bind, rules, v, `remediation_components[${i}]`, false));
  const lp = bind
    .array(o, 'log_processors', '', false)
    .map((v, i) => readComponent(bind, rules, v, `log_processors[${i}]`, true));
  return {
    bindErrors: bind.errors,
    validationErrors: rules.errors,
    remediationComponents: rc,
    logProcessors: lp,
  };
}

function readComponent(
  bind: BodyCheck,
  rules: BodyCheck,
  v: unknown,
  path: string,
  isLp: boolean,
): ComponentMetrics {
  const o = bind.object(v, path) ?? {};
  const text = (obj: Record<string, unknown>, key: string, p: string, required: boolean): string => {
    const value = bind.string(obj, key, p, false);
    if (required && own(obj, key) == null) rules.note(`${join(p, key)} in body is required`);
    if (value.length > MAX_TEXT)
      rules.note(`${join(p, key)} in body should be at most ${MAX_TEXT} chars long`);
    return value;
  };
  const version = text(o, 'version', path, true);
  const startup = bind.int(o, 'utc_startup_timestamp', path, false, 0, Number.MAX_SAFE_INTEGER);
  if (own(o, 'utc_startup_timestamp') == null)
    rules.note(`${join(path, 'utc_startup_timestamp')} in body is required`);
  let os: ComponentMetrics['os'] = null;
  if (own(o, 'os') != null) {
    const osObj = bind.object(own(o, 'os'), join(path, 'os')) ?? {};
    const p = join(path, 'os');
    os = {
      name: text(osObj, 'name', p, true),
      family: text(osObj, 'family', p, false),
      version: text(osObj, 'version', p, true),
    };
  }
  const featureFlags = bind.stringArray(o, 'feature_flags', path);
  const metrics = bind.array(o, 'metrics', path, false);
  metrics.forEach((m, i) => {
    readDetailed(bind, rules, m, `${join(path, 'metrics')}[${i}]`);
  });
  let hubItems = '';
  let datasources = '';
  if (isLp) {
    if (own(o, 'hub_items') == null) rules.note(`${join(path, 'hub_items')} in body is required`);
    else hubItems = JSON.stringify(bind.object(own(o, 'hub_items'), join(path, 'hub_items')) ?? {});
    if (own(o, 'datasources') == null) rules.note(`${join(path, 'datasources')} in body is required`);
    else {
      const ds = bind.object(own(o, 'datasources'), join(path, 'datasources')) ?? {};
      for (const [k, n] of Object.entries(ds)) {
        if (!Number.isInteger(n)) bind.fail(`${join(path, 'datasources')}.${k}`, 'expected an integer');
      }
      datasources = JSON.stringify(ds);
    }
  }
  return {
    version,
    type: bind.string(o, 'type', path, false),
    name: bind.string(o, 'name', path, false),
    os,
    featureFlags,
    utcStartupTimestamp: startup,
    metrics,
    hubItems,
    datasources,
  };
}

function readDetailed(bind: BodyCheck, rules: BodyCheck, v: unknown, path: string): void {
  const o = bind.object(v, path) ?? {};
  const metaPath = join(path, 'meta');
  if (own(o, 'meta') == null) rules.note(`${metaPath} in body is required`);
  else {
    const meta = bind.object(own(o, 'meta'), metaPath) ?? {};
    for (const key of ['window_size_seconds', 'utc_now_timestamp']) {
      bind.int(meta, key, metaPath, false, 0, Number.MAX_SAFE_INTEGER);
      if (own(meta, key) == null) rules.note(`${join(metaPath, key)} in body is required`);
    }
  }
  if (own(o, 'items') == null) rules.note(`${join(path, 'items')} in body is required`);
  bind.array(o, 'items', path, false).forEach((it, i) => {
    const p = `${join(path, 'items')}[${i}]`;
    const item = bind.object(it, p) ?? {};
    for (const key of ['name', 'unit']) {
      const value = bind.string(item, key, p, false);
      if (own(item, key) == null) rules.note(`${join(p, key)} in body is required`);
      if (value.length > MAX_TEXT)
        rules.note(`${join(p, key)} in body should be at most ${MAX_TEXT} chars long`);
    }
    bind.number(item, 'value', p);
    if (own(item, 'value') == null) rules.note(`${join(p, 'value')} in body is required`);
    bind.stringMap(item, 'labels', p);
  });
}
