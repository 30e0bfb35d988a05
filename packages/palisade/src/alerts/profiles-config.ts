/**
 * Decoding of `profiles.yaml` (hub-compat §10): one profile per YAML document, decoded strictly
 * as CrowdSec's yaml.v2 `UnmarshalStrict` does (an unknown key is an error), with the position of
 * every value so that errors read `profiles.yaml:12: …`. Pure: no expression is compiled here.
 */
import type { Node } from 'yaml';
import { parseDurationWithDays } from '../expr/helpers/decisions.ts';
import { Decoder, type Field } from '../hub/decode.ts';
import { HubError, type SourceLocation } from '../hub/errors.ts';
import { YamlSource } from '../hub/yaml-source.ts';

/** CrowdSec's decision duration when a profile gives none. */
export const DEFAULT_DECISION_DURATION = '4h';

/** `on_success` values. */
export type OnSuccess = '' | 'continue' | 'break';
/** `on_failure` values (accepted, without effect: see `evaluateProfiles`). */
export type OnFailure = '' | 'continue' | 'break' | 'apply';
/** `on_error` values that mean something; anything else behaves as unset. */
export type OnError = '' | 'apply' | 'continue' | 'break' | 'ignore';

/** One `decisions:` entry: the reference decision a matching filter generates. */
export interface DecisionSpec {
  readonly type: string;
  /** As written, or DEFAULT_DECISION_DURATION when absent. */
  readonly duration: string;
  /** '' ⇒ the alert's source scope. */
  readonly scope: string;
  /** null when absent; present (even empty) ⇒ origin `crowdsec/<origin>`. */
  readonly origin: string | null;
  readonly simulated: boolean;
  readonly where: SourceLocation;
}

/** An expression with where its text starts. */
export interface ExprText {
  readonly source: string;
  readonly where: SourceLocation;
}

/** One decoded profile. */
export interface ProfileSpec {
  readonly name: string;
  readonly debug: boolean;
  readonly filters: readonly ExprText[];
  readonly decisions: readonly DecisionSpec[];
  readonly durationExpr: ExprText | null;
  readonly onSuccess: OnSuccess;
  readonly onFailure: OnFailure;
  readonly onError: OnError;
  readonly notifications: readonly string[];
  readonly where: SourceLocation;
}

const PROFILE_KEYS: ReadonlySet<string> = new Set([
  'name',
  'debug',
  'filters',
  'decisions',
  'duration_expr',
  'on_success',
  'on_failure',
  'on_error',
  'notifications',
]);
/** yaml.v2 reads `models.Decision` by lower-cased field names: all of them are accepted. */
const DECISION_KEYS: ReadonlySet<string> = new Set([
  'duration',
  'id',
  'origin',
  'scenario',
  'scope',
  'simulated',
  'type',
  'until',
  'uuid',
  'value',
]);
const ON_ERROR: ReadonlySet<string> = new Set(['', 'apply', 'continue', 'break', 'ignore']);

/**
 * Decodes the profiles of `text` (`file` names it in errors). Errors are collected; CrowdSec
 * refuses to start on any of them, and on a file without profiles. `onWarning` gets the
 * non-fatal remarks (an `on_error` value that behaves as unset).
 */
export function decodeProfiles(
  file: string,
  text: string,
  onWarning: (message: string) => void = () => {},
): { profiles: ProfileSpec[]; errors: HubError[] } {
  const { source, errors } = YamlSource.parse(file, text);
  const dec = new Decoder(source);
  const profiles: ProfileSpec[] = [];
  for (const doc of source.documents) {
    if (doc.root === null) continue;
    const spec = decodeProfile(dec, doc.root, doc.where, onWarning);
    if (spec) profiles.push(spec);
  }
  errors.push(...dec.errors);
  if (errors.length === 0 && profiles.length === 0) {
    errors.push(new HubError({ file, line: 0, column: 0 }, 'no profile: at least one is needed'));
  }
  return { profiles, errors };
}

function decodeProfile(
  dec: Decoder,
  root: Node,
  where: SourceLocation,
  onWarning: (message: string) => void,
): ProfileSpec | null {
  const before = dec.errors.length;
  const f = dec.struct(root, PROFILE_KEYS, 'profile');
  const name = dec.string(f.get('name'));
  const label = name === '' ? `profile at line ${where.line}` : `profile '${name}'`;
  const onSuccess = dec.string(f.get('on_success'));
  if (onSuccess !== '' && onSuccess !== 'continue' && onSuccess !== 'break') {
    dec.fail(f.get('on_success')?.value, `${label}: invalid on_success '${onSuccess}' (continue or break)`);
  }
  const onFailure = dec.string(f.get('on_failure'));
  if (!['', 'continue', 'break', 'apply'].includes(onFailure)) {
    dec.fail(
      f.get('on_failure')?.value,
      `${label}: invalid on_failure '${onFailure}' (continue, break or apply)`,
    );
  }
  let onError = dec.string(f.get('on_error'));
  if (!ON_ERROR.has(onError)) {
    const at = dec.source.at(f.get('on_error')?.value);
    onWarning(
      `${at.file}:${at.line}: ${label}: on_error '${onError}' is not apply, continue, break or ignore: an evaluation error will fail the alert`,
    );
    onError = '';
  }
  const durationField = f.get('duration_expr');
  const durationText = dec.string(durationField);
  const durationExpr =
    durationText === '' ? null : { source: durationText, where: exprStart(dec, durationField) };
  const decisions = dec.list(f.get('decisions')).map((node) => decodeDecision(dec, node, label));
  if (durationExpr === null) {
    // Without duration_expr the static durations are all there is: CrowdSec checks them at load.
    for (const d of decisions) {
      if (d !== null && parseDurationWithDays(d.duration) === undefined) {
        dec.fail(d.where, `${label}: invalid decision duration '${d.duration}'`);
      }
    }
  }
  const spec: ProfileSpec = {
    name,
    debug: dec.bool(f.get('debug')),
    filters: dec.stringList(f.get('filters')).map((e) => ({
      source: e.text,
      where: dec.source.textStart(e.node).where,
    })),
    decisions: decisions.filter((d): d is DecisionSpec => d !== null),
    durationExpr,
    onSuccess: onSuccess as OnSuccess,
    onFailure: onFailure as OnFailure,
    onError: onError as OnError,
    notifications: dec.stringList(f.get('notifications')).map((e) => e.text),
    where,
  };
  return dec.errors.length === before ? spec : null;
}

function decodeDecision(dec: Decoder, node: Node | null, label: string): DecisionSpec | null {
  const where = dec.source.at(node);
  const f = dec.struct(node, DECISION_KEYS, `${label}: decision`);
  for (const k of ['scenario', 'until', 'uuid', 'value']) dec.string(f.get(k));
  dec.int(f.get('id'));
  const type = dec.string(f.get('type'));
  if (type === '') {
    dec.fail(where, `${label}: a decision needs a type (e.g. ban)`);
    return null;
  }
  const durationField = f.get('duration');
  const originField = f.get('origin');
  return {
    type,
    duration: isSet(durationField) ? dec.string(durationField) : DEFAULT_DECISION_DURATION,
    scope: dec.string(f.get('scope')),
    origin: isSet(originField) ? dec.string(originField) : null,
    simulated: dec.bool(f.get('simulated')),
    where,
  };
}

/** True when the key is present with a non-null value (a Go pointer field that is set). */
function isSet(field: Field | undefined): boolean {
  if (!field || field.value === null) return false;
  const v = field.value as { value?: unknown };
  return !('value' in v) || v.value !== null;
}

function exprStart(dec: Decoder, field: Field | undefined): SourceLocation {
  return field?.value
    ? dec.source.textStart(field.value).where
    : { file: dec.source.file, line: 0, column: 0 };
}
