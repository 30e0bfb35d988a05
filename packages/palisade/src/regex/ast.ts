/**
 * Syntax tree of a parsed RE2 pattern with all flags already applied: `(?i)` literals are
 * classes of their case orbit, `.` is a class, `^`/`$` know whether they are multi-line and
 * `(?U)` has swapped greediness. The emitter therefore needs no flag state.
 */
import type { CodePointSet } from './charset.ts';

/** Zero-width assertions RE2 supports. */
export type AssertionKind =
  | 'textStart'
  | 'textEnd'
  | 'lineStart'
  | 'lineEnd'
  | 'wordBoundary'
  | 'notWordBoundary';

/** One node of the tree. `capture` is the 1-based group index, 0 for a non-capturing group. */
export type RegexNode =
  | { readonly kind: 'empty' }
  | { readonly kind: 'literal'; readonly cp: number }
  | { readonly kind: 'class'; readonly set: CodePointSet }
  | { readonly kind: 'assert'; readonly what: AssertionKind }
  | {
      readonly kind: 'group';
      readonly capture: number;
      readonly name: string | undefined;
      readonly body: RegexNode;
    }
  | {
      readonly kind: 'repeat';
      readonly min: number;
      readonly max: number;
      readonly greedy: boolean;
      readonly body: RegexNode;
    }
  | { readonly kind: 'concat'; readonly items: readonly RegexNode[] }
  | { readonly kind: 'alt'; readonly items: readonly RegexNode[] };

/** A parsed pattern: the tree plus its capture groups' names (index 0 unused). */
export interface ParsedRegex {
  readonly root: RegexNode;
  readonly groupCount: number;
  readonly groupNames: readonly (string | undefined)[];
}

/** Whether `node` contains a capturing group. */
export function hasCapture(node: RegexNode): boolean {
  switch (node.kind) {
    case 'group':
      return node.capture > 0 || hasCapture(node.body);
    case 'repeat':
      return hasCapture(node.body);
    case 'concat':
    case 'alt':
      return node.items.some(hasCapture);
    default:
      return false;
  }
}
