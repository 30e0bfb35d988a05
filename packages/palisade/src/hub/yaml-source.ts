/**
 * Reads a hub YAML file into its documents while keeping every node's position, so that each
 * value (an expression, a pattern, an unknown key) can be reported as `file:line`.
 *
 * CrowdSec decodes parsers and scenarios with yaml.v2, a YAML 1.1 decoder: we parse with the 1.1
 * schema too (so `yes`/`on` are booleans, as there), and with unique keys (v2 rejects duplicates).
 */
import { type Document, isScalar, LineCounter, type Node, parseAllDocuments, Scalar } from 'yaml';
import { HubError, type SourceLocation } from './errors.ts';

/** One YAML document of a file: its root node (null when empty) and where it starts. */
export interface YamlDocument {
  /** 0-based position of the document in the file. */
  readonly index: number;
  readonly root: Node | null;
  readonly where: SourceLocation;
}

/** A parsed hub file: its documents and the means to locate any of their nodes. */
export class YamlSource {
  /** Path relative to the hub directory (forward slashes). */
  readonly file: string;
  readonly documents: readonly YamlDocument[];
  private readonly lines: LineCounter;

  private constructor(file: string, documents: YamlDocument[], lines: LineCounter) {
    this.file = file;
    this.documents = documents;
    this.lines = lines;
  }

  /**
   * Parses `text`. Syntax errors are returned (one per broken document, with its line); the
   * documents that parsed are kept, the broken ones are dropped.
   */
  static parse(file: string, text: string): { source: YamlSource; errors: HubError[] } {
    const lines = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lines, version: '1.1', uniqueKeys: true });
    const errors: HubError[] = [];
    const documents: YamlDocument[] = [];
    const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
    const locate = (offset: number): SourceLocation => {
      const { line, col } = lines.linePos(offset);
      return { file, line, column: col };
    };
    if (!Array.isArray(docs)) {
      // An "empty source" result: only comments or directives. No document, no error.
      return { source: new YamlSource(file, [], lines), errors };
    }
    list.forEach((doc, index) => {
      if (doc.errors.length > 0) {
        const first = doc.errors[0]!;
        errors.push(new HubError(locate(first.pos[0]), `invalid YAML: ${firstLine(first.message)}`));
        return;
      }
      const root = (doc.contents as Node | null) ?? null;
      documents.push({ index, root, where: locate(doc.range[0]) });
    });
    return { source: new YamlSource(file, documents, lines), errors };
  }

  /** Where `node` starts (its first character; for a block scalar, its `|`/`>` indicator). */
  at(node: Node | null | undefined): SourceLocation {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file: this.file, line: 0, column: 0 };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /**
   * The file line of line 1 of a scalar's text, and whether later lines of the text map 1:1 onto
   * file lines (true for `|` literal blocks, whose text starts on the line after the indicator).
   */
  textStart(node: Node): { where: SourceLocation; linesMap: boolean } {
    const where = this.at(node);
    if (isScalar(node) && node.type === Scalar.BLOCK_LITERAL) {
      return { where: { ...where, line: where.line + 1, column: 1 }, linesMap: true };
    }
    if (isScalar(node) && node.type === Scalar.BLOCK_FOLDED) {
      return { where: { ...where, line: where.line + 1, column: 1 }, linesMap: false };
    }
    return { where, linesMap: false };
  }
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}
