/**
 * Real hub patterns against real hub test lines; expected captures come from the hub's
 * parser.assert files (.tests/sshd-logs, .tests/nginx_http-logs).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { PatternHost } from '../../src/grok/index.ts';
import { acceptedByLinearEngine } from '../../src/regex/index.ts';

const HUB = resolve(import.meta.dirname, '../../../../../shared/crowdsec-hub');
const skip = existsSync(HUB) ? false : `hub not found at ${HUB}`;

/** Host with base + hub pattern files + the pattern_syntax of the given parser files. */
function hubHost(...parserFiles: string[]): PatternHost {
  const host = PatternHost.withBase();
  host.loadDirectory(join(HUB, 'patterns'));
  for (const file of parserFiles) {
    const path = join(HUB, 'parsers', file);
    const visit = (node: Record<string, unknown>): void => {
      const syntax = (node['pattern_syntax'] ?? {}) as Record<string, string>;
      for (const [name, text] of Object.entries(syntax)) host.registerSyntax(name, text, { file: path });
      for (const child of (node['nodes'] ?? []) as Record<string, unknown>[]) visit(child);
    };
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8')))
      visit(doc.toJS() as Record<string, unknown>);
  }
  return host;
}

function logLine(test: string, n: number): string {
  return readFileSync(join(HUB, '.tests', test, `${test}.log`), 'utf8').split('\n')[n]!;
}

describe('hub patterns on hub test lines', { skip }, () => {
  it('loads all hub pattern files, every definition runnable by the linear engine', () => {
    const host = hubHost();
    let count = 0;
    for (const name of host.names()) {
      assert.ok(acceptedByLinearEngine(host.compileNamed(name).regexp.source), name);
      count++;
    }
    assert.ok(count > 300, `only ${count} patterns`);
  });

  it('syslog prefix + sshd invalid user (sshd-logs line 1)', () => {
    const host = hubHost('s00-raw/crowdsecurity/syslog-logs.yaml', 's01-parse/crowdsecurity/sshd-logs.yaml');
    const syslog = host.compile('^%{SYSLOGLINE}').match(logLine('sshd-logs', 0));
    assert.ok(syslog !== null);
    assert.equal(syslog['timestamp'], 'Feb 12 14:10:21');
    assert.equal(syslog['logsource'], 'sd-126005');
    assert.equal(syslog['program'], 'sshd');
    assert.equal(syslog['pid'], '16378');
    assert.equal(syslog['message'], 'Invalid user pascal from 35.188.49.176 port 53502');
    const sshd = host.compileNamed('SSHD_INVALID_USER').match(syslog['message']!);
    assert.equal(sshd?.['sshd_invalid_user'], 'pascal');
    assert.equal(sshd?.['sshd_client_ip'], '35.188.49.176');
  });

  it('sshd pam authentication failure (sshd-logs line 4)', () => {
    const host = hubHost('s00-raw/crowdsecurity/syslog-logs.yaml', 's01-parse/crowdsecurity/sshd-logs.yaml');
    const syslog = host.compile('^%{SYSLOGLINE}').match(logLine('sshd-logs', 3));
    assert.equal(syslog?.['timestamp'], 'Nov 2 15:40:14');
    const sshd = host.compileNamed('SSHD_AUTH_FAIL').match(syslog!['message']!);
    assert.equal(sshd?.['sshd_client_ip'], '5.33.63.160');
    assert.equal(sshd?.['sshd_invalid_user'], 'workshop');
    assert.equal(host.compileNamed('SSHD_INVALID_USER').match(syslog!['message']!), null);
  });

  it('nginx access log (nginx_http-logs lines 1 and 4)', () => {
    const host = hubHost('s01-parse/crowdsecurity/nginx-logs.yaml');
    const yaml = parseAllDocuments(
      readFileSync(join(HUB, 'parsers/s01-parse/crowdsecurity/nginx-logs.yaml'), 'utf8'),
    );
    const first = (yaml[0]!.toJS() as { nodes: { grok: { pattern: string } }[] }).nodes[0]!.grok.pattern;
    const access = host.compile(first);
    assert.deepEqual(
      { ...access.match(logLine('nginx_http-logs', 0)) },
      {
        target_fqdn: '',
        port: '',
        remote_addr: '192.168.1.1',
        remote_user: '-',
        time_local: '04/Jan/2020:07:25:02 +0000',
        verb: 'GET',
        request: '/.well-known/acme-challenge/FMuukC2JOJ5HKmLBujjE_BkDo',
        http_version: '1.1',
        status: '404',
        body_bytes_sent: '522',
        http_referer: '-',
        http_user_agent: 'Go-http-client/1.1',
        request_length: '',
        request_time: '',
        proxy_upstream_name: '',
        proxy_alternative_upstream_name: '',
      },
    );
    const withHost = access.match(logLine('nginx_http-logs', 3));
    assert.equal(withHost?.['target_fqdn'], 'www.crowdsec.net');
    assert.equal(withHost?.['remote_addr'], '192.168.1.1');
    assert.equal(withHost?.['request'], '/solr/admin/info/system?wt=json');
  });

  it('nginx error log binds target_fqdn twice: the server: value wins', () => {
    const host = hubHost('s01-parse/crowdsecurity/nginx-logs.yaml');
    const yaml = parseAllDocuments(
      readFileSync(join(HUB, 'parsers/s01-parse/crowdsecurity/nginx-logs.yaml'), 'utf8'),
    );
    const errorLog = (yaml[0]!.toJS() as { nodes: { grok: { pattern: string } }[] }).nodes[1]!.grok.pattern;
    const line =
      'myhost 2023/01/01 10:00:00 [error] 12#12: *3 open() "/x" failed, client: 1.2.3.4, server: example.org, request: "GET /x HTTP/1.1", host: "example.org"';
    const result = host.compile(errorLog).match(line);
    assert.equal(result?.['target_fqdn'], 'example.org');
    assert.equal(result?.['remote_addr'], '1.2.3.4');
  });
});
