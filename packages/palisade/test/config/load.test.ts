/**
 * config.yaml loading: defaults, `${ENV}` expansion, strict keys with file:line errors, the
 * LAPI sections (listen_uri, tls, trusted_ips, auto_registration, forwarded headers, db_config
 * with flush, prometheus), and acceptance of a CrowdSec-shaped file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  ConfigError,
  defaultConfig,
  expandEnv,
  loadConfigFile,
  parseConfig,
  parseListenUri,
} from '../../src/config/index.ts';

const problems = (text: string, env: Record<string, string> = {}): string[] => {
  try {
    parseConfig('config.yaml', text, { env, cwd: '/srv' });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return [...err.problems];
  }
  assert.fail('expected a ConfigError');
};

describe('configuration', () => {
  test('defaults start a LAPI on 127.0.0.1:8080 with SQLite under ./data', () => {
    const c = defaultConfig({ env: {}, cwd: '/srv' });
    assert.equal(c.api.server.listenUri, '127.0.0.1:8080');
    assert.equal(c.configPaths.dataDir, '/srv/data');
    assert.equal(c.dbConfig.type, 'sqlite');
    assert.equal(c.dbConfig.dbPath, '/srv/data/palisade.db');
    assert.equal(c.dbConfig.flush, null);
    assert.deepEqual(c.api.server.trustedIps, ['127.0.0.1', '::1']);
    assert.equal(c.api.server.tls, null);
    assert.equal(c.prometheus.enabled, true);
    assert.equal(c.prometheus.listenPort, 6060);
  });

  test('a CrowdSec-shaped file loads, with environment variables expanded', () => {
    const text = `common:
  daemonize: true
  log_media: file
  log_level: warning
config_paths:
  config_dir: /etc/crowdsec/
  data_dir: /var/lib/crowdsec/data/
crowdsec_service:
  acquisition_path: /etc/crowdsec/acquis.yaml
cscli:
  output: human
db_config:
  log_level: info
  type: \${DB_TYPE}
  host: 127.0.0.1
  user: crowdsec
  password: "\${DB_PASSWORD}"
  db_name: crowdsec
  port: 5432
  flush:
    max_items: 5000
    max_age: 7d
    bouncers_autodelete:
      api_key: 1h
api:
  client:
    insecure_skip_verify: false
    credentials_path: /etc/crowdsec/local_api_credentials.yaml
  server:
    log_level: info
    listen_uri: 0.0.0.0:8081
    profiles_path: /etc/crowdsec/profiles.yaml
    console_path: /etc/crowdsec/console.yaml
    online_client:
      credentials_path: /etc/crowdsec/online_api_credentials.yaml
    trusted_ips:
      - 127.0.0.1
      - 10.0.0.0/8
    use_forwarded_for_headers: true
    auto_registration:
      enabled: true
      token: "\${REGISTRATION_TOKEN}"
      allowed_ranges: [10.0.0.0/8]
    tls:
      cert_file: /etc/crowdsec/ssl/cert.pem
      key_file: /etc/crowdsec/ssl/key.pem
      agents_allowed_ou: [agent-ou]
prometheus:
  enabled: true
  level: full
  listen_addr: 0.0.0.0
  listen_port: 6060
plugin_config:
  user: nobody
`;
    const c = parseConfig('config.yaml', text, {
      env: { DB_TYPE: 'postgresql', DB_PASSWORD: 's3cret', REGISTRATION_TOKEN: 't'.repeat(40) },
      cwd: '/srv',
    });
    assert.equal(c.logLevel, 'warning');
    assert.equal(c.dbConfig.type, 'postgres');
    assert.equal(c.dbConfig.password, 's3cret');
    assert.equal(c.dbConfig.port, 5432);
    assert.equal(c.dbConfig.flush?.maxAgeMs, 7 * 86_400_000);
    assert.equal(c.dbConfig.flush?.maxItems, 5000);
    assert.equal(c.dbConfig.flush?.bouncersAutodelete.apiKeyMs, 3_600_000);
    assert.equal(c.dbConfig.flush?.metricsMaxAgeMs, 7 * 86_400_000);
    assert.equal(c.api.server.listenUri, '0.0.0.0:8081');
    assert.deepEqual(c.api.server.trustedIps, ['127.0.0.1/32', '10.0.0.0/8']);
    assert.deepEqual(c.api.server.trustedProxies, ['0.0.0.0/0', '::/0']);
    assert.equal(c.api.server.autoRegistration.token, 't'.repeat(40));
    assert.equal(c.api.server.tls?.clientVerification, 'VerifyClientCertIfGiven');
    assert.deepEqual(c.api.server.tls?.bouncersAllowedOu, ['bouncer-ou']);
    assert.equal(c.configPaths.dataDir, '/var/lib/crowdsec/data');
    assert.equal(c.prometheus.listenAddr, '0.0.0.0');
  });

  test('unknown keys are errors with file:line', () => {
    assert.deepEqual(problems('api:\n  server:\n    listen_uri: 127.0.0.1:1\n    listen_url: x\n'), [
      'config.yaml:4: unknown key "listen_url" in api.server',
    ]);
    assert.deepEqual(problems('db_config:\n  flush:\n    max_age: 7d\n    maxitems: 3\n'), [
      'config.yaml:4: unknown key "maxitems" in db_config.flush',
    ]);
    assert.deepEqual(problems('nonsense: 1\n'), ['config.yaml:1: unknown key "nonsense" in configuration']);
  });

  test('bad values name their place', () => {
    assert.deepEqual(problems('db_config:\n  flush:\n    max_age: soon\n'), [
      'config.yaml:3: field "max_age": invalid duration "soon"',
    ]);
    assert.deepEqual(problems('api:\n  server:\n    trusted_ips: [1.2.3.999]\n'), [
      'config.yaml:3: field "trusted_ips": "1.2.3.999" is not an IP address or range',
    ]);
    assert.match(
      problems('api:\n  server:\n    auto_registration:\n      enabled: true\n      token: short\n')[0]!,
      /config.yaml:5: .*at least 32/,
    );
    assert.match(
      problems('api:\n  server:\n    tls:\n      cert_file: a.pem\n')[0]!,
      /config.yaml:3: .*both cert_file and key_file/,
    );
    assert.match(
      problems(
        'api:\n  server:\n    tls:\n      cert_file: a\n      key_file: b\n      bouncers_allowed_ou: [""]\n',
      )[0]!,
      /config.yaml:6: .*empty OU/,
    );
    assert.match(problems('db_config:\n  type: mysql\n')[0]!, /config.yaml:2: .*not supported/);
    assert.match(
      problems('api:\n  server:\n    listen_uri: nowhere\n')[0]!,
      /config.yaml:3: .*not host:port/,
    );
    assert.match(problems('a: [\n')[0]!, /^config.yaml:\d+: invalid YAML/);
  });

  test('expansion only replaces braced names that are set', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal placeholders are the input
    assert.equal(expandEnv('a ${X} ${UNSET} $X ${X', { X: 'v' }), 'a v ${UNSET} $X ${X');
  });

  test('listen_uri parsing', () => {
    assert.deepEqual(parseListenUri('127.0.0.1:8080'), { host: '127.0.0.1', port: 8080 });
    assert.deepEqual(parseListenUri('[::1]:8080'), { host: '::1', port: 8080 });
    assert.deepEqual(parseListenUri(':8080'), { host: '0.0.0.0', port: 8080 });
    assert.equal(parseListenUri('localhost'), null);
    assert.equal(parseListenUri('h:99999'), null);
  });

  test('loadConfigFile reads a file and reports an unreadable one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-config-'));
    const path = join(dir, 'config.yaml');
    writeFileSync(path, 'config_paths:\n  data_dir: ./d\n');
    assert.equal(loadConfigFile(path, { env: {}, cwd: dir }).dbConfig.dbPath, join(dir, 'd', 'palisade.db'));
    assert.throws(() => loadConfigFile(join(dir, 'missing.yaml')), /cannot read configuration: ENOENT/);
  });
});
