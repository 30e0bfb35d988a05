/**
 * Static types of CrowdSec's API models (`pkg/models`, generated from the LAPI swagger) as the
 * expression checker sees them: `models.Alert`, `models.Source`, `models.Event`, `models.Decision`
 * and the meta items.
 *
 * Field names are the Go names (`ScenarioHash`, `EventsCount`, `AsNumber`, …), not the JSON names,
 * because expressions are compiled against the Go structs. Go pointer fields (`*string`,
 * `*int32`, …) are declared with their pointee type: expr-lang dereferences them transparently.
 */
import {
  arrayOf,
  boolType,
  floatType,
  funcOf,
  intType,
  mapOf,
  type StructType,
  stringType,
  structOf,
} from '../expr/types.ts';

/** `models.MetaItems0`: one `{key, value}` pair of an alert's or an event's meta list. */
export const MetaItemType: StructType = structOf('models.MetaItems0', {
  Key: stringType,
  Value: stringType,
});

/** `models.Meta`: the list form of meta data (`[]*MetaItems0`). */
export const MetaListType = arrayOf(MetaItemType);

/** `models.Event`: one event summary inside an alert (its meta, sorted by key, and timestamp). */
export const AlertEventType: StructType = structOf(
  'models.Event',
  { Meta: MetaListType, Timestamp: stringType },
  { GetMeta: funcOf([stringType], stringType) },
);

/** `models.Source`: the origin of an alert (an IP, a range or a custom scope). */
export const SourceType: StructType = structOf(
  'models.Source',
  {
    AsName: stringType,
    AsNumber: stringType,
    Cn: stringType,
    IP: stringType,
    Latitude: floatType,
    Longitude: floatType,
    Range: stringType,
    Scope: stringType,
    Value: stringType,
  },
  { GetScope: funcOf([], stringType), GetValue: funcOf([], stringType) },
);

/** `models.Decision`: a remediation decided by LAPI profiles. */
export const DecisionType: StructType = structOf('models.Decision', {
  Duration: stringType,
  ID: intType,
  Origin: stringType,
  Scenario: stringType,
  Scope: stringType,
  Simulated: boolType,
  Type: stringType,
  Until: stringType,
  UUID: stringType,
  Value: stringType,
});

/**
 * `models.Alert`: what a bucket overflow becomes, what profiles see as `Alert`, and what
 * postoverflows reach as `evt.Overflow.Alert`.
 */
export const AlertType: StructType = structOf(
  'models.Alert',
  {
    Capacity: intType,
    CreatedAt: stringType,
    Decisions: arrayOf(DecisionType),
    Events: arrayOf(AlertEventType),
    EventsCount: intType,
    ID: intType,
    Kind: stringType,
    Labels: arrayOf(stringType),
    Leakspeed: stringType,
    MachineID: stringType,
    Message: stringType,
    Meta: MetaListType,
    Remediation: boolType,
    Scenario: stringType,
    ScenarioHash: stringType,
    ScenarioVersion: stringType,
    Simulated: boolType,
    Source: SourceType,
    StartAt: stringType,
    StopAt: stringType,
    UUID: stringType,
  },
  {
    GetEventsCount: funcOf([], intType),
    GetMeta: funcOf([stringType], stringType),
    GetScenario: funcOf([], stringType),
    GetScope: funcOf([], stringType),
    GetValue: funcOf([], stringType),
    HasRemediation: funcOf([], boolType),
  },
);

/** Go's `map[string]models.Source`, as held by `RuntimeAlert.Sources`. */
export const SourcesMapType = mapOf(SourceType);
