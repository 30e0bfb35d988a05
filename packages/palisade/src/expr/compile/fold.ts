import type { Frame } from '../runtime/frame.ts';
import { type Compiled, constant } from './scope.ts';

const NO_FRAME = undefined as unknown as Frame;

/**
 * Constant folding: when every operand is a load-time constant, evaluates `result` once and returns
 * it as a constant. An evaluation that throws (e.g. `1 % 0`) is left for run time, where the error
 * is reported like any other.
 */
export function foldIfConstant(result: Compiled, operands: readonly Compiled[]): Compiled {
  if (result.constant || !operands.every((o) => o.constant)) return result;
  try {
    return constant(result.type, result.ev(NO_FRAME));
  } catch {
    return result;
  }
}
