/**
 * The Event model shared by every pipeline stage (a leaf: imports no stage), in two forms:
 * run-time values (`newEvent()`, `Event`, `Alert`, …) and their static types for the expression
 * checker (`EventType`, `AlertType`, …) with the variable environment of each expression site.
 */
export { AppsecEvent, type MatchedRule } from './appsec.ts';
export {
  ENV_CONDITION,
  ENV_CONTEXT,
  ENV_EVT,
  ENV_HUBTEST_ASSERT,
  ENV_OVERFLOW_FILTER,
  ENV_PROFILE,
  type ExprEnv,
} from './environments.ts';
export {
  EVENT_APPSEC,
  EVENT_LOG,
  EVENT_OVERFLOW,
  Event,
  type EventTime,
  Line,
  MODE_LIVE,
  MODE_TIMEMACHINE,
  type NewEventOptions,
  newEvent,
  RuntimeAlert,
} from './event.ts';
export { IpAddr } from './ip-addr.ts';
export { type GoMap, getString, mapFrom, newMap } from './maps.ts';
export { Alert, AlertDecision, AlertEvent, AlertSource, type MetaItem } from './models.ts';
export { BucketFactoryType, LeakyType, QueueType, ScopeTypeType } from './schema-bucket.ts';
export {
  AppsecEventType,
  EventType,
  LineType,
  MatchedRulesType,
  MatchedRuleType,
  NetipAddrType,
  RuntimeAlertType,
} from './schema-event.ts';
export { HttpRequestType, UrlType } from './schema-http.ts';
export {
  AlertEventType,
  AlertType,
  DecisionType,
  MetaItemType,
  SourceType,
} from './schema-models.ts';
