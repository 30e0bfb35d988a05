import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HelperError } from '../../src/expr/helpers/index.ts';
import { scanKV, scanKVLax } from '../../src/expr/helpers/kv.ts';
import { helpers } from './harness.ts';

const { fn } = helpers();

describe('ParseKV / ParseKVLax', () => {
  const kv: [string, [string, string][]][] = [
    [
      'a=1 b="x y" c=',
      [
        ['a', '1'],
        ['b', 'x y'],
        ['c', ''],
      ],
    ],
    [
      'src=1.2.3.4 msg="say \\"hi\\"" x=y',
      [
        ['src', '1.2.3.4'],
        ['msg', 'say \\"hi\\"'],
        ['x', 'y'],
      ],
    ],
    ['a=b=c', [['a', 'b']]],
    [
      'a="unterminated x=1',
      [
        ['a', '"unterminated'],
        ['x', '1'],
      ],
    ],
    [
      'k="x"j=2',
      [
        ['k', 'x'],
        ['j', '2'],
      ],
    ],
    ['no pairs here', []],
    [
      'a= b=1',
      [
        ['a', ''],
        ['b', '1'],
      ],
    ],
  ];
  for (const [line, want] of kv) it(`scanKV ${line}`, () => assert.deepEqual(scanKV(line), want));
  const lax: [string, [string, string][]][] = [
    [
      'user=John Doe action=login ok',
      [
        ['user', 'John Doe'],
        ['action', 'login ok'],
      ],
    ],
    [
      'msg="a b=c" x=1',
      [
        ['msg', 'a b=c'],
        ['x', '1'],
      ],
    ],
    [
      'v="say \\"x\\"" w=2',
      [
        ['v', 'say "x"'],
        ['w', '2'],
      ],
    ],
    ['1a=2', [['a', '2']]],
  ];
  for (const [line, want] of lax) it(`scanKVLax ${line}`, () => assert.deepEqual(scanKVLax(line), want));
  it('is linear on long lines without "="', () => {
    assert.deepEqual(scanKV('a'.repeat(200_000)), []);
    assert.deepEqual(scanKVLax(`${'a'.repeat(200_000)} "`), []);
  });
  it('writes into target[prefix] and returns nil', () => {
    const t: Record<string, unknown> = {};
    assert.equal(fn.ParseKV('a=1 b=2', t, 'p'), null);
    assert.deepEqual(t, { p: { a: '1', b: '2' } });
    fn.ParseKV('c=3', t, 'p');
    assert.deepEqual(t, { p: { a: '1', b: '2', c: '3' } });
  });
  it('fails without pairs, or when the target key holds another type', () => {
    assert.throws(() => fn.ParseKV('nothing', {}, 'p'), HelperError);
    assert.throws(() => fn.ParseKV('a=1', { p: { n: 1 } }, 'p'), HelperError);
    const t: Record<string, unknown> = {};
    assert.throws(() => fn.ParseKVLax('nothing', t, 'p'), HelperError);
    assert.deepEqual(t, { p: {} }); // the lax parser prepares the map first, as CrowdSec does
  });
  it('keeps attacker keys as own properties', () => {
    const t: Record<string, unknown> = {};
    fn.ParseKV('__proto__=x', t, 'p');
    assert.equal(Object.getOwnPropertyDescriptor(t.p as object, '__proto__')?.value, 'x');
    assert.ok(Object.hasOwn(t.p as object, '__proto__'));
  });
});

describe('IP helpers (Go net semantics)', () => {
  const cases: [string, unknown[], unknown][] = [
    ['IpInRange', ['192.168.1.5', '192.168.0.0/16'], true],
    ['IpInRange', ['10.0.0.1', '192.168.0.0/16'], false],
    ['IpInRange', ['::1', '::1/128'], true],
    ['IpInRange', ['fd00::1', 'fc00::/7'], true],
    ['IpInRange', ['1.2.3.4', '::/0'], false], // an IPv6 network never contains IPv4
    ['IpInRange', ['::ffff:10.1.2.3', '10.0.0.0/8'], true],
    ['IpInRange', ['1.2.3.4', '::ffff:0:0/96'], true],
    ['IpInRange', ['1.2.3.4', 'garbage'], false],
    ['IpInRange', ['01.2.3.4', '0.0.0.0/0'], false], // leading zeros rejected
    ['IpInRange', ['1.2.3.4', '1.2.3.4/33'], false],
    ['IsIP', ['1.2.3.4'], true],
    ['IsIP', ['127.1'], false],
    ['IsIP', ['fe80::1%eth0'], false],
    ['IsIP', ['1:2:3:4:5:6:7:8'], true],
    ['IsIP', ['1:2:3:4::5:6:7:8'], false],
    ['IsIP', ['::'], true],
    ['IsIP', [':::'], false],
    ['IsIP', ['::1.2.3.4'], true],
    ['IsIPV4', ['1.2.3.4'], true],
    ['IsIPV4', ['::ffff:1.2.3.4'], true],
    ['IsIPV4', ['::1'], false],
    ['IsIPV6', ['::1'], true],
    ['IsIPV6', ['::ffff:1.2.3.4'], false],
    ['IsIPV6', ['nope'], false],
    ['IpToRange', ['2001:db8:85a3::8a2e:370:7334', '/64'], '2001:db8:85a3::/64'],
    ['IpToRange', ['1.2.3.4', '24'], '1.2.3.0/24'],
    ['IpToRange', ['1.2.3.4', '/33'], ''],
    ['IpToRange', ['::ffff:1.2.3.4', '/120'], '::ffff:1.2.3.0/120'],
    ['IpToRange', ['2001:0:0:1:0:0:0:1', '/128'], '2001:0:0:1::1/128'],
    ['IpToRange', ['x', '/24'], ''],
  ];
  for (const [name, args, want] of cases) {
    it(`${name}(${JSON.stringify(args)})`, () => assert.deepEqual(fn[name](...args), want));
  }
});

describe('URL helpers', () => {
  const cases: [string, unknown[], unknown][] = [
    ['QueryUnescape', ['a%20b+c'], 'a b c'],
    ['QueryUnescape', ['%zz'], '%zz'], // invalid escape: input returned
    ['QueryUnescape', ['%4'], '%4'],
    ['QueryUnescape', ['caf%C3%A9'], 'café'],
    ['PathUnescape', ['a%2Fb+c'], 'a/b+c'],
    ['PathUnescape', ['%'], '%'],
    ['QueryEscape', ['a b/é'], 'a+b%2F%C3%A9'],
    ['PathEscape', ['a b/c:d@e'], 'a%20b%2Fc:d@e'],
    ['ParseUri', ['/p?a=1&b=2&a=3#frag'], { a: ['1', '3'], b: ['2'] }],
    ['ParseUri', ['/p?a=1;b=2'], {}], // Go rejects ';' in a query
    ['ParseUri', ['/p?a=%zz'], {}],
    ['ParseUri', ['/p'], {}],
    ['ParseQuery', ['a=1;b&c=%zz+x'], { a: ['1;b'], c: ['%zz x'] }],
    ['ExtractQueryParam', ['/x?id=1&id=2&y=3', 'id'], ['1', '2']],
    ['ExtractQueryParam', ['/x', 'id'], []],
    ['ExtractQueryParam', ['/x?y=1', 'id'], []],
  ];
  for (const [name, args, want] of cases) {
    it(`${name}(${JSON.stringify(args)})`, () => assert.deepEqual(fn[name](...args), want));
  }
});
