/**
 * Interop 1: the real crowdsec-custom-bouncer (Debian) receives a decision added with
 * `palisade decisions add`, and its deletion after `palisade decisions delete`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CustomBouncer, startCustomBouncer } from './harness/custom-bouncer.ts';
import { addBouncer } from './harness/palisade.ts';
import { BACKENDS, backendSkipReason, openStack, type Stack } from './harness/stack.ts';
import { waitFor } from './harness/wait.ts';

const BANNED_IP = '203.0.113.7';
const BANNED_RANGE = '192.0.2.0/24';

for (const backend of BACKENDS) {
  const skip = await backendSkipReason(backend);
  describe(`crowdsec-custom-bouncer with palisade lapi on ${backend}`, { skip, timeout: 180_000 }, () => {
    let stack: Stack | undefined;
    let bouncer: CustomBouncer;
    const context = (): string => [bouncer?.process.describe(), stack?.lapi.process.describe()].join('\n');

    before(async () => {
      stack = await openStack(backend, 'custom');
      const key = await addBouncer(stack.lapi, 'interop-custom');
      bouncer = startCustomBouncer(stack.dir, stack.lapi.apiUrl, key, stack.cleanup);
    });
    after(async () => {
      await stack?.close();
    });

    it('runs its script for an added IP and range decision, then for the deleted IP only', async () => {
      const lapi = (stack as Stack).lapi;
      await lapi.cli([
        'decisions',
        'add',
        '--ip',
        BANNED_IP,
        '--duration',
        '1h',
        '--reason',
        'interop custom ip',
      ]);
      await lapi.cli([
        'decisions',
        'add',
        '--range',
        BANNED_RANGE,
        '--duration',
        '2h',
        '--reason',
        'interop custom range',
      ]);

      const addedIp = await waitFor(
        `the bouncer's script to be called with 'add ${BANNED_IP}'`,
        () => bouncer.calls().find((c) => c.action === 'add' && c.value === BANNED_IP),
        { context },
      );
      assert.equal(addedIp.decision.scope, 'Ip');
      assert.equal(addedIp.decision.type, 'ban');
      assert.equal(addedIp.decision.scenario, 'interop custom ip');
      assert.ok(addedIp.seconds > 3500 && addedIp.seconds <= 3600, `seconds left: ${addedIp.line}`);

      const addedRange = await waitFor(
        `'add ${BANNED_RANGE}'`,
        () => bouncer.calls().find((c) => c.action === 'add' && c.value === BANNED_RANGE),
        { context },
      );
      assert.equal(addedRange.decision.scope, 'Range');
      assert.ok(addedRange.seconds > 7100 && addedRange.seconds <= 7200, `seconds left: ${addedRange.line}`);

      await lapi.cli(['decisions', 'delete', '--ip', BANNED_IP]);
      const deleted = await waitFor(
        `'del ${BANNED_IP}'`,
        () => bouncer.calls().find((c) => c.action === 'del' && c.value === BANNED_IP),
        { context },
      );
      assert.ok(deleted.seconds <= 0, `a deleted decision has no time left: ${deleted.line}`);
      // The range does not contain the IP: it must survive the deletion.
      assert.equal(
        bouncer.calls().find((c) => c.action === 'del' && c.value === BANNED_RANGE),
        undefined,
        'the range was deleted too',
      );
    });
  });
}
