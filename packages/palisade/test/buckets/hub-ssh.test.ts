import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadScenarioSet } from '../../src/buckets/index.ts';
import { listItemFiles } from '../../src/hub/index.ts';
import { at, logEvent, pourAll } from './harness.ts';

const HUB = '/work/shared/crowdsec-hub';
const hasHub = existsSync(join(HUB, 'scenarios/crowdsecurity/ssh-bf.yaml'));

describe('real hub scenarios', { skip: !hasHub && 'the hub checkout is not available' }, () => {
  const sshEvent = (ip: string, seconds: number, user: string) =>
    logEvent({
      time: at(seconds),
      meta: { log_type: 'ssh_failed-auth', service: 'ssh', source_ip: ip, target_user: user },
    });

  it('crowdsecurity/ssh-bf overflows on the 6th failed authentication with its alert', () => {
    const { set, errors } = loadScenarioSet({
      dataDir: join(HUB, '.cache/data'),
      items: [
        {
          name: 'crowdsecurity/ssh-bf',
          path: 'scenarios/crowdsecurity/ssh-bf.yaml',
          absPath: join(HUB, 'scenarios/crowdsecurity/ssh-bf.yaml'),
          version: '0.3',
        },
      ],
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      set.scenarios.map((s) => s.name),
      ['crowdsecurity/ssh-bf', 'crowdsecurity/ssh-bf_user-enum'],
    );
    const events = [0, 1, 2, 3, 4, 5].map((s) => sshEvent('192.0.2.7', s, 'root'));
    const out = pourAll(set, events);
    assert.deepEqual(
      out.map((o) => [o.at, o.evt.Overflow.Alert!.Scenario]),
      [[5, 'crowdsecurity/ssh-bf']],
      'user-enum needs distinct users',
    );
    const rt = out[0]!.evt.Overflow;
    const alert = rt.Alert!;
    assert.equal(alert.EventsCount, 6);
    assert.equal(alert.Remediation, true);
    assert.equal(alert.Leakspeed, '10s');
    assert.equal(alert.ScenarioVersion, '0.3');
    assert.equal(rt.Reprocess, true);
    assert.ok('192.0.2.7' in rt.Sources);
    assert.equal(alert.Events[0]!.GetMeta('target_user'), 'root');
    assert.equal(
      alert.Message,
      "Ip 192.0.2.7 performed 'crowdsecurity/ssh-bf' (6 events over 5s) at 2026-01-01 10:00:05 +0000 UTC",
    );
  });

  it('crowdsecurity/ssh-bf_user-enum counts distinct users only', () => {
    const { set } = loadScenarioSet({
      dataDir: join(HUB, '.cache/data'),
      items: [
        {
          name: 'crowdsecurity/ssh-bf',
          path: 'scenarios/crowdsecurity/ssh-bf.yaml',
          absPath: join(HUB, 'scenarios/crowdsecurity/ssh-bf.yaml'),
        },
      ],
    });
    const users = ['a', 'a', 'b', 'c', 'd', 'e', 'f'];
    const out = pourAll(
      set,
      users.map((u, i) => sshEvent('192.0.2.8', i, u)),
    );
    const names = out.map((o) => `${o.at} ${o.evt.Overflow.Alert!.Scenario}`);
    assert.deepEqual(names, ['5 crowdsecurity/ssh-bf', '6 crowdsecurity/ssh-bf_user-enum']);
    assert.equal(out[1]!.evt.Overflow.Alert!.EventsCount, 6);
    assert.equal(out[1]!.evt.Overflow.Alert!.ScenarioVersion, '', 'a local item has no version');
  });

  it('every hub scenario loads and compiles', () => {
    const warnings: string[] = [];
    const { set, errors } = loadScenarioSet({
      dataDir: join(HUB, '.cache/data'),
      items: listItemFiles(HUB, 'scenarios'),
      contexts: listItemFiles(HUB, 'contexts'),
      onWarning: (m) => warnings.push(m),
    });
    assert.deepEqual(
      errors.map((e) => e.format()),
      [],
    );
    assert.ok(set.scenarios.length > 800);
  });
});
