/**
 * Which parser items `palisade explain` loads: every parser of the hub by default (what a user
 * debugging a line wants), or the `--parsers` selection: hub item names or YAML paths.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { listItemFiles } from '../hub/layout.ts';
import type { ParserItemFile } from '../parser/index.ts';

/** A selection problem, worded for the `--parsers` flag. */
export class ItemSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ItemSelectionError';
  }
}

const YAML_PATH = /\.ya?ml$/;
const STAGE_DIR = /^s[0-9]{2}-/;

/**
 * The parser items to load. `selection` is the raw `--parsers` text (comma-separated) or
 * undefined for all the hub's parsers. A path entry is taken relative to the current directory,
 * else to the hub; its stage is the third-from-last path element (`…/s01-parse/author/x.yaml`),
 * as hubtest does. Throws `ItemSelectionError`.
 */
export function selectParserItems(hubDir: string, selection: string | undefined): ParserItemFile[] {
  const all = listItemFiles(hubDir, 'parsers');
  if (selection === undefined) return all;
  const entries = selection
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) throw new ItemSelectionError('no parser given');
  const out: ParserItemFile[] = [];
  for (const entry of entries) {
    if (YAML_PATH.test(entry)) out.push(itemFromPath(hubDir, entry));
    else {
      const found = all.filter((f) => f.name === entry);
      if (found.length === 0) throw new ItemSelectionError(`no parser named '${entry}' in ${hubDir}`);
      out.push(...found);
    }
  }
  return out;
}

function itemFromPath(hubDir: string, entry: string): ParserItemFile {
  const candidates = [resolve(entry), resolve(hubDir, entry)];
  const absPath = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!absPath) throw new ItemSelectionError(`no such file: ${entry}`);
  const parts = absPath.split(sep);
  const stage = parts.length >= 3 ? (parts[parts.length - 3] as string) : '';
  if (!STAGE_DIR.test(stage)) {
    throw new ItemSelectionError(
      `cannot tell the stage of ${entry}: put it under <stage>/<author>/ (e.g. s01-parse/me/)`,
    );
  }
  const author = parts[parts.length - 2] as string;
  return {
    path: `parsers/${stage}/${author}/${basename(absPath)}`,
    absPath,
    stage,
    name: `${author}/${basename(absPath).replace(YAML_PATH, '')}`,
  };
}
