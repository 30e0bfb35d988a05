import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Duration, Hour, Minute, parseDuration, Second } from '../../src/expr/values/duration.ts';
import {
  compareTimes,
  fixedZone,
  GoTime,
  loadLocation,
  localLocation,
  UTC,
} from '../../src/expr/values/time.ts';
import { intlLocation, resetLocalLocation } from '../../src/expr/values/time-location.ts';

const paris = loadLocation('Europe/Paris');
const utcDate = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ns = 0) =>
  GoTime.date(y, mo, d, h, mi, s, ns, UTC);

describe('GoTime zero value', () => {
  const z = GoTime.zero();
  it('is January 1, year 1, 00:00:00 UTC', () => {
    assert.equal(z.String(), '0001-01-01 00:00:00 +0000 UTC');
    assert.equal(z.IsZero(), true);
    assert.equal(z.Unix(), -62135596800);
    assert.equal(z.Year(), 1);
    assert.equal(z.Month().String(), 'January');
    assert.equal(z.Weekday().String(), 'Monday');
    assert.equal(z.YearDay(), 1);
    assert.deepEqual(z.ISOWeek(), [1, 1]);
    assert.equal(z.MarshalText(), '0001-01-01T00:00:00Z');
  });
  it('is only the zero instant', () => {
    assert.equal(utcDate(1, 1, 1, 0, 0, 0, 1).IsZero(), false);
    assert.equal(z.In(paris).IsZero(), true);
    assert.equal(utcDate(1, 1, 1).Equal(z), true);
  });
});

describe('GoTime.date (Go time.Date) normalisation', () => {
  const cases: [number[], string][] = [
    [[2023, 1, 31], '2023-01-31 00:00:00 +0000 UTC'],
    [[2023, 2, 29], '2023-03-01 00:00:00 +0000 UTC'],
    [[2024, 2, 29], '2024-02-29 00:00:00 +0000 UTC'],
    [[2023, 13, 1], '2024-01-01 00:00:00 +0000 UTC'],
    [[2023, 0, 1], '2022-12-01 00:00:00 +0000 UTC'],
    [[2023, 10, 32], '2023-11-01 00:00:00 +0000 UTC'],
    [[2023, 3, 0], '2023-02-28 00:00:00 +0000 UTC'],
    [[2023, 1, 1, 25, 61, 61, 1_000_000_001], '2023-01-02 02:02:02.000000001 +0000 UTC'],
    [[2023, 1, 1, -1], '2022-12-31 23:00:00 +0000 UTC'],
    [[2023, 1, 1, 0, 0, 0, -1], '2022-12-31 23:59:59.999999999 +0000 UTC'],
    [[0, 1, 1], '0000-01-01 00:00:00 +0000 UTC'],
    [[-1, 12, 31], '-0001-12-31 00:00:00 +0000 UTC'],
    [[10000, 1, 1], '10000-01-01 00:00:00 +0000 UTC'],
    [[1970, 1, 1], '1970-01-01 00:00:00 +0000 UTC'],
  ];
  for (const [args, text] of cases) {
    it(`${args.join(',')} ⇒ ${text}`, () => {
      const [y, mo, d, h = 0, mi = 0, s = 0, ns = 0] = args as number[];
      assert.equal(utcDate(y as number, mo as number, d as number, h, mi, s, ns).String(), text);
    });
  }
});

describe('GoTime fields and calendar', () => {
  const t = GoTime.date(2009, 2, 4, 21, 0, 57, 12_345_600, fixedZone('PST', -8 * 3600));
  it('exposes Go accessors', () => {
    assert.equal(t.Year(), 2009);
    assert.equal(Number(t.Month()), 2);
    assert.equal(t.Month().String(), 'February');
    assert.equal(t.Day(), 4);
    assert.equal(t.Hour(), 21);
    assert.equal(t.Minute(), 0);
    assert.equal(t.Second(), 57);
    assert.equal(t.Nanosecond(), 12_345_600);
    assert.equal(t.YearDay(), 35);
    assert.equal(t.Weekday().String(), 'Wednesday');
    assert.equal(Number(t.Weekday()), 3);
    assert.deepEqual(t.Zone(), ['PST', -28800]);
    assert.equal(t.Location().String(), 'PST');
    assert.equal(t.Unix(), 1233810057);
    assert.equal(t.UnixMilli(), 1233810057012);
    assert.equal(t.UnixMicro(), 1233810057012345);
    assert.equal(t.unixNanoBig(), 1233810057012345600n);
  });
  it('Month and Weekday compare as numbers', () => {
    assert.ok(t.Month() > utcDate(2009, 1, 1).Month());
    assert.equal(t.Weekday() < utcDate(2009, 2, 7).Weekday(), true); // Wednesday < Saturday
  });
  it('ISOWeek', () => {
    const table: [number[], [number, number]][] = [
      [
        [2021, 1, 1],
        [2020, 53],
      ],
      [
        [2023, 1, 1],
        [2022, 52],
      ],
      [
        [2023, 1, 2],
        [2023, 1],
      ],
      [
        [2024, 12, 30],
        [2025, 1],
      ],
      [
        [2026, 12, 31],
        [2026, 53],
      ],
      [
        [2010, 2, 4],
        [2010, 5],
      ],
    ];
    for (const [[y, m, d], want] of table)
      assert.deepEqual(utcDate(y as number, m as number, d as number).ISOWeek(), want);
  });
  it('YearDay of leap years', () => {
    assert.equal(utcDate(2024, 12, 31).YearDay(), 366);
    assert.equal(utcDate(2023, 12, 31).YearDay(), 365);
    assert.equal(utcDate(2000, 3, 1).YearDay(), 61);
    assert.equal(utcDate(1900, 3, 1).YearDay(), 60);
  });
  it('negative instants keep nanoseconds positive', () => {
    const n = GoTime.fromUnix(-1, 500_000_000, UTC);
    assert.equal(n.String(), '1969-12-31 23:59:59.5 +0000 UTC');
    assert.equal(n.UnixMilli(), -500);
    assert.equal(GoTime.fromUnix(0, -1, UTC).String(), '1969-12-31 23:59:59.999999999 +0000 UTC');
  });
});

describe('GoTime arithmetic', () => {
  const t = utcDate(2023, 5, 6, 7, 8, 9, 500_000_000);
  it('Add / Sub', () => {
    assert.equal(t.Add(parseDuration('1h30m')).String(), '2023-05-06 08:38:09.5 +0000 UTC');
    assert.equal(t.Add(new Duration(-600_000_000)).String(), '2023-05-06 07:08:08.9 +0000 UTC');
    assert.equal(
      utcDate(2023, 1, 1)
        .Sub(utcDate(2022, 1, 1))
        .String(),
      '8760h0m0s',
    );
    assert.equal(
      utcDate(2022, 1, 1)
        .Sub(utcDate(2023, 1, 1))
        .String(),
      '-8760h0m0s',
    );
    assert.equal(t.Sub(t.Add(new Duration(1))).ns, -1);
  });
  it('Sub saturates at the Duration bounds', () => {
    assert.equal(utcDate(9999, 1, 1).Sub(GoTime.zero()).ns, 2 ** 63);
    assert.equal(GoTime.zero().Sub(utcDate(9999, 1, 1)).ns, -(2 ** 63));
  });
  it('AddDate normalises like Date', () => {
    assert.equal(utcDate(2023, 1, 31).AddDate(0, 1, 0).String(), '2023-03-03 00:00:00 +0000 UTC');
    assert.equal(utcDate(2024, 2, 29).AddDate(1, 0, 0).String(), '2025-03-01 00:00:00 +0000 UTC');
    assert.equal(utcDate(0, 9, 30, 12, 16).AddDate(2026, 0, 0).String(), '2026-09-30 12:16:00 +0000 UTC');
    assert.equal(utcDate(2023, 3, 1).AddDate(0, 0, -1).String(), '2023-02-28 00:00:00 +0000 UTC');
  });
  it('comparisons ignore the location', () => {
    const p = t.In(paris);
    assert.equal(p.Equal(t), true);
    assert.equal(compareTimes(p, t), 0);
    assert.equal(t.Before(t.Add(new Duration(1))), true);
    assert.equal(t.After(t.Add(new Duration(1))), false);
    assert.equal(t.Compare(t.Add(new Duration(-1))), 1);
    assert.equal(compareTimes(GoTime.zero(), t), -1);
  });
  it('Round and Truncate count from the zero time', () => {
    assert.equal(t.Round(Second).String(), '2023-05-06 07:08:10 +0000 UTC');
    assert.equal(t.Truncate(Second).String(), '2023-05-06 07:08:09 +0000 UTC');
    assert.equal(t.Round(Hour).String(), '2023-05-06 07:00:00 +0000 UTC');
    assert.equal(t.Truncate(Minute).String(), '2023-05-06 07:08:00 +0000 UTC');
    // 2023-05-06 is a Saturday; weeks since January 1 of year 1 (a Monday) start on Mondays.
    assert.equal(t.Truncate(new Duration(7 * 24 * 3600e9)).String(), '2023-05-01 00:00:00 +0000 UTC');
    assert.equal(t.Round(new Duration(0)), t);
    assert.equal(
      GoTime.fromUnix(-1, 400_000_000, UTC).Round(Second).String(),
      '1969-12-31 23:59:59 +0000 UTC',
    );
    assert.equal(
      GoTime.fromUnix(-1, 500_000_000, UTC).Round(Second).String(),
      '1970-01-01 00:00:00 +0000 UTC',
    );
  });
});

describe('GoTime in Europe/Paris (DST)', () => {
  it('switches CET ⇒ CEST on 2023-03-26 at 01:00 UTC', () => {
    const before = GoTime.fromUnix(1679792399, 0, paris);
    assert.equal(before.String(), '2023-03-26 01:59:59 +0100 CET');
    assert.equal(before.Add(Second).String(), '2023-03-26 03:00:00 +0200 CEST');
    assert.deepEqual(before.Add(Second).Zone(), ['CEST', 7200]);
  });
  it('switches CEST ⇒ CET on 2023-10-29 at 01:00 UTC', () => {
    const before = GoTime.fromUnix(1698541199, 0, paris);
    assert.equal(before.String(), '2023-10-29 02:59:59 +0200 CEST');
    assert.equal(before.Add(Second).String(), '2023-10-29 02:00:00 +0100 CET');
  });
  it('Date resolves a skipped wall time forward and an ambiguous one to the later zone', () => {
    assert.equal(GoTime.date(2023, 3, 26, 2, 30, 0, 0, paris).String(), '2023-03-26 03:30:00 +0200 CEST');
    assert.equal(GoTime.date(2023, 10, 29, 2, 30, 0, 0, paris).String(), '2023-10-29 02:30:00 +0100 CET');
    assert.equal(
      GoTime.date(2023, 7, 14, 22, 0, 0, 0, paris).UTC().String(),
      '2023-07-14 20:00:00 +0000 UTC',
    );
  });
  it('uses the footer rule for far-future instants', () => {
    assert.equal(GoTime.date(2100, 7, 1, 12, 0, 0, 0, paris).String(), '2100-07-01 12:00:00 +0200 CEST');
    assert.equal(GoTime.date(2100, 1, 1, 12, 0, 0, 0, paris).String(), '2100-01-01 12:00:00 +0100 CET');
  });
  it('uses local mean time before standard time existed', () => {
    assert.deepEqual(GoTime.date(1850, 1, 1, 0, 0, 0, 0, paris).Zone(), ['LMT', 561]);
  });
  it('AddDate keeps the wall clock across DST', () => {
    const t = GoTime.date(2023, 3, 25, 12, 0, 0, 0, paris);
    assert.equal(t.AddDate(0, 0, 1).String(), '2023-03-26 12:00:00 +0200 CEST');
    assert.equal(t.AddDate(0, 0, 1).Sub(t).String(), '23h0m0s');
  });
});

describe('locations', () => {
  it('loadLocation', () => {
    assert.equal(loadLocation('UTC'), UTC);
    assert.equal(loadLocation(''), UTC);
    assert.equal(loadLocation('Europe/Paris').String(), 'Europe/Paris');
    assert.equal(loadLocation('America/New_York').String(), 'America/New_York');
    assert.equal(
      GoTime.date(2023, 1, 1, 0, 0, 0, 0, loadLocation('America/Sao_Paulo')).Format('MST -0700'),
      '-03 -0300',
    );
    assert.equal(loadLocation('Local').String(), localLocation().String());
  });
  it('loadLocation errors like Go', () => {
    assert.throws(() => loadLocation('Foo/Bar'), { message: 'unknown time zone Foo/Bar' });
    assert.throws(() => loadLocation('europe/paris'), { message: 'unknown time zone europe/paris' });
    assert.throws(() => loadLocation('../etc/passwd'), { message: 'time: invalid location name' });
    assert.throws(() => loadLocation('/etc/localtime'), { message: 'time: invalid location name' });
  });
  it('fixedZone', () => {
    const z = fixedZone('XYZ', 5 * 3600 + 1800);
    assert.equal(GoTime.fromUnix(0, 0, z).String(), '1970-01-01 05:30:00 +0530 XYZ');
    assert.equal(GoTime.fromUnix(0, 0, fixedZone('', -3600)).String(), '1969-12-31 23:00:00 -0100 -0100');
  });
  it('Local follows $TZ like Go initLocal', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Paris';
      resetLocalLocation();
      assert.equal(localLocation().String(), 'Europe/Paris');
      assert.equal(GoTime.fromUnix(0, 0).String(), '1970-01-01 01:00:00 +0100 CET');
      process.env.TZ = '';
      resetLocalLocation();
      assert.equal(localLocation(), UTC);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
      resetLocalLocation();
    }
  });
  it('UTC / In / Local keep the instant', () => {
    const t = GoTime.date(2023, 7, 1, 12, 0, 0, 0, paris);
    assert.equal(t.UTC().String(), '2023-07-01 10:00:00 +0000 UTC');
    assert.equal(t.UTC().In(paris).String(), '2023-07-01 12:00:00 +0200 CEST');
    assert.equal(t.Local().Equal(t), true);
  });
});

describe('MarshalText / toJSON', () => {
  const cases: [GoTime, string][] = [
    [utcDate(2023, 1, 2, 3, 4, 5), '2023-01-02T03:04:05Z'],
    [utcDate(2023, 1, 2, 3, 4, 5, 120_000_000), '2023-01-02T03:04:05.12Z'],
    [utcDate(2023, 1, 2, 3, 4, 5, 123_456_789), '2023-01-02T03:04:05.123456789Z'],
    [GoTime.date(2023, 1, 2, 3, 4, 5, 0, fixedZone('', 3600)), '2023-01-02T03:04:05+01:00'],
    [GoTime.date(2023, 1, 2, 3, 4, 5, 0, fixedZone('X', -7 * 3600)), '2023-01-02T03:04:05-07:00'],
    [GoTime.date(2023, 1, 2, 3, 4, 5, 0, fixedZone('GMT', 0)), '2023-01-02T03:04:05Z'],
    [GoTime.date(2023, 7, 1, 12, 0, 0, 0, paris), '2023-07-01T12:00:00+02:00'],
    [utcDate(0, 1, 1), '0000-01-01T00:00:00Z'],
  ];
  for (const [t, text] of cases) {
    it(text, () => {
      assert.equal(t.MarshalText(), text);
      assert.equal(JSON.stringify(t), JSON.stringify(text));
    });
  }
  it('refuses years outside [0,9999] and offsets of 24h', () => {
    assert.throws(() => utcDate(10000, 1, 1).MarshalText(), {
      message: 'Time.MarshalText: year outside of range [0,9999]',
    });
    assert.throws(() => utcDate(-1, 1, 1).MarshalText(), {
      message: 'Time.MarshalText: year outside of range [0,9999]',
    });
    assert.throws(() => GoTime.fromUnix(0, 0, fixedZone('', 24 * 3600)).MarshalText(), {
      message: 'Time.MarshalText: timezone hour outside of range [0,23]',
    });
  });
});

describe('GoTime.now / fromDate', () => {
  it('now is close to Date.now and in the local zone', () => {
    const n = GoTime.now();
    assert.ok(Math.abs(n.UnixMilli() - Date.now()) < 60_000);
    assert.equal(n.Location(), localLocation());
  });
  it('fromDate keeps milliseconds', () => {
    const t = GoTime.fromDate(new Date(Date.UTC(2020, 1, 29, 23, 59, 59, 999)), UTC);
    assert.equal(t.String(), '2020-02-29 23:59:59.999 +0000 UTC');
    assert.equal(GoTime.fromDate(new Date(-1)).UnixMilli(), -1);
  });
});

describe('Intl-only zones (systems without zone files)', () => {
  it('give the same offsets as the zone file, with ICU abbreviations', () => {
    const intlParis = intlLocation('Europe/Paris');
    for (const unix of [0, 1679792399, 1679792400, 1698541199, 1698541200, 4102444800, -3000000000]) {
      assert.equal(
        GoTime.fromUnix(unix, 0, intlParis).zone().offset,
        GoTime.fromUnix(unix, 0, paris).zone().offset,
        `at ${unix}`,
      );
    }
    assert.equal(GoTime.date(2023, 7, 1, 12, 0, 0, 0, intlParis).String(), '2023-07-01 12:00:00 +0200 CEST');
    assert.equal(GoTime.date(2023, 1, 1, 12, 0, 0, 0, intlLocation('America/New_York')).Format('MST'), 'EST');
    assert.equal(
      GoTime.date(2023, 1, 1, 12, 0, 0, 0, intlLocation('Asia/Kolkata')).Format('MST -0700'),
      '+0530 +0530',
    );
    assert.equal(GoTime.date(2023, 1, 1, 12, 0, 0, 0, intlLocation('UTC')).Format('MST'), 'UTC');
  });
  it('refuse unknown and case-mangled names', () => {
    assert.throws(() => intlLocation('Mars/Olympus'), { message: 'unknown time zone Mars/Olympus' });
    assert.throws(() => intlLocation('europe/paris'), { message: 'unknown time zone europe/paris' });
  });
  it('fractional unix seconds move into nanoseconds', () => {
    assert.equal(GoTime.fromUnix(1.5, 0, UTC).String(), '1970-01-01 00:00:01.5 +0000 UTC');
  });
});
