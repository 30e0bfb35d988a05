/**
 * The decoding step shared by every loader of hub items (parsers, postoverflows, scenarios): parse
 * the YAML text, decode each non-empty document with the item kind's reader, report the documents
 * CrowdSec skips as warnings, and give up on the whole item at the first error.
 */
import type { Node } from 'yaml';
import { Decoder } from './decode.ts';
import type { HubError } from './errors.ts';
import { YamlSource } from './yaml-source.ts';

/** What a reader makes of one document: the reason it is skipped, or its decoded value (if any). */
export interface DocumentReading<T> {
  readonly skipped?: string;
  readonly value?: T;
}

/**
 * Decodes every document of the item at `path` (whose content is `text`) with `read`. Returns the
 * values in document order, or null when the YAML or any document is invalid (the errors are then
 * appended to `errors`). Skipped documents are reported through `warn` with their position.
 */
export function decodeItemDocuments<T>(
  path: string,
  text: string,
  read: (dec: Decoder, root: Node) => DocumentReading<T>,
  errors: HubError[],
  warn: (message: string) => void,
): T[] | null {
  const { source, errors: yamlErrors } = YamlSource.parse(path, text);
  if (yamlErrors.length > 0) {
    errors.push(...yamlErrors);
    return null;
  }
  const dec = new Decoder(source);
  const values: T[] = [];
  for (const doc of source.documents) {
    if (doc.root === null) continue;
    const result = read(dec, doc.root);
    if (result.skipped) {
      warn(`${path}: document ${doc.index + 1} (line ${doc.where.line}) skipped: ${result.skipped}`);
      continue;
    }
    if (result.value) values.push(result.value);
  }
  if (dec.errors.length > 0) {
    errors.push(...dec.errors);
    return null;
  }
  return values;
}
