/**
 * LAPI profiles (hub-compat §10): which decisions an incoming alert gets. Profiles are evaluated
 * in file order; each filter that is true generates one full set of the profile's decisions; the
 * first matching profile that generates decisions attaches them; every matching profile sends
 * its notifications; `on_success: break` stops the walk; `on_error` says what an evaluation
 * error does (unset ⇒ the alert is refused). `on_failure` is accepted and, as in CrowdSec, has
 * no effect.
 *
 * The decision `until` is not computed here: the LAPI sets it from the alert's `stop_at` and the
 * decision duration when it stores the decision.
 */
import { readFileSync } from 'node:fs';
import { type Alert, AlertDecision, ENV_PROFILE } from '../event/index.ts';
import { parseDurationWithDays } from '../expr/helpers/decisions.ts';
import { createHelpers, type HelperDeps } from '../expr/helpers/index.ts';
import { compile, ExprError, type ExprFunction, type Program } from '../expr/index.ts';
import { formatValue } from '../expr/values/format.ts';
import { HubError, type SourceLocation } from '../hub/errors.ts';
import { DEFAULT_PROFILES_PATH, DEFAULT_PROFILES_YAML } from './default-profiles.ts';
import { type DecisionSpec, decodeProfiles, type ExprText, type ProfileSpec } from './profiles-config.ts';

/** A profile failed to evaluate and has no `on_error`: CrowdSec answers the alert POST with HTTP 500. */
export class ProfileEvaluationError extends Error {
  readonly profile: string;

  constructor(profile: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProfileEvaluationError';
    this.profile = profile;
  }
}

/** The result of evaluating the profiles on one alert. */
export interface ProfileResult {
  /** The decisions attached to the alert (empty when none, or when it arrived with decisions). */
  readonly decisions: AlertDecision[];
  /** The profile whose decisions were attached. */
  readonly profile?: string;
  /** Notification plugin names to send the alert to, per matching profile, in order. */
  readonly notifications: string[];
  /** Names of the profiles that matched, in order. */
  readonly matched: string[];
}

interface CompiledProfile {
  readonly spec: ProfileSpec;
  readonly filters: readonly { readonly text: ExprText; readonly program: Program }[];
  readonly durationExpr: Program | null;
}

/** Options of `loadProfiles`. */
export interface LoadProfilesOptions {
  /** The name used in errors (`profiles.yaml`). */
  readonly file: string;
  readonly text: string;
  /** Expression helpers (`GetDecisionsCount` needs `decisions`); default: a table without dependencies. */
  readonly helperDeps?: HelperDeps;
  /** Non-fatal problems: a duration_expr result that is not a duration, an ignored error, … */
  readonly onWarning?: (message: string) => void;
}

/** A loaded, compiled profiles file. */
export class ProfileSet {
  readonly #profiles: readonly CompiledProfile[];
  readonly #warn: (message: string) => void;

  private constructor(profiles: readonly CompiledProfile[], warn: (message: string) => void) {
    this.#profiles = profiles;
    this.#warn = warn;
  }

  /**
   * Loads `options.text`. Returns the set, or the errors (file:line each) when any profile is
   * invalid: CrowdSec's LAPI does not start with a broken profiles file.
   */
  static load(options: LoadProfilesOptions): { set: ProfileSet | null; errors: HubError[] } {
    const warn = options.onWarning ?? (() => {});
    const { profiles, errors } = decodeProfiles(options.file, options.text, warn);
    if (errors.length > 0) return { set: null, errors };
    const functions = createHelpers(options.helperDeps ?? {});
    const compiled: CompiledProfile[] = [];
    for (const spec of profiles) {
      try {
        compiled.push({
          spec,
          filters: spec.filters.map((text) => ({ text, program: compileAt(text, functions) })),
          durationExpr: spec.durationExpr ? compileAt(spec.durationExpr, functions) : null,
        });
      } catch (err) {
        errors.push(err as HubError);
      }
    }
    return errors.length > 0 ? { set: null, errors } : { set: new ProfileSet(compiled, warn), errors };
  }

  /** Profile names, in evaluation order. */
  get names(): string[] {
    return this.#profiles.map((p) => p.spec.name);
  }

  /**
   * Evaluates the profiles on `alert`. The generated decisions are also attached to
   * `alert.Decisions`, as the LAPI does, so later profiles' filters see them. An alert that
   * arrives with decisions (from cscli) keeps them: the profiles only choose notifications, and
   * their errors are skipped. Throws ProfileEvaluationError when a profile without `on_error`
   * fails to evaluate.
   */
  evaluate(alert: Alert): ProfileResult {
    const notifications: string[] = [];
    const matched: string[] = [];
    if (alert.Decisions.length > 0) {
      for (const p of this.#profiles) {
        const r = this.#evaluateOne(p, alert);
        if (r.error !== undefined) {
          this.#warn(`error while evaluating profile ${p.spec.name}: ${r.error.message}`);
          continue;
        }
        if (!r.matched) continue;
        matched.push(p.spec.name);
        notifications.push(...p.spec.notifications);
        if (p.spec.onSuccess === 'break') break;
      }
      return { decisions: [], notifications, matched };
    }
    let profile: string | undefined;
    for (const p of this.#profiles) {
      const r = this.#evaluateOne(p, alert);
      let isMatch = r.matched;
      let forceBreak = false;
      if (r.error !== undefined) {
        switch (p.spec.onError) {
          case 'apply':
            this.#warn(`applying profile ${p.spec.name} despite error: ${r.error.message}`);
            isMatch = true;
            break;
          case 'continue':
            this.#warn(`skipping profile ${p.spec.name} because of an error: ${r.error.message}`);
            break;
          case 'break':
            forceBreak = true;
            break;
          case 'ignore':
            this.#warn(`ignoring error of profile ${p.spec.name}: ${r.error.message}`);
            break;
          default:
            throw new ProfileEvaluationError(p.spec.name, r.error.message, { cause: r.error });
        }
      }
      // As in CrowdSec, `break` on error only stops the walk when the profile had matched.
      if (!isMatch) continue;
      matched.push(p.spec.name);
      if (alert.Decisions.length === 0 && r.decisions.length > 0) {
        alert.Decisions = r.decisions;
        profile = p.spec.name;
      }
      notifications.push(...p.spec.notifications);
      if (p.spec.onSuccess === 'break' || forceBreak) break;
    }
    return { decisions: alert.Decisions, profile, notifications, matched };
  }

  /**
   * One profile's filters (OR'ed: every true filter generates the decisions once more). An error
   * or a non-bool result ends the profile: its decisions are dropped, `matched` is kept as it was.
   */
  #evaluateOne(
    p: CompiledProfile,
    alert: Alert,
  ): { decisions: AlertDecision[]; matched: boolean; error?: Error } {
    const decisions: AlertDecision[] = [];
    let matched = false;
    for (const f of p.filters) {
      let out: unknown;
      try {
        out = f.program.run({ Alert: alert });
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return {
          decisions: [],
          matched,
          error: new Error(`while running expression ${f.text.source}: ${why}`),
        };
      }
      if (typeof out !== 'boolean') {
        const error = new Error(
          `unexpected type ${typeof out} (${formatValue(out)}) while running '${f.text.source}'`,
        );
        return { decisions: [], matched, error };
      }
      if (out) {
        matched = true;
        decisions.push(...this.#generate(p, alert));
      }
    }
    return { decisions, matched };
  }

  /** The profile's decisions for `alert` (CrowdSec `GenerateDecisionFromProfile`). */
  #generate(p: CompiledProfile, alert: Alert): AlertDecision[] {
    return p.spec.decisions.map((ref) => {
      const d = new AlertDecision();
      d.Simulated = ref.simulated || alert.Simulated;
      d.Scope = ref.scope !== '' ? ref.scope : alert.Source.Scope;
      d.Duration = this.#duration(p, ref, alert);
      d.Type = ref.type;
      d.Value = alert.Source.Value;
      d.Origin = ref.origin === null ? 'crowdsec' : `crowdsec/${ref.origin}`;
      d.Scenario = alert.Scenario;
      return d;
    });
  }

  /** The static duration, or the `duration_expr` result when it reads as a duration. */
  #duration(p: CompiledProfile, ref: DecisionSpec, alert: Alert): string {
    if (p.durationExpr === null) return ref.duration;
    let text: string;
    try {
      text = formatValue(p.durationExpr.run({ Alert: alert }));
    } catch (err) {
      this.#warn(`profile ${p.spec.name}: failed to run duration_expr: ${(err as Error).message}`);
      return ref.duration;
    }
    if (parseDurationWithDays(text) === undefined) {
      this.#warn(`profile ${p.spec.name}: duration_expr result '${text}' is not a duration`);
      return ref.duration;
    }
    return text;
  }
}

/**
 * Loads the profiles file at `path`, or Palisade's default profiles when `path` is undefined.
 * Throws a HubError for an unreadable file; content errors are returned.
 */
export function loadProfilesFile(
  path: string | undefined,
  options: Omit<LoadProfilesOptions, 'file' | 'text'> = {},
): { set: ProfileSet | null; errors: HubError[] } {
  if (path === undefined) {
    return ProfileSet.load({ ...options, file: DEFAULT_PROFILES_PATH, text: DEFAULT_PROFILES_YAML });
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new HubError({ file: path, line: 0, column: 0 }, `cannot read profiles: ${why}`, { cause: err });
  }
  return ProfileSet.load({ ...options, file: path, text });
}

/**
 * Evaluates `profiles` on `alert` (see `ProfileSet.evaluate`): the decisions to attach, the
 * profile that produced them and the notifications to send.
 */
export function evaluateProfiles(profiles: ProfileSet, alert: Alert): ProfileResult {
  return profiles.evaluate(alert);
}

function compileAt(text: ExprText, functions: readonly ExprFunction[]): Program {
  try {
    return compile(text.source, { env: { ...ENV_PROFILE }, functions });
  } catch (err) {
    throw new HubError(
      locate(text.where, err),
      `cannot compile '${text.source}': ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

/** The expression's start, moved to the error's line when the error knows it. */
function locate(where: SourceLocation, err: unknown): SourceLocation {
  if (err instanceof ExprError && err.line > 1) return { ...where, line: where.line + err.line - 1 };
  return where;
}
