/**
 * Run-time state of one evaluation. Compiled expressions are trees of closures `(frame) => value`;
 * variables come from `vars`, and `let` bindings and closure pointers (`#`, `#index`, `#acc`) live
 * in `slots`, whose indexes the compiler assigns at load time.
 */
export interface Frame {
  vars: Record<string, unknown>;
  readonly slots: unknown[];
}

/** A compiled expression (or sub-expression). */
export type Evaluator = (frame: Frame) => unknown;

/**
 * Returned by a member access inside a `?.` chain whose base is nil: every enclosing access of the
 * same chain passes it through, and the chain node turns it into nil.
 */
export const SHORT_CIRCUIT: unique symbol = Symbol('short-circuit');

/** A value no evaluator ever returns: the "short-circuit marker" of accesses outside any chain. */
export const NEVER: unique symbol = Symbol('never');
