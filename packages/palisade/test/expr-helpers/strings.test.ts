import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HelperError } from '../../src/expr/helpers/index.ts';
import { helpers } from './harness.ts';

const { fn } = helpers();

describe('string helpers (Go strings semantics)', () => {
  const cases: [string, unknown[], unknown][] = [
    ['Upper', ['abcé'], 'ABCÉ'],
    ['Upper', ['straße'], 'STRAßE'], // Go maps runes 1:1: ß has no simple upper case
    ['Lower', ['ÀB\u0130'], 'àbi'],
    ['TrimSpace', ['\u00a0\t x \u0085\n'], 'x'],
    ['TrimSpace', ['\ufeffx'], '\ufeffx'], // BOM is not Unicode white space in Go
    ['Fields', ['  a b\u3000c  '], ['a', 'b', 'c']],
    ['Fields', ['   '], []],
    ['Split', ['a,b,,c', ','], ['a', 'b', '', 'c']],
    ['Split', ['', ','], ['']],
    ['Split', ['héj', ''], ['h', 'é', 'j']],
    ['Split', ['a😀', ''], ['a', '😀']],
    ['SplitN', ['a,b,c', ',', 2], ['a', 'b,c']],
    ['SplitN', ['a,b,c', ',', 0], []],
    ['SplitN', ['a,b,c', ',', -1], ['a', 'b', 'c']],
    ['SplitAfter', ['a,b', ','], ['a,', 'b']],
    ['SplitAfterN', ['a,b,c', ',', 2], ['a,', 'b,c']],
    ['Index', ['héllo', 'l'], 3], // byte index
    ['Index', ['abc', ''], 0],
    ['Index', ['abc', 'z'], -1],
    ['IndexAny', ['héllo', 'ol'], 3],
    ['IndexAny', ['abc', ''], -1],
    ['Replace', ['aaaa', 'a', 'b', 2], 'bbaa'],
    ['Replace', ['aaaa', 'a', 'b', -1], 'bbbb'],
    ['Replace', ['ab', '', '-', -1], '-a-b-'],
    ['Replace', ['ab', '', '-', 2], '-a-b'],
    ['ReplaceAll', ['a.b.c', '.', '/'], 'a/b/c'],
    ['Trim', ['xxhixx', 'x'], 'hi'],
    ['TrimLeft', ['xxhixx', 'x'], 'hixx'],
    ['TrimRight', ['xxhixx', 'x'], 'xxhi'],
    ['TrimPrefix', ['[::1]', '['], '::1]'],
    ['TrimSuffix', ['[::1]', ']'], '[::1'],
    ['TrimSuffix', ['abc', ''], 'abc'],
    ['Join', [['a', 'b'], '-'], 'a-b'],
    ['Get', [['a', 'b'], 1], 'b'],
    ['Get', [['a', 'b'], 5], ''],
    ['ToString', ['x'], 'x'],
    ['ToString', [5], ''],
    ['ToString', [null], ''],
  ];
  for (const [name, args, want] of cases) {
    it(`${name}(${JSON.stringify(args)})`, () => assert.deepEqual(fn[name](...args), want));
  }
  it('Get with a negative index fails like a Go panic', () => {
    assert.throws(() => fn.Get(['a'], -1), HelperError);
  });
  it('rejects non-string arguments with a typed error', () => {
    assert.throws(
      () => fn.Upper(5),
      (e: unknown) => e instanceof HelperError && e.helper === 'Upper',
    );
  });
});
