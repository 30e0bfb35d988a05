/**
 * Builds lines meant to make a backtracking regexp engine explode on a given grok pattern:
 * long runs of characters its repeated parts accept, alternations of two such characters
 * (`a.a.a.` hostnames, `/a/a/` paths, `a a a` DATA separators), each followed by a character
 * that makes the match fail; and near-matches of real log lines with one field inflated and the
 * rest of the line broken or missing.
 */
import type { GrokPattern } from '../../packages/palisade/src/grok/index.ts';

/** One adversarial input. */
export interface AdversarialLine {
  readonly label: string;
  readonly line: string;
}

/** Characters that commonly appear in repeated classes of log patterns. */
const BASE_CHARS = 'aZ09 \t.-_:/\\"\'[]()=,;@%+|<>{}?&#*';
/** Characters that end a line in a way that defeats most patterns. */
const FAIL_TAILS = ['\u0001', '\n'];
/** Separators alternated with a word character (`a a a`, `a.a.a`, `a/a/a`…). */
const PAIR_CHARS = ' .-/:",=;|';
/** Fields inflated per sample line. */
const MAX_FIELDS = 4;

function repeatTo(unit: string, size: number): string {
  if (unit.length === 0) return '';
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Printable ASCII characters that appear in the pattern's expanded RE2 text. */
function patternChars(pattern: GrokPattern): string[] {
  const set = new Set<string>(BASE_CHARS);
  for (const ch of pattern.expanded) if (ch >= ' ' && ch <= '~') set.add(ch);
  return [...set];
}

/** Synthetic runs and pairs, each `size` characters long plus a failing tail. */
export function syntheticLines(pattern: GrokPattern, size: number): AdversarialLine[] {
  const out: AdversarialLine[] = [];
  const chars = patternChars(pattern);
  for (const c of chars) {
    const tail = FAIL_TAILS[c.charCodeAt(0) % FAIL_TAILS.length]!;
    out.push({ label: `run ${JSON.stringify(c + tail)}`, line: repeatTo(c, size) + tail });
  }
  for (const c of PAIR_CHARS)
    out.push({ label: `pair ${JSON.stringify(`a${c}`)}`, line: repeatTo(`a${c}`, size) + '\u0001' });
  out.push({ label: 'hostname labels', line: repeatTo('a-b.', size) + '-' });
  out.push({ label: 'unix path', line: repeatTo('/a', size) + '\\' });
  out.push({ label: 'quoted escapes', line: `"${repeatTo('\\"', size)}` });
  return out;
}

/**
 * Near-matches of `samples` (real lines the pattern matches): every non-empty captured field is
 * inflated to `size` characters, once keeping the rest of the line, once with the rest replaced
 * by a failing character, and the whole line is repeated with a broken end.
 */
export function nearMatchLines(
  pattern: GrokPattern,
  samples: readonly string[],
  size: number,
): AdversarialLine[] {
  const out: AdversarialLine[] = [];
  const withIndices = new RegExp(pattern.regexp.source, 'd');
  for (const sample of samples) {
    const m = withIndices.exec(sample);
    if (m === null || m.indices === undefined) continue;
    // The widest distinct captured fields: inflating those is what stresses the engine most.
    const spans = new Map<string, [number, number]>();
    for (let g = 1; g < m.indices.length; g++) {
      const span = m.indices[g];
      if (span !== undefined && span[1] > span[0]) spans.set(`${span[0]}:${span[1]}`, [span[0], span[1]]);
    }
    const widest = [...spans.values()].sort((a, b) => b[1] - b[0] - (a[1] - a[0])).slice(0, MAX_FIELDS);
    for (const [g, [start, end]] of widest.entries()) {
      const inflated = repeatTo(sample.slice(start, end), size);
      const head = sample.slice(0, start);
      out.push({ label: `field ${g} inflated`, line: head + inflated + sample.slice(end) });
      out.push({ label: `field ${g} inflated, tail cut`, line: head + inflated + '\u0001' });
      if (end < sample.length) {
        const broken = sample.slice(end, -1) + '\u0001';
        out.push({ label: `field ${g} inflated, last char broken`, line: head + inflated + broken });
      }
    }
    out.push({ label: 'line repeated, end broken', line: repeatTo(`${sample} `, size) + '\u0001' });
  }
  return out;
}
