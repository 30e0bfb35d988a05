import type { Node } from '../ast/nodes.ts';
import { compileBuiltin } from '../builtins/index.ts';
import { boolType, floatType, intType, nilType, stringType } from '../types.ts';
import { compileBinary } from './binary.ts';
import { compileCall } from './call.ts';
import { compileConditional, compileLet, compileSequence } from './control.ts';
import { compileArray, compileMap } from './literals.ts';
import { compileChain, compileMember, compileSlice } from './member.ts';
import { compileIdentifier, compilePointer } from './names.ts';
import { type Compiled, constant, type Scope } from './scope.ts';
import { compileUnary } from './unary.ts';

/**
 * Checks and compiles one node by dispatching on its kind. `chain` is set while compiling the base
 * of an access inside a `?.` chain (see member.ts).
 */
export function compileNode(node: Node, scope: Scope, chain: boolean): Compiled {
  switch (node.kind) {
    case 'NilNode':
      return constant(nilType, null);
    case 'IntegerNode':
      return constant(intType, node.value);
    case 'FloatNode':
      return constant(floatType, node.value);
    case 'BoolNode':
      return constant(boolType, node.value);
    case 'StringNode':
      return constant(stringType, node.value);
    case 'IdentifierNode':
      return compileIdentifier(node, scope);
    case 'PointerNode':
      return compilePointer(node, scope);
    case 'UnaryNode':
      return compileUnary(node, scope);
    case 'BinaryNode':
      return compileBinary(node, scope);
    case 'MemberNode':
      return compileMember(node, scope, chain);
    case 'SliceNode':
      return compileSlice(node, scope, chain);
    case 'ChainNode':
      return compileChain(node, scope);
    case 'CallNode':
      return compileCall(node, scope, chain);
    case 'BuiltinNode':
      return compileBuiltin(node, scope);
    case 'ConditionalNode':
      return compileConditional(node, scope);
    case 'VariableDeclaratorNode':
      return compileLet(node, scope);
    case 'SequenceNode':
      return compileSequence(node, scope);
    case 'ArrayNode':
      return compileArray(node, scope);
    case 'MapNode':
      return compileMap(node, scope);
    case 'PredicateNode':
      return scope.fail('unexpected closure', node.pos);
    case 'PairNode':
      return scope.fail('unexpected map pair', node.pos);
  }
}
