/**
 * Static type of `evt` (CrowdSec `pipeline.Event`, hub-compat §1.10) and of everything reachable
 * from it: `Line`, `RuntimeAlert` (§2.7), `AppsecEvent`, `netip.Addr`.
 *
 * The checker rejects a field or method that is not declared here, exactly as expr-lang rejects an
 * unknown field of a Go struct; so every field CrowdSec really has is declared, and nothing else.
 */
import {
  anyType,
  arrayOf,
  boolType,
  funcOf,
  intType,
  mapOf,
  type StructType,
  stringType,
  structOf,
  timeType,
} from '../expr/types.ts';
import { AlertType, SourcesMapType } from './schema-models.ts';

/** `pipeline.Line`: the raw log line as produced by acquisition. */
export const LineType: StructType = structOf('pipeline.Line', {
  Raw: stringType,
  Src: stringType,
  Time: timeType,
  Labels: mapOf(stringType),
  Process: boolType,
  Module: stringType,
});

/** `netip.Addr`, returned by `Event.ParseIPSources()`; the methods `ip-addr.ts` implements. */
export const NetipAddrType: StructType = structOf(
  'netip.Addr',
  {},
  {
    String: funcOf([], stringType),
    Is4: funcOf([], boolType),
    Is6: funcOf([], boolType),
    Is4In6: funcOf([], boolType),
    IsValid: funcOf([], boolType),
    IsLoopback: funcOf([], boolType),
    IsUnspecified: funcOf([], boolType),
    BitLen: funcOf([], intType),
    Zone: funcOf([], stringType),
  },
);

/** `pipeline.MatchedRule` (`map[string]any`): one WAF rule match. */
export const MatchedRuleType = mapOf(anyType);

/**
 * `pipeline.MatchedRules` (`[]MatchedRule`). In Go the slice type carries the filter methods
 * (`ByTag`, …); the type model has no methods on arrays, so chained filters on their results are
 * not typed (only the first call, through `AppsecEvent`, is).
 */
export const MatchedRulesType = arrayOf(MatchedRuleType);

const rulesFilter = (param: typeof stringType | typeof intType | typeof boolType | typeof MatchedRulesType) =>
  funcOf([param], MatchedRulesType);

/**
 * `pipeline.AppsecEvent`: WAF data of an APPSEC event. `MatchedRules` is an embedded field, so its
 * methods are promoted onto the event (`evt.Appsec.GetName()`).
 */
export const AppsecEventType: StructType = structOf(
  'pipeline.AppsecEvent',
  {
    HasInBandMatches: boolType,
    HasOutBandMatches: boolType,
    MatchedRules: MatchedRulesType,
    Vars: mapOf(stringType),
  },
  {
    GetVar: funcOf([stringType], stringType),
    GetField: funcOf([stringType], arrayOf(anyType)),
    GetURI: funcOf([], stringType),
    GetHash: funcOf([], stringType),
    GetVersion: funcOf([], stringType),
    GetName: funcOf([], stringType),
    GetNames: funcOf([], arrayOf(stringType)),
    GetMethod: funcOf([], stringType),
    GetRuleIDs: funcOf([], arrayOf(intType)),
    Kinds: funcOf([], arrayOf(stringType)),
    GetMatchedZones: funcOf([], arrayOf(stringType)),
    ByID: rulesFilter(intType),
    ByKind: rulesFilter(stringType),
    ByTags: rulesFilter(arrayOf(stringType)),
    ByTag: rulesFilter(stringType),
    ByTagRx: rulesFilter(stringType),
    ByDisruptiveness: rulesFilter(boolType),
    BySeverity: rulesFilter(stringType),
    ByAccuracy: rulesFilter(stringType),
    GetHighestSeverity: funcOf([], intType),
  },
);

/** `pipeline.RuntimeAlert`: the overflow payload of an OVFLW event (`evt.Overflow`, `signal`). */
export const RuntimeAlertType: StructType = structOf(
  'pipeline.RuntimeAlert',
  {
    Mapkey: stringType,
    BucketId: stringType,
    Whitelisted: boolType,
    Reprocess: boolType,
    Sources: SourcesMapType,
    Alert: AlertType,
    APIAlerts: arrayOf(AlertType),
  },
  { GetSources: funcOf([], arrayOf(stringType)) },
);

/** `pipeline.Event`: what `evt` is in every expression site that sees it. */
export const EventType: StructType = structOf(
  'pipeline.Event',
  {
    Type: intType,
    ExpectMode: intType,
    Whitelisted: boolType,
    WhitelistReason: stringType,
    Stage: stringType,
    Line: LineType,
    Parsed: mapOf(stringType),
    Enriched: mapOf(stringType),
    Unmarshaled: mapOf(anyType),
    Overflow: RuntimeAlertType,
    Time: timeType,
    StrTime: stringType,
    StrTimeFormat: stringType,
    MarshaledTime: stringType,
    Process: boolType,
    Appsec: AppsecEventType,
    Meta: mapOf(stringType),
  },
  {
    GetType: funcOf([], stringType),
    GetMeta: funcOf([stringType], stringType),
    SetMeta: funcOf([stringType, stringType], boolType),
    SetParsed: funcOf([stringType, stringType], boolType),
    ParseIPSources: funcOf([], arrayOf(NetipAddrType)),
  },
);
