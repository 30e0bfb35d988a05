import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newEvent } from '../../src/event/index.ts';
import { fixedZone, GoTime, UTC } from '../../src/expr/values/time.ts';
import { createEnrichers, parseDateEnricher } from '../../src/parser/enrichers/index.ts';

/** A pinned clock: 2024-06-15T12:34:56.5Z (year-less dates get 2024). */
const NOW = GoTime.date(2024, 6, 15, 12, 34, 56, 500_000_000, UTC);
const parseDate = parseDateEnricher({ now: () => NOW, local: UTC });

/**
 * Inputs and outputs taken from hub tests (the `StrTime` a parser sets and the `MarshaledTime`
 * the hubtest asserts), plus the `StrTimeFormat` layouts hub parsers use.
 */
const CASES: ReadonlyArray<{ input: string; format?: string; want: string; from: string }> = [
  { input: '14/Oct/2022:09:55:53 +0200', want: '2022-10-14T09:55:53+02:00', from: 'CVE-2022-40684' },
  { input: '18/Jul/2025:14:14:47 -0400', want: '2025-07-18T14:14:47-04:00', from: 'actual-budget' },
  { input: '29/Aug/2025:19:13:03 +0000', want: '2025-08-29T19:13:03Z', from: 'upsun httplog' },
  { input: 'Feb 23 04:55:57', want: '2024-02-23T04:55:57Z', from: 'amavis (year-less)' },
  { input: 'Mar  6 08:44:27', want: '2024-03-06T08:44:27Z', from: 'asterisk (padded day)' },
  { input: '2023-04-06T09:05:54,991Z', want: '2023-04-06T09:05:54.991Z', from: 'guacamole (comma)' },
  { input: '2021-10-11 09:01:35', want: '2021-10-11T09:01:35Z', from: 'apereo-cas' },
  { input: '2024-11-13 11:03:31.784', want: '2024-11-13T11:03:31.784Z', from: 'audiobookshelf' },
  { input: '2018-07-02T22:22:48.364000Z', want: '2018-07-02T22:22:48.364Z', from: 'aws-alb' },
  { input: 'Wed Jul 05 09:19:24.428126 2023', want: '2023-07-05T09:19:24.428126Z', from: 'baikal' },
  { input: '2025-07-17 13:17:11,562', want: '2025-07-17T13:17:11.562Z', from: 'calibre-web' },
  { input: '2022-01-28T16:04:05.413656027Z', want: '2022-01-28T16:04:05.413656027Z', from: 'cri' },
  {
    input: '2023-03-14T06:10:23.366875297+02:00',
    want: '2023-03-14T06:10:23.366875297+02:00',
    from: 'grafana',
  },
  { input: '2025/03/31 17:30:02', want: '2025-03-31T17:30:02Z', from: 'filebrowser' },
  { input: '2021-11-12T16:59:45', want: '2021-11-12T16:59:45Z', from: 'fastly' },
  { input: '2022-12-17 22:04:36.2', want: '2022-12-17T22:04:36.2Z', from: 'prowlarr' },
  { input: '1690466804', want: '2023-07-27T14:06:44Z', from: 'webmin (unix seconds)' },
  { input: '1690466804.123', want: '2023-07-27T14:06:44Z', from: 'unix seconds, fraction dropped' },
  {
    input: '08/02/2023, 7:32:47 PM',
    format: '01/02/2006, 3:04:05 PM',
    want: '2023-08-02T19:32:47Z',
    from: 'immich-bf',
  },
  {
    input: '08/02/2023, 7:34:03',
    format: '01/02/2006, 15:04:05',
    want: '2023-08-02T07:34:03Z',
    from: 'immich',
  },
  {
    input: '2024-03-02 17:38:19.023-0700',
    format: '2006-01-02 15:04:05.000-0700',
    want: '2024-03-02T17:38:19.023-07:00',
    from: 'vaultwarden',
  },
  {
    input: '211109  5:13:12',
    format: '060102 15:04:05',
    want: '2021-11-09T05:13:12Z',
    from: 'mariadb layout',
  },
  {
    input: '2021-10-11 09:01:35',
    format: 'not a layout',
    want: '2021-10-11T09:01:35Z',
    from: 'bad format falls back',
  },
];

describe('ParseDate enricher', () => {
  for (const c of CASES) {
    it(`${c.from}: ${JSON.stringify(c.input)} → ${c.want}`, () => {
      const evt = newEvent();
      if (c.format) evt.StrTimeFormat = c.format;
      assert.deepEqual({ ...parseDate(c.input, evt) }, { MarshaledTime: c.want });
      assert.ok(evt.Time.IsZero(), 'live mode leaves evt.Time alone');
    });
  }

  for (const input of ['', 'not a date', '0', '-5', 'Feb 30 10:00:00 garbage']) {
    it(`unparsable ${JSON.stringify(input)} → now in UTC`, () => {
      const evt = newEvent({ timeMachine: true });
      assert.deepEqual({ ...parseDate(input, evt) }, { MarshaledTime: '2024-06-15T12:34:56.5Z' });
      assert.ok(evt.Time.IsZero(), 'a failed parse never sets evt.Time');
    });
  }

  it('fallback "now" is rendered in UTC whatever the clock zone', () => {
    const paris = GoTime.date(2024, 6, 15, 14, 0, 0, 0, fixedZone('CEST', 7200));
    const enrich = parseDateEnricher({ now: () => paris, local: UTC });
    assert.deepEqual({ ...enrich('nope', newEvent()) }, { MarshaledTime: '2024-06-15T12:00:00Z' });
  });

  it('time-machine mode copies the parsed time into evt.Time', () => {
    const evt = newEvent({ timeMachine: true });
    parseDate('14/Oct/2022:09:55:53 +0200', evt);
    assert.equal(evt.Time.MarshalText(), '2022-10-14T09:55:53+02:00');
    assert.equal(evt.Time.Unix(), 1665734153);
  });

  it('a year-less date takes the year of the pinned clock', () => {
    const enrich = parseDateEnricher({ now: () => GoTime.date(1999, 1, 1, 0, 0, 0, 0, UTC), local: UTC });
    assert.equal(enrich('Sep 30 12:16:00', newEvent())?.MarshaledTime, '1999-09-30T12:16:00Z');
  });

  it('unix seconds are rendered in the configured local zone', () => {
    const enrich = parseDateEnricher({ now: () => NOW, local: fixedZone('X', 3600) });
    assert.equal(enrich('1690466804', newEvent())?.MarshaledTime, '2023-07-27T15:06:44+01:00');
  });

  it('a repeated text gives the same answer unless the format or the year of the clock changed', () => {
    let now = GoTime.date(1999, 1, 1, 0, 0, 0, 0, UTC);
    const enrich = parseDateEnricher({ now: () => now, local: UTC });
    assert.equal(enrich('Sep 30 12:16:00', newEvent())?.MarshaledTime, '1999-09-30T12:16:00Z');
    assert.equal(enrich('Sep 30 12:16:00', newEvent())?.MarshaledTime, '1999-09-30T12:16:00Z');
    now = GoTime.date(2001, 1, 1, 0, 0, 0, 0, UTC);
    assert.equal(enrich('Sep 30 12:16:00', newEvent())?.MarshaledTime, '2001-09-30T12:16:00Z');
    const custom = newEvent();
    custom.StrTimeFormat = '01/02/2006, 3:04:05 PM';
    assert.equal(enrich('08/02/2023, 7:32:47 PM', newEvent())?.MarshaledTime, '2001-01-01T00:00:00Z');
    assert.equal(enrich('08/02/2023, 7:32:47 PM', custom)?.MarshaledTime, '2023-08-02T19:32:47Z');
    assert.equal(enrich('08/02/2023, 7:32:47 PM', newEvent())?.MarshaledTime, '2001-01-01T00:00:00Z');
    const tm = newEvent({ timeMachine: true });
    enrich('Sep 30 12:16:00', newEvent());
    enrich('Sep 30 12:16:00', tm);
    assert.equal(tm.Time.MarshalText(), '2001-09-30T12:16:00Z');
  });
  it('is registered as ParseDate by createEnrichers', () => {
    const reg = createEnrichers({ now: () => NOW, local: UTC });
    assert.equal(
      reg.get('ParseDate')?.('2021-10-11 09:01:35', newEvent())?.MarshaledTime,
      '2021-10-11T09:01:35Z',
    );
  });
});
