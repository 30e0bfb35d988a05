/**
 * The interop harness's own pure parts (no root, no packages needed; these always run): the
 * hook-line parser, the sshd log generator, bounded waiting and the clean-up stack.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cleanup } from './harness/cleanup.ts';
import { parseHookLine } from './harness/custom-bouncer.ts';
import { sshdBruteForceLog, syslogTimestamp } from './harness/sshd-log.ts';
import { waitFor } from './harness/wait.ts';

describe('interop harness', () => {
  it('parses a custom-bouncer hook line, reason words included', () => {
    const call = parseHookLine(
      `add 203.0.113.7 3599 manual 'ban' from 'x' {"duration":"59m59s","id":3,"origin":"cscli","scope":"Ip","type":"ban","value":"203.0.113.7"}`,
    );
    assert.equal(call?.action, 'add');
    assert.equal(call?.value, '203.0.113.7');
    assert.equal(call?.seconds, 3599);
    assert.equal(call?.decision.origin, 'cscli');
    assert.equal(parseHookLine('del 1.2.3.4 0 no json here'), undefined);
  });

  it('writes syslog timestamps like rsyslog (space-padded day, local time)', () => {
    assert.equal(syslogTimestamp(new Date(2026, 1, 3, 4, 5, 6)), 'Feb  3 04:05:06');
    assert.equal(syslogTimestamp(new Date(2026, 10, 30, 23, 59, 0)), 'Nov 30 23:59:00');
  });

  it('generates one failed password per second from the attacker, plus the benign login', () => {
    const end = new Date(2026, 10, 30, 10, 0, 9);
    const lines = sshdBruteForceLog('198.51.100.23', { count: 10, end, benignIp: '192.0.2.77' })
      .trimEnd()
      .split('\n');
    assert.equal(lines.length, 11);
    const failed = lines.filter((l) => l.includes('Failed password for root from 198.51.100.23 port'));
    assert.equal(failed.length, 10);
    assert.ok(failed[0]?.startsWith('Nov 30 10:00:00 srv01 sshd['));
    assert.ok(failed[9]?.startsWith('Nov 30 10:00:09 srv01 sshd['));
    assert.equal(lines.filter((l) => l.includes('Accepted publickey for admin from 192.0.2.77')).length, 1);
  });

  it('waitFor returns the first defined value and names what it awaited on timeout', async () => {
    let n = 0;
    assert.equal(await waitFor('n to reach 3', () => (++n >= 3 ? n : undefined), { intervalMs: 1 }), 3);
    await assert.rejects(
      waitFor('never', () => undefined, { timeoutMs: 20, intervalMs: 5, context: () => 'ctx-tail' }),
      /timed out after 20 ms waiting for never\nctx-tail/,
    );
  });

  it('Cleanup runs every step in reverse order even when one fails', async () => {
    const order: string[] = [];
    const cleanup = new Cleanup();
    cleanup.add('a', () => {
      order.push('a');
    });
    cleanup.add('b', () => {
      throw new Error('boom');
    });
    cleanup.add('c', async () => {
      order.push('c');
    });
    await assert.rejects(cleanup.run(), /clean-up 'b' failed: boom/);
    assert.deepEqual(order, ['c', 'a']);
    await cleanup.run(); // nothing left: no error
  });
});
