import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addrEqual, parseAddr, parsePrefix, prefixContains } from '../../src/parser/netip.ts';

const addr = (s: string) => {
  const a = parseAddr(s);
  assert.ok(a, `${s} should parse`);
  return a;
};

describe('netip parsing (Go strictness)', () => {
  it('accepts canonical and compressed forms', () => {
    assert.deepEqual([...addr('192.168.0.1').bytes], [192, 168, 0, 1]);
    assert.equal(addr('::1').bytes[15], 1);
    assert.deepEqual([...addr('::ffff:1.2.3.4').bytes.slice(10)], [0xff, 0xff, 1, 2, 3, 4]);
    assert.deepEqual([...addr('2001:db8::8:800:200c:417a').bytes.slice(0, 4)], [0x20, 0x01, 0x0d, 0xb8]);
    assert.equal(addr('fe80::1%eth0').zone, 'eth0');
  });
  it('rejects what netip rejects', () => {
    for (const bad of ['01.2.3.4', '1.2.3', '1.2.3.4/8', 'fe80::1%', '', 'example.com', '256.0.0.1'])
      assert.equal(parseAddr(bad), undefined, bad);
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0/08', '10.0.0.0', 'fe80::1%eth0/64', '10.0.0.0/-1'])
      assert.equal(parsePrefix(bad), undefined, bad);
  });
});

describe('netip matching', () => {
  it('IPv4-mapped IPv6 is neither equal to nor inside the IPv4 forms', () => {
    assert.equal(addrEqual(addr('1.2.3.4'), addr('::ffff:1.2.3.4')), false);
    assert.equal(prefixContains(parsePrefix('1.2.3.0/24')!, addr('::ffff:1.2.3.4')), false);
  });
  it('non-canonical prefixes mask the address bits', () => {
    const p = parsePrefix('10.1.2.3/8')!;
    assert.equal(prefixContains(p, addr('10.255.0.1')), true);
    assert.equal(prefixContains(p, addr('11.0.0.1')), false);
    assert.equal(prefixContains(parsePrefix('192.168.0.0/17')!, addr('192.168.127.255')), true);
    assert.equal(prefixContains(parsePrefix('192.168.0.0/17')!, addr('192.168.128.0')), false);
    assert.equal(prefixContains(parsePrefix('0.0.0.0/0')!, addr('8.8.8.8')), true);
  });
  it('zones: equal only with the same zone, never inside a prefix', () => {
    assert.equal(addrEqual(addr('fe80::1%eth0'), addr('fe80::1%eth0')), true);
    assert.equal(addrEqual(addr('fe80::1%eth0'), addr('fe80::1')), false);
    assert.equal(prefixContains(parsePrefix('fe80::/10')!, addr('fe80::1%eth0')), false);
    assert.equal(prefixContains(parsePrefix('fe80::/10')!, addr('fe80::1')), true);
  });
});
