/** `Store` over Kysely: each method delegates to the module that owns the concern. */
import * as alertsInsert from './alerts-insert.ts';
import * as alertsQuery from './alerts-query.ts';
import * as bouncers from './bouncers.ts';
import type { StoreContext } from './context.ts';
import * as decisions from './decisions.ts';
import { flush } from './flush.ts';
import * as machines from './machines.ts';
import * as misc from './misc.ts';
import * as stream from './stream.ts';
import type {
  ActiveDecisionCount,
  AlertFilter,
  AlertRecord,
  BouncerPatch,
  BouncerRecord,
  DecisionFilter,
  DecisionRecord,
  DecisionStream,
  FlushReport,
  InsertAlertsResult,
  MachinePatch,
  MachineRecord,
  NewAlert,
  NewBouncer,
  NewMachine,
  Store,
  StoreDialect,
  StoreStats,
  StreamCursor,
  StreamRequest,
  UsageMetricsRecord,
} from './types.ts';

/** The `Store` implementation; create it with `openStore`. */
export class KyselyStore implements Store {
  readonly #ctx: StoreContext;
  readonly dialect: StoreDialect;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    this.dialect = ctx.dialect;
  }

  /** The shared context (tests reach the raw Kysely instance through it). */
  get context(): StoreContext {
    return this.#ctx;
  }

  #now(now?: number): number {
    return now ?? this.#ctx.clock();
  }

  createMachine(m: NewMachine): Promise<MachineRecord> {
    return machines.createMachine(this.#ctx, m);
  }
  getMachine(machineId: string): Promise<MachineRecord | undefined> {
    return machines.getMachine(this.#ctx, machineId);
  }
  listMachines(): Promise<MachineRecord[]> {
    return machines.listMachines(this.#ctx);
  }
  updateMachine(machineId: string, patch: MachinePatch): Promise<boolean> {
    return machines.updateMachine(this.#ctx, machineId, patch);
  }
  validateMachine(machineId: string): Promise<boolean> {
    return machines.updateMachine(this.#ctx, machineId, { isValidated: true });
  }
  deleteMachine(machineId: string): Promise<boolean> {
    return machines.deleteMachine(this.#ctx, machineId);
  }
  checkMachinePassword(machineId: string, password: string): Promise<boolean> {
    return machines.checkMachinePassword(this.#ctx, machineId, password);
  }

  createBouncer(b: NewBouncer): Promise<BouncerRecord> {
    return bouncers.createBouncer(this.#ctx, b);
  }
  getBouncer(name: string): Promise<BouncerRecord | undefined> {
    return bouncers.getBouncer(this.#ctx, name);
  }
  getBouncerById(id: number): Promise<BouncerRecord | undefined> {
    return bouncers.getBouncerById(this.#ctx, id);
  }
  listBouncers(): Promise<BouncerRecord[]> {
    return bouncers.listBouncers(this.#ctx);
  }
  deleteBouncer(name: string): Promise<boolean> {
    return bouncers.deleteBouncer(this.#ctx, name);
  }
  updateBouncer(id: number, patch: BouncerPatch): Promise<boolean> {
    return bouncers.updateBouncer(this.#ctx, id, patch);
  }
  bouncerKeyExists(apiKeyHash: string): Promise<boolean> {
    return bouncers.bouncerKeyExists(this.#ctx, apiKeyHash);
  }
  resolveBouncer(apiKeyHash: string, clientIp: string): Promise<BouncerRecord | undefined> {
    return bouncers.resolveBouncer(this.#ctx, apiKeyHash, clientIp);
  }

  insertAlerts(alerts: NewAlert[], now?: number): Promise<InsertAlertsResult> {
    return alertsInsert.insertAlerts(this.#ctx, alerts, this.#now(now));
  }
  getAlert(id: number): Promise<AlertRecord | undefined> {
    return alertsQuery.getAlert(this.#ctx, id);
  }
  queryAlerts(filter: AlertFilter, now?: number): Promise<AlertRecord[]> {
    return alertsQuery.queryAlerts(this.#ctx, filter, this.#now(now));
  }
  deleteAlerts(filter: AlertFilter, now?: number): Promise<number> {
    return alertsQuery.deleteAlerts(this.#ctx, filter, this.#now(now));
  }
  deleteAlertById(id: number, now?: number): Promise<boolean> {
    return alertsQuery.deleteAlertById(this.#ctx, id, this.#now(now));
  }

  queryDecisions(filter: DecisionFilter, now?: number): Promise<DecisionRecord[]> {
    return decisions.queryDecisions(this.#ctx, filter, this.#now(now));
  }
  expireDecisions(filter: DecisionFilter, now?: number): Promise<number> {
    return decisions.expireDecisions(this.#ctx, filter, this.#now(now));
  }
  expireDecisionById(id: number, now?: number): Promise<boolean> {
    return decisions.expireDecisionById(this.#ctx, id, this.#now(now));
  }
  streamDecisions(req: StreamRequest): Promise<DecisionStream> {
    return stream.streamDecisions(this.#ctx, req);
  }
  ackStream(bouncerId: number, cursor: StreamCursor): Promise<void> {
    return stream.ackStream(this.#ctx, bouncerId, cursor);
  }
  countActiveDecisions(now?: number): Promise<ActiveDecisionCount[]> {
    return decisions.countActiveDecisions(this.#ctx, this.#now(now));
  }
  countAlertsByScenario(): Promise<{ scenario: string; count: number }[]> {
    return decisions.countAlertsByScenario(this.#ctx);
  }

  insertUsageMetrics(m: Omit<UsageMetricsRecord, 'id' | 'pushedAt'>): Promise<number> {
    return misc.insertUsageMetrics(this.#ctx, m);
  }
  listUnpushedMetrics(limit = 1000): Promise<UsageMetricsRecord[]> {
    return misc.listUnpushedMetrics(this.#ctx, limit);
  }
  markMetricsPushed(ids: number[], at: number): Promise<void> {
    return misc.markMetricsPushed(this.#ctx, ids, at);
  }
  getConfigItem(name: string): Promise<string | undefined> {
    return misc.getConfigItem(this.#ctx, name);
  }
  setConfigItem(name: string, value: string): Promise<void> {
    return misc.setConfigItem(this.#ctx, name, value);
  }
  acquireLock(name: string, staleMs: number, now?: number): Promise<boolean> {
    return misc.acquireLock(this.#ctx, name, staleMs, this.#now(now));
  }
  releaseLock(name: string): Promise<void> {
    return misc.releaseLock(this.#ctx, name);
  }

  flush(now?: number): Promise<FlushReport> {
    return flush(this.#ctx, this.#now(now));
  }
  stats(): Promise<StoreStats> {
    return misc.stats(this.#ctx);
  }
  async close(): Promise<void> {
    await this.#ctx.db.destroy();
  }
}
