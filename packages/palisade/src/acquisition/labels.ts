/**
 * The command-line label syntax of one-shot replays (`crowdsec -dsn … -type T -label k:v`,
 * `palisade explain --labels k:v,k2:v2`).
 */
import { AcquisitionError } from './errors.ts';

/**
 * Parses `k:v[,k:v…]` into a map. The value is everything after the first `:` (it may contain
 * `:`); keys must be non-empty and unique. Throws an `AcquisitionError` located at `flag`.
 */
export function parseLabelList(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (text.trim() === '') return out;
  for (const item of text.split(',')) {
    const colon = item.indexOf(':');
    const key = colon === -1 ? '' : item.slice(0, colon).trim();
    if (key === '') {
      throw new AcquisitionError('config', flag, `'${item}' is not a label: expected key:value`);
    }
    if (Object.hasOwn(out, key)) throw new AcquisitionError('config', flag, `label '${key}' is given twice`);
    out[key] = item.slice(colon + 1).trim();
  }
  return out;
}

/** `{type: logType} ∪ extra`: the labels of a replay (`type` wins over an extra `type`). */
export function replayLabels(
  logType: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const k of Object.keys(extra)) out[k] = extra[k] as string;
  out.type = logType;
  return out;
}
