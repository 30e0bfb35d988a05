/**
 * Decoding and validation of one parser or postoverflow node document (hub-compat §1.2-§1.6,
 * §3.2), collecting its expression and grok sites in node-tree order (node, then its children).
 */
import { isIP } from 'node:net';
import { isScalar, type Node } from 'yaml';
import { ENV_EVT } from '../event/index.ts';
import { type Decoder, type Field, scalarText } from './decode.ts';
import { parseGoDuration } from './go-duration.ts';
import type {
  DataSpec,
  ExprSpec,
  GrokSpec,
  LocatedText,
  NodeSpec,
  PatternSyntaxSpec,
  StashSpec,
  StaticSpec,
  WhitelistSpec,
} from './parser-spec.ts';
import type { ExpectedResult, ExprSite, ExprSiteKind, GrokHostName, GrokSite } from './sites.ts';

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);

/** YAML keys of a parser node (every key CrowdSec's strict decoder accepts). */
export const NODE_KEYS = keys(
  'name',
  'author',
  'description',
  'references',
  'format',
  'debug',
  'profiling',
  'stage',
  'filter',
  'onsuccess',
  'pattern_syntax',
  'grok',
  'nodes',
  'statics',
  'stash',
  'whitelist',
  'data',
);
const GROK_KEYS = keys('apply_on', 'expression', 'pattern', 'name', 'statics');
const STATIC_KEYS = keys('method', 'parsed', 'meta', 'enriched', 'target', 'value', 'expression');
const STASH_KEYS = keys('name', 'key', 'value', 'ttl', 'size', 'strategy');
const WHITELIST_KEYS = keys('reason', 'ip', 'cidr', 'expression');
/** YAML keys of a `data:` entry (hub-compat §6), shared with scenarios. */
export const DATA_KEYS = keys('source_url', 'dest_file', 'type', 'cache', 'strategy', 'size', 'ttl');

const ON_SUCCESS = new Set(['', 'continue', 'next_stage']);
const STASH_STRATEGIES = new Set(['', 'LRU', 'LFU', 'ARC']);

/** What one node document yields. */
export interface ParserDocResult {
  /** YAML `name` of the top-level node ('' when absent). */
  readonly name: string;
  /** Why the document was skipped (as CrowdSec skips it, with no error), if it was. */
  readonly skipped?: string;
  readonly exprSites: ExprSite[];
  readonly grokSites: GrokSite[];
  /** The typed node tree (absent when the document was skipped). */
  readonly node?: NodeSpec;
}

/** Context shared by the nodes of one document. */
interface Walk {
  readonly dec: Decoder;
  readonly item: string;
  readonly host: GrokHostName;
  readonly exprSites: ExprSite[];
  readonly grokSites: GrokSite[];
}

/**
 * Decodes the document `root` of a parser (host `parsers`) or postoverflow (host `postoverflows`)
 * item. Errors go to `dec.errors`; the sites of the valid parts are returned either way.
 */
export function readParserDocument(
  dec: Decoder,
  root: Node | null,
  item: string,
  host: GrokHostName,
): ParserDocResult {
  const walk: Walk = { dec, item, host, exprSites: [], grokSites: [] };
  const fields = dec.struct(root, NODE_KEYS, 'parser node');
  const name = dec.string(fields.get('name'));
  if (
    name === '' &&
    dec.string(fields.get('description')) === '' &&
    dec.string(fields.get('author')) === ''
  ) {
    return { name, skipped: 'no name, author nor description', exprSites: [], grokSites: [] };
  }
  const format = dec.string(fields.get('format')) || '1.0';
  const formatOk = checkFormat(format);
  if (formatOk === undefined) dec.fail(fields.get('format')?.value, `invalid format version "${format}"`);
  else if (!formatOk) {
    return { name, skipped: `format ${format} is not within [1.0, 3.0]`, exprSites: [], grokSites: [] };
  }
  const node = readNode(walk, fields, '', root);
  return { name, exprSites: walk.exprSites, grokSites: walk.grokSites, node };
}

/** `>= 1.0, <= 3.0` on a dotted version; undefined when the text is not a version. */
export function checkFormat(format: string): boolean | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(format.trim());
  if (!m) return undefined;
  const v = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const cmp = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
  return cmp(v, [1, 0, 0]) >= 0 && cmp(v, [3, 0, 0]) <= 0;
}

function addExpr(
  w: Walk,
  field: Field | undefined,
  kind: ExprSiteKind,
  expects: ExpectedResult,
  path: string,
): ExprSpec | undefined {
  const text = w.dec.string(field);
  if (text === '' || !field?.value) return undefined;
  const { where, linesMap } = w.dec.source.textStart(field.value);
  w.exprSites.push({
    kind,
    source: text,
    envName: 'ENV_EVT',
    env: ENV_EVT,
    expects,
    where,
    linesMap,
    path,
    item: w.item,
  });
  return { source: text, where, linesMap, path };
}

function readNode(w: Walk, fields: Map<string, Field>, path: string, at0: Node | null): NodeSpec {
  const { dec } = w;
  const at = (k: string) => (path ? `${path}.${k}` : k);
  const references = dec.stringList(fields.get('references')).map((r) => r.text);
  const debug = dec.bool(fields.get('debug'));
  const profiling = dec.bool(fields.get('profiling'));
  dec.string(fields.get('stage'));
  const onSuccess = dec.string(fields.get('onsuccess'));
  if (!ON_SUCCESS.has(onSuccess))
    dec.fail(fields.get('onsuccess')?.value, `onsuccess "${onSuccess}" is not next_stage or continue`);
  const filter = addExpr(w, fields.get('filter'), 'parser.filter', 'bool', at('filter'));

  const patternSyntax: PatternSyntaxSpec[] = [];
  for (const entry of dec.entries(fields.get('pattern_syntax'))) {
    const v = entry.value;
    const pattern = isScalar(v) && v.value !== null ? scalarText(v) : undefined;
    if (pattern === undefined) {
      dec.fail(v ?? entry.keyNode, `pattern_syntax "${entry.key}": the pattern must be a string`);
      continue;
    }
    patternSyntax.push({ name: entry.key, pattern, where: dec.source.at(v) });
    w.grokSites.push({
      kind: 'syntax',
      host: w.host,
      name: entry.key,
      pattern,
      where: dec.source.at(v),
      path: at(`pattern_syntax.${entry.key}`),
      item: w.item,
    });
  }

  const grok = readGrok(w, fields.get('grok'), at('grok'));
  const hasGrok = grok !== undefined && (grok.name !== '' || grok.pattern !== '');
  const statics = readStatics(w, fields.get('statics'), at('statics'));
  const stash = readStashes(w, fields.get('stash'), at('stash'));
  const whitelist = readWhitelist(w, fields.get('whitelist'), at('whitelist'));
  const hasWhitelist =
    whitelist !== undefined &&
    (whitelist.reason !== '' ||
      whitelist.ips.length > 0 ||
      whitelist.cidrs.length > 0 ||
      whitelist.expressions.length > 0);
  const data = dec.list(fields.get('data')).map((d) => readData(dec, d));

  const children = dec.list(fields.get('nodes'));
  const nodes = children.map((child, i) =>
    readNode(w, dec.struct(child, NODE_KEYS, 'parser node'), at(`nodes[${i}]`), child),
  );

  if (!hasGrok && children.length === 0 && statics.length === 0 && !hasWhitelist) {
    dec.fail(
      fields.values().next().value?.keyAt ?? null,
      'node is empty: it needs a grok, nodes, statics or a whitelist',
    );
  }
  return {
    name: dec.string(fields.get('name')),
    author: dec.string(fields.get('author')),
    description: dec.string(fields.get('description')),
    references,
    format: dec.string(fields.get('format')),
    debug,
    profiling,
    onSuccess,
    filter,
    patternSyntax,
    grok,
    nodes,
    statics,
    stash,
    whitelist,
    data,
    where: dec.source.at(at0),
    path,
  };
}

/** Decodes one `data:` entry (errors go to the decoder). */
function readData(dec: Decoder, node: Node | null): DataSpec {
  const d = dec.struct(node, DATA_KEYS, 'data entry');
  const opt = <T>(k: string, read: (f: Field) => T): T | undefined => {
    const f = d.get(k);
    return f && f.value !== null && !(isScalar(f.value) && f.value.value === null) ? read(f) : undefined;
  };
  const ttlText = opt('ttl', (f) => dec.string(f));
  let ttlNs: number | undefined;
  if (ttlText !== undefined && ttlText !== '') {
    ttlNs = parseGoDuration(ttlText);
    if (ttlNs === undefined) dec.fail(d.get('ttl')!.value, `data ttl "${ttlText}" is not a duration`);
  }
  return {
    sourceUrl: dec.string(d.get('source_url')),
    destFile: dec.string(d.get('dest_file')),
    type: dec.string(d.get('type')),
    cache: opt('cache', (f) => dec.bool(f)),
    strategy: opt('strategy', (f) => dec.string(f)),
    size: opt('size', (f) => dec.int(f)),
    ttlNs,
    where: dec.source.at(node),
  };
}

function readGrok(w: Walk, field: Field | undefined, path: string): GrokSpec | undefined {
  const { dec } = w;
  if (!field) return undefined;
  const g = dec.struct(field.value, GROK_KEYS, 'grok');
  const name = dec.string(g.get('name'));
  const pattern = dec.string(g.get('pattern'));
  const applyOn = dec.string(g.get('apply_on'));
  const expressionText = dec.string(g.get('expression'));
  const hasSource = applyOn !== '' || expressionText !== '';
  if ((name !== '' || pattern !== '') && !hasSource)
    dec.fail(field.keyAt, 'grok needs "apply_on" or "expression"');
  if (name === '' && pattern === '' && hasSource) dec.fail(field.keyAt, 'grok needs "pattern" or "name"');
  let patternWhere = field.keyAt;
  // CrowdSec uses the named pattern when both are given.
  if (name !== '') {
    patternWhere = dec.source.at(g.get('name')!.value);
    w.grokSites.push({
      kind: 'named',
      host: w.host,
      name,
      pattern: '',
      where: patternWhere,
      path: `${path}.name`,
      item: w.item,
    });
  } else if (pattern !== '') {
    patternWhere = dec.source.textStart(g.get('pattern')!.value!).where;
    w.grokSites.push({
      kind: 'pattern',
      host: w.host,
      name: '',
      pattern,
      where: patternWhere,
      path: `${path}.pattern`,
      item: w.item,
    });
  }
  const expression = addExpr(w, g.get('expression'), 'grok.expression', 'stringish', `${path}.expression`);
  const statics = readStatics(w, g.get('statics'), `${path}.statics`);
  return { applyOn, expression, pattern, name, patternWhere, statics, where: field.keyAt };
}

function readStatics(w: Walk, field: Field | undefined, path: string): StaticSpec[] {
  const { dec } = w;
  return dec.list(field).map((node, i) => {
    const s = dec.struct(node, STATIC_KEYS, 'static');
    const str = (k: string) => dec.string(s.get(k));
    const [method, parsed, meta, target] = [str('method'), str('parsed'), str('meta'), str('target')];
    const enriched = str('enriched');
    const value = str('value');
    if (value === '' && str('expression') === '') dec.fail(node, 'static needs "value" or "expression"');
    if (method === '' && parsed === '' && meta === '' && target === '') {
      dec.fail(node, 'static needs a target: "meta", "parsed", "target" or "method"');
    }
    const expression = addExpr(
      w,
      s.get('expression'),
      'static.expression',
      'stringish',
      `${path}[${i}].expression`,
    );
    return { method, parsed, meta, enriched, target, value, expression, where: dec.source.at(node) };
  });
}

function readStashes(w: Walk, field: Field | undefined, path: string): StashSpec[] {
  const { dec } = w;
  return dec.list(field).map((node, i) => {
    const s = dec.struct(node, STASH_KEYS, 'stash');
    for (const k of ['name', 'key', 'value', 'ttl']) {
      if (dec.string(s.get(k)) === '') dec.fail(node, `stash needs "${k}"`);
    }
    const ttl = dec.string(s.get('ttl'));
    const ttlNs = ttl === '' ? undefined : parseGoDuration(ttl);
    if (ttl !== '' && ttlNs === undefined)
      dec.fail(s.get('ttl')!.value, `stash ttl "${ttl}" is not a duration`);
    const size = dec.int(s.get('size'));
    const strategy = dec.string(s.get('strategy'));
    if (!STASH_STRATEGIES.has(strategy))
      dec.fail(s.get('strategy')!.value, `stash strategy "${strategy}" is not LRU, LFU or ARC`);
    const key = addExpr(w, s.get('key'), 'stash.key', 'string', `${path}[${i}].key`);
    const value = addExpr(w, s.get('value'), 'stash.value', 'string', `${path}[${i}].value`);
    return {
      name: dec.string(s.get('name')),
      key,
      value,
      ttlNs: ttlNs ?? 0,
      size,
      strategy: strategy || 'LRU',
      where: dec.source.at(node),
    };
  });
}

function readWhitelist(w: Walk, field: Field | undefined, path: string): WhitelistSpec | undefined {
  const { dec } = w;
  if (!field) return undefined;
  const wl = dec.struct(field.value, WHITELIST_KEYS, 'whitelist');
  const reason = dec.string(wl.get('reason'));
  const located = (l: { text: string; node: Node }): LocatedText => ({
    text: l.text,
    where: dec.source.at(l.node),
  });
  const ips = dec.stringList(wl.get('ip'));
  for (const ip of ips)
    if (isIP(ip.text) === 0) dec.fail(ip.node, `whitelist ip "${ip.text}" is not an IP address`);
  const cidrs = dec.stringList(wl.get('cidr'));
  for (const c of cidrs)
    if (!isCidr(c.text)) dec.fail(c.node, `whitelist cidr "${c.text}" is not a CIDR prefix`);
  const exprs = dec.stringList(wl.get('expression'));
  const expressions = exprs.map((e, i): ExprSpec => {
    const { where, linesMap } = dec.source.textStart(e.node);
    const site = `${path}.expression[${i}]`;
    w.exprSites.push({
      kind: 'whitelist.expression',
      source: e.text,
      envName: 'ENV_EVT',
      env: ENV_EVT,
      expects: 'bool',
      where,
      linesMap,
      path: site,
      item: w.item,
    });
    return { source: e.text, where, linesMap, path: site };
  });
  return {
    reason,
    ips: ips.map(located),
    cidrs: cidrs.map(located),
    expressions,
    where: field.keyAt,
  };
}

function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const family = isIP(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (family === 0 || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
