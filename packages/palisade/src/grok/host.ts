/**
 * The grok pattern namespace: base library, pattern files, and `pattern_syntax` entries of parser
 * nodes all define names in one host (CrowdSec uses one host for parsers and another for
 * postoverflows). Every definition is expanded and checked when added, so a `%{REF}` must name
 * something defined earlier.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RegexTranslationError } from '../regex/index.ts';
import { parseRe2 } from '../regex/parser.ts';
import { BASE_PATTERNS } from './base-patterns.ts';
import { GrokError, type GrokOrigin } from './errors.ts';
import { GrokPattern } from './pattern.ts';
import { countCaptureGroups, splitReferences } from './references.ts';

/** A defined pattern with its expansion. */
export interface GrokDefinition {
  readonly name: string;
  /** Grok text as written. */
  readonly text: string;
  /** Expanded RE2 text. */
  readonly expanded: string;
  /** Capturing groups in `expanded`. */
  readonly groupCount: number;
  /** Semantic name -> group index within `expanded`. */
  readonly bindings: ReadonlyMap<string, number>;
  readonly origin: GrokOrigin | undefined;
}

/** A pattern file line that defines a pattern: NAME, whitespace, the rest verbatim. */
const DEFINITION_LINE = /^(\w+)[\t\n\f\r ]+([^\n]+)$/;

/** Files in a pattern directory that are documentation, not patterns (the hub ships a LICENSE). */
const NOT_PATTERN_FILE = /^(LICENSE|README|COPYING|NOTICE)$/i;

/** Base-library origin used in error messages. */
const BASE_ORIGIN: GrokOrigin = { file: '<grok base patterns>' };

/** One grok namespace. */
export class PatternHost {
  private readonly definitions = new Map<string, GrokDefinition>();
  private readonly compiledNamed = new Map<string, GrokPattern>();
  private readonly compiledInline = new Map<string, GrokPattern>();

  /** A host holding the built-in base library (INT, IP, DATA, SYSLOGBASE…). */
  static withBase(): PatternHost {
    const host = new PatternHost();
    for (const [name, text] of BASE_PATTERNS) host.define(name, text, BASE_ORIGIN);
    return host;
  }

  /** Whether `name` is defined. */
  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** The definition of `name`, if any. */
  get(name: string): GrokDefinition | undefined {
    return this.definitions.get(name);
  }

  /** Every defined name, in definition order. */
  names(): IterableIterator<string> {
    return this.definitions.keys();
  }

  /**
   * Defines `name` (pattern-file semantics): throws GrokError when the name already exists, when a
   * reference is undefined, or when the expansion is not valid RE2.
   */
  define(name: string, text: string, origin?: GrokOrigin): GrokDefinition {
    if (this.definitions.has(name)) {
      const first = this.definitions.get(name)!.origin;
      const where = first === undefined ? '' : ` (first defined in ${formatOrigin(first)})`;
      throw new GrokError(`pattern ${name} is already defined${where}`, text, name, origin);
    }
    const definition = this.expand(text, name, origin);
    this.definitions.set(name, definition);
    return definition;
  }

  /**
   * Registers a `pattern_syntax` entry: the first definition of a name wins. Returns a warning
   * message when `name` already exists with a different body (the new body is ignored), undefined
   * otherwise. Throws GrokError like `define` for undefined references or invalid RE2.
   */
  registerSyntax(name: string, text: string, origin?: GrokOrigin): string | undefined {
    const existing = this.definitions.get(name);
    if (existing === undefined) {
      this.define(name, text, origin);
      return undefined;
    }
    if (existing.text === text) return undefined;
    const first =
      existing.origin === undefined ? '' : ` (kept the one from ${formatOrigin(existing.origin)})`;
    const at = origin === undefined ? '' : ` in ${formatOrigin(origin)}`;
    return `grok pattern ${name} redefined differently${at}; first definition wins${first}`;
  }

  /**
   * Loads every pattern file of `dir` in alphabetical order. Files whose name contains a `.`,
   * sub-directories and LICENSE/README-like files are skipped. Lines matching
   * `^(\w+)\s+(.+)$` define NAME as the rest of the line; other lines are ignored.
   */
  loadDirectory(dir: string): void {
    const files = readdirSync(dir).sort(byCodeUnits);
    for (const file of files) {
      if (file.includes('.') || NOT_PATTERN_FILE.test(file)) continue;
      const path = join(dir, file);
      if (!statSync(path).isFile()) continue;
      this.loadFile(path);
    }
  }

  /** Loads one pattern file (see loadDirectory for the format); errors name file and line. */
  loadFile(path: string): void {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      if (line.endsWith('\r')) line = line.slice(0, -1); // Go's line scanner drops a CR before LF
      const m = DEFINITION_LINE.exec(line);
      if (m !== null) this.define(m[1]!, m[2]!, { file: path, line: i + 1 });
    }
  }

  /** Compiles an inline grok pattern (cached by text). Throws GrokError. */
  compile(text: string, origin?: GrokOrigin): GrokPattern {
    const cached = this.compiledInline.get(text);
    if (cached !== undefined) return cached;
    const definition = this.expand(text, undefined, origin);
    const pattern = this.build(undefined, definition, origin);
    this.compiledInline.set(text, pattern);
    return pattern;
  }

  /** Compiles the registered pattern `name` (for `name:` groks). Throws GrokError if unknown. */
  compileNamed(name: string, origin?: GrokOrigin): GrokPattern {
    const cached = this.compiledNamed.get(name);
    if (cached !== undefined) return cached;
    const definition = this.definitions.get(name);
    if (definition === undefined) throw new GrokError(`pattern ${name} is not defined`, name, name, origin);
    const pattern = this.build(name, definition, definition.origin);
    this.compiledNamed.set(name, pattern);
    return pattern;
  }

  private build(name: string | undefined, definition: GrokDefinition, origin?: GrokOrigin): GrokPattern {
    try {
      return new GrokPattern(name, definition.text, definition.expanded, definition.bindings);
    } catch (error) {
      throw new GrokError(`cannot compile: ${(error as Error).message}`, definition.text, name, origin, {
        cause: error,
      });
    }
  }

  /**
   * Expands references: each `%{NAME[:sem]}` becomes `(` + NAME's expansion + `)`. `sem` binds
   * that group (the last binding of a name wins); names bound inside NAME are inherited at their
   * offset unless this level binds the same name itself.
   */
  private expand(text: string, name: string | undefined, origin: GrokOrigin | undefined): GrokDefinition {
    if (text === '') throw new GrokError('empty pattern', text, name, origin);
    const { literals, refs } = splitReferences(text);
    const ownNames = new Set(refs.map((ref) => ref.sem).filter((sem) => sem !== undefined));
    const bindings = new Map<string, number>();
    let expanded = '';
    let groups = 0;
    for (let i = 0; i < refs.length; i++) {
      const literal = literals[i]!;
      const ref = refs[i]!;
      const target = this.definitions.get(ref.name);
      if (target === undefined) {
        throw new GrokError(`reference %{${ref.name}} to an undefined pattern`, text, name, origin);
      }
      groups += countCaptureGroups(literal);
      const index = ++groups;
      expanded += `${literal}(${target.expanded})`;
      if (ref.sem !== undefined) {
        bindings.delete(ref.sem); // re-insert so iteration order follows the winning binding
        bindings.set(ref.sem, index);
      }
      for (const [inherited, offset] of target.bindings) {
        if (!ownNames.has(inherited)) {
          bindings.delete(inherited);
          bindings.set(inherited, index + offset);
        }
      }
      groups += target.groupCount;
    }
    const tail = literals[literals.length - 1]!;
    expanded += tail;
    groups += countCaptureGroups(tail);
    let groupCount: number;
    try {
      groupCount = parseRe2(expanded).groupCount;
    } catch (error) {
      if (!(error instanceof RegexTranslationError)) throw error;
      throw new GrokError(`invalid regexp: ${error.reason} \`${error.construct}\``, text, name, origin, {
        cause: error,
      });
    }
    if (groupCount !== groups) {
      throw new GrokError(
        `internal error: counted ${groups} groups, parser found ${groupCount}`,
        text,
        name,
        origin,
      );
    }
    return { name: name ?? '', text, expanded, groupCount, bindings, origin };
  }
}

function formatOrigin(origin: GrokOrigin): string {
  return origin.line === undefined ? origin.file : `${origin.file}:${origin.line}`;
}

/** Go's os.ReadDir order: byte-wise by name (UTF-16 code units agree for the names we see). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
