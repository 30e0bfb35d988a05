/**
 * Alerts (hub-compat §0 step 5, §3.1, §10): the output stage that runs postoverflows on bucket
 * overflows and decides what is sent, the JSON form of alerts as the LAPI receives them, and the
 * profiles that turn an alert into decisions.
 *
 * @example
 * const output = new OverflowOutput(postoverflowSet);
 * const outcome = output.process(overflowEvent);
 * if (outcome.kind === 'alert') for (const a of outcome.alerts) send(alertToApiJson(a));
 */
export {
  type ApiAlert,
  type ApiDecision,
  type ApiEvent,
  type ApiMetaItem,
  type ApiSource,
  alertToApiJson,
  decisionToApiJson,
  eventToApiJson,
  float32Json,
  sourceToApiJson,
} from './api-json.ts';
export { DEFAULT_PROFILES_PATH, DEFAULT_PROFILES_YAML } from './default-profiles.ts';
export { alertsToSend, type OverflowOutcome, OverflowOutput } from './postoverflows.ts';
export {
  evaluateProfiles,
  type LoadProfilesOptions,
  loadProfilesFile,
  ProfileEvaluationError,
  type ProfileResult,
  ProfileSet,
} from './profiles.ts';
export {
  DEFAULT_DECISION_DURATION,
  type DecisionSpec,
  decodeProfiles,
  type ProfileSpec,
} from './profiles-config.ts';
