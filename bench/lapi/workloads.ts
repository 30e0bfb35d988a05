/**
 * The three timed workloads, run against one started server. Each is identical for every
 * server: the same requests, in the same order, with the same concurrency.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LapiClient } from './http.ts';
import { alertBatch, BOUNCER_USER_AGENT, IP_BLOCKS, MACHINE_USER_AGENT } from './payloads.ts';
import { runBounded } from './pool.ts';
import type { Credentials } from './servers.ts';

/** Logs `machine` in (POST /v1/watchers/login) and returns its JWT. */
export async function login(client: LapiClient, machine: Credentials): Promise<string> {
  const body = await client.expect(200, 'POST', '/v1/watchers/login', {
    headers: { 'user-agent': MACHINE_USER_AGENT },
    body: { machine_id: machine.login, password: machine.password, scenarios: ['crowdsecurity/ssh-bf'] },
  });
  const token = (JSON.parse(body.toString()) as { token?: unknown }).token;
  if (typeof token !== 'string')
    throw new Error(`login answered without a token: ${body.toString().slice(0, 200)}`);
  return token;
}

function machineHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'user-agent': MACHINE_USER_AGENT };
}

function bouncerHeaders(key: string): Record<string, string> {
  return { 'x-api-key': key, 'user-agent': BOUNCER_USER_AGENT };
}

/** How often a POST /v1/alerts answered 5xx and was sent again. */
export interface RetryCounter {
  retries: number;
}

/**
 * Attempts per POST /v1/alerts before the workload gives up. Generous: CrowdSec 1.4.6 on SQLite
 * locks out concurrent writers for long stretches, and a figure is more useful than a failure.
 */
const POST_ATTEMPTS = 100;
/** Pause before retry n: 50 ms × n, at most 1 s (about 90 s of patience for one POST). */
const retryPauseMs = (attempt: number) => Math.min(50 * attempt, 1000);

/**
 * POST /v1/alerts of `alerts`; resolves with the number of ids the server returned. A 5xx answer
 * (CrowdSec on SQLite answers 500 "database is locked" to concurrent writers) is retried after a
 * short pause, as an agent's next push would carry the alerts again; retries are counted.
 */
async function postAlerts(
  client: LapiClient,
  token: string,
  alerts: Buffer | unknown[],
  counter: RetryCounter,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const answer = await client.send('POST', '/v1/alerts', { headers: machineHeaders(token), body: alerts });
    const text = answer.body.toString();
    if (answer.status === 201) {
      const ids = JSON.parse(text) as unknown;
      if (!Array.isArray(ids)) throw new Error(`POST /v1/alerts answered ${text.slice(0, 200)}`);
      return ids.length;
    }
    if (answer.status < 500 || attempt >= POST_ATTEMPTS)
      throw new Error(`POST /v1/alerts: status ${answer.status} (attempt ${attempt}): ${text.slice(0, 300)}`);
    counter.retries++;
    await sleep(retryPauseMs(attempt));
  }
}

/** Figures of the ingestion workload. */
export interface IngestResult {
  readonly alerts: number;
  readonly posts: number;
  readonly seconds: number;
  readonly alertsPerS: number;
  readonly concurrency: number;
  /** POSTs answered 5xx and sent again (counted in the time). */
  readonly retries: number;
  /** Distinct values among the `new` decisions of a startup pull afterwards (one per alert expected). */
  readonly bannedAfter: number;
}

/**
 * Workload 1: `total` agent alerts in POSTs of `batch`, `concurrency` POSTs in flight, each from
 * a new address (so each makes its own ban). Alerts/s is over the whole run, first POST to last
 * answer. A startup pull afterwards checks that every alert became a decision.
 */
export async function ingestAlerts(
  client: LapiClient,
  machine: Credentials,
  bouncerKey: string,
  options: { total: number; batch: number; concurrency: number },
): Promise<IngestResult> {
  const token = await login(client, machine);
  const posts = Math.ceil(options.total / options.batch);
  // Bodies are built before the clock starts: the client's own JSON work is not the server's.
  const now = Date.now();
  const bodies: Buffer[] = [];
  for (let p = 0; p < posts; p++) {
    const first = p * options.batch;
    const n = Math.min(options.batch, options.total - first);
    bodies.push(Buffer.from(JSON.stringify(alertBatch(IP_BLOCKS.ingest, first, n, now))));
  }
  let stored = 0;
  const counter: RetryCounter = { retries: 0 };
  const run = await runBounded(
    { total: posts, concurrency: options.concurrency, maxErrors: 1 },
    async (p) => {
      // Not `stored += await …`: that reads `stored` before the await and loses concurrent adds.
      const ids = await postAlerts(client, token, bodies[p] as Buffer, counter);
      stored += ids;
    },
  );
  // A retried POST may have been half-stored by the failed attempt: ids can exceed the alerts.
  if (stored < options.total)
    throw new Error(`POST /v1/alerts returned ${stored} ids for ${options.total} alerts`);
  const seconds = run.elapsedMs / 1000;
  const pull = await startupPull(client, bouncerKey);
  return {
    alerts: options.total,
    posts,
    seconds,
    alertsPerS: options.total / seconds,
    concurrency: options.concurrency,
    retries: counter.retries,
    bannedAfter: pull.distinctValues,
  };
}

/** One startup pull. */
export interface PullResult {
  readonly seconds: number;
  readonly bytes: number;
  readonly newCount: number;
  /** Distinct `value`s among `new`. */
  readonly distinctValues: number;
  readonly deletedCount: number;
}

/**
 * GET /v1/decisions/stream?startup=true as bouncer `key`, timed from the request to the last
 * byte of the body; the body is parsed afterwards (outside the timing) to count `new`.
 */
export async function startupPull(client: LapiClient, key: string, timeoutMs = 900_000): Promise<PullResult> {
  const start = performance.now();
  const body = await client.expect(200, 'GET', '/v1/decisions/stream?startup=true', {
    headers: bouncerHeaders(key),
    timeoutMs,
  });
  const seconds = (performance.now() - start) / 1000;
  const parsed = JSON.parse(body.toString()) as {
    new?: { value?: unknown }[] | null;
    deleted?: unknown[] | null;
  };
  const values = new Set<unknown>();
  for (const d of parsed.new ?? []) values.add(d.value);
  return {
    seconds,
    bytes: body.length,
    newCount: parsed.new?.length ?? 0,
    distinctValues: values.size,
    deletedCount: parsed.deleted?.length ?? 0,
  };
}

/** Figures of the delta-poll workload. */
export interface PollResult {
  readonly bouncers: number;
  /** Time for every bouncer's startup pull (not part of polls/s). */
  readonly startupPullsSeconds: number;
  readonly polls: number;
  readonly seconds: number;
  readonly pollsPerS: number;
  /** Alerts posted during the timed phase. */
  readonly trickledAlerts: number;
  /** Trickle POSTs answered 5xx and sent again. */
  readonly trickleRetries: number;
  /** Delta polls that failed (not counted in polls/s). */
  readonly pollErrors: number;
  /** Server CPU seconds during the timed polls (trickle included, startup pulls not). */
  readonly pollCpuS: number;
  /** Decisions received over all delta polls (new and deleted). */
  readonly decisionsDelivered: number;
}

/** Occurrences of `"id":` in a stream body: one per decision, without parsing the JSON. */
export function countDecisions(body: Buffer): number {
  let n = 0;
  for (let at = body.indexOf('"id":'); at >= 0; at = body.indexOf('"id":', at + 5)) n++;
  return n;
}

/**
 * Workload 3: every bouncer pulls its startup stream once (bounded concurrency), then for
 * `seconds` the bouncers poll GET /v1/decisions/stream in a round-robin with `concurrency`
 * polls in flight, while `trickle` new alerts arrive each second from another connection.
 */
export async function deltaPolls(
  client: LapiClient,
  trickleClient: LapiClient,
  machine: Credentials,
  keys: readonly string[],
  options: {
    seconds: number;
    trickle: number;
    concurrency: number;
    expectedStartup: number;
    /** The server's CPU seconds so far (to split the startup pulls from the timed polls). */
    serverCpuS: () => number;
  },
): Promise<PollResult> {
  const startup = await runBounded(
    { total: keys.length, concurrency: options.concurrency, maxErrors: 1 },
    async (i) => {
      const body = await client.expect(200, 'GET', '/v1/decisions/stream?startup=true', {
        headers: bouncerHeaders(keys[i] as string),
        timeoutMs: 300_000,
      });
      const n = countDecisions(body);
      if (n < options.expectedStartup)
        throw new Error(`bouncer ${i}: startup pull had ${n} decisions, expected ${options.expectedStartup}`);
    },
  );

  const token = await login(trickleClient, machine);
  const cpuBefore = options.serverCpuS();
  const deadline = Date.now() + options.seconds * 1000;
  let trickled = 0;
  const counter: RetryCounter = { retries: 0 };
  // One POST a second, bounded by count and by the deadline.
  // Its failure is kept for later: a rejection nobody awaits yet would end the process while
  // the polls run (and leave the servers' temp dirs behind).
  let trickleError: unknown;
  const trickle = (async () => {
    if (options.trickle === 0) return;
    for (let tick = 0; tick <= options.seconds && Date.now() < deadline; tick++) {
      const started = Date.now();
      const alerts = alertBatch(IP_BLOCKS.trickle, trickled, options.trickle, started);
      const ids = await postAlerts(trickleClient, token, alerts, counter);
      trickled += ids;
      const wait = Math.min(1000 - (Date.now() - started), deadline - Date.now());
      if (wait > 0) await sleep(wait);
    }
  })().catch((err: unknown) => {
    trickleError = err;
  });
  let delivered = 0;
  const headers = keys.map(bouncerHeaders);
  const run = await runBounded(
    { total: options.seconds * 1_000_000, concurrency: options.concurrency, deadline, maxErrors: 1000 },
    async (i) => {
      const body = await client.expect(200, 'GET', '/v1/decisions/stream', {
        headers: headers[i % keys.length] as Record<string, string>,
        timeoutMs: 60_000,
      });
      delivered += countDecisions(body);
    },
  );
  await trickle;
  if (trickleError !== undefined) throw trickleError;
  const seconds = run.elapsedMs / 1000;
  return {
    bouncers: keys.length,
    startupPullsSeconds: startup.elapsedMs / 1000,
    polls: run.done,
    seconds,
    pollsPerS: run.done / seconds,
    trickledAlerts: trickled,
    trickleRetries: counter.retries,
    pollErrors: run.errors,
    pollCpuS: options.serverCpuS() - cpuBefore,
    decisionsDelivered: delivered,
  };
}
