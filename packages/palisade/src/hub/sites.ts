/**
 * Expression and grok sites: every place of hub content that holds an expression or a grok
 * pattern, with what a compiler needs (source text, variables, expected result) and where it is.
 */
import type { ExprEnv } from '../event/index.ts';
import type { SourceLocation } from './errors.ts';

/** Which field an expression comes from (hub-compat §4.1). */
export type ExprSiteKind =
  | 'parser.filter'
  | 'grok.expression'
  | 'static.expression'
  | 'whitelist.expression'
  | 'stash.key'
  | 'stash.value'
  | 'scenario.filter'
  | 'scenario.groupby'
  | 'scenario.distinct'
  | 'scenario.cancel_on'
  | 'scenario.condition'
  | 'scenario.overflow_filter'
  | 'scenario.scope'
  | 'scenario.bayesian_condition'
  | 'context';

/**
 * What the engine does with the result at run time (CrowdSec checks it then, not at load):
 * `bool`, `string`, `stringish` (string, int or float rendered as text), `any`.
 */
export type ExpectedResult = 'bool' | 'string' | 'stringish' | 'any';

/** One expression of hub content. */
export interface ExprSite {
  readonly kind: ExprSiteKind;
  /** The expression text, as the YAML value decodes. */
  readonly source: string;
  /** Name of the environment (`ENV_EVT`, …), for messages and JSON output. */
  readonly envName: string;
  readonly env: ExprEnv;
  readonly expects: ExpectedResult;
  /** Where line 1 of `source` is. */
  readonly where: SourceLocation;
  /** True when line n of `source` is file line `where.line + n - 1` (literal block scalars). */
  readonly linesMap: boolean;
  /** YAML path of the value inside its document, e.g. `nodes[1].statics[0].expression`. */
  readonly path: string;
  /** Hub item the site belongs to (`crowdsecurity/sshd-logs`). */
  readonly item: string;
}

/** The two independent grok pattern hosts of CrowdSec (hub-compat §1.1). */
export type GrokHostName = 'parsers' | 'postoverflows';

/** One grok pattern use of hub content. */
export interface GrokSite {
  /**
   * `syntax`: a `pattern_syntax` entry, registered into the host under `name`;
   * `pattern`: an inline `grok.pattern`, compiled on its own;
   * `named`: a `grok.name` reference to a registered pattern.
   */
  readonly kind: 'syntax' | 'pattern' | 'named';
  readonly host: GrokHostName;
  /** The pattern name (`syntax`, `named`), or '' for inline patterns. */
  readonly name: string;
  /** The pattern text (`syntax`, `pattern`), or '' for `named`. */
  readonly pattern: string;
  readonly where: SourceLocation;
  readonly path: string;
  readonly item: string;
}

/** The file line of line `exprLine` (1-based) of a site's text. */
export function siteLine(site: Pick<ExprSite, 'where' | 'linesMap'>, exprLine: number | undefined): number {
  if (!site.linesMap || !exprLine || exprLine < 1) return site.where.line;
  return site.where.line + exprLine - 1;
}
