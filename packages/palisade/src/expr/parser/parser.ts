import type { Node, PairNode } from '../ast/nodes.ts';
import { createNode } from '../ast/nodes.ts';
import { BUILTIN_NAMES } from '../builtins/names.ts';
import { tokenize } from '../lexer/lexer.ts';
import type { Token, TokenKind } from '../lexer/token.ts';
import { tokenIs, tokenText } from '../lexer/token.ts';
import { ExprError } from '../source/error.ts';
import { parseNumber } from './numbers.ts';
import type { ArgShape } from './operators.ts';
import { BINARY, CHAINED_COMPARISONS, NEGATABLE, PREDICATE_BUILTINS, UNARY } from './operators.ts';

/** Parser options. */
export interface ParseOptions {
  /** Names of declared functions: a declared function overrides a builtin of the same name. */
  readonly overrides?: ReadonlySet<string>;
}

/**
 * Parses expression text into a syntax tree with expr-lang v1.17 syntax and precedence.
 * Throws `ExprError` (located) on a syntax error.
 */
export function parse(source: string, options: ParseOptions = {}): Node {
  return new Parser(source, tokenize(source), options.overrides ?? new Set()).parseProgram();
}

class Parser {
  readonly source: string;
  readonly tokens: Token[];
  readonly overrides: ReadonlySet<string>;
  index = 0;
  current: Token;
  /** Predicate nesting depth: `#` and `.Field` are only valid inside a predicate. */
  depth = 0;

  constructor(source: string, tokens: Token[], overrides: ReadonlySet<string>) {
    this.source = source;
    this.tokens = tokens;
    this.overrides = overrides;
    this.current = tokens[0]!;
  }

  parseProgram(): Node {
    const node = this.parseSequence();
    if (!this.is('EOF')) this.unexpected();
    return node;
  }

  // --- token helpers -------------------------------------------------------------------------

  error(message: string, at: Token = this.current): never {
    throw new ExprError(message, this.source, at.pos);
  }

  unexpected(): never {
    return this.error(`unexpected token ${tokenText(this.current)}`);
  }

  next(): void {
    if (this.index < this.tokens.length - 1) this.index++;
    this.current = this.tokens[this.index]!;
  }

  is(kind: TokenKind, ...values: string[]): boolean {
    return tokenIs(this.current, kind, ...values);
  }

  expect(kind: TokenKind, ...values: string[]): void {
    if (!this.is(kind, ...values)) this.unexpected();
    this.next();
  }

  // --- expressions -----------------------------------------------------------------------------

  parseSequence(): Node {
    const start = this.current;
    const nodes = [this.parseExpression(0)];
    while (this.is('Operator', ';')) {
      this.next();
      if (this.is('EOF') || this.is('Bracket', '}')) break;
      nodes.push(this.parseExpression(0));
    }
    return nodes.length === 1 ? nodes[0]! : createNode('SequenceNode', start.pos, { nodes });
  }

  parseExpression(precedence: number): Node {
    if (precedence === 0 && this.is('Operator', 'let')) return this.parseLet();
    if (precedence === 0 && this.is('Operator', 'if')) return this.parseIf();
    let left = this.parsePrimary();
    let previous = '';
    let op = this.current;
    while (op.kind === 'Operator') {
      let negate: Token | undefined;
      if (op.value === 'not') {
        const saved = this.index;
        this.next();
        if (!NEGATABLE.has(this.current.value) || this.current.kind !== 'Operator') this.unexpected();
        const info = BINARY.get(this.current.value)!;
        if (info.precedence < precedence) {
          this.index = saved;
          this.current = op;
          break;
        }
        negate = op;
        op = this.current;
      }
      const info = BINARY.get(op.value);
      if (info === undefined || info.precedence < precedence) break;
      this.next();
      if (op.value === '|') {
        const name = this.current;
        this.expect('Identifier');
        left = this.parseCall(name, [left]);
      } else {
        if (previous === '??' && op.value !== '??') {
          this.error(
            `Operator (${op.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`,
            op,
          );
        }
        if (CHAINED_COMPARISONS.has(op.value)) {
          left = this.parseComparison(left, op, info.precedence);
        } else {
          const right = this.parseExpression(info.right ? info.precedence : info.precedence + 1);
          left = createNode('BinaryNode', op.pos, { operator: op.value, left, right });
          if (negate) left = createNode('UnaryNode', negate.pos, { operator: 'not', node: left });
        }
      }
      previous = op.value;
      op = this.current;
    }
    if (precedence === 0) left = this.parseTernary(left);
    return left;
  }

  parseComparison(first: Node, firstOp: Token, precedence: number): Node {
    let root: Node | undefined;
    let left = first;
    let op = firstOp;
    for (;;) {
      const right = this.parseExpression(precedence + 1);
      const cmp = createNode('BinaryNode', op.pos, { operator: op.value, left, right });
      root =
        root === undefined
          ? cmp
          : createNode('BinaryNode', op.pos, { operator: '&&', left: root, right: cmp });
      left = right;
      op = this.current;
      if (!(op.kind === 'Operator' && CHAINED_COMPARISONS.has(op.value))) break;
      this.next();
    }
    return root;
  }

  parseTernary(node: Node): Node {
    let result = node;
    while (this.is('Operator', '?')) {
      const at = this.current;
      this.next();
      let exp1: Node;
      let exp2: Node;
      if (this.is('Operator', ':')) {
        this.next();
        exp1 = result;
        exp2 = this.parseExpression(0);
      } else {
        exp1 = this.parseExpression(0);
        this.expect('Operator', ':');
        exp2 = this.parseExpression(0);
      }
      result = createNode('ConditionalNode', at.pos, { cond: result, exp1, exp2 });
    }
    return result;
  }

  parseLet(): Node {
    this.expect('Operator', 'let');
    const name = this.current;
    this.expect('Identifier');
    this.expect('Operator', '=');
    const value = this.parseExpression(0);
    this.expect('Operator', ';');
    const expr = this.parseSequence();
    return createNode('VariableDeclaratorNode', name.pos, { name: name.value, value, expr });
  }

  parseIf(): Node {
    const at = this.current;
    this.next();
    const cond = this.parseExpression(0);
    this.expect('Bracket', '{');
    const exp1 = this.parseSequence();
    this.expect('Bracket', '}');
    this.expect('Operator', 'else');
    let exp2: Node;
    if (this.is('Operator', 'if')) {
      exp2 = this.parseIf();
    } else {
      this.expect('Bracket', '{');
      exp2 = this.parseSequence();
      this.expect('Bracket', '}');
    }
    return createNode('ConditionalNode', at.pos, { cond, exp1, exp2 });
  }

  parsePrimary(): Node {
    const token = this.current;
    if (token.kind === 'Operator') {
      const precedence = UNARY.get(token.value);
      if (precedence !== undefined) {
        this.next();
        const operand = this.parseExpression(precedence);
        return this.parsePostfix(
          createNode('UnaryNode', token.pos, { operator: token.value, node: operand }),
        );
      }
    }
    if (tokenIs(token, 'Bracket', '(')) {
      this.next();
      const inner = this.parseSequence();
      this.expect('Bracket', ')');
      return this.parsePostfix(inner);
    }
    if (tokenIs(token, 'Operator', '#') || tokenIs(token, 'Operator', '.')) {
      if (this.depth === 0) this.error('cannot use pointer accessor outside predicate');
      let name = '';
      if (token.value === '#') {
        this.next();
        if (this.is('Identifier')) {
          name = this.current.value;
          this.next();
        }
      }
      return this.parsePostfix(createNode('PointerNode', token.pos, { name }));
    }
    return this.parseSecondary();
  }

  parseSecondary(): Node {
    const token = this.current;
    let node: Node;
    switch (token.kind) {
      case 'Identifier':
        this.next();
        if (token.value === 'true' || token.value === 'false') {
          node = createNode('BoolNode', token.pos, { value: token.value === 'true' });
        } else if (token.value === 'nil') {
          node = createNode('NilNode', token.pos, {});
        } else if (this.is('Bracket', '(')) {
          node = this.parseCall(token, []);
        } else {
          node = createNode('IdentifierNode', token.pos, { value: token.value });
        }
        break;
      case 'Number': {
        this.next();
        const parsed = parseNumber(token.value);
        if (typeof parsed === 'string') this.error(parsed, token);
        node = createNode(parsed.float ? 'FloatNode' : 'IntegerNode', token.pos, { value: parsed.value });
        break;
      }
      case 'String':
        this.next();
        node = createNode('StringNode', token.pos, { value: token.value });
        break;
      default:
        if (tokenIs(token, 'Bracket', '[')) node = this.parseArray();
        else if (tokenIs(token, 'Bracket', '{')) node = this.parseMap();
        else this.unexpected();
    }
    return this.parsePostfix(node);
  }

  parseArray(): Node {
    const start = this.current;
    this.expect('Bracket', '[');
    const nodes: Node[] = [];
    while (!this.is('Bracket', ']')) {
      if (nodes.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ']')) break;
      }
      nodes.push(this.parseExpression(0));
    }
    this.expect('Bracket', ']');
    return createNode('ArrayNode', start.pos, { nodes });
  }

  parseMap(): Node {
    const start = this.current;
    this.expect('Bracket', '{');
    const pairs: PairNode[] = [];
    while (!this.is('Bracket', '}')) {
      if (pairs.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', '}')) break;
      }
      const keyToken = this.current;
      let key: Node;
      if (this.is('Number') || this.is('String') || this.is('Identifier')) {
        key = createNode('StringNode', keyToken.pos, { value: keyToken.value });
        this.next();
      } else if (this.is('Bracket', '(')) {
        key = this.parseExpression(0);
      } else {
        this.error(
          `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unclosed parenthesis ${tokenText(this.current)})`,
        );
      }
      this.expect('Operator', ':');
      const value = this.parseExpression(0);
      pairs.push(createNode('PairNode', keyToken.pos, { key, value }));
    }
    this.expect('Bracket', '}');
    return createNode('MapNode', start.pos, { pairs });
  }

  parseCall(name: Token, initial: Node[]): Node {
    const overridden = this.overrides.has(name.value);
    const shapes = overridden ? undefined : PREDICATE_BUILTINS.get(name.value);
    if (shapes !== undefined) {
      return createNode('BuiltinNode', name.pos, {
        name: name.value,
        arguments: this.parsePredicateArguments(shapes, initial),
      });
    }
    if (!overridden && BUILTIN_NAMES.has(name.value)) {
      return createNode('BuiltinNode', name.pos, {
        name: name.value,
        arguments: this.parseArguments(initial),
      });
    }
    const callee = createNode('IdentifierNode', name.pos, { value: name.value });
    return createNode('CallNode', name.pos, { callee, arguments: this.parseArguments(initial) });
  }

  parseArguments(initial: Node[]): Node[] {
    const args = [...initial];
    const offset = args.length;
    this.expect('Bracket', '(');
    while (!this.is('Bracket', ')')) {
      if (args.length > offset) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ')')) break;
      }
      args.push(this.parseExpression(0));
    }
    this.expect('Bracket', ')');
    return args;
  }

  parsePredicateArguments(shapes: readonly ArgShape[], initial: Node[]): Node[] {
    const args = [...initial];
    this.expect('Bracket', '(');
    const rest = shapes.slice(initial.length);
    for (let i = 0; i < rest.length; i++) {
      const shape = rest[i]!;
      if (shape.startsWith('optional')) {
        if (this.is('Bracket', ')')) break;
      } else if (this.is('Bracket', ')')) {
        this.error(`expected at least ${rest.length} arguments`);
      }
      if (i > 0) this.expect('Operator', ',');
      args.push(shape.endsWith('closure') ? this.parsePredicate() : this.parseExpression(0));
    }
    if (this.is('Operator', ',')) this.next();
    this.expect('Bracket', ')');
    return args;
  }

  parsePredicate(): Node {
    const start = this.current;
    const braces = this.is('Bracket', '{');
    if (braces) this.next();
    this.depth++;
    let body: Node;
    if (braces) {
      body = this.parseSequence();
    } else {
      body = this.parseExpression(0);
      if (this.is('Operator', ';')) this.error('wrap predicate with brackets { and }');
    }
    this.depth--;
    if (braces) this.expect('Bracket', '}');
    return createNode('PredicateNode', start.pos, { node: body });
  }

  parsePostfix(start: Node): Node {
    let node = start;
    for (;;) {
      let token = this.current;
      if (!(token.kind === 'Operator' || token.kind === 'Bracket')) break;
      const optional = token.value === '?.';
      if (optional && tokenIs(this.tokens[this.index + 1]!, 'Bracket', '[')) {
        this.next();
        token = this.current;
      }
      if (token.value === '.' || token.value === '?.') {
        this.next();
        const property = this.current;
        this.next();
        if (
          property.kind !== 'Identifier' &&
          !(property.kind === 'Operator' && /^[A-Za-z_$][\w$]*$/.test(property.value))
        ) {
          this.error('expected name', property);
        }
        const inChain = node.kind === 'ChainNode';
        const base = node.kind === 'ChainNode' ? node.node : node;
        const propertyNode = createNode('StringNode', property.pos, { value: property.value });
        const method = this.is('Bracket', '(');
        const member = createNode('MemberNode', property.pos, {
          node: base,
          property: propertyNode,
          optional,
          method,
        });
        node = method
          ? createNode('CallNode', property.pos, { callee: member, arguments: this.parseArguments([]) })
          : member;
        if (inChain || optional) node = createNode('ChainNode', node.pos, { node });
      } else if (token.value === '[') {
        this.next();
        const inChain = node.kind === 'ChainNode';
        const base = node.kind === 'ChainNode' ? node.node : node;
        if (this.is('Operator', ':')) {
          this.next();
          const to = this.is('Bracket', ']') ? undefined : this.parseExpression(0);
          node = createNode('SliceNode', token.pos, { node: base, from: undefined, to });
          this.expect('Bracket', ']');
        } else {
          const from = this.parseExpression(0);
          if (this.is('Operator', ':')) {
            this.next();
            const to = this.is('Bracket', ']') ? undefined : this.parseExpression(0);
            node = createNode('SliceNode', token.pos, { node: base, from, to });
          } else {
            node = createNode('MemberNode', token.pos, {
              node: base,
              property: from,
              optional,
              method: false,
            });
          }
          this.expect('Bracket', ']');
        }
        if (inChain || optional) node = createNode('ChainNode', node.pos, { node });
      } else {
        break;
      }
    }
    return node;
  }
}
