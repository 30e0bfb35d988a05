/**
 * The syntax tree, one frozen plain object per node, named like expr-lang's `ast` package
 * (`BinaryNode`, `MemberNode`, …). Every node carries `pos`, the UTF-16 offset of the token that
 * errors point at (for a binary node: its operator; for a member: its property name).
 */

export interface NilNode {
  readonly kind: 'NilNode';
  readonly pos: number;
}
export interface IdentifierNode {
  readonly kind: 'IdentifierNode';
  readonly pos: number;
  readonly value: string;
}
export interface IntegerNode {
  readonly kind: 'IntegerNode';
  readonly pos: number;
  readonly value: number;
}
export interface FloatNode {
  readonly kind: 'FloatNode';
  readonly pos: number;
  readonly value: number;
}
export interface BoolNode {
  readonly kind: 'BoolNode';
  readonly pos: number;
  readonly value: boolean;
}
export interface StringNode {
  readonly kind: 'StringNode';
  readonly pos: number;
  readonly value: string;
}
export interface UnaryNode {
  readonly kind: 'UnaryNode';
  readonly pos: number;
  readonly operator: string;
  readonly node: Node;
}
export interface BinaryNode {
  readonly kind: 'BinaryNode';
  readonly pos: number;
  readonly operator: string;
  readonly left: Node;
  readonly right: Node;
}
/** Wraps a member chain that contains `?.`: a nil before a `?.` makes the whole chain nil. */
export interface ChainNode {
  readonly kind: 'ChainNode';
  readonly pos: number;
  readonly node: Node;
}
/** `a.b`, `a?.b`, `a[k]`; `method` is set when it is the callee of a method call. */
export interface MemberNode {
  readonly kind: 'MemberNode';
  readonly pos: number;
  readonly node: Node;
  readonly property: Node;
  readonly optional: boolean;
  readonly method: boolean;
}
export interface SliceNode {
  readonly kind: 'SliceNode';
  readonly pos: number;
  readonly node: Node;
  readonly from: Node | undefined;
  readonly to: Node | undefined;
}
/** A call of a declared function (`IdentifierNode` callee) or a method (`MemberNode` callee). */
export interface CallNode {
  readonly kind: 'CallNode';
  readonly pos: number;
  readonly callee: Node;
  readonly arguments: readonly Node[];
}
/** A call of an expr-lang builtin (`len`, `filter`, …). */
export interface BuiltinNode {
  readonly kind: 'BuiltinNode';
  readonly pos: number;
  readonly name: string;
  readonly arguments: readonly Node[];
}
/** A closure argument of a builtin (`{ # > 1 }` or a bare predicate expression). */
export interface PredicateNode {
  readonly kind: 'PredicateNode';
  readonly pos: number;
  readonly node: Node;
}
/** `#` (name ''), `#index`, `#acc`, or the implicit pointer of a leading `.Field`. */
export interface PointerNode {
  readonly kind: 'PointerNode';
  readonly pos: number;
  readonly name: string;
}
/** Ternary `c ? a : b`, `c ?: b`, and `if c { a } else { b }`. */
export interface ConditionalNode {
  readonly kind: 'ConditionalNode';
  readonly pos: number;
  readonly cond: Node;
  readonly exp1: Node;
  readonly exp2: Node;
}
/** `let name = value; expr`. */
export interface VariableDeclaratorNode {
  readonly kind: 'VariableDeclaratorNode';
  readonly pos: number;
  readonly name: string;
  readonly value: Node;
  readonly expr: Node;
}
/** `a; b; c`: evaluates all, yields the last. */
export interface SequenceNode {
  readonly kind: 'SequenceNode';
  readonly pos: number;
  readonly nodes: readonly Node[];
}
export interface ArrayNode {
  readonly kind: 'ArrayNode';
  readonly pos: number;
  readonly nodes: readonly Node[];
}
export interface PairNode {
  readonly kind: 'PairNode';
  readonly pos: number;
  readonly key: Node;
  readonly value: Node;
}
export interface MapNode {
  readonly kind: 'MapNode';
  readonly pos: number;
  readonly pairs: readonly PairNode[];
}

export type Node =
  | NilNode
  | IdentifierNode
  | IntegerNode
  | FloatNode
  | BoolNode
  | StringNode
  | UnaryNode
  | BinaryNode
  | ChainNode
  | MemberNode
  | SliceNode
  | CallNode
  | BuiltinNode
  | PredicateNode
  | PointerNode
  | ConditionalNode
  | VariableDeclaratorNode
  | SequenceNode
  | ArrayNode
  | PairNode
  | MapNode;

export type NodeKind = Node['kind'];

/** Builds a frozen node of the given kind: `createNode('BinaryNode', pos, { operator, left, right })`. */
export function createNode<K extends NodeKind>(
  kind: K,
  pos: number,
  fields: Omit<Extract<Node, { kind: K }>, 'kind' | 'pos'>,
): Extract<Node, { kind: K }> {
  return Object.freeze({ kind, pos, ...fields }) as unknown as Extract<Node, { kind: K }>;
}

/** Type guard: `isNode(n, 'MemberNode')`. */
export function isNode<K extends NodeKind>(n: Node | undefined, kind: K): n is Extract<Node, { kind: K }> {
  return n !== undefined && n.kind === kind;
}
