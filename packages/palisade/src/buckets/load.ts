/**
 * Loading a scenario set (hub-compat §2.1): item files sorted by item name (Go's order is
 * unspecified; sorting makes it reproducible), every document decoded strictly into a scenario
 * specification, its data files loaded and its expressions compiled once against the right
 * environment. A bad item is reported with file:line and skipped; the others load.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ENV_CONDITION, ENV_EVT, ENV_OVERFLOW_FILTER } from '../event/index.ts';
import { createHelpers, type HelperDeps } from '../expr/helpers/index.ts';
import type { ExprFunction } from '../expr/index.ts';
import { Duration } from '../expr/values/duration.ts';
import { loadDataEntries, sharedDataFileStore, warningLogger } from '../hub/data-entries.ts';
import type { DataFileStore } from '../hub/data-files.ts';
import { HubError } from '../hub/errors.ts';
import { decodeItemDocuments } from '../hub/item-documents.ts';
import { byteCompare } from '../hub/layout.ts';
import { readScenarioDocument } from '../hub/scenario.ts';
import type { ScenarioSpec } from '../hub/scenario-spec.ts';
import { loadAlertContext } from './alert-context.ts';
import type { LoadedScenarioSet, ScenarioItemFile, ScenarioSetOptions } from './api.ts';
import { Blackhole } from './blackhole.ts';
import { systemClock } from './clock.ts';
import { compileSite } from './compile-expr.ts';
import { bucketConfigView, lifetimeOf, queueLimit, type ScenarioFactory } from './factory.ts';
import { guardOf } from './filter-guard.ts';
import { resolveLimits } from './limits.ts';
import { CompiledScenarioSet } from './set.ts';

/** What compiling a scenario needs. */
interface LoadContext {
  readonly functions: readonly ExprFunction[];
  readonly dataFiles: DataFileStore;
  readonly simulated: (name: string) => boolean;
  readonly maxBlackholeEntries: number;
  readonly functionNames: ReadonlySet<string>;
}

/**
 * Loads `options.items` into a ScenarioSet. `helperDeps.dataFiles` is used (and filled) when it is
 * a DataFileStore, so that parsers and scenarios can share one.
 */
export function loadScenarioSet(options: ScenarioSetOptions): LoadedScenarioSet {
  const warn = options.onWarning ?? (() => {});
  const errors: HubError[] = [];
  const logger = warningLogger(warn);
  const given = options.helperDeps ?? {};
  const dataFiles = sharedDataFileStore(given.dataFiles, options.dataDir, logger);
  const deps: HelperDeps = { logger, ...given, dataFiles };
  const functions = createHelpers(deps);
  const limits = resolveLimits(options.limits);
  const lc: LoadContext = {
    functions,
    dataFiles,
    simulated: options.simulated ?? (() => false),
    maxBlackholeEntries: limits.maxBuckets,
    functionNames: new Set(functions.map((f) => f.name)),
  };
  const factories: ScenarioFactory[] = [];
  const items = [...options.items].sort((a, b) => byteCompare(a.name, b.name) || byteCompare(a.path, b.path));
  for (const item of items) {
    const loaded = loadItem(item, lc, factories.length, errors, warn);
    factories.push(...loaded);
  }
  const context = loadAlertContext(options.contexts ?? [], functions, errors);
  const set = new CompiledScenarioSet(factories, {
    clock: options.clock ?? systemClock,
    limits,
    context,
    onOverflow: options.onOverflow ?? (() => {}),
    warn,
  });
  return { set, errors };
}

/** Decodes and compiles every document of one item; [] (with errors reported) when any fails. */
function loadItem(
  item: ScenarioItemFile,
  lc: LoadContext,
  firstIndex: number,
  errors: HubError[],
  warn: (message: string) => void,
): ScenarioFactory[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(item.absPath);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    errors.push(new HubError({ file: item.path, line: 0, column: 0 }, `cannot read file: ${reason}`));
    return [];
  }
  const hash = item.hash ?? createHash('sha256').update(bytes).digest('hex');
  const specs = decodeItemDocuments(
    item.path,
    bytes.toString('utf8'),
    (dec, root) => {
      const result = readScenarioDocument(dec, root, item.name);
      return { skipped: result.skipped, value: result.spec };
    },
    errors,
    warn,
  );
  if (specs === null) return [];
  const out: ScenarioFactory[] = [];
  try {
    for (const spec of specs) {
      out.push(compileScenario(spec, item, hash, lc, firstIndex + out.length));
    }
  } catch (err) {
    errors.push(
      err instanceof HubError ? err : new HubError({ file: item.path, line: 0, column: 0 }, String(err)),
    );
    return [];
  }
  return out;
}

/** Compiles one scenario specification (data files first, then expressions). */
function compileScenario(
  spec: ScenarioSpec,
  item: ScenarioItemFile,
  hash: string,
  lc: LoadContext,
  index: number,
): ScenarioFactory {
  loadDataEntries(spec.data, lc.dataFiles);
  const fn = lc.functions;
  const evt = (s: ScenarioSpec['filter']) => (s ? compileSite(s, ENV_EVT, fn) : null);
  const cond = (s: ScenarioSpec['filter']) => (s ? compileSite(s, ENV_CONDITION, fn) : null);
  const version = item.version ?? '';
  const bayesian =
    spec.bayesianThreshold !== 0
      ? {
          prior: spec.bayesianPrior,
          threshold: spec.bayesianThreshold,
          conditions: spec.bayesianConditions.map((c) => ({
            program: cond(c.condition),
            probGivenEvil: c.probGivenEvil,
            probGivenBenign: c.probGivenBenign,
            guillotine: c.guillotine,
          })),
        }
      : null;
  return {
    index,
    name: spec.name,
    type: spec.type,
    spec,
    file: item.path,
    hash,
    version,
    simulated: lc.simulated(spec.name),
    filter: evt(spec.filter),
    groupby: evt(spec.groupby),
    distinct: evt(spec.distinct),
    cancelOn: evt(spec.cancelOn),
    condition: cond(spec.condition),
    overflowFilter: spec.overflowFilter ? compileSite(spec.overflowFilter, ENV_OVERFLOW_FILTER, fn) : null,
    scopeExpr: evt(spec.scope.expression),
    scopeType: spec.scope.type,
    bayesian,
    blackhole: spec.blackholeNs > 0 ? new Blackhole(spec.blackholeNs, lc.maxBlackholeEntries) : null,
    queueLimit: queueLimit(spec.capacity, spec.cacheSize),
    lifetime: lifetimeOf(spec),
    leakspeed: new Duration(spec.leakspeedNs),
    timed: spec.durationNs !== 0,
    conditional: spec.type === 'conditional',
    trigger: spec.type === 'trigger',
    guard: spec.filter ? guardOf(spec.filter.source, lc.functionNames) : null,
    mutates: mayMutate(spec),
    bucketConfig: bucketConfigView(spec, item.path, version),
    stats: { poured: 0, overflows: 0, discarded: 0, exprErrors: 0 },
  };
}

/** True when an expression of the scenario may modify the event (conservative: by name). */
function mayMutate(spec: ScenarioSpec): boolean {
  const sources = [
    spec.filter,
    spec.groupby,
    spec.distinct,
    spec.cancelOn,
    spec.condition,
    spec.overflowFilter,
    spec.scope.expression,
    ...spec.bayesianConditions.map((c) => c.condition),
  ];
  return sources.some((s) => s !== undefined && /Set(Meta|Parsed)/.test(s.source));
}
