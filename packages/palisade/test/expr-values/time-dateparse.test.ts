import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GoTime, loadLocation, UTC } from '../../src/expr/values/time.ts';
import { CROWDSEC_DATE_LAYOUTS, parseDateCrowdsec } from '../../src/expr/values/time-layout.ts';

// The hub's asserts for year-less dates were recorded in 2026.
const now = GoTime.date(2026, 6, 15, 12, 0, 0, 0, UTC);
const parse = (text: string, strTimeFormat?: string) =>
  parseDateCrowdsec(text, { now, local: UTC, ...(strTimeFormat ? { strTimeFormat } : {}) })?.text ?? null;

describe('parseDateCrowdsec: fallback layouts (inputs and MarshaledTime from hub tests)', () => {
  const cases: [string, string, string][] = [
    // [hub test, evt.StrTime, expected MarshaledTime]
    ['nginx_http-logs', '04/Jan/2020:07:25:02 +0000', '2020-01-04T07:25:02Z'],
    ['CVE-2022-40684', '14/Oct/2022:09:55:53 +0200', '2022-10-14T09:55:53+02:00'],
    ['apache2-malformed', '17/Oct/2023:05:57:49 +1100', '2023-10-17T05:57:49+11:00'],
    ['bunkerweb-http-malformed', '29/Jul/2023:10:26:06 -0700', '2023-07-29T10:26:06-07:00'],
    ['adguardhome-logs', '2023/02/21 08:05:56.233208', '2023-02-21T08:05:56.233208Z'],
    ['apache-guacamole-logs', '2023-04-06T09:05:54,991Z', '2023-04-06T09:05:54.991Z'],
    ['baikal-logs', 'Wed Jul 05 09:19:24.428126 2023', '2023-07-05T09:19:24.428126Z'],
    ['modsecurity-logs', 'Thu Sep 30 13:27:06.009964 2021', '2021-09-30T13:27:06.009964Z'],
    ['grafana-logs', '2023-03-14T06:10:23.366875297+02:00', '2023-03-14T06:10:23.366875297+02:00'],
    ['exchange-smtp-logs', '2022-07-20T21:12:06.270Z', '2022-07-20T21:12:06.27Z'],
    ['mysql-logs', '2020-04-16T05:13:40.861934Z', '2020-04-16T05:13:40.861934Z'],
    ['windows-logs', '2022-04-28T16:09:28.9443547Z', '2022-04-28T16:09:28.9443547Z'],
    ['mikrotik-logs', '2023-03-18T20:35:05.734637+01:00', '2023-03-18T20:35:05.734637+01:00'],
    ['opnsense-sshd', '2022-01-19T14:23:55+00:00', '2022-01-19T14:23:55Z'],
    ['mssql-text-logs', '2022-12-20 12:36:54.17', '2022-12-20T12:36:54.17Z'],
    ['prowlarr-nonsyslog-logs', '2022-12-17 22:04:36.2', '2022-12-17T22:04:36.2Z'],
    ['teamspeak-bf', '2022-12-29 11:39:26.009756', '2022-12-29T11:39:26.009756Z'],
    ['proftpd-logs', '2021-05-28 18:08:01,124', '2021-05-28T18:08:01.124Z'],
    ['redmine-logs', '2023-03-13T09:25:23.245316', '2023-03-13T09:25:23.245316Z'],
    ['gitea-logs', '2022/03/01 12:57:58', '2022-03-01T12:57:58Z'],
    ['hestiacp-logs', '2025-02-22 01:27:36', '2025-02-22T01:27:36Z'],
    ['dovecot-slow-bf', 'Jan 15 08:00:00', '2026-01-15T08:00:00Z'],
    ['pf-logs', 'Sep 28 10:38:09', '2026-09-28T10:38:09Z'],
    ['syslog double space', 'Sep  8 10:38:09', '2026-09-08T10:38:09Z'],
    ['ANSIC-like', 'Mon Jun 8 12:08:53 2020', '2020-06-08T12:08:53Z'],
    ['US date', '02/21/2023 08:05:56', '2023-02-21T08:05:56Z'],
    ['Go String()', '2023-02-21 08:05:56.5 +0100 CET', '2023-02-21T08:05:56.5+01:00'],
    ['date only', '2023/02/21', '2023-02-21T00:00:00Z'],
    ['date only (dashes)', '2023-02-21', '2023-02-21T00:00:00Z'],
    ['minutes', '2023-02-21 08:05', '2023-02-21T08:05:00Z'],
    ['minutes (slashes)', '2023/02/21 08:05', '2023-02-21T08:05:00Z'],
  ];
  for (const [test, text, want] of cases) {
    it(`${test}: ${JSON.stringify(text)} ⇒ ${want}`, () => {
      assert.equal(parse(text), want);
    });
  }
});

describe('parseDateCrowdsec: hub StrTimeFormat layouts', () => {
  const cases: [string, string, string, string][] = [
    // [hub parser, StrTimeFormat, evt.StrTime, expected MarshaledTime]
    [
      'vaultwarden',
      '2006-01-02 15:04:05.000-0700',
      '2024-03-02 17:38:19.023-0700',
      '2024-03-02T17:38:19.023-07:00',
    ],
    [
      'vaultwarden',
      '2006-01-02 15:04:05.000-0700',
      '2024-03-07 21:19:30.450-0700',
      '2024-03-07T21:19:30.45-07:00',
    ],
    [
      'vaultwarden (layout fails, fallback)',
      '2006-01-02 15:04:05.000-0700',
      '2022-02-03 16:10:11.219',
      '2022-02-03T16:10:11.219Z',
    ],
    [
      'vaultwarden (layout fails, fallback)',
      '2006-01-02 15:04:05.000-0700',
      '2022-02-03 16:10:36.810',
      '2022-02-03T16:10:36.81Z',
    ],
    ['keycloak', '2006-01-02 15:04:05,999999999', '2023-05-25 22:24:19,357', '2023-05-25T22:24:19.357Z'],
    ['keycloak', '2006-01-02 15:04:05,999999999', '2024-05-08 06:16:19,457', '2024-05-08T06:16:19.457Z'],
    ['mariadb', '060102 15:04:05', '221128 14:49:17', '2022-11-28T14:49:17Z'],
    ['mariadb', '060102 15:04:05', '220109 14:49:17', '2022-01-09T14:49:17Z'],
    ['mariadb (layout fails, fallback)', '060102 15:04:05', '2021-11-09  5:13:12', '2021-11-09T05:13:12Z'],
    ['mariadb (layout fails, fallback)', '060102 15:04:05', '2022-05-01 11:38:05', '2022-05-01T11:38:05Z'],
    ['immich', '01/02/2006, 3:04:05 PM', '08/02/2023, 7:32:47 PM', '2023-08-02T19:32:47Z'],
    ['immich', '01/02/2006, 3:04:05 PM', '08/04/2023, 8:47:38 PM', '2023-08-04T20:47:38Z'],
    ['immich', '01/02/2006, 15:04:05', '08/02/2023, 7:34:03', '2023-08-02T07:34:03Z'],
    ['vsftpd', 'Mon Jan _2 15:04:05 2006', 'Mon Jun 8 12:08:53 2020', '2020-06-08T12:08:53Z'],
    ['vsftpd', 'Mon Jan _2 15:04:05 2006', 'Mon Jun  9 12:08:53 2020', '2020-06-09T12:08:53Z'],
    ['vsftpd', 'Mon Jan _2 15:04:05 2006', 'Mon Apr 12 15:19:22 2021', '2021-04-12T15:19:22Z'],
    ['endlessh', '0102 15:04:05', '0817 16:55:35', '2026-08-17T16:55:35Z'],
    [
      'endlessh (layout fails, fallback)',
      '0102 15:04:05',
      '2023-08-17T16:55:35.689651+02:00',
      '2023-08-17T16:55:35.689651+02:00',
    ],
    ['fireflyiii', '2006-01-02 15:04:05', '2026-02-05 12:34:56', '2026-02-05T12:34:56Z'],
    ['openappsec', '2006-01-02T15:04:05', '2024-01-10T08:09:10', '2024-01-10T08:09:10Z'],
    ['dateparse-enrich doc', '2006 2 15.04.05 Jan', '2023 5 10.20.30 Mar', '2023-03-05T10:20:30Z'],
  ];
  for (const [parser, layout, text, want] of cases) {
    it(`${parser}: ${JSON.stringify(text)} with ${JSON.stringify(layout)} ⇒ ${want}`, () => {
      assert.equal(parse(text, layout), want);
    });
  }
});

describe('parseDateCrowdsec: unix seconds and failures', () => {
  it('integer unix seconds, fraction ignored, RFC 3339 without fraction', () => {
    assert.equal(parse('1756494783'), '2025-08-29T19:13:03Z');
    assert.equal(parse('1756494783.340876'), '2025-08-29T19:13:03Z');
    const paris = loadLocation('Europe/Paris');
    const r = parseDateCrowdsec('1756494783', { now, local: paris });
    assert.equal(r?.text, '2025-08-29T21:13:03+02:00');
    assert.equal(r?.time.Unix(), 1756494783);
  });
  it('returns null when nothing matches', () => {
    for (const text of ['', 'not a date', '0', '-5', '+', '12abc', '2023-13-45', '0001-01-01T00:00:00Z']) {
      assert.equal(parse(text), null, JSON.stringify(text));
    }
  });
  it('returns the parsed time alongside its text', () => {
    const r = parseDateCrowdsec('14/Oct/2022:09:55:53 +0200', { now, local: UTC });
    assert.ok(r);
    assert.equal(r.time.Unix(), 1665734153);
    assert.deepEqual(r.time.Zone(), ['', 7200]);
  });
  it('takes the current year from now in UTC', () => {
    const newYearsEve = GoTime.date(2026, 12, 31, 23, 30, 0, 0, loadLocation('America/New_York'));
    assert.equal(
      parseDateCrowdsec('Mar  1 00:00:00', { now: newYearsEve, local: UTC })?.text,
      '2027-03-01T00:00:00Z',
    );
  });
  it('keeps the spec order of layouts', () => {
    assert.equal(CROWDSEC_DATE_LAYOUTS.length, 16);
    assert.equal(CROWDSEC_DATE_LAYOUTS[0], '2006-01-02T15:04:05Z07:00');
    assert.equal(CROWDSEC_DATE_LAYOUTS[15], '2006-01-02T15:04:05');
  });
});
