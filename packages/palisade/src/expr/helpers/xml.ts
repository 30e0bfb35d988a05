/**
 * XML helpers: XMLGetNodeValue and XMLGetAttributeValue (etree semantics, etree-path.ts).
 * A Windows event line is queried many times per event (one static per field), so the last few
 * parsed documents and compiled paths are kept in small per-helper-set caches.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { ExprFunction } from '../functions.ts';
import { funcOf, stringType } from '../types.ts';
import type { HelperDeps } from './deps.ts';
import { silentLogger } from './deps.ts';
import {
  compileEtreePath,
  type EtreePath,
  elementText,
  findElement,
  selectAttr,
  type XNode,
} from './etree-path.ts';
import { str } from './util.ts';

const DOC_CACHE_SIZE = 4;
const PATH_CACHE_SIZE = 256;
/** xmldom's complaints about character data before or after the root element. */
const OUTSIDE_ROOT_TEXT =
  /^(Unexpected content outside root element|Extra content at the end of the document)/;

/** The XML helpers. */
export function xmlHelpers(deps: HelperDeps): ExprFunction[] {
  const log = deps.logger ?? silentLogger;
  const docs = new Map<string, XNode | null>();
  const paths = new Map<string, EtreePath | null>();

  const parse = (xml: string): XNode | null => {
    const hit = docs.get(xml);
    if (hit !== undefined) return hit;
    let doc: XNode | null;
    try {
      // Strict like Go's encoding/xml: any error (not only fatal ones) rejects the document, except
      // text around the root element, which etree keeps as top-level character data (Windows event
      // lines copied from the event viewer start with "- <Event …>").
      const parser = new DOMParser({
        onError: (level: string, msg: string) => {
          if (level === 'warning' || OUTSIDE_ROOT_TEXT.test(msg)) return;
          throw new Error(msg);
        },
      });
      doc = parser.parseFromString(xml, 'text/xml') as unknown as XNode;
    } catch (err) {
      log.debug('Could not parse XML', { error: String(err) });
      doc = null;
    }
    if (docs.size >= DOC_CACHE_SIZE) docs.delete(docs.keys().next().value as string);
    docs.set(xml, doc);
    return doc;
  };

  const compile = (path: string): EtreePath | null => {
    const hit = paths.get(path);
    if (hit !== undefined) return hit;
    let p: EtreePath | null;
    try {
      p = compileEtreePath(path);
    } catch (err) {
      log.error(`Could not compile path ${path}: ${String((err as Error).message)}`);
      p = null;
    }
    if (paths.size >= PATH_CACHE_SIZE) paths.delete(paths.keys().next().value as string);
    paths.set(path, p);
    return p;
  };

  const find = (xml: string, path: string) => {
    const p = compile(path);
    if (!p) return undefined;
    const doc = parse(xml);
    return doc ? findElement(doc, p) : undefined;
  };

  return [
    {
      name: 'XMLGetNodeValue',
      types: [funcOf([stringType, stringType], stringType)],
      fn: (xml: unknown, path: unknown) => {
        const e = find(str('XMLGetNodeValue', xml), str('XMLGetNodeValue', path));
        return e ? elementText(e) : '';
      },
    },
    {
      name: 'XMLGetAttributeValue',
      types: [funcOf([stringType, stringType, stringType], stringType)],
      fn: (xml: unknown, path: unknown, attr: unknown) => {
        const e = find(str('XMLGetAttributeValue', xml), str('XMLGetAttributeValue', path));
        const name = str('XMLGetAttributeValue', attr);
        return e ? (selectAttr(e, name) ?? '') : '';
      },
    },
  ];
}
