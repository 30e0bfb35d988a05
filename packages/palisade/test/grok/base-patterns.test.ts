import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_PATTERNS, GrokError, PatternHost } from '../../src/grok/index.ts';

const host = PatternHost.withBase();
const match = (pattern: string, line: string): Record<string, string> | null => {
  const result = host.compile(pattern).match(line);
  return result === null ? null : { ...result };
};

describe("grok base library (grokky's, spec §5.1)", () => {
  it('has the 88 names of grokky and none of the Logstash-only ones', () => {
    assert.equal(BASE_PATTERNS.length, 88);
    assert.equal(new Set(BASE_PATTERNS.map(([name]) => name)).size, 88);
    for (const name of ['DATE_X', 'BASE16FLOAT', 'RFC822Z', 'KITCHEN', 'HTTPD_ERRORLOG'])
      assert.ok(host.has(name), name);
    for (const name of ['HOST', 'RFC822', 'URIQUERY', 'IPV4_OCTET']) {
      assert.equal(host.has(name), false, name);
      assert.throws(() => host.compile(`%{${name}:x}`), GrokError);
    }
  });

  it('IPV4 octets prefer 25x/2xx over a shorter prefix, so %{IP} before .* takes the whole octet', () => {
    assert.deepEqual(match('%{IP:ip}%{GREEDYDATA:rest}', '207.96.38.253 GET /'), {
      ip: '207.96.38.253',
      rest: ' GET /',
    });
    assert.deepEqual(match('%{IP:ip}.*', '192.168.0.254'), { ip: '192.168.0.254' });
    assert.deepEqual(match('^%{IPV4:ip}', '256.1.1.1'), null);
    assert.deepEqual(match('%{IPV4:ip}', '10.0.0.1999'), { ip: '10.0.0.199' });
  });

  it('BASE16NUM: optional sign and lowercase 0x prefix', () => {
    assert.deepEqual(match('^%{BASE16NUM:n}$', '-0x1F'), { n: '-0x1F' });
    assert.deepEqual(match('^%{BASE16NUM:n}$', 'DEAD'), { n: 'DEAD' });
    assert.deepEqual(match('^%{BASE16NUM:n}', '0X1f'), { n: '0' });
    assert.deepEqual(match('^%{BASE16FLOAT:f}$', '+0x1.8p'), null);
    assert.deepEqual(match('^%{BASE16FLOAT:f}$', '1A.f'), { f: '1A.f' });
  });

  it('EMAILLOCALPART accepts any first character of its class (and the +-= range)', () => {
    assert.deepEqual(match('^%{EMAILADDRESS:e}$', '1user@example.com'), { e: '1user@example.com' });
    assert.deepEqual(match('^%{EMAILLOCALPART:l}$', 'a,b;c<d'), { l: 'a,b;c<d' });
  });

  it('TZ is any three capitals; DATE includes DATE_X; TIME needs seconds', () => {
    assert.deepEqual(match('^%{TZ:tz}$', 'JST'), { tz: 'JST' });
    assert.equal(match('^%{TZ:tz}$', 'UT'), null);
    assert.deepEqual(match('^%{DATE:d}$', '2024/01/31'), { d: '2024/01/31' });
    assert.equal(match('^%{TIME:t}$', '12:30'), null);
  });

  it('MONTH is a bare alternation: only Jan has a leading and Dec a trailing word boundary', () => {
    assert.deepEqual(match('%{MONTH:m}', 'xMay'), { m: 'May' });
    assert.equal(match('%{MONTH:m}', 'xJan'), null);
    assert.deepEqual(match('^%{MONTH:m} ', 'Sept 1'), null);
    assert.deepEqual(match('^%{MONTH:m}', 'March'), { m: 'March' });
  });

  it('ANSIC ends with a double quote, as in grokky', () => {
    assert.deepEqual(match('^%{ANSIC:t}$', 'Mon Jan 12 15:04:05 2006"'), { t: 'Mon Jan 12 15:04:05 2006"' });
    assert.equal(match('^%{ANSIC:t}$', 'Mon Jan 12 15:04:05 2006'), null);
  });

  it('HTTPD24_ERRORLOG: optional tid, client port INT', () => {
    const line =
      '[Wed Oct 11 14:32:52 2000] [core:error] [pid 35708] [client 1.2.3.4:-1] AH00037: Symbolic link not allowed';
    const m = match('%{HTTPD24_ERRORLOG}', line);
    assert.ok(m !== null);
    assert.equal(m['pid'], '35708');
    assert.equal(m['tid'], '');
    assert.equal(m['clientport'], '-1');
    assert.equal(m['errorcode'], 'AH00037');
  });
});
