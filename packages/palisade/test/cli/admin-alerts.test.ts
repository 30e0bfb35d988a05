import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiAlert } from '../../src/alerts/api-json.ts';
import { adminFixture } from './admin-helpers.ts';

const fx = adminFixture();
after(() => fx.cleanup());

function agentAlert(ip: string, scenario: string): ApiAlert {
  const at = new Date().toISOString();
  return {
    capacity: 5,
    decisions: [{ duration: '4h', origin: 'crowdsec', scenario, scope: 'Ip', type: 'ban', value: ip }],
    events: [
      {
        timestamp: at,
        meta: [
          { key: 'source_ip', value: ip },
          { key: 'service', value: 'ssh' },
        ],
      },
      {
        timestamp: at,
        meta: [
          { key: 'source_ip', value: ip },
          { key: 'user', value: 'root\u001b[2J' },
        ],
      },
    ],
    events_count: 6,
    kind: 'crowdsec',
    labels: [],
    leakspeed: '10s',
    message: `Ip ${ip} performed '${scenario}' (6 events over 2s)`,
    meta: [{ key: 'target_user', value: '["root"]' }],
    remediation: true,
    scenario,
    scenario_hash: 'abc',
    scenario_version: '0.3',
    simulated: false,
    source: { scope: 'Ip', value: ip, ip, cn: 'FR', as_number: '1234', as_name: 'Example AS' },
    start_at: at,
    stop_at: at,
  };
}

let ids: number[] = [];
before(async () => {
  ids = await fx.withStore(async (store) => {
    const r = await store.insertAlerts([
      { alert: agentAlert('192.0.2.10', 'crowdsecurity/ssh-bf'), machineId: 'agent1' },
      { alert: agentAlert('192.0.2.11', 'crowdsecurity/ssh-bf'), machineId: 'agent1' },
      { alert: agentAlert('198.51.100.7', 'crowdsecurity/http-probing'), machineId: 'agent1' },
    ]);
    return r.ids;
  });
  assert.equal(ids.length, 3);
});

describe('palisade alerts', () => {
  it('lists alerts newest first, in a table, json and csv', async () => {
    const table = await fx.run('alerts', 'list');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /│ +ID │ Value +│ Reason +│ Country │ AS +│ Decisions │ Created At +│/);
    assert.match(
      table.stdout,
      /│ Ip:192\.0\.2\.10 +│ crowdsecurity\/ssh-bf +│ FR +│ 1234 Example AS │ ban:1 +│/,
    );
    const json = JSON.parse((await fx.run('alerts', 'list', '-o', 'json')).stdout);
    assert.deepEqual(
      json.map((a: { id: number }) => a.id),
      [...ids].reverse(),
    );
    assert.deepEqual(json[0].decisions, { ban: 1 });
    assert.equal(json[0].value, '198.51.100.7');
    const raw = (await fx.run('alerts', 'list', '-o', 'raw', '--scenario', 'crowdsecurity/ssh-bf')).stdout;
    const rows = raw.trimEnd().split('\n');
    assert.equal(
      rows[0],
      'id,scope,value,scenario,country,as,decisions,kind,machine_id,simulated,created_at',
    );
    assert.equal(rows.length, 3);
    assert.match(
      rows[1] ?? '',
      /^\d+,Ip,192\.0\.2\.11,crowdsecurity\/ssh-bf,FR,1234 Example AS,ban:1,crowdsec,agent1,false,/,
    );
    const limited = JSON.parse((await fx.run('alerts', 'list', '-o', 'json', '--limit', '1')).stdout);
    assert.equal(limited.length, 1);
    const byIp = JSON.parse((await fx.run('alerts', 'list', '-o', 'json', '--ip', '198.51.100.7')).stdout);
    assert.deepEqual(
      byIp.map((a: { id: number }) => a.id),
      [ids[2]],
    );
  });

  it('inspects one alert with its decisions, and its events with -d', async () => {
    const r = await fx.run('alerts', 'inspect', String(ids[0]), '-d');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, / - Reason +: crowdsecurity\/ssh-bf\n/);
    assert.match(r.stdout, / - Scope:Value +: Ip:192\.0\.2\.10\n/);
    assert.match(r.stdout, / - Decisions:\n╭/);
    assert.match(r.stdout, /│ Ip:192\.0\.2\.10 │ ban +│ crowdsec │ [34]h/);
    assert.match(r.stdout, / - Events {2}:\n/);
    assert.match(r.stdout, /│ service +│ ssh +│/);
    assert.ok(!r.stdout.includes('\u001b'), 'control characters from events are neutralised');
    const short = await fx.run('alerts', 'inspect', String(ids[0]));
    assert.ok(!short.stdout.includes(' - Events  :'));

    const json = JSON.parse((await fx.run('alerts', 'inspect', String(ids[0]), '-o', 'json')).stdout);
    assert.equal(json.id, ids[0]);
    assert.equal(json.machine_id, 'agent1');
    assert.equal(json.source.cn, 'FR');
    assert.equal(json.decisions.length, 1);
    assert.equal(json.decisions[0].origin, 'crowdsec');
    assert.match(json.decisions[0].duration, /^[34]h\d+m\d+s$/);
    assert.equal(json.events.length, 2);
    assert.deepEqual(json.meta, [{ key: 'target_user', value: '["root"]' }]);

    const raw = (await fx.run('alerts', 'inspect', String(ids[0]), '-o', 'raw')).stdout;
    assert.match(
      raw,
      /^id,scope,value,type,origin,scenario,duration,until,created_at\n\d+,Ip,192\.0\.2\.10,ban,crowdsec,/,
    );

    const missing = await fx.run('alerts', 'inspect', '424242');
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'error: alert 424242 not found\n');
    assert.equal((await fx.run('alerts', 'inspect', 'abc')).code, 2);
  });

  it('deletes by id, by filter and all, leaving tombstones for the bouncers', async () => {
    const tombstonesBefore = (await fx.withStore((s) => s.stats())).tombstones;
    const one = await fx.run('alerts', 'delete', '--id', String(ids[0]));
    assert.equal(one.code, 0, one.stderr);
    assert.equal(one.stdout, '1 alert deleted\n');
    assert.equal(await fx.withStore((s) => s.getAlert(ids[0] as number)), undefined);
    assert.ok((await fx.withStore((s) => s.stats())).tombstones > tombstonesBefore);
    assert.equal((await fx.run('alerts', 'delete', '--id', String(ids[0]))).code, 1);

    const byScenario = await fx.run('alerts', 'delete', '--scenario', 'crowdsecurity/http-probing');
    assert.equal(byScenario.stdout, '1 alert deleted\n');
    const usage = await fx.run('alerts', 'delete');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /give --id, --all, or at least one filter/);
    const all = await fx.run('alerts', 'delete', '--all');
    assert.equal(all.stdout, '1 alert deleted\n');
    assert.equal((await fx.run('alerts', 'list')).stdout, 'No alerts found.\n');
  });
});
