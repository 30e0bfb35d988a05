import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { adminFixture, runCli } from './admin-helpers.ts';

const fx = adminFixture();
after(() => fx.cleanup());

describe('palisade machines', () => {
  it('adds a validated machine whose password is stored as a bcrypt hash', async () => {
    const r = await fx.run('machines', 'add', 'agent1', '--password', 's3cret-pass');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /machine 'agent1' added/);
    await fx.withStore(async (store) => {
      const m = await store.getMachine('agent1');
      assert.ok(m);
      assert.equal(m.isValidated, true);
      assert.match(m.passwordHash, /^\$2[aby]\$10\$/);
      assert.ok(!m.passwordHash.includes('s3cret-pass'));
      assert.equal(await store.checkMachinePassword('agent1', 's3cret-pass'), true);
    });
  });

  it('refuses a duplicate unless --force, which replaces the password', async () => {
    const dup = await fx.run('machines', 'add', 'agent1', '--password', 'other');
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /^error: machine 'agent1' already exists \(use --force/);
    const forced = await fx.run('machines', 'add', 'agent1', '--password', 'other', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(await fx.withStore((s) => s.checkMachinePassword('agent1', 'other')), true);
  });

  it('generates a password with --auto and writes the credentials file with -f', async () => {
    const file = join(fx.dir, 'local_api_credentials.yaml');
    const r = await fx.run('machines', 'add', 'agent2', '--auto', '-f', file);
    assert.equal(r.code, 0, r.stderr);
    const creds = parse(readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(creds), ['url', 'login', 'password']);
    assert.equal(creds.url, 'http://127.0.0.1:8080/');
    assert.equal(creds.login, 'agent2');
    assert.match(creds.password, /^[A-Za-z0-9]{64}$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(await fx.withStore((s) => s.checkMachinePassword('agent2', creds.password)), true);

    const shown = await fx.run('machines', 'add', 'agent3', '--auto');
    const password = /password: ([A-Za-z0-9]{64})\n/.exec(shown.stdout)?.[1];
    assert.ok(password, shown.stdout);
    assert.match(shown.stderr, /shown once/);
    assert.equal(await fx.withStore((s) => s.checkMachinePassword('agent3', password)), true);
  });

  it('lists machines as a table, json and csv', async () => {
    const table = await fx.run('machines', 'list');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /│ Name +│ IP Address +│/);
    assert.match(table.stdout, /│ agent1 +│/);
    const json = JSON.parse((await fx.run('machines', 'list', '-o', 'json')).stdout);
    assert.deepEqual(json.map((m: { machine_id: string }) => m.machine_id).sort(), [
      'agent1',
      'agent2',
      'agent3',
    ]);
    assert.equal(json[0].is_validated, true);
    assert.equal(json[0].auth_type, 'password');
    assert.ok(!('password' in json[0]) && !('passwordHash' in json[0]));
    const raw = (await fx.run('machines', 'list', '-o', 'raw')).stdout.split('\n');
    assert.equal(
      raw[0],
      'machine_id,ip_address,updated_at,is_validated,version,os,auth_type,last_heartbeat,last_push,created_at',
    );
    assert.equal(raw.filter((l) => l.startsWith('agent')).length, 3);
  });

  it('validates and deletes machines, naming the ones not found', async () => {
    await fx.withStore((s) => s.createMachine({ machineId: 'pending1', password: 'x', isValidated: false }));
    const v = await fx.run('machines', 'validate', 'pending1');
    assert.equal(v.code, 0, v.stderr);
    assert.equal((await fx.withStore((s) => s.getMachine('pending1')))?.isValidated, true);
    assert.equal((await fx.run('machines', 'validate', 'nobody')).code, 1);

    const d = await fx.run('machines', 'delete', 'agent3', 'pending1,nobody');
    assert.equal(d.code, 1);
    assert.match(d.stdout, /machine 'agent3' deleted\nmachine 'pending1' deleted/);
    assert.equal(d.stderr, 'error: machine not found: nobody\n');
    assert.equal(await fx.withStore((s) => s.getMachine('agent3')), undefined);
  });

  it('reports usage errors with exit code 2', async () => {
    const none = await fx.run('machines', 'add', 'agent9');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give --password P or --auto/);
    const both = await fx.run('machines', 'add', 'agent9', '--auto', '--password', 'x');
    assert.equal(both.code, 2);
    const unknown = await fx.run('machines', 'list', '--bogus');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--bogus/);
    const badFormat = await fx.run('machines', 'list', '-o', 'yaml');
    assert.equal(badFormat.code, 2);
    const bare = await runCli(['machines']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /^Usage: palisade machines/);
    const typo = await runCli(['machines', 'lsit']);
    assert.equal(typo.code, 2);
    assert.equal(typo.stderr, "error: unknown command 'machines lsit' (see 'palisade machines --help')\n");
    const spaces = await fx.run('machines', 'add', 'a b', '--auto');
    assert.equal(spaces.code, 2);
    assert.match(spaces.stderr, /<name>: machine name 'a b' contains spaces/);
  });
});

describe('palisade bouncers', () => {
  it('prints a generated key once and stores only its sha512', async () => {
    const r = await fx.run('bouncers', 'add', 'fw1');
    assert.equal(r.code, 0, r.stderr);
    const key = /^ {3}(\S+)$/m.exec(r.stdout)?.[1];
    assert.ok(key, r.stdout);
    assert.match(key, /^[A-Za-z0-9+/]{43}$/);
    assert.equal(Buffer.from(key, 'base64').length, 32);
    assert.match(r.stderr, /cannot be shown again/);
    await fx.withStore(async (store) => {
      const b = await store.getBouncer('fw1');
      assert.ok(b);
      assert.equal(b.apiKeyHash, createHash('sha512').update(key).digest('hex'));
      assert.ok(!JSON.stringify(b).includes(key));
    });
    const listed = await fx.run('bouncers', 'list', '-o', 'json');
    assert.ok(!listed.stdout.includes(key));
    assert.equal(JSON.parse(listed.stdout)[0].name, 'fw1');
  });

  it('accepts a chosen key, refuses duplicates, prints raw keys for scripts', async () => {
    const r = await fx.run('bouncers', 'add', 'fw2', '--key', 'my-own-key', '-o', 'raw');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'my-own-key\n');
    assert.equal(
      (await fx.withStore((s) => s.getBouncer('fw2')))?.apiKeyHash,
      createHash('sha512').update('my-own-key').digest('hex'),
    );
    const dup = await fx.run('bouncers', 'add', 'fw2');
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /bouncer 'fw2' already exists/);
    const json = await fx.run('bouncers', 'add', 'fw3', '-o', 'json');
    assert.match(JSON.parse(json.stdout).api_key, /^[A-Za-z0-9+/]{43}$/);
  });

  it('lists and deletes bouncers', async () => {
    const table = await fx.run('bouncers', 'list');
    assert.match(table.stdout, /│ Name +│ IP Address +│ Last API pull +│ Type +│/);
    const raw = (await fx.run('bouncers', 'list', '-o', 'raw')).stdout;
    assert.match(raw, /^name,ip_address,last_pull,type,version,auth_type,auto_created,created_at\n/);
    assert.match(raw, /\nfw1,,,,,api-key,false,\d{4}-/);
    const d = await fx.run('bouncers', 'delete', 'fw1', 'fw2');
    assert.equal(d.code, 0, d.stderr);
    assert.equal(await fx.withStore((s) => s.getBouncer('fw1')), undefined);
    assert.equal((await fx.run('bouncers', 'delete', 'fw1')).code, 1);
    assert.equal((await fx.run('bouncers', 'delete')).code, 2);
  });
});
