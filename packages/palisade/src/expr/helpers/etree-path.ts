/**
 * A subset of github.com/beevik/etree paths evaluated over an @xmldom/xmldom document, as used by
 * CrowdSec's XML helpers: `/Event/EventData[1]/Data[@Name='X']`, `//tag`, `*`, `.`, `..`, and the
 * filters `[n]` (1-based, negative from the end), `[@a]`, `[@a='v']`, `[tag]`, `[tag='v']`,
 * `[text()]`, `[text()='v']`, `[local-name()='v']`, `[name()='v']`. A name without a prefix
 * matches any namespace prefix, as in etree.
 */

/** Minimal DOM shapes used here (structural, so that xmldom's types need not be imported). */
export interface XNode {
  readonly nodeType: number;
  readonly childNodes: { readonly length: number; item(i: number): XNode | null };
  readonly parentNode: XNode | null;
  readonly nodeValue?: string | null;
}
export interface XElement extends XNode {
  readonly localName: string | null;
  readonly prefix: string | null;
  readonly nodeName: string;
  readonly attributes: { readonly length: number; item(i: number): XAttr | null };
}
interface XAttr {
  readonly localName: string | null;
  readonly prefix: string | null;
  readonly name: string;
  readonly value: string;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const DOCUMENT = 9;

type Filter =
  | { kind: 'index'; n: number }
  | { kind: 'attr'; space: string; key: string; val?: string }
  | { kind: 'child'; space: string; tag: string; val?: string }
  | { kind: 'text'; val?: string }
  | { kind: 'fn'; fn: 'local-name' | 'name'; val: string };

interface Segment {
  /** `descendants`: the segment was preceded by `//`. */
  readonly descendants: boolean;
  readonly selector: { kind: 'self' | 'parent' | 'all' } | { kind: 'tag'; space: string; tag: string };
  readonly filters: readonly Filter[];
}

/** A compiled path. */
export interface EtreePath {
  readonly absolute: boolean;
  readonly segments: readonly Segment[];
}

function splitName(name: string): { space: string; tag: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { space: '', tag: name } : { space: name.slice(0, colon), tag: name.slice(colon + 1) };
}

function unquote(v: string): string | undefined {
  if (v.length >= 2 && (v[0] === "'" || v[0] === '"') && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return undefined;
}

function compileFilter(body: string): Filter {
  if (/^-?\d+$/.test(body)) {
    const n = Number(body);
    if (n === 0) throw new Error('invalid index 0');
    return { kind: 'index', n };
  }
  const eq = body.indexOf('=');
  const lhs = eq < 0 ? body : body.slice(0, eq);
  let val: string | undefined;
  if (eq >= 0) {
    val = unquote(body.slice(eq + 1));
    if (val === undefined) throw new Error(`invalid filter value in [${body}]`);
  }
  if (lhs.startsWith('@')) {
    const { space, tag } = splitName(lhs.slice(1));
    return { kind: 'attr', space, key: tag, val };
  }
  if (lhs === 'text()') return { kind: 'text', val };
  if (lhs === 'local-name()' || lhs === 'name()') {
    if (val === undefined) throw new Error(`function filter needs a value: [${body}]`);
    return { kind: 'fn', fn: lhs === 'name()' ? 'name' : 'local-name', val };
  }
  if (!/^[\w.:-]+$/.test(lhs)) throw new Error(`invalid filter [${body}]`);
  return { kind: 'child', ...splitName(lhs), val };
}

/** Compiles an etree path; throws on syntax it does not understand. */
export function compileEtreePath(path: string): EtreePath {
  const absolute = path.startsWith('/');
  let rest = absolute ? path.slice(1) : path;
  const segments: Segment[] = [];
  let descendants = false;
  while (rest.length > 0) {
    if (rest.startsWith('/')) {
      descendants = true;
      rest = rest.slice(1);
      continue;
    }
    // A segment ends at the first '/' outside brackets and quotes.
    let end = 0;
    let depth = 0;
    let quote = '';
    for (; end < rest.length; end++) {
      const c = rest[end];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '/' && depth === 0) break;
    }
    const text = rest.slice(0, end);
    // Consume the single '/' that separates this segment from the next; a second one means '//'.
    rest = rest.slice(end + 1);
    const bracket = text.indexOf('[');
    const name = bracket < 0 ? text : text.slice(0, bracket);
    const filters: Filter[] = [];
    let f = bracket < 0 ? '' : text.slice(bracket);
    while (f.length > 0) {
      if (f[0] !== '[') throw new Error(`invalid path segment ${text}`);
      let close = -1;
      let q = '';
      for (let k = 1; k < f.length; k++) {
        if (q) {
          if (f[k] === q) q = '';
        } else if (f[k] === "'" || f[k] === '"') q = f[k];
        else if (f[k] === ']') {
          close = k;
          break;
        }
      }
      if (close < 0) throw new Error(`unterminated filter in ${text}`);
      filters.push(compileFilter(f.slice(1, close)));
      f = f.slice(close + 1);
    }
    let selector: Segment['selector'];
    if (name === '.') selector = { kind: 'self' };
    else if (name === '..') selector = { kind: 'parent' };
    else if (name === '*') selector = { kind: 'all' };
    else if (/^[\w.:-]+$/.test(name)) selector = { kind: 'tag', ...splitName(name) };
    else throw new Error(`invalid path segment ${text}`);
    segments.push({ descendants, selector, filters });
    descendants = false;
  }
  return { absolute, segments };
}

function children(n: XNode): XElement[] {
  const out: XElement[] = [];
  for (let i = 0; i < n.childNodes.length; i++) {
    const c = n.childNodes.item(i);
    if (c && c.nodeType === ELEMENT) out.push(c as XElement);
  }
  return out;
}

function selfAndDescendants(n: XNode, out: XNode[]): void {
  // Iterative pre-order walk: documents can be deep, recursion could overflow the stack.
  const stack: XNode[] = [n];
  while (stack.length > 0) {
    const cur = stack.pop() as XNode;
    out.push(cur);
    const kids = children(cur);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

function spaceMatch(want: string, have: string | null): boolean {
  return want === '' || want === (have ?? '');
}

/** etree `Element.Text()`: the character data immediately after the opening tag. */
export function elementText(e: XNode): string {
  let out = '';
  for (let i = 0; i < e.childNodes.length; i++) {
    const c = e.childNodes.item(i);
    if (!c || (c.nodeType !== TEXT && c.nodeType !== CDATA)) break;
    out += c.nodeValue ?? '';
  }
  return out;
}

/** etree `SelectAttr`: value of attribute `name` (`ns:key` or `key`, any prefix), or undefined. */
export function selectAttr(e: XElement, name: string): string | undefined {
  const { space, tag } = splitName(name);
  for (let i = 0; i < e.attributes.length; i++) {
    const a = e.attributes.item(i);
    if (a && (a.localName ?? a.name) === tag && spaceMatch(space, a.prefix)) return a.value;
  }
  return undefined;
}

function tagOf(e: XElement): string {
  return e.localName ?? e.nodeName;
}

function passes(e: XElement, f: Filter): boolean {
  switch (f.kind) {
    case 'attr': {
      for (let i = 0; i < e.attributes.length; i++) {
        const a = e.attributes.item(i);
        if (a && (a.localName ?? a.name) === f.key && spaceMatch(f.space, a.prefix)) {
          if (f.val === undefined || a.value === f.val) return true;
        }
      }
      return false;
    }
    case 'child':
      return children(e).some(
        (c) =>
          tagOf(c) === f.tag &&
          spaceMatch(f.space, c.prefix) &&
          (f.val === undefined || elementText(c) === f.val),
      );
    case 'text':
      return f.val === undefined ? elementText(e) !== '' : elementText(e) === f.val;
    case 'fn':
      return (f.fn === 'name' ? e.nodeName : tagOf(e)) === f.val;
    default:
      return true;
  }
}

/** etree `FindElementPath`: the first element matched by `path` from `doc`, or undefined. */
export function findElement(doc: XNode, path: EtreePath): XElement | undefined {
  let current: XNode[] = [doc];
  for (const seg of path.segments) {
    const next: XNode[] = [];
    const seen = new Set<XNode>();
    for (const start of current) {
      const bases: XNode[] = [];
      if (seg.descendants) selfAndDescendants(start, bases);
      else bases.push(start);
      for (const base of bases) {
        let cands: XNode[] = [];
        const sel = seg.selector;
        if (sel.kind === 'self') cands = [base];
        else if (sel.kind === 'parent') cands = base.parentNode ? [base.parentNode] : [];
        else if (sel.kind === 'all') cands = children(base);
        else if (sel.kind === 'tag') {
          const { tag, space } = sel;
          cands = children(base).filter((c) => tagOf(c) === tag && spaceMatch(space, c.prefix));
        }
        for (const f of seg.filters) {
          if (f.kind === 'index') {
            const i = f.n > 0 ? f.n - 1 : cands.length + f.n;
            cands = i >= 0 && i < cands.length ? [cands[i]] : [];
          } else cands = cands.filter((c) => c.nodeType === ELEMENT && passes(c as XElement, f));
        }
        for (const c of cands) {
          if (!seen.has(c)) {
            seen.add(c);
            next.push(c);
          }
        }
      }
    }
    current = next;
    if (current.length === 0) return undefined;
  }
  const hit = current.find((n) => n.nodeType === ELEMENT);
  return hit as XElement | undefined;
}

export { DOCUMENT as DOCUMENT_NODE };
