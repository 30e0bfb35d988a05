/**
 * Interop 3: the real crowdsec-firewall-bouncer (Debian 0.0.25) in nftables mode, inside a
 * network namespace the test creates, puts a banned IP and a banned range decided with
 * `palisade decisions add` into its nftables set, and takes the IP out again after
 * `palisade decisions delete`.
 *
 * Ranges: 0.0.25 creates its set without the `interval` flag and inserts a Range decision as
 * its bare network address (`192.0.2.0/24` → `192.0.2.0`; upstream cs-firewall-bouncer#396),
 * so the range is NOT effectively banned by that version. The test accepts that form or a real
 * prefix element, and reports which one it saw.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NFT_TABLE_V4, type NftSet, nftSets, startFirewallBouncer } from './harness/firewall-bouncer.ts';
import { createNamespace, type Namespace } from './harness/netns.ts';
import { addBouncer } from './harness/palisade.ts';
import type { ManagedProcess } from './harness/process.ts';
import { BACKENDS, backendSkipReason, openStack, type Stack } from './harness/stack.ts';
import { waitFor } from './harness/wait.ts';

const BANNED_IP = '203.0.113.9';
const BANNED_RANGE = '192.0.2.0/24';
const RANGE_FORMS = ['192.0.2.0', '192.0.2.0/24'];

function allElements(sets: NftSet[]): string[] {
  return sets.flatMap((s) => s.elements);
}

for (const backend of BACKENDS) {
  const skip = await backendSkipReason(backend);
  describe(`crowdsec-firewall-bouncer (nftables, own namespace) with palisade lapi on ${backend}`, {
    skip,
    timeout: 180_000,
  }, () => {
    let stack: Stack | undefined;
    let ns: Namespace;
    let bouncer: ManagedProcess;
    const context = (): string => [bouncer?.describe(), stack?.lapi.process.describe()].join('\n');

    before(async () => {
      stack = await openStack(backend, 'firewall');
      const key = await addBouncer(stack.lapi, 'interop-firewall');
      ns = await createNamespace(stack.dir, stack.lapi.port, stack.cleanup);
      bouncer = startFirewallBouncer(stack.dir, ns, key, stack.cleanup);
      // The bouncer creates its table and set once it has initialised nftables.
      await waitFor(
        `table ip ${NFT_TABLE_V4} with a set in ${ns.name}`,
        async () => {
          if (bouncer.status) throw new Error('the firewall bouncer exited');
          const sets = await nftSets(ns);
          return sets.length > 0 ? sets : undefined;
        },
        { context },
      );
    });
    after(async () => {
      await stack?.close();
    });

    it('puts a banned IP and a banned range into its nftables set', async (t) => {
      const lapi = (stack as Stack).lapi;
      await lapi.cli([
        'decisions',
        'add',
        '--ip',
        BANNED_IP,
        '--duration',
        '1h',
        '--reason',
        'interop firewall ip',
      ]);
      await lapi.cli([
        'decisions',
        'add',
        '--range',
        BANNED_RANGE,
        '--duration',
        '1h',
        '--reason',
        'interop firewall range',
      ]);

      const sets = await waitFor(
        `${BANNED_IP} and ${BANNED_RANGE} in the nftables set`,
        async () => {
          const current = await nftSets(ns);
          const elements = allElements(current);
          return elements.includes(BANNED_IP) && RANGE_FORMS.some((f) => elements.includes(f))
            ? current
            : undefined;
        },
        { context },
      );
      const holder = sets.find((s) => s.elements.includes(BANNED_IP)) as NftSet;
      assert.match(holder.name, /^crowdsec-blacklists/);
      assert.ok(holder.flags.includes('timeout'), `set flags: ${holder.flags.join(',')}`);
      const rangeForm = RANGE_FORMS.find((f) => allElements(sets).includes(f));
      t.diagnostic(
        `range ${BANNED_RANGE} appears as '${rangeForm}' in set ${holder.name} (flags: ${holder.flags.join(',')})` +
          (rangeForm === '192.0.2.0' ? ' — prefix dropped by the bouncer (known upstream bug)' : ''),
      );
    });

    it('removes the IP from the set after palisade decisions delete, keeping the range', async () => {
      const lapi = (stack as Stack).lapi;
      await lapi.cli(['decisions', 'delete', '--ip', BANNED_IP]);
      const elements = await waitFor(
        `${BANNED_IP} to leave the nftables set`,
        async () => {
          const current = allElements(await nftSets(ns));
          return current.includes(BANNED_IP) ? undefined : current;
        },
        { context },
      );
      assert.ok(
        RANGE_FORMS.some((f) => elements.includes(f)),
        `range gone too: ${elements.join(', ')}`,
      );
    });
  });
}
