/**
 * The parser engine (hub-compat §1, §3): loads parser or postoverflow items into node trees with
 * compiled expressions and groks, then runs events through their stages.
 *
 * @example
 * const { set, errors } = loadParserSet({ kind: 'parsers', items, patternsDir, dataDir });
 * const evt = newEvent(); evt.Line.Raw = line; evt.Line.Labels.type = 'syslog';
 * if (set.parse(evt)) pour(evt);
 */
export type {
  NodeCounters,
  ParserDocumentText,
  ParserItemFile,
  ParserSet,
  ParserSetOptions,
  ParseTrace,
} from './api.ts';
export { cloneEvent } from './clone-event.ts';
export type { Enricher, EnricherRegistry } from './enrichers/types.ts';
export { loadParserSet } from './load.ts';
