import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { alertToApiJson } from '../../src/alerts/index.ts';
import type { Alert, Event } from '../../src/event/index.ts';
import { GoTime, UTC } from '../../src/expr/values/time.ts';
import { listItemFiles } from '../../src/hub/layout.ts';
import { PipelineLoadError, runReplay } from '../../src/pipeline/index.ts';
import { DEMO_LOG, writeDemoHub } from './demo-hub.ts';

const FIXED_NOW = GoTime.fromUnix(1_770_905_400, 0, UTC); // 2026-02-12T14:10:00Z

const hub = writeDemoHub();
after(() => rmSync(hub, { recursive: true, force: true }));

function content() {
  return {
    hubDir: hub,
    dataDir: join(hub, 'data'),
    parsers: listItemFiles(hub, 'parsers'),
    postoverflows: listItemFiles(hub, 'postoverflows'),
    scenarios: listItemFiles(hub, 'scenarios'),
    now: () => FIXED_NOW,
  };
}

async function replay(source = join(hub, 'demo.log'), stdin?: AsyncIterable<string>) {
  const alerts: Alert[] = [];
  const dumped: Event[] = [];
  const summary = await runReplay({
    ...content(),
    source,
    type: 'demo',
    stdin,
    onAlert: (a) => alerts.push(a),
    onOverflow: (evt) => dumped.push(evt),
  });
  return { alerts, dumped, summary };
}

describe('runReplay', () => {
  it('turns the demo log into the expected alerts, in order', async () => {
    const { alerts } = await replay();
    assert.deepEqual(
      alerts.map((a) => `${a.Scenario} ${a.Source.Value}`),
      ['me/demo-bf 1.2.3.4', 'me/demo-boom 9.9.9.9', 'me/demo-chain 9.9.9.9'],
    );
    const bf = alertToApiJson(alerts[0] as Alert);
    assert.equal(bf.events_count, 3);
    assert.equal(bf.capacity, 2);
    assert.equal(bf.leakspeed, '10s');
    assert.equal(bf.remediation, true);
    assert.equal(bf.start_at, '2026-02-12T14:10:21Z');
    assert.equal(bf.stop_at, '2026-02-12T14:10:23Z');
    assert.equal(bf.source.ip, '1.2.3.4');
    assert.equal(bf.events.length, 3);
    assert.match(bf.scenario_hash, /^[0-9a-f]{64}$/);
  });

  it('counts what happened, without flushing pending buckets at the end', async () => {
    const { summary, dumped } = await replay();
    assert.equal(summary.linesRead, DEMO_LOG.split('\n').filter((l) => l !== '').length);
    assert.equal(summary.unparsed, 1);
    assert.equal(summary.whitelisted, 3);
    assert.equal(summary.parsed, 11);
    assert.equal(summary.overflows, 4, 'bf 1.2.3.4, bf 5.6.7.8 (whitelisted), boom, chain');
    assert.equal(summary.overflowsWhitelisted, 1);
    assert.equal(summary.alerts, 3);
    assert.equal(summary.reprocessed, 1, 'the boom overflow is poured again (chain is not reprocessed)');
    assert.ok(summary.bucketsPending >= 1, '7.7.7.7 is still pending and produced nothing');
    assert.equal(dumped.length, 4);
    assert.equal(dumped.find((e) => e.Overflow.Whitelisted)?.WhitelistReason, 'partner');
  });

  it('reads standard input with "-"', async () => {
    async function* stdin() {
      yield DEMO_LOG;
    }
    const { alerts } = await replay('-', stdin());
    assert.equal(alerts.length, 3);
  });

  it('refuses content that does not load, naming the file', async () => {
    await assert.rejects(
      runReplay({
        ...content(),
        scenarios: [{ path: 'scenarios/me/bad.yaml', absPath: join(hub, 'nope.yaml'), name: 'me/bad' }],
        source: join(hub, 'demo.log'),
        type: 'demo',
        onAlert: () => {},
      }),
      (err: unknown) => err instanceof PipelineLoadError && /scenarios\/me\/bad\.yaml/.test(err.message),
    );
  });
});
