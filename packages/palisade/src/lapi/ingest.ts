/**
 * What `POST /v1/alerts` does with validated alerts before they are stored (spec §4.1): alerts
 * without decisions get the decisions of the first matching profile; alerts that arrive with
 * decisions (cscli, console) keep them and only route notifications through the profiles.
 * Every decision inherits the alert's `simulated` flag, as in CrowdSec.
 */
import type { ApiAlert, ApiDecision } from '../alerts/api-json.ts';
import { ProfileEvaluationError, type ProfileSet } from '../alerts/profiles.ts';
import { Alert, AlertDecision, AlertEvent, AlertSource } from '../event/index.ts';
import { LapiError } from './errors.ts';
import { normaliseScope } from './scope.ts';

/**
 * Attaches the final decisions to each alert (in place) and returns the alerts. Throws
 * LapiError PAL_ERR_LAPI_PROFILE (500) when a profile without `on_error` fails to evaluate: the
 * agent retries the batch, as with CrowdSec.
 */
export function applyProfiles(alerts: ApiAlert[], profiles: ProfileSet, machineId: string): ApiAlert[] {
  for (const alert of alerts) {
    const model = toAlertModel(alert, machineId);
    let decisions: ApiDecision[];
    try {
      const result = profiles.evaluate(model);
      decisions = alert.decisions.length > 0 ? alert.decisions : result.decisions.map(toApiDecision);
    } catch (err) {
      if (err instanceof ProfileEvaluationError) {
        throw new LapiError('PAL_ERR_LAPI_PROFILE', [err.profile, err.message], { cause: err });
      }
      throw err;
    }
    alert.decisions = decisions.map((d) => ({
      ...d,
      scope: normaliseScope(d.scope),
      simulated: alert.simulated,
    }));
  }
  return alerts;
}

/** The expression-side `Alert` of a wire alert, as profiles see it. */
export function toAlertModel(a: ApiAlert, machineId: string): Alert {
  const m = new Alert();
  m.Capacity = a.capacity;
  m.EventsCount = a.events_count;
  m.Kind = a.kind ?? '';
  m.Labels = [...a.labels];
  m.Leakspeed = a.leakspeed;
  m.MachineID = machineId;
  m.Message = a.message;
  m.Meta = (a.meta ?? []).map((x) => ({ Key: x.key ?? '', Value: x.value ?? '' }));
  m.Remediation = a.remediation === true;
  m.Scenario = a.scenario;
  m.ScenarioHash = a.scenario_hash;
  m.ScenarioVersion = a.scenario_version;
  m.Simulated = a.simulated;
  m.StartAt = a.start_at;
  m.StopAt = a.stop_at;
  const s = new AlertSource();
  s.AsName = a.source.as_name ?? '';
  s.AsNumber = a.source.as_number ?? '';
  s.Cn = a.source.cn ?? '';
  s.IP = a.source.ip ?? '';
  s.Latitude = a.source.latitude ?? 0;
  s.Longitude = a.source.longitude ?? 0;
  s.Range = a.source.range ?? '';
  s.Scope = a.source.scope;
  s.Value = a.source.value;
  m.Source = s;
  m.Events = a.events.map((e) => {
    const ev = new AlertEvent();
    ev.Timestamp = e.timestamp;
    ev.Meta = e.meta.map((x) => ({ Key: x.key ?? '', Value: x.value ?? '' }));
    return ev;
  });
  m.Decisions = a.decisions.map((d) => {
    const x = new AlertDecision();
    x.Duration = d.duration;
    x.Origin = d.origin;
    x.Scenario = d.scenario;
    x.Scope = d.scope;
    x.Type = d.type;
    x.Value = d.value;
    x.Simulated = a.simulated;
    return x;
  });
  return m;
}

function toApiDecision(d: AlertDecision): ApiDecision {
  return {
    duration: d.Duration,
    origin: d.Origin,
    scenario: d.Scenario,
    scope: d.Scope,
    type: d.Type,
    value: d.Value,
  };
}
