import type { BuiltinNode } from '../ast/nodes.ts';
import type { Compiled, Scope } from '../compile/scope.ts';
import { COLLECTION_BUILTINS } from './collections.ts';
import { type Builtin, BuiltinCall } from './context.ts';
import { MATH_BUILTINS } from './math.ts';
import { PREDICATE_BUILTIN_TABLE } from './predicates.ts';
import { STRING_BUILTINS } from './strings.ts';
import { TIME_BUILTINS } from './time.ts';

/** Every expr-lang v1.17 builtin, by name. */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(
  [
    ...PREDICATE_BUILTIN_TABLE,
    ...STRING_BUILTINS,
    ...MATH_BUILTINS,
    ...COLLECTION_BUILTINS,
    ...TIME_BUILTINS,
  ].map((b) => [b.name, b]),
);

/** Checks and compiles a builtin call. */
export function compileBuiltin(node: BuiltinNode, scope: Scope): Compiled {
  const builtin = BUILTINS.get(node.name);
  if (!builtin) return scope.fail(`unknown name ${node.name}`, node.pos);
  return builtin.compile(new BuiltinCall(node, scope));
}
