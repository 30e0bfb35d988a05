/**
 * The longest literal text every match of a regexp must contain. Checking it with `indexOf` first
 * rejects most non-matching lines in linear time before the regexp engine runs at all, which is
 * both the cheapest ReDoS defence and the biggest throughput win (a line is tried against many
 * patterns and most of them fail).
 */
import type { RegexNode } from './ast.ts';
import { parseRe2 } from './parser.ts';

/** The longest string that must occur in any match of the RE2 `pattern` ('' if none is known). */
export function requiredLiteral(pattern: string): string {
  return analyse(parseRe2(pattern).root).best;
}

interface Facts {
  /** The node always matches exactly this text (undefined when it can match anything else). */
  exact: string | undefined;
  /** Longest text guaranteed to appear inside any match of the node. */
  best: string;
}

function longest(a: string, b: string): string {
  return b.length > a.length ? b : a;
}

function analyse(node: RegexNode): Facts {
  switch (node.kind) {
    case 'empty':
    case 'assert':
      return { exact: '', best: '' };
    case 'literal':
      return { exact: String.fromCodePoint(node.cp), best: String.fromCodePoint(node.cp) };
    case 'class': {
      const cp = node.set.single();
      if (cp < 0) return { exact: undefined, best: '' };
      return { exact: String.fromCodePoint(cp), best: String.fromCodePoint(cp) };
    }
    case 'group':
      return analyse(node.body);
    case 'repeat': {
      if (node.min === 0) return { exact: undefined, best: '' };
      const body = analyse(node.body);
      if (body.exact !== undefined && node.min === node.max) {
        const text = body.exact.repeat(node.min);
        return { exact: text, best: text };
      }
      return { exact: undefined, best: body.best };
    }
    case 'alt':
      return { exact: undefined, best: '' };
    case 'concat': {
      let best = '';
      let run = '';
      let allExact = true;
      for (const item of node.items) {
        const facts = analyse(item);
        best = longest(best, facts.best);
        if (facts.exact !== undefined) {
          run += facts.exact;
        } else {
          allExact = false;
          best = longest(best, run);
          run = '';
        }
        best = longest(best, run);
      }
      return { exact: allExact ? run : undefined, best };
    }
  }
}
