import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedZone, GoTime, loadLocation, UTC } from '../../src/expr/values/time.ts';
import * as layouts from '../../src/expr/values/time-layout.ts';

// Go's own reference instant for its format tests: Thu Feb 4 21:00:57.0123456 PST 2009.
const la = loadLocation('America/Los_Angeles');
const ref = GoTime.fromUnix(1233810057, 12_345_600, la);

describe('Format: every layout element', () => {
  const cases: [string, string][] = [
    ['2006', '2009'],
    ['06', '09'],
    ['_2006', '_2009'],
    ['01', '02'],
    ['1', '2'],
    ['Jan', 'Feb'],
    ['January', 'February'],
    ['02', '04'],
    ['2', '4'],
    ['_2', ' 4'],
    ['002', '035'],
    ['__2', ' 35'],
    ['15', '21'],
    ['3', '9'],
    ['03', '09'],
    ['4', '0'],
    ['04', '00'],
    ['5', '57'],
    ['05', '57'],
    ['PM', 'PM'],
    ['pm', 'pm'],
    ['Mon', 'Wed'],
    ['Monday', 'Wednesday'],
    ['MST', 'PST'],
    ['Z07:00', '-08:00'],
    ['Z0700', '-0800'],
    ['Z07', '-08'],
    ['Z07:00:00', '-08:00:00'],
    ['Z070000', '-080000'],
    ['-07:00', '-08:00'],
    ['-0700', '-0800'],
    ['-07', '-08'],
    ['-07:00:00', '-08:00:00'],
    ['-070000', '-080000'],
    ['.0', '.0'],
    ['.000', '.012'],
    ['.000000', '.012345'],
    ['.000000000', '.012345600'],
    ['.9', ''],
    ['.999', '.012'],
    ['.999999', '.012345'],
    ['.999999999', '.0123456'],
    [',000', ',012'],
    [',999999999', ',0123456'],
    ['05.000', '57.012'],
    ['Hi Janet, the Month is January', 'Hi Janet, the Month is February'],
    ['Month Mondays', 'Month Wednesdays'],
    ['Jan  2 002 __2 2', 'Feb  4 035  35 4'],
    ['3:4:5', '9:0:57'],
    // Not a fraction (a digit ends the run), so `01` inside it is the month.
    ['.0001', '.0002'],
    ['literal text ()', 'literal text ()'],
  ];
  for (const [layout, want] of cases) {
    it(`${JSON.stringify(layout)} ⇒ ${JSON.stringify(want)}`, () => {
      assert.equal(ref.Format(layout), want);
    });
  }
});

describe('Format: named layouts', () => {
  const cases: [string, string][] = [
    ['ANSIC', 'Wed Feb  4 21:00:57 2009'],
    ['UnixDate', 'Wed Feb  4 21:00:57 PST 2009'],
    ['RubyDate', 'Wed Feb 04 21:00:57 -0800 2009'],
    ['RFC822', '04 Feb 09 21:00 PST'],
    ['RFC822Z', '04 Feb 09 21:00 -0800'],
    ['RFC850', 'Wednesday, 04-Feb-09 21:00:57 PST'],
    ['RFC1123', 'Wed, 04 Feb 2009 21:00:57 PST'],
    ['RFC1123Z', 'Wed, 04 Feb 2009 21:00:57 -0800'],
    ['RFC3339', '2009-02-04T21:00:57-08:00'],
    ['RFC3339Nano', '2009-02-04T21:00:57.0123456-08:00'],
    ['Kitchen', '9:00PM'],
    ['Stamp', 'Feb  4 21:00:57'],
    ['StampMilli', 'Feb  4 21:00:57.012'],
    ['StampMicro', 'Feb  4 21:00:57.012345'],
    ['StampNano', 'Feb  4 21:00:57.012345600'],
    ['DateTime', '2009-02-04 21:00:57'],
    ['DateOnly', '2009-02-04'],
    ['TimeOnly', '21:00:57'],
    ['Layout', "02/04 09:00:57PM '09 -0800"],
  ];
  for (const [name, want] of cases) {
    it(name, () => {
      const layout = (layouts as unknown as Record<string, string>)[name] as string;
      assert.equal(ref.Format(layout), want);
    });
  }
});

describe('Format: edge cases', () => {
  it('UTC prints Z only for the Z forms', () => {
    const t = GoTime.date(2008, 9, 17, 20, 4, 26, 0, UTC);
    assert.equal(t.Format(layouts.RFC3339), '2008-09-17T20:04:26Z');
    assert.equal(t.Format('-07:00 Z0700 MST'), '+00:00 Z UTC');
  });
  it('offsets with minutes and seconds', () => {
    assert.equal(
      GoTime.date(2000, 12, 26, 1, 15, 6, 0, fixedZone('OTO', 15600)).Format(layouts.RFC3339),
      '2000-12-26T01:15:06+04:20',
    );
    const lmt = GoTime.date(1871, 1, 1, 5, 33, 2, 0, fixedZone('LMT', -(34 * 60 + 8)));
    assert.equal(lmt.Format('2006-01-02T15:04:05-070000'), '1871-01-01T05:33:02-003408');
    assert.equal(lmt.Format('2006-01-02T15:04:05Z07:00:00'), '1871-01-01T05:33:02-00:34:08');
    assert.equal(lmt.Format('-07:00'), '-00:34');
    // Go divides toward zero: an offset under a minute prints as +00 (and its seconds keep the sign).
    assert.equal(
      GoTime.fromUnix(0, 0, fixedZone('', -30)).Format('-0700 -070000 MST'),
      '+0000 +0000-30 +0000',
    );
  });
  it('a zone without a name prints MST as an offset', () => {
    assert.equal(GoTime.fromUnix(0, 0, fixedZone('', 5 * 3600 + 1800)).Format('MST'), '+0530');
  });
  it('noon is 12PM, midnight is 12AM', () => {
    assert.equal(GoTime.date(0, 1, 1, 12, 0, 0, 0, UTC).Format('3:04PM 03:04pm'), '12:00PM 12:00pm');
    assert.equal(GoTime.date(0, 1, 1, 0, 0, 0, 0, UTC).Format('3:04PM 03:04pm'), '12:00AM 12:00am');
  });
  it('years of any width and sign', () => {
    const cases: [number, string][] = [
      [-100001, '-100001.01.01 01'],
      [-10000, '-10000.01.01 00'],
      [-999, '-0999.01.01 99'],
      [-1, '-0001.01.01 01'],
      [0, '0000.01.01 00'],
      [9, '0009.01.01 09'],
      [999, '0999.01.01 99'],
      [10000, '10000.01.01 00'],
      [100001, '100001.01.01 01'],
    ];
    for (const [y, want] of cases)
      assert.equal(GoTime.date(y, 1, 1, 0, 0, 0, 0, UTC).Format('2006.01.02 06'), want);
  });
  it('zero nanoseconds', () => {
    const t = GoTime.date(2020, 1, 1, 0, 0, 0, 0, UTC);
    assert.equal(t.Format('05.000|05.999|05,9'), '00.000|00|00');
    assert.equal(GoTime.date(2020, 1, 1, 0, 0, 0, 100_000_000, UTC).Format('.999999999'), '.1');
  });
  it('Date with the Go String layout', () => {
    assert.equal(ref.String(), '2009-02-04 21:00:57.0123456 -0800 PST');
  });
});
