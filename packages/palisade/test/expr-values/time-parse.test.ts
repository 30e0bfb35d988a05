import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedZone, GoTime, loadLocation, UTC } from '../../src/expr/values/time.ts';
import {
  ANSIC,
  Kitchen,
  parseTime,
  parseTimeInLocation,
  RFC850,
  RFC1123,
  RFC1123Z,
  RFC3339,
  RFC3339Nano,
  RubyDate,
  StampMicro,
  StampNano,
  TimeParseError,
  tryParseTime,
  UnixDate,
} from '../../src/expr/values/time-layout.ts';

const la = loadLocation('America/Los_Angeles');
const paris = loadLocation('Europe/Paris');

/** Parses with UTC as Go's Local, so results do not depend on the machine. */
const parseUtc = (layout: string, value: string) => parseTime(layout, value, UTC);

describe('Parse: every layout element', () => {
  const cases: [string, string, string][] = [
    ['2006-01-02', '2023-05-06', '2023-05-06 00:00:00 +0000 UTC'],
    ['06-1-2', '69-5-6', '1969-05-06 00:00:00 +0000 UTC'],
    ['06-1-2', '68-12-31', '2068-12-31 00:00:00 +0000 UTC'],
    ['Jan 2 2006', 'feb 4 2010', '2010-02-04 00:00:00 +0000 UTC'],
    ['January 2 2006', 'FEBRUARY 4 2010', '2010-02-04 00:00:00 +0000 UTC'],
    ['Jan 02 2006', 'Feb 04 2010', '2010-02-04 00:00:00 +0000 UTC'],
    ['Jan _2 2006', 'Feb  4 2010', '2010-02-04 00:00:00 +0000 UTC'],
    ['Jan _2 2006', 'Feb 14 2010', '2010-02-14 00:00:00 +0000 UTC'],
    ['2006-002', '2010-035', '2010-02-04 00:00:00 +0000 UTC'],
    ['2006-002', '2020-060', '2020-02-29 00:00:00 +0000 UTC'],
    ['2006-002', '2020-366', '2020-12-31 00:00:00 +0000 UTC'],
    ['2006-__2', '2010-  5', '2010-01-05 00:00:00 +0000 UTC'],
    ['2006-__2', '2010- 35', '2010-02-04 00:00:00 +0000 UTC'],
    ['2006-01-02 002', '2010-02-04 035', '2010-02-04 00:00:00 +0000 UTC'],
    ['200600201 15:04:05', '201003502 21:00:57', '2010-02-04 21:00:57 +0000 UTC'],
    ['15:04:05', '21:00:57', '0000-01-01 21:00:57 +0000 UTC'],
    ['3:4:5 PM', '9:0:57 PM', '0000-01-01 21:00:57 +0000 UTC'],
    ['03:04:05 pm', '09:00:57 am', '0000-01-01 09:00:57 +0000 UTC'],
    [Kitchen, '12:00AM', '0000-01-01 00:00:00 +0000 UTC'],
    [Kitchen, '12:00PM', '0000-01-01 12:00:00 +0000 UTC'],
    ['3PM', '9PM', '0000-01-01 21:00:00 +0000 UTC'],
    ['Mon Jan 2', 'THU Feb 4', '0000-02-04 00:00:00 +0000 UTC'],
    ['Monday Jan 2', 'sunday Feb 4', '0000-02-04 00:00:00 +0000 UTC'],
    ['15:04:05.000', '21:00:57.012', '0000-01-01 21:00:57.012 +0000 UTC'],
    ['15:04:05,000', '21:00:57.012', '0000-01-01 21:00:57.012 +0000 UTC'],
    ['15:04:05.999', '21:00:57', '0000-01-01 21:00:57 +0000 UTC'],
    ['15:04:05.999', '21:00:57.012345678', '0000-01-01 21:00:57.012345678 +0000 UTC'],
    ['15:04:05,999999999', '21:00:57,0123', '0000-01-01 21:00:57.0123 +0000 UTC'],
    ['15:04:05', '21:00:57.1234567891', '0000-01-01 21:00:57.123456789 +0000 UTC'],
    ['15:04:05', '21:00:57,5', '0000-01-01 21:00:57.5 +0000 UTC'],
    ['2006.01.02.15.04.05.0', '2010.02.04.21.00.57.0', '2010-02-04 21:00:57 +0000 UTC'],
    ['2006.01.02.15.04.05.00', '2010.02.04.21.00.57.01', '2010-02-04 21:00:57.01 +0000 UTC'],
    ['15:04_20060102', '14:38_20150618', '2015-06-18 14:38:00 +0000 UTC'],
    ['2006-01-02T15:04:05Z07:00', '2023-01-02T03:04:05Z', '2023-01-02 03:04:05 +0000 UTC'],
    ['2006-01-02T15:04:05Z07:00', '2010-02-04T21:00:57-08:00', '2010-02-04 21:00:57 -0800 -0800'],
    ['2006-01-02T15:04:05Z0700', '2010-02-04T21:00:57+0530', '2010-02-04 21:00:57 +0530 +0530'],
    ['2006-01-02T15:04:05Z07', '2010-02-04T21:00:57-02', '2010-02-04 21:00:57 -0200 -0200'],
    ['2006-01-02T15:04:05-070000', '1871-01-01T05:33:02-003408', '1871-01-01 05:33:02 -0034 -0034'],
    ['2006-01-02T15:04:05-07:00:00', '1871-01-01T05:33:02+00:34:08', '1871-01-01 05:33:02 +0034 +0034'],
    ['2006-01-02T15:04:05Z070000', '1871-01-01T05:33:02Z', '1871-01-01 05:33:02 +0000 UTC'],
    ['2006-01-02T15:04:05Z07:00:00', '1871-01-01T05:33:02-00:34:08', '1871-01-01 05:33:02 -0034 -0034'],
    ['2006-01-02 15:04:05 -0700', '2010-02-04 21:00:57 +0000', '2010-02-04 21:00:57 +0000 UTC'],
    ['2006-01-02 15:04:05 -07:00', '2010-02-04 21:00:57 -00:00', '2010-02-04 21:00:57 +0000 UTC'],
    ['2006-01-02 15:04:05-07', '2010-02-04 21:00:57-08', '2010-02-04 21:00:57 -0800 -0800'],
    ['2006-01-02 15:04 MST', '2010-02-04 21:00 UTC', '2010-02-04 21:00:00 +0000 UTC'],
    ['2006-01-02 15:04 MST', '2010-02-04 21:00 PST', '2010-02-04 21:00:00 +0000 PST'],
    ['2006-01-02 15:04 MST', '2010-02-04 21:00 GMT', '2010-02-04 21:00:00 +0000 GMT'],
    ['2006-01-02 15:04 MST', '2010-02-04 21:00 ChST', '2010-02-04 21:00:00 +0000 ChST'],
    ['2006-01-02 15:04 MST', '2010-02-04 21:00 WITA', '2010-02-04 21:00:00 +0000 WITA'],
    ['2006-01-02 15:04 MST', '2010-02-04 21:00 +03', '2010-02-04 21:00:00 +0000 +03'],
    ['2006-01-02 15:04 MST', '2010-02-04 21:00 AEST', '2010-02-04 21:00:00 +0000 AEST'],
    ['2006-01-02 15:04 MST -0700', '2010-02-04 21:00 PST -0800', '2010-02-04 21:00:00 -0800 PST'],
    [UnixDate, 'Fri Feb  5 05:00:57 GMT-8 2010', '2010-02-04 21:00:57 -0800 GMT-8'],
    [UnixDate, 'Fri Feb  5 05:00:57 GMT+3 2010', '2010-02-05 08:00:57 +0300 GMT+3'],
  ];
  for (const [layout, value, want] of cases) {
    it(`${JSON.stringify(layout)} ← ${JSON.stringify(value)}`, () => {
      assert.equal(parseUtc(layout, value).String(), want);
    });
  }
});

describe('Parse: Go reference inputs (Thu Feb 4 21:00:57 PST 2010)', () => {
  const cases: [string, string, number][] = [
    [ANSIC, 'Thu Feb  4 21:00:57 2010', 0],
    [ANSIC, 'Thu Feb 4 21:00:57 2010', 0],
    [ANSIC, 'Thu      Feb     4     21:00:57     2010', 0],
    [ANSIC, 'THU FEB 4 21:00:57 2010', 0],
    [ANSIC, 'thu feb 4 21:00:57 2010', 0],
    [ANSIC, 'Thu Feb  4 21:00:57.0 2010', 0],
    [UnixDate, 'Thu Feb  4 21:00:57 PST 2010', 0],
    [UnixDate, 'Thu Feb  4 21:00:57.01 PST 2010', 10_000_000],
    [RubyDate, 'Thu Feb 04 21:00:57 -0800 2010', 0],
    [RubyDate, 'Thu Feb 04 21:00:57.012 -0800 2010', 12_000_000],
    [RFC850, 'Thursday, 04-Feb-10 21:00:57 PST', 0],
    [RFC850, 'Thursday, 04-Feb-10 21:00:57.0123 PST', 12_300_000],
    [RFC1123, 'Thu, 04 Feb 2010 21:00:57 PST', 0],
    [RFC1123, 'Thu, 04 Feb 2010 22:00:57 PDT', 0],
    [RFC1123, 'Thu, 04 Feb 2010 21:00:57.01234 PST', 12_340_000],
    [RFC1123Z, 'Thu, 04 Feb 2010 21:00:57 -0800', 0],
    [RFC3339, '2010-02-04T21:00:57-08:00', 0],
    [RFC3339, '2010-02-04T21:00:57.012345678-08:00', 12_345_678],
    [RFC3339Nano, '2010-02-04T21:00:57.012345678-08:00', 12_345_678],
    ['Mon Jan _2 15:04:05.000000 2006', 'Thu Feb  4 21:00:57.012345 2010', 12_345_000],
    ['Mon Jan _2 15:04:05,000000000 2006', 'Thu Feb  4 21:00:57.012345678 2010', 12_345_678],
    ['2006-01-02 15:04:05.9999 -0700 MST', '2010-02-04 21:00:57 -0800 PST', 0],
    ['2006-01-02 15:04:05,999999999 -0700 MST', '2010-02-04 21:00:57.0123 -0800 PST', 12_300_000],
    [
      'Hi Janet, the Month is January: Jan _2 15:04:05 2006',
      'Hi Janet, the Month is February: Feb  4 21:00:57 2010',
      0,
    ],
  ];
  for (const [layout, value, nsec] of cases) {
    it(`${JSON.stringify(value)}`, () => {
      // With Los Angeles as the local zone, as in Go's own tests: PST/PDT and -0800 resolve to it.
      const t = parseTime(layout, value, la);
      const hasZone = /PST|PDT|-08/.test(value);
      const local = hasZone
        ? t
        : GoTime.date(
            t.Year(),
            Number(t.Month()),
            t.Day(),
            t.Hour(),
            t.Minute(),
            t.Second(),
            t.Nanosecond(),
            la,
          );
      assert.equal(local.In(la).Format('Mon 2006-01-02 15:04:05 MST'), 'Thu 2010-02-04 21:00:57 PST');
      assert.equal(t.Nanosecond(), nsec);
      if (hasZone) assert.equal(t.Location(), la);
    });
  }
});

describe('Parse: errors (Go messages)', () => {
  const cases: [string, string, string][] = [
    ['2006-01-02', '2023-13-05', 'parsing time "2023-13-05": month out of range'],
    ['01-02', '00-01', 'parsing time "00-01": month out of range'],
    [
      '2006-01-02',
      'x023-13-05',
      'parsing time "x023-13-05" as "2006-01-02": cannot parse "x023-13-05" as "2006"',
    ],
    ['2006-01-02', '2023-12-05 extra', 'parsing time "2023-12-05 extra": extra text: " extra"'],
    [
      ANSIC,
      'Feb  4 21:00:60 2010',
      'parsing time "Feb  4 21:00:60 2010" as "Mon Jan _2 15:04:05 2006": cannot parse "Feb  4 21:00:60 2010" as "Mon"',
    ],
    [
      ANSIC,
      'Thu Feb  4 21:00:57 @2010',
      'parsing time "Thu Feb  4 21:00:57 @2010" as "Mon Jan _2 15:04:05 2006": cannot parse "@2010" as "2006"',
    ],
    [ANSIC, 'Thu Feb  4 21:00:60 2010', 'parsing time "Thu Feb  4 21:00:60 2010": second out of range'],
    [ANSIC, 'Thu Feb  4 21:61:57 2010', 'parsing time "Thu Feb  4 21:61:57 2010": minute out of range'],
    [ANSIC, 'Thu Feb  4 24:00:60 2010', 'parsing time "Thu Feb  4 24:00:60 2010": hour out of range'],
    [ANSIC, 'Thu Feb 29 21:00:57 2010', 'parsing time "Thu Feb 29 21:00:57 2010": day out of range'],
    [ANSIC, 'Thu Dec 00 21:00:57 2010', 'parsing time "Thu Dec 00 21:00:57 2010": day out of range'],
    [
      'Mon Jan _2 15:04:05.000 2006',
      'Thu Feb  4 23:00:59x01 2010',
      'parsing time "Thu Feb  4 23:00:59x01 2010" as "Mon Jan _2 15:04:05.000 2006": cannot parse "x01 2010" as ".000"',
    ],
    [
      'Mon Jan _2 15:04:05.000 2006',
      'Thu Feb  4 23:00:59.-123 2010',
      'parsing time "Thu Feb  4 23:00:59.-123 2010": fractional second out of range',
    ],
    [
      StampNano,
      'Dec  7 11:22:01.000000',
      'parsing time "Dec  7 11:22:01.000000" as "Jan _2 15:04:05.000000000": cannot parse ".000000" as ".000000000"',
    ],
    [StampNano, 'Dec  7 11:22:01.0000000000', 'parsing time "Dec  7 11:22:01.0000000000": extra text: "0"'],
    [RFC3339, '2006-01-02T15:04:05Z07:00', 'parsing time "2006-01-02T15:04:05Z07:00": extra text: "07:00"'],
    [
      RFC3339,
      '2006-01-02T15:04_abc',
      'parsing time "2006-01-02T15:04_abc" as "2006-01-02T15:04:05Z07:00": cannot parse "_abc" as ":"',
    ],
    [
      RFC3339,
      '2006-01-02T15:04:05_abc',
      'parsing time "2006-01-02T15:04:05_abc" as "2006-01-02T15:04:05Z07:00": cannot parse "_abc" as "Z07:00"',
    ],
    [RFC3339, '2006-01-02T15:04:05Z_abc', 'parsing time "2006-01-02T15:04:05Z_abc": extra text: "_abc"'],
    [
      RFC3339,
      '2010-02-04T21:00:67.012345678-08:00',
      'parsing time "2010-02-04T21:00:67.012345678-08:00": second out of range',
    ],
    [
      RFC3339,
      '2010-02-04T21:00:57+25:00',
      'parsing time "2010-02-04T21:00:57+25:00": time zone offset hour out of range',
    ],
    ['Jan _2 002 2006', 'Feb  4 034 2006', 'parsing time "Feb  4 034 2006": day-of-year does not match day'],
    [
      'Jan _2 002 2006',
      'Feb  4 004 2006',
      'parsing time "Feb  4 004 2006": day-of-year does not match month',
    ],
    ['2006-002', '2010-366', 'parsing time "2010-366": day-of-year out of range'],
    ['01 MST', '0 MST', 'parsing time "0 MST" as "01 MST": cannot parse "0 MST" as "01"'],
    [
      RFC850,
      'Thursday, 04-Feb-1 21:00:57 PST',
      'parsing time "Thursday, 04-Feb-1 21:00:57 PST" as "Monday, 02-Jan-06 15:04:05 MST": cannot parse "1 21:00:57 PST" as "06"',
    ],
    [
      '_2 Jan 06 15:04 MST',
      '4 --- 00 00:00 GMT',
      'parsing time "4 --- 00 00:00 GMT" as "_2 Jan 06 15:04 MST": cannot parse "--- 00 00:00 GMT" as "Jan"',
    ],
    ['15:04 MST', '10:00 gmt', 'parsing time "10:00 gmt" as "15:04 MST": cannot parse "gmt" as "MST"'],
    [
      '15:04 MST',
      '10:00 ESASTT',
      'parsing time "10:00 ESASTT" as "15:04 MST": cannot parse "ESASTT" as "MST"',
    ],
    ['3PM', '9XM', 'parsing time "9XM" as "3PM": cannot parse "XM" as "PM"'],
    [
      '2006-01-02 15:04:05',
      '2023-01-02',
      'parsing time "2023-01-02" as "2006-01-02 15:04:05": cannot parse "" as "15"',
    ],
    // The literal is reported whole, the value from where matching stopped.
    [
      '2006 "x"',
      '2006 "y"',
      'parsing time "2006 \\"y\\"" as "2006 \\"x\\"": cannot parse "y\\"" as " \\"x\\""',
    ],
  ];
  for (const [layout, value, message] of cases) {
    it(message, () => {
      assert.throws(
        () => parseUtc(layout, value),
        (e: unknown) => {
          assert.ok(e instanceof TimeParseError);
          assert.equal(e.message, message);
          return true;
        },
      );
    });
  }
  it('tryParseTime reports without throwing', () => {
    const r = tryParseTime(RFC3339, 'nope', UTC, UTC);
    assert.ok(!(r instanceof GoTime));
    assert.equal(r.layoutElem, '2006');
    assert.equal(r.valueElem, 'nope');
  });
});

describe('Parse: zones and locations', () => {
  it('numeric offsets matching the local zone adopt it', () => {
    assert.equal(
      parseTime(RFC3339, '2023-07-01T12:00:00+02:00', paris).String(),
      '2023-07-01 12:00:00 +0200 CEST',
    );
    assert.equal(
      parseTime(RFC3339, '2023-01-01T12:00:00+02:00', paris).String(),
      '2023-01-01 12:00:00 +0200 +0200',
    );
  });
  it('abbreviations known to the local zone give its offset', () => {
    assert.equal(
      parseTime('2006-01-02 15:04 MST', '2023-01-15 12:00 CET', paris).String(),
      '2023-01-15 12:00:00 +0100 CET',
    );
    assert.equal(
      parseTime('2006-01-02 15:04 MST', '2023-07-15 12:00 CEST', paris).String(),
      '2023-07-15 12:00:00 +0200 CEST',
    );
    // CEST in winter: Go falls back to the first zone with that name, then shows the instant in CET.
    assert.equal(
      parseTime('2006-01-02 15:04 MST', '2023-01-15 12:00 CEST', paris).String(),
      '2023-01-15 11:00:00 +0100 CET',
    );
  });
  it('ParseInLocation uses the location when the text has no zone', () => {
    assert.equal(
      parseTimeInLocation('2006-01-02 15:04', '2023-07-01 12:00', paris).String(),
      '2023-07-01 12:00:00 +0200 CEST',
    );
    assert.equal(
      parseTimeInLocation('2006-01-02 15:04', '2023-03-26 02:30', paris).String(),
      '2023-03-26 03:30:00 +0200 CEST',
    );
    assert.equal(
      parseTimeInLocation(RFC3339, '2023-07-01T12:00:00Z', paris).String(),
      '2023-07-01 12:00:00 +0000 UTC',
    );
    const tokyo = fixedZone('JST', 9 * 3600);
    assert.equal(
      parseTimeInLocation('15:04 MST', '10:00 JST', tokyo).String(),
      '0000-01-01 10:00:00 +0900 JST',
    );
  });
  it('Parse without a zone is UTC', () => {
    assert.equal(parseTime('2006-01-02 15:04', '2023-07-01 12:00', paris).Location(), UTC);
  });
});

describe('Format ⇄ Parse round trips', () => {
  const layout = `Mon MST ${RFC3339}`;
  it('keeps the instant for many times in Los Angeles', () => {
    let seed = 12345;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const sec = seed * 3 - 2 ** 31; // 1902 … 2106
      const t = GoTime.fromUnix(sec, 0, la);
      const back = parseTime(layout, t.Format(layout), la);
      assert.equal(back.Unix(), sec, t.Format(layout));
    }
  });
  it('keeps nanoseconds with RFC3339Nano and StampMicro', () => {
    const t = GoTime.date(2023, 8, 9, 10, 11, 12, 130_000_000, UTC);
    assert.equal(parseUtc(RFC3339Nano, t.Format(RFC3339Nano)).Equal(t), true);
    assert.equal(parseUtc(StampMicro, t.Format(StampMicro)).Format(StampMicro), 'Aug  9 10:11:12.130000');
  });
});
