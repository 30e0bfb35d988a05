/**
 * Interop 2: the real CrowdSec agent (Debian 1.4.6), registered as a machine of Palisade's LAPI,
 * replays an sshd brute-force log; its alert arrives in Palisade, the profiles turn it into a
 * ban, and the real crowdsec-custom-bouncer receives that ban.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAgentReplay, writeAgentConfig } from './harness/agent.ts';
import { type CustomBouncer, startCustomBouncer } from './harness/custom-bouncer.ts';
import { httpJson } from './harness/net.ts';
import {
  addBouncer,
  addMachine,
  decisionsFor,
  type MachineCredentials,
  machineToken,
} from './harness/palisade.ts';
import { sshdBruteForceLog } from './harness/sshd-log.ts';
import { BACKENDS, backendSkipReason, openStack, type Stack } from './harness/stack.ts';
import { waitFor } from './harness/wait.ts';

const ATTACKER = '198.51.100.23';
const BENIGN = '192.0.2.77';

interface WireAlert {
  id: number;
  scenario: string;
  machine_id?: string;
  source: { scope: string; value: string };
  events_count: number;
  decisions:
    | { type: string; origin: string; scope: string; value: string; scenario: string; duration: string }[]
    | null;
}

for (const backend of BACKENDS) {
  const skip = await backendSkipReason(backend);
  describe(`crowdsec agent with palisade lapi on ${backend}`, { skip, timeout: 240_000 }, () => {
    let stack: Stack | undefined;
    let agentCreds: MachineCredentials;
    let bouncerKey: string;
    let bouncer: CustomBouncer;

    before(async () => {
      stack = await openStack(backend, 'agent');
      agentCreds = await addMachine(stack.lapi, 'interop-agent');
      bouncerKey = await addBouncer(stack.lapi, 'interop-agent-bouncer');
      bouncer = startCustomBouncer(stack.dir, stack.lapi.apiUrl, bouncerKey, stack.cleanup);
    });
    after(async () => {
      await stack?.close();
    });

    it('turns the replayed brute force into an alert, a 4h ban and a bouncer call', async () => {
      const { dir, lapi } = stack as Stack;
      const context = (): string =>
        [agent.describe(), bouncer.process.describe(), lapi.process.describe()].join('\n');
      const logFile = join(dir, 'auth.log');
      writeFileSync(logFile, sshdBruteForceLog(ATTACKER, { count: 10, benignIp: BENIGN }));
      const configPath = writeAgentConfig(dir, lapi.apiUrl, agentCreds.login, agentCreds.password);

      const agent = startAgentReplay(dir, configPath, logFile);
      const status = await agent.waitExit(120_000);
      assert.equal(status.code, 0, `the agent failed\n${context()}`);
      assert.match(agent.output(), /performed 'crowdsecurity\/ssh-bf'/, 'the scenario did not overflow');

      // The alert, as the LAPI serves it back to a machine.
      const token = await machineToken(lapi, agentCreds);
      const alerts = await waitFor(
        'the ssh-bf alert in GET /v1/alerts',
        async () => {
          const res = await httpJson(`${lapi.apiUrl}v1/alerts?scenario=crowdsecurity/ssh-bf`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (res.status !== 200) throw new Error(`GET /v1/alerts: ${res.status} ${res.text}`);
          const list = (res.body as WireAlert[] | null) ?? [];
          return list.length > 0 ? list : undefined;
        },
        { timeoutMs: 20_000, context },
      );
      assert.equal(alerts.length, 1, JSON.stringify(alerts));
      const alert = alerts[0] as WireAlert;
      assert.equal(alert.source.scope, 'Ip');
      assert.equal(alert.source.value, ATTACKER);
      assert.equal(alert.machine_id, agentCreds.login);
      assert.ok(alert.events_count >= 6, `events_count ${alert.events_count}`);
      assert.equal(alert.decisions?.length, 1, JSON.stringify(alert.decisions));
      const made = alert.decisions?.[0];
      assert.equal(made?.type, 'ban');
      assert.equal(made?.origin, 'crowdsec');
      assert.equal(made?.value, ATTACKER);
      assert.match(made?.duration ?? '', /^3h\d+m\d+s$/, 'a 4h ban, counted from the alert stop');

      // The decision, as a bouncer queries it; the benign client is left alone.
      const decisions = await decisionsFor(lapi, bouncerKey, ATTACKER);
      assert.deepEqual(
        decisions.map((d) => [d.type, d.origin, d.scope, d.value, d.scenario]),
        [['ban', 'crowdsec', 'Ip', ATTACKER, 'crowdsecurity/ssh-bf']],
      );
      assert.deepEqual(await decisionsFor(lapi, bouncerKey, BENIGN), []);

      // And the real bouncer receives it.
      const call = await waitFor(
        `the custom bouncer's script to be called with 'add ${ATTACKER}'`,
        () => bouncer.calls().find((c) => c.action === 'add' && c.value === ATTACKER),
        { context },
      );
      assert.equal(call.decision.scenario, 'crowdsecurity/ssh-bf');
      assert.equal(call.decision.origin, 'crowdsec');
      assert.ok(call.seconds > 3 * 3600 && call.seconds <= 4 * 3600, `seconds left: ${call.line}`);
      assert.equal(
        bouncer.calls().find((c) => c.value === BENIGN),
        undefined,
      );
    });
  });
}
