/**
 * The variables each kind of expression site sees (hub-compat §4.1), as static types for the
 * checker. Each environment is frozen; pass it as `env` to the expression compiler.
 */
import { anyType, arrayOf, type Type } from '../expr/types.ts';
import { LeakyType, QueueType } from './schema-bucket.ts';
import { EventType, MatchedRuleType, RuntimeAlertType } from './schema-event.ts';
import { HttpRequestType } from './schema-http.ts';
import { AlertType } from './schema-models.ts';

/** A set of variables: name → static type. */
export type ExprEnv = Readonly<Record<string, Type>>;

/**
 * `{evt}`: parser/postoverflow `filter`, grok `expression`, static `expression`, whitelist
 * `expression`, stash `key`/`value`; scenario `filter`, `groupby`, `distinct`, `cancel_on`,
 * `scope.expression`; acquisition `transform`.
 */
export const ENV_EVT: ExprEnv = Object.freeze({ evt: EventType });

/** `{evt, queue, leaky}`: scenario `condition` and `bayesian_conditions[].condition`. */
export const ENV_CONDITION: ExprEnv = Object.freeze({ evt: EventType, queue: QueueType, leaky: LeakyType });

/**
 * `{queue, signal, leaky, evt}`: scenario `overflow_filter`. CrowdSec compiles it with `evt` too,
 * although `evt` is absent at run time (so an expression using it fails when evaluated).
 */
export const ENV_OVERFLOW_FILTER: ExprEnv = Object.freeze({
  queue: QueueType,
  signal: RuntimeAlertType,
  leaky: LeakyType,
  evt: EventType,
});

/** `{evt, match, req}`: alert-context (`contexts/`) expressions; `match`/`req` are WAF-only. */
export const ENV_CONTEXT: ExprEnv = Object.freeze({
  evt: EventType,
  match: MatchedRuleType,
  req: HttpRequestType,
});

/** `{Alert}`: LAPI profile `filters` and `duration_expr`. */
export const ENV_PROFILE: ExprEnv = Object.freeze({ Alert: AlertType });

/** `{results}`: hubtest assertion lines (the dump is dynamically typed). */
export const ENV_HUBTEST_ASSERT: ExprEnv = Object.freeze({ results: anyType });

/**
 * `{results}` of hubtest scenario assertion lines: the bucket dump, Go's `[]pipeline.Event` (the
 * overflow events), so that `results[0].Overflow.Alert.GetScenario()` type-checks.
 */
export const ENV_HUBTEST_SCENARIO_ASSERT: ExprEnv = Object.freeze({ results: arrayOf(EventType) });
