/** Token kinds, named as expr-lang names them (they appear in "unexpected token" messages). */
export type TokenKind = 'Identifier' | 'Number' | 'String' | 'Operator' | 'Bracket' | 'EOF';

/** One token: its kind, its value (string literals already unescaped) and its UTF-16 offset. */
export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly pos: number;
}

/** True when `t` has `kind` and, if given, one of `values`. */
export function tokenIs(t: Token, kind: TokenKind, ...values: string[]): boolean {
  return t.kind === kind && (values.length === 0 || values.includes(t.value));
}

/** Renders a token like expr-lang's `Token.String()`: `Operator(",")`, or the bare kind for `EOF`. */
export function tokenText(t: Token): string {
  return t.value === '' ? t.kind : `${t.kind}(${JSON.stringify(t.value)})`;
}
