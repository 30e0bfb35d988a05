import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '../../src/expr/ast/nodes.ts';
import { parse } from '../../src/expr/parser/parser.ts';

/** Renders a tree as a fully parenthesised string, to assert precedence. */
function show(n: Node): string {
  switch (n.kind) {
    case 'IdentifierNode':
      return n.value;
    case 'IntegerNode':
    case 'FloatNode':
      return String(n.value);
    case 'StringNode':
      return JSON.stringify(n.value);
    case 'BoolNode':
      return String(n.value);
    case 'NilNode':
      return 'nil';
    case 'UnaryNode':
      return `(${n.operator} ${show(n.node)})`;
    case 'BinaryNode':
      return `(${show(n.left)} ${n.operator} ${show(n.right)})`;
    case 'ConditionalNode':
      return `(${show(n.cond)} ? ${show(n.exp1)} : ${show(n.exp2)})`;
    case 'MemberNode':
      return `${show(n.node)}${n.optional ? '?' : ''}[${show(n.property)}]`;
    case 'ChainNode':
      return `chain(${show(n.node)})`;
    case 'CallNode':
      return `${show(n.callee)}(${n.arguments.map(show).join(', ')})`;
    case 'BuiltinNode':
      return `${n.name}!(${n.arguments.map(show).join(', ')})`;
    case 'PredicateNode':
      return `{${show(n.node)}}`;
    case 'PointerNode':
      return `#${n.name}`;
    case 'ArrayNode':
      return `[${n.nodes.map(show).join(', ')}]`;
    case 'VariableDeclaratorNode':
      return `let ${n.name} = ${show(n.value)}; ${show(n.expr)}`;
    case 'SliceNode':
      return `${show(n.node)}[${n.from ? show(n.from) : ''}:${n.to ? show(n.to) : ''}]`;
    default:
      return n.kind;
  }
}

const p = (s: string) => show(parse(s));

test('precedence follows expr-lang v1.17', () => {
  assert.equal(p('a or b and c'), '(a or (b and c))');
  assert.equal(p('not a == b'), '((not a) == b)');
  assert.equal(p('-2 ** 2'), '(- (2 ** 2))');
  assert.equal(p('2 ** 3 ** 2'), '(2 ** (3 ** 2))');
  assert.equal(p('1 + 2 * 3'), '(1 + (2 * 3))');
  assert.equal(p('1..2 + 3'), '(1 .. (2 + 3))');
  assert.equal(p('a ?? b + c'.replace(' + c', '')), '(a ?? b)');
  assert.equal(p('x not in y'), '(not (x in y))');
  assert.equal(p('c ? a : b ? d : e'), '(c ? a : (b ? d : e))');
  assert.equal(p('1 < 2 < 3'), '((1 < 2) && (2 < 3))');
});

test('pipes, predicates, pointers and let', () => {
  assert.equal(p('arr | filter(# > 1)'), 'filter!(arr, {(# > 1)})');
  assert.equal(p('any(xs, {.Name == "a"})'), 'any!(xs, {(#["Name"] == "a")})');
  assert.equal(p('count(q, #.Meta.x in ["a"])'), 'count!(q, {(#["Meta"]["x"] in ["a"])})');
  assert.equal(p('let x = 1; x + 1'), 'let x = 1; (x + 1)');
  assert.equal(p('Upper(x)'), 'Upper(x)');
  assert.equal(p('upper(x)'), 'upper!(x)');
});

test('member chains, optional chaining and slices', () => {
  assert.equal(p('a?.b.c'), 'chain(a?["b"]["c"])');
  assert.equal(p('a[-1]'), 'a[(- 1)]');
  assert.equal(p('a[1:]'), 'a[1:]');
  assert.equal(p('evt.GetMeta("x")'), 'evt["GetMeta"]("x")');
});

test('a declared function overrides a builtin of the same name', () => {
  assert.equal(show(parse('len(x)', { overrides: new Set(['len']) })), 'len(x)');
});

test('syntax errors carry the caret snippet', () => {
  assert.throws(() => parse('a +'), { message: 'unexpected token EOF (1:4)\n | a +\n | ...^' });
  assert.throws(() => parse('(1 + 2'), { message: 'unexpected token EOF (1:7)\n | (1 + 2\n | ......^' });
  assert.throws(() => parse('# > 1'), {
    message: 'cannot use pointer accessor outside predicate (1:1)\n | # > 1\n | ^',
  });
  assert.throws(
    () => parse('a ?? b + c'),
    /Operator \(\+\) and coalesce expressions \(\?\?\) cannot be mixed/,
  );
  assert.throws(() => parse('x\n  + ]'), {
    message: 'unexpected token Bracket("]") (2:5)\n |   + ]\n | ....^',
  });
});
