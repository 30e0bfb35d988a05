/**
 * Run-time values of CrowdSec's API models (`models.Alert`, `models.Source`, `models.Event`), the
 * objects `schema-models.ts` describes. Own properties carry the Go field names; methods are the
 * Go methods that content calls (`GetScope()`, `GetMeta(k)`, …).
 */

/** `models.MetaItems0`: one `{Key, Value}` pair. */
export interface MetaItem {
  Key: string;
  Value: string;
}

/** `models.Source`. */
export class AlertSource {
  AsName = '';
  AsNumber = '';
  Cn = '';
  IP = '';
  Latitude = 0;
  Longitude = 0;
  Range = '';
  Scope = '';
  Value = '';

  GetScope(): string {
    return this.Scope;
  }
  GetValue(): string {
    return this.Value;
  }
}

/** `models.Event`: an event summary inside an alert. */
export class AlertEvent {
  Meta: MetaItem[] = [];
  Timestamp = '';

  /** The value of the first meta item named `key`, or `''`. */
  GetMeta(key: string): string {
    for (const m of this.Meta) if (m.Key === key) return m.Value;
    return '';
  }
}

/** `models.Decision`. */
export class AlertDecision {
  Duration = '';
  ID = 0;
  Origin = '';
  Scenario = '';
  Scope = '';
  Simulated = false;
  Type = '';
  Until = '';
  UUID = '';
  Value = '';
}

/** `models.Alert`. */
export class Alert {
  Capacity = 0;
  CreatedAt = '';
  Decisions: AlertDecision[] = [];
  Events: AlertEvent[] = [];
  EventsCount = 0;
  ID = 0;
  Kind = '';
  Labels: string[] = [];
  Leakspeed = '';
  MachineID = '';
  Message = '';
  Meta: MetaItem[] = [];
  Remediation = false;
  Scenario = '';
  ScenarioHash = '';
  ScenarioVersion = '';
  Simulated = false;
  Source: AlertSource = new AlertSource();
  StartAt = '';
  StopAt = '';
  UUID = '';

  GetScope(): string {
    return this.Source.Scope;
  }
  GetValue(): string {
    return this.Source.Value;
  }
  GetScenario(): string {
    return this.Scenario;
  }
  GetEventsCount(): number {
    return this.EventsCount;
  }
  /** The value of the alert-level meta item named `key`, or `''`. */
  GetMeta(key: string): string {
    for (const m of this.Meta) if (m.Key === key) return m.Value;
    return '';
  }
  HasRemediation(): boolean {
    return true;
  }
}
