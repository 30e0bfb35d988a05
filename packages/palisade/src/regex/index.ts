/**
 * RE2 (Go `regexp`) patterns as native ECMAScript regexps.
 *
 * The translation is faithful for everything RE2 accepts (see emitter.ts for the one documented
 * surrogate-pair edge), and rejects what RE2 rejects. The emitted source never needs flags, which
 * keeps every translated pattern runnable by V8's linear-time engine (see linear-engine.ts).
 */
import { emitEcmaScript } from './emitter.ts';
import { parseRe2 } from './parser.ts';

export { RegexTranslationError } from './errors.ts';
export { acceptedByLinearEngine, compileForLinearEngine } from './linear-engine.ts';
export {
  LINEAR_ENGINE_MIN_LENGTH,
  type Re2Match,
  Re2Matcher,
  type Re2MatcherOptions,
  START_FINDER_MIN_LENGTH,
} from './matcher.ts';
export { Re2RegExp } from './re2-regexp.ts';
export { requiredLiteral } from './required-literal.ts';

/** Result of translating one RE2 pattern. */
export interface TranslatedRegex {
  /** ECMAScript pattern source. */
  readonly source: string;
  /** Flags to compile it with (always '' today; kept so callers do not hard-code that). */
  readonly flags: string;
  /** Number of capturing groups (RE2 numbering = ECMAScript numbering). */
  readonly groupCount: number;
  /** RE2 group names by group index (index 0 unused); names may repeat or be non-identifiers. */
  readonly groupNames: readonly (string | undefined)[];
}

/**
 * Translates an RE2 pattern into an equivalent ECMAScript pattern.
 * Throws RegexTranslationError (naming the construct and its offset) for invalid RE2 syntax or
 * constructs RE2 itself rejects (backreferences, lookaround…).
 */
export function translateRe2(pattern: string): TranslatedRegex {
  const parsed = parseRe2(pattern);
  const { source } = emitEcmaScript(parsed);
  return { source, flags: '', groupCount: parsed.groupCount, groupNames: parsed.groupNames };
}

/** Compiles an RE2 pattern into a RegExp with RE2 semantics; throws RegexTranslationError. */
export function compileRe2(pattern: string): RegExp {
  const { source, flags } = translateRe2(pattern);
  return new RegExp(source, flags);
}
