/**
 * Decoding of an alert-context item (`contexts/<author>/<name>.yaml`, hub-compat §2.7): the
 * `context:` mapping of key → list of expressions. CrowdSec reads these with a lenient yaml.v3
 * decode of the first document, so other top-level keys are ignored, not errors.
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import { ENV_CONTEXT } from '../event/index.ts';
import type { Decoder, Field } from './decode.ts';
import type { ExprSite } from './sites.ts';

/** Decodes the first document of a context item into its expression sites. */
export function readContextDocument(dec: Decoder, root: Node | null, item: string): ExprSite[] {
  if (root === null) return [];
  if (!isMap(root)) {
    dec.fail(root, 'context item: expected a mapping');
    return [];
  }
  const all = new Set(
    (root as YAMLMap).items.map((p) => String((p.key as { value?: unknown })?.value ?? '')),
  );
  const top = dec.struct(root, all, 'context item');
  const sites: ExprSite[] = [];
  for (const entry of dec.entries(top.get('context'))) {
    const field: Field = { key: entry.key, keyAt: dec.source.at(entry.keyNode), value: entry.value };
    dec.stringList(field).forEach((e, i) => {
      const { where, linesMap } = dec.source.textStart(e.node);
      sites.push({
        kind: 'context',
        source: e.text,
        envName: 'ENV_CONTEXT',
        env: ENV_CONTEXT,
        expects: 'any',
        where,
        linesMap,
        path: `context.${entry.key}[${i}]`,
        item,
      });
    });
  }
  return sites;
}
