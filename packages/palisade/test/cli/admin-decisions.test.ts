import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { adminFixture } from './admin-helpers.ts';

const fx = adminFixture();
after(() => fx.cleanup());

interface ListedDecision {
  id: number;
  origin: string;
  scope: string;
  value: string;
  scenario: string;
  type: string;
  duration: string;
  alert_id: number;
  simulated: boolean;
}

async function listJson(...filters: string[]): Promise<ListedDecision[]> {
  const r = await fx.run('decisions', 'list', '-o', 'json', ...filters);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('palisade decisions add/list/delete', () => {
  it('adds decisions on an IP, a range and a custom scope', async () => {
    const ip = await fx.run('decisions', 'add', '--ip', '1.2.3.4', '--duration', '1h');
    assert.equal(ip.code, 0, ip.stderr);
    assert.match(ip.stdout, /Decision successfully added: ban on Ip:1\.2\.3\.4 for 1h/);
    const range = await fx.run(
      'decisions',
      'add',
      '--range',
      '10.0.0.0/24',
      '--type',
      'captcha',
      '--reason',
      'noisy net',
    );
    assert.equal(range.code, 0, range.stderr);
    const user = await fx.run('decisions', 'add', '--scope', 'username', '--value', 'bob', '-d', '2d');
    assert.equal(user.code, 0, user.stderr);

    const all = await listJson();
    assert.equal(all.length, 3);
    const byValue = Object.fromEntries(all.map((d) => [d.value, d]));
    assert.equal(byValue['1.2.3.4']?.origin, 'cscli');
    assert.equal(byValue['1.2.3.4']?.scope, 'Ip');
    assert.equal(byValue['1.2.3.4']?.scenario, "manual 'ban' from 'palisade-cli'");
    assert.match(byValue['1.2.3.4']?.duration ?? '', /^(59m\d+s|1h0m0s)$/);
    assert.equal(byValue['10.0.0.0/24']?.scope, 'Range');
    assert.equal(byValue['10.0.0.0/24']?.type, 'captcha');
    assert.equal(byValue['10.0.0.0/24']?.scenario, 'noisy net');
    assert.equal(byValue.bob?.scope, 'username');
    assert.match(byValue.bob?.duration ?? '', /^4[78]h/);

    // The alert behind it is of kind cscli, like cscli's.
    const alertId = byValue['1.2.3.4']?.alert_id as number;
    const alert = await fx.withStore((s) => s.getAlert(alertId));
    assert.equal(alert?.kind, 'cscli');
    assert.equal(alert?.source.value, '1.2.3.4');
  });

  it('filters the list and renders a table and csv', async () => {
    assert.deepEqual(
      (await listJson('--ip', '10.0.0.7')).map((d) => d.value),
      ['10.0.0.0/24'],
    );
    assert.deepEqual(
      (await listJson('--type', 'captcha')).map((d) => d.value),
      ['10.0.0.0/24'],
    );
    assert.deepEqual(
      (await listJson('--scope', 'username')).map((d) => d.value),
      ['bob'],
    );
    // ip/range/as/country are normalised like CrowdSec does; other scopes are exact.
    assert.deepEqual(
      (await listJson('--scope', 'IP')).map((d) => d.value),
      ['1.2.3.4'],
    );
    assert.deepEqual(await listJson('--scope', 'USERNAME'), []);
    const table = await fx.run('decisions', 'list');
    assert.match(table.stdout, /│ +ID │ Source +│ Scope:Value +│ Reason +│ Action +│/);
    assert.match(table.stdout, /│ cscli +│ Ip:1\.2\.3\.4 +│/);
    const raw = (await fx.run('decisions', 'list', '-o', 'raw')).stdout.split('\n');
    assert.equal(
      raw[0],
      'id,origin,scope,value,scenario,type,country,as,events_count,duration,alert_id,simulated,until,uuid',
    );
    assert.ok(raw.some((l) => /^\d+,cscli,Range,10\.0\.0\.0\/24,noisy net,captcha,/.test(l)));
  });

  it('expires decisions on delete, keeping the rows for the bouncers', async () => {
    const before = await listJson('--ip', '1.2.3.4');
    assert.equal(before.length, 1);
    const r = await fx.run('decisions', 'delete', '--ip', '1.2.3.4');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '1 decision deleted\n');
    assert.deepEqual(await listJson('--ip', '1.2.3.4'), []);
    const alert = await fx.withStore((s) => s.getAlert(before[0]?.alert_id as number));
    assert.equal(alert?.decisions.length, 1, 'the expired row is kept');
    assert.ok((alert?.decisions[0]?.until ?? Infinity) <= Date.now());

    const id = (await listJson('--scope', 'username'))[0]?.id;
    const byId = await fx.run('decisions', 'delete', '--id', String(id));
    assert.equal(byId.code, 0, byId.stderr);
    assert.deepEqual(await listJson('--scope', 'username'), []);
    const missing = await fx.run('decisions', 'delete', '--id', '999999');
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'error: decision 999999 not found\n');

    const all = await fx.run('decisions', 'delete', '--all');
    assert.equal(all.stdout, '1 decision deleted\n');
    assert.match((await fx.run('decisions', 'list')).stdout, /^No active decisions\.\n$/);
  });

  it('rejects bad input with exit code 2, naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['decisions', 'add', '--ip', '1.2.3.999'], /^error: --ip: '1\.2\.3\.999' is not a valid IP address/],
      [['decisions', 'add', '--range', '10.0.0.0/33'], /^error: --range: .*not a valid CIDR/],
      [
        ['decisions', 'add', '--ip', '1.2.3.4', '--duration', 'soon'],
        /^error: --duration: invalid duration 'soon'/,
      ],
      [
        ['decisions', 'add', '--ip', '1.2.3.4', '--range', '1.2.3.0/24'],
        /exactly one of --ip, --range or --value/,
      ],
      [['decisions', 'add'], /exactly one of --ip, --range or --value/],
      [['decisions', 'delete'], /give --id, --all, or at least one filter/],
      [['decisions', 'delete', '--all', '--ip', '1.2.3.4'], /--all cannot be combined/],
      [['decisions', 'delete', '--id', 'x'], /--id: 'x' is not a decision id/],
      [['decisions', 'list', '--since', '3 days'], /^error: --since: invalid duration/],
      [['decisions', 'list', '--limit', '-1'], /--limit/],
    ];
    for (const [args, pattern] of cases) {
      const r = await fx.run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
    }
  });
});

describe('palisade decisions import', () => {
  it('imports a 10,000-line CSV in batches, skipping and reporting bad lines', async () => {
    const lines = ['value,duration,type,scope,reason,origin'];
    const bad = new Map<number, string>(); // file line → value
    for (let i = 0; i < 10_000; i++) {
      const line = lines.length + 1;
      if (i % 2500 === 1234) {
        lines.push(`300.0.${i % 256}.1,4h,ban,ip,bad,x`);
        bad.set(line, `300.0.${i % 256}.1`);
      } else {
        lines.push(
          `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},${(i % 3) + 1}h,ban,ip,bulk ${i % 7},whatever`,
        );
      }
    }
    lines.push('1.1.1.1,forever,ban,ip,,');
    bad.set(lines.length, 'forever');
    const file = join(fx.dir, 'big.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const r = await fx.run('decisions', 'import', '-i', file, '--batch', '2000');
    assert.equal(r.code, 0, r.stderr);
    const expected = 10_000 - (bad.size - 1);
    assert.equal(r.stdout, `${expected} decisions imported, ${bad.size} skipped\n`);
    for (const [line, what] of bad) {
      assert.ok(r.stderr.includes(`warning: ${file}:${line}: `), `line ${line} reported`);
      assert.ok(r.stderr.includes(what));
    }
    // Not a terminal: periodic progress lines, the last one at 100%.
    assert.match(r.stderr, new RegExp(`importing: ${expected}/${expected} \\(100%\\)\\n`));

    const listed = await listJson('--origin', 'cscli-import', '--limit', '0');
    assert.equal(listed.length, expected);
    assert.ok(listed.every((d) => d.origin === 'cscli-import' && d.scope === 'Ip'));
    assert.equal(new Set(listed.map((d) => d.alert_id)).size, Math.ceil(expected / 2000));
    const alert = await fx.withStore((s) => s.getAlert(listed[0]?.alert_id as number));
    assert.match(alert?.scenario ?? '', /^import big\.csv: \d+ IPs$/);
    assert.equal(alert?.source.scope, '');
  });

  it('imports plain values and JSON with the defaults given by flags', async () => {
    const values = join(fx.dir, 'list.txt');
    writeFileSync(values, '# bad actors\n192.0.2.1\n\n192.0.2.2\nnot-an-ip\n');
    const r = await fx.run(
      'decisions',
      'import',
      '-i',
      values,
      '--duration',
      '30m',
      '--type',
      'captcha',
      '--reason',
      'feed',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '2 decisions imported, 1 skipped\n');
    assert.match(r.stderr, /list\.txt:5: 'not-an-ip' is not a valid IP address \(skipped\)/);
    const got = await listJson('--value', '192.0.2.1', '--all');
    assert.equal(got.length, 0, '--value filters on the alert source, which imports leave empty');
    const captcha = (await listJson('--type', 'captcha', '--origin', 'cscli-import')).filter(
      (d) => d.scenario === 'feed',
    );
    assert.deepEqual(captcha.map((d) => d.value).sort(), ['192.0.2.1', '192.0.2.2']);

    const json = join(fx.dir, 'feed.json');
    writeFileSync(
      json,
      '[\n {"value": "2001:db8::/32", "scope": "range", "duration": "1d"},\n {"value": 7}\n]\n',
    );
    const j = await fx.run('decisions', 'import', '-i', json);
    assert.equal(j.code, 0, j.stderr);
    assert.equal(j.stdout, '1 decision imported, 1 skipped\n');
    assert.match(j.stderr, /feed\.json:3: item 2: 'value' must be a string/);
  });

  it('fails clearly on inputs it cannot use', async () => {
    const noExt = join(fx.dir, 'data.bin');
    writeFileSync(noExt, '1.2.3.4\n');
    const r1 = await fx.run('decisions', 'import', '-i', noExt);
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /--format is required/);
    const r2 = await fx.run('decisions', 'import', '-i', join(fx.dir, 'missing.csv'));
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /-i\/--input: file not found/);
    const header = join(fx.dir, 'nohead.csv');
    writeFileSync(header, 'ip,duration\n1.2.3.4,1h\n');
    const r3 = await fx.run('decisions', 'import', '-i', header);
    assert.equal(r3.code, 2);
    assert.match(r3.stderr, /nohead\.csv: line 1: the CSV header has no 'value' column/);
    const allBad = join(fx.dir, 'bad.txt');
    writeFileSync(allBad, 'nope\n');
    const r4 = await fx.run('decisions', 'import', '-i', allBad);
    assert.equal(r4.code, 1);
    assert.match(r4.stderr, /no valid decision to import/);
  });
});

describe('palisade decisions list: simulation', () => {
  it('marks simulated decisions and hides them with --no-simu', async () => {
    const at = new Date().toISOString();
    await fx.withStore((s) =>
      s.insertAlerts([
        {
          machineId: 'agent1',
          alert: {
            capacity: 5,
            decisions: [
              {
                duration: '4h',
                origin: 'crowdsec',
                scenario: 'x/sim',
                scope: 'Ip',
                type: 'ban',
                value: '203.0.113.99',
              },
            ],
            events: [],
            events_count: 6,
            labels: [],
            leakspeed: '10s',
            message: '',
            scenario: 'x/sim',
            scenario_hash: '',
            scenario_version: '',
            simulated: true,
            source: { scope: 'Ip', value: '203.0.113.99' },
            start_at: at,
            stop_at: at,
          },
        },
      ]),
    );
    const shown = await listJson('--scenario', 'x/sim');
    assert.deepEqual(
      shown.map((d) => [d.value, d.type, d.simulated]),
      [['203.0.113.99', 'ban', true]],
    );
    const table = await fx.run('decisions', 'list', '--scenario', 'x/sim');
    assert.match(table.stdout, /│ \(simul\)ban │/);
    assert.deepEqual(await listJson('--scenario', 'x/sim', '--no-simu'), []);
  });
});
