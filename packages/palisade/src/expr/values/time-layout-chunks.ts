/**
 * Splits a Go time layout into literal text and layout elements, exactly as Go's `nextStdChunk`
 * does (reference time `Mon Jan 2 15:04:05 MST 2006`). Shared by formatting and parsing.
 */

export type StdKind =
  | 'longMonth' // January
  | 'month' // Jan
  | 'numMonth' // 1
  | 'zeroMonth' // 01
  | 'longWeekDay' // Monday
  | 'weekDay' // Mon
  | 'day' // 2
  | 'underDay' // _2
  | 'zeroDay' // 02
  | 'underYearDay' // __2
  | 'zeroYearDay' // 002
  | 'hour' // 15
  | 'hour12' // 3
  | 'zeroHour12' // 03
  | 'minute' // 4
  | 'zeroMinute' // 04
  | 'second' // 5
  | 'zeroSecond' // 05
  | 'longYear' // 2006
  | 'year' // 06
  | 'PM' // PM
  | 'pm' // pm
  | 'tz' // MST
  | 'iso8601TZ' // Z0700
  | 'iso8601SecondsTZ' // Z070000
  | 'iso8601ShortTZ' // Z07
  | 'iso8601ColonTZ' // Z07:00
  | 'iso8601ColonSecondsTZ' // Z07:00:00
  | 'numTZ' // -0700
  | 'numSecondsTz' // -070000
  | 'numShortTZ' // -07
  | 'numColonTZ' // -07:00
  | 'numColonSecondsTZ' // -07:00:00
  | 'fracSecond0' // .000 / ,000: exactly n digits
  | 'fracSecond9'; // .999 / ,999: trailing zeros trimmed

/** One layout element and the literal text before it. */
export interface LayoutElement {
  readonly prefix: string;
  readonly std: StdKind;
  /** The layout text of the element (for error messages). */
  readonly text: string;
  /** Fractional seconds: number of digits in the layout. */
  readonly digits: number;
  /** Fractional seconds: `.` or `,`. */
  readonly separator: string;
}

/** A compiled layout: its elements, then the literal text after the last one. */
export interface CompiledLayout {
  readonly elements: readonly LayoutElement[];
  readonly tail: string;
}

const ZERO_X: readonly StdKind[] = ['zeroMonth', 'zeroDay', 'zeroHour12', 'zeroMinute', 'zeroSecond', 'year'];

function startsWithLowerCase(s: string, at: number): boolean {
  const c = s[at];
  return c !== undefined && c >= 'a' && c <= 'z';
}

function isDigitAt(s: string, at: number): boolean {
  const c = s[at];
  return c !== undefined && c >= '0' && c <= '9';
}

interface Chunk {
  start: number;
  end: number;
  std: StdKind;
  digits?: number;
}

/** Go `nextStdChunk` from position `from`: where the next element starts and ends, if any. */
function nextChunk(layout: string, from: number): Chunk | undefined {
  const has = (i: number, text: string) => layout.startsWith(text, i);
  for (let i = from; i < layout.length; i++) {
    const c = layout[i];
    switch (c) {
      case 'J':
        if (has(i, 'Jan')) {
          if (has(i, 'January')) return { start: i, end: i + 7, std: 'longMonth' };
          if (!startsWithLowerCase(layout, i + 3)) return { start: i, end: i + 3, std: 'month' };
        }
        break;
      case 'M':
        if (has(i, 'Mon')) {
          if (has(i, 'Monday')) return { start: i, end: i + 6, std: 'longWeekDay' };
          if (!startsWithLowerCase(layout, i + 3)) return { start: i, end: i + 3, std: 'weekDay' };
        }
        if (has(i, 'MST')) return { start: i, end: i + 3, std: 'tz' };
        break;
      case '0': {
        const d = layout[i + 1];
        if (d !== undefined && d >= '1' && d <= '6') {
          return { start: i, end: i + 2, std: ZERO_X[d.charCodeAt(0) - 49] as StdKind };
        }
        if (has(i, '002')) return { start: i, end: i + 3, std: 'zeroYearDay' };
        break;
      }
      case '1':
        if (layout[i + 1] === '5') return { start: i, end: i + 2, std: 'hour' };
        return { start: i, end: i + 1, std: 'numMonth' };
      case '2':
        if (has(i, '2006')) return { start: i, end: i + 4, std: 'longYear' };
        return { start: i, end: i + 1, std: 'day' };
      case '_':
        if (layout[i + 1] === '2') {
          // `_2006` is a literal underscore followed by the long year.
          if (has(i + 1, '2006')) return { start: i + 1, end: i + 5, std: 'longYear' };
          return { start: i, end: i + 2, std: 'underDay' };
        }
        if (has(i, '__2')) return { start: i, end: i + 3, std: 'underYearDay' };
        break;
      case '3':
        return { start: i, end: i + 1, std: 'hour12' };
      case '4':
        return { start: i, end: i + 1, std: 'minute' };
      case '5':
        return { start: i, end: i + 1, std: 'second' };
      case 'P':
        if (layout[i + 1] === 'M') return { start: i, end: i + 2, std: 'PM' };
        break;
      case 'p':
        if (layout[i + 1] === 'm') return { start: i, end: i + 2, std: 'pm' };
        break;
      case '-':
        if (has(i, '-070000')) return { start: i, end: i + 7, std: 'numSecondsTz' };
        if (has(i, '-07:00:00')) return { start: i, end: i + 9, std: 'numColonSecondsTZ' };
        if (has(i, '-0700')) return { start: i, end: i + 5, std: 'numTZ' };
        if (has(i, '-07:00')) return { start: i, end: i + 6, std: 'numColonTZ' };
        if (has(i, '-07')) return { start: i, end: i + 3, std: 'numShortTZ' };
        break;
      case 'Z':
        if (has(i, 'Z070000')) return { start: i, end: i + 7, std: 'iso8601SecondsTZ' };
        if (has(i, 'Z07:00:00')) return { start: i, end: i + 9, std: 'iso8601ColonSecondsTZ' };
        if (has(i, 'Z0700')) return { start: i, end: i + 5, std: 'iso8601TZ' };
        if (has(i, 'Z07:00')) return { start: i, end: i + 6, std: 'iso8601ColonTZ' };
        if (has(i, 'Z07')) return { start: i, end: i + 3, std: 'iso8601ShortTZ' };
        break;
      case '.':
      case ',': {
        const ch = layout[i + 1];
        if (ch === '0' || ch === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          // Only a fractional second if the run of identical digits is not followed by a digit.
          if (!isDigitAt(layout, j)) {
            return { start: i, end: j, std: ch === '0' ? 'fracSecond0' : 'fracSecond9', digits: j - (i + 1) };
          }
        }
        break;
      }
    }
  }
  return undefined;
}

/** Splits a layout into elements (Go's successive `nextStdChunk` calls). Linear in its length. */
export function splitLayout(layout: string): CompiledLayout {
  const elements: LayoutElement[] = [];
  let pos = 0;
  for (;;) {
    const chunk = nextChunk(layout, pos);
    if (!chunk) break;
    const text = layout.slice(chunk.start, chunk.end);
    elements.push(
      Object.freeze({
        prefix: layout.slice(pos, chunk.start),
        std: chunk.std,
        text,
        digits: chunk.digits ?? 0,
        separator: chunk.digits !== undefined ? text[0] : '',
      } as LayoutElement),
    );
    pos = chunk.end;
  }
  return Object.freeze({ elements: Object.freeze(elements), tail: layout.slice(pos) });
}

const compiledCache = new Map<string, CompiledLayout>();
const MAX_CACHED_LAYOUTS = 512;

/** `splitLayout` with a bounded cache (layouts come from content and are few). */
export function compileLayout(layout: string): CompiledLayout {
  const hit = compiledCache.get(layout);
  if (hit) return hit;
  const compiled = splitLayout(layout);
  if (compiledCache.size < MAX_CACHED_LAYOUTS && layout.length <= 256) compiledCache.set(layout, compiled);
  return compiled;
}
