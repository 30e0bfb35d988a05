/**
 * Prometheus metrics of the LAPI under CrowdSec's names (spec §7.2), in a registry of their own
 * (served on a separate listener by `metrics-server.ts`). Request counters and the duration
 * histogram are updated per request; the decision, alert and heartbeat gauges are recomputed
 * from the store at scrape time.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../store/index.ts';

/** The LAPI's metrics. */
export class LapiMetrics {
  readonly registry = new Registry();
  readonly routeRequests: Counter<'route' | 'method'>;
  readonly machineRequests: Counter<'machine' | 'route' | 'method'>;
  readonly bouncerRequests: Counter<'bouncer' | 'route' | 'method'>;
  readonly decisionsOk: Counter<'bouncer'>;
  readonly decisionsKo: Counter<'bouncer'>;
  readonly requestDuration: Histogram<'endpoint' | 'method'>;

  /** `store` feeds the scrape-time gauges; `version` is the `cs_info` label. */
  constructor(store: Store, version: string) {
    const registers = [this.registry];
    this.routeRequests = new Counter({
      name: 'cs_lapi_route_requests_total',
      help: 'Number of calls to each route per method.',
      labelNames: ['route', 'method'],
      registers,
    });
    this.machineRequests = new Counter({
      name: 'cs_lapi_machine_requests_total',
      help: 'Number of calls for each machine.',
      labelNames: ['machine', 'route', 'method'],
      registers,
    });
    this.bouncerRequests = new Counter({
      name: 'cs_lapi_bouncer_requests_total',
      help: 'Number of calls for each bouncer.',
      labelNames: ['bouncer', 'route', 'method'],
      registers,
    });
    this.decisionsOk = new Counter({
      name: 'cs_lapi_decisions_ok_total',
      help: 'Number of non-empty answers to a decisions query, per bouncer.',
      labelNames: ['bouncer'],
      registers,
    });
    this.decisionsKo = new Counter({
      name: 'cs_lapi_decisions_ko_total',
      help: 'Number of empty answers to a decisions query, per bouncer.',
      labelNames: ['bouncer'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'cs_lapi_request_duration_seconds',
      help: 'Response time of the LAPI.',
      labelNames: ['endpoint', 'method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1],
      registers,
    });
    new Gauge({
      name: 'cs_active_decisions',
      help: 'Number of active decisions.',
      labelNames: ['reason', 'origin', 'action'],
      registers,
      async collect() {
        this.reset();
        for (const row of await store.countActiveDecisions()) {
          this.set({ reason: row.scenario, origin: row.origin, action: row.type }, row.count);
        }
      },
    });
    new Gauge({
      name: 'cs_alerts',
      help: 'Number of alerts (excluding CAPI).',
      labelNames: ['reason'],
      registers,
      async collect() {
        this.reset();
        for (const row of await store.countAlertsByScenario()) this.set({ reason: row.scenario }, row.count);
      },
    });
    new Gauge({
      name: 'cs_machines_last_heartbeat_timestamp',
      help: 'Last heartbeat of each machine (seconds since the epoch).',
      labelNames: ['machine'],
      registers,
      async collect() {
        this.reset();
        for (const m of await store.listMachines()) {
          if (m.lastHeartbeat !== null) this.set({ machine: m.machineId }, m.lastHeartbeat / 1000);
        }
      },
    });
    const info = new Gauge({
      name: 'cs_info',
      help: 'Information about the LAPI.',
      labelNames: ['version'],
      registers,
    });
    info.set({ version }, 1);
  }

  /** Records one answered request. `route` is the route pattern or `invalid-endpoint`. */
  observe(route: string, method: string, seconds: number, who: { machine?: string; bouncer?: string }): void {
    this.routeRequests.inc({ route, method });
    this.requestDuration.observe({ endpoint: route, method }, seconds);
    if (who.machine !== undefined) this.machineRequests.inc({ machine: who.machine, route, method });
    if (who.bouncer !== undefined) this.bouncerRequests.inc({ bouncer: who.bouncer, route, method });
  }
}
