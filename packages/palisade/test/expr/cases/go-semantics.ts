import type { CaseGroup } from './types.ts';

/**
 * Places where Go and JavaScript disagree and expr-lang follows Go (strings are bytes, Unicode
 * simple case mapping, strconv parsing, fmt/Duration printing, time methods). The language
 * definition is silent on most of these; each case names the Go rule that decides it.
 */
export const goSemantics: CaseGroup = {
  topic: 'go semantics',
  cases: [
    {
      name: '\\x escapes are bytes: two of them form one UTF-8 rune (Go)',
      expr: '"\\xc3\\xa9" == "é"',
      expect: true,
    },
    { name: 'octal escapes are bytes too (Go)', expr: '"\\303\\251" == "é"', expect: true },
    {
      name: 'a lone \\x byte is one byte long (Go)',
      expr: 'len("\\xe9")',
      expect: 1,
      knownLimitation: 'JS strings are UTF-16: a lone invalid UTF-8 byte cannot be held as one byte',
    },
    { expr: 'len("\\u00e9")', expect: 2 },
    {
      name: 'ToUpper uses simple case mapping: ß has none (Go unicode)',
      expr: 'upper("straße")',
      expect: 'STRAßE',
    },
    { name: 'ToLower(İ) is plain i (Go unicode simple mapping)', expr: 'len(lower("İ"))', expect: 1 },
    { name: 'TrimSpace does not trim U+FEFF (Go unicode.IsSpace)', expr: 'len(trim("\\ufeffx"))', expect: 4 },
    {
      name: 'TrimSpace trims U+0085 and U+00A0 (Go unicode.IsSpace)',
      expr: 'trim("\\u0085\\u00a0x\\u00a0")',
      expect: 'x',
    },
    { expr: 'indexOf("日本語", "語")', expect: 6 },
    { expr: 'lastIndexOf("héllo héllo", "é")', expect: 8 },
    {
      expr: 'split("a,b,c", ",", -1)',
      name: 'SplitN with n < 0 splits everything (Go)',
      expect: ['a', 'b', 'c'],
    },
    { expr: 'int("+5")', name: 'Atoi accepts a sign (Go strconv)', expect: 5 },
    { expr: 'int("007")', expect: 7 },
    { name: 'ParseFloat accepts "inf" (Go strconv)', expr: 'float("inf") > 1e308', expect: true },
    { expr: 'float("-0.5e1")', expect: -5 },
    {
      name: 'Atoi rejects surrounding spaces (Go strconv)',
      expr: 'int(" " + string(i7))',
      runtimeError: /int|invalid|syntax/i,
    },
    { expr: 'string(1 / 3)', expect: '0.3333333333333333' },
    { name: '%v of a float64 ≥ 1e21 uses an exponent', expr: 'string(1e21)', expect: '1e+21' },
    {
      name: 'JSON of a float64 ≥ 1e21 uses an exponent (Go encoding/json)',
      expr: 'toJSON(1e21)',
      expect: '1e+21',
    },
    { expr: 'toJSON(0.000001)', expect: '0.000001' },
    {
      name: 'JSON of a float64 < 1e-6 uses an exponent (Go encoding/json)',
      expr: 'toJSON(0.0000001)',
      expect: '1e-7',
    },
    { name: 'Duration prints as Go Duration.String()', expr: 'string(duration("90m"))', expect: '1h30m0s' },
    { expr: 'duration("1500ms").String()', expect: '1.5s' },
    { expr: 'duration("90s").Minutes()', expect: 1.5 },
    { expr: '(date("2023-08-15") - date("2023-08-14")).Hours()', expect: 24 },
    { expr: 'duration("1h") + duration("30m") == duration("90m")', expect: true },
    {
      name: 'Weekday().String() (hub: evt.Time.Weekday().String())',
      expr: 'date("2023-08-14").Weekday().String()',
      expect: 'Monday',
    },
    { expr: 'date("2023-08-14").YearDay()', expect: 226 },
    { expr: 'date("2023-08-14T10:00:00Z").Unix()', expect: 1692007200 },
    { expr: 'date("2023-08-14T10:00:00Z").Format("2006-01-02 15:04")', expect: '2023-08-14 10:00' },
    {
      name: 'date() rejects month 13',
      expr: 'date(s[0:0] + "2023-13-01")',
      runtimeError: /date|invalid|parse|month|range/i,
    },
    {
      name: 'duration without a unit is invalid (Go time.ParseDuration)',
      expr: 'duration(string(i7))',
      runtimeError: /duration|unit|invalid/i,
    },
    {
      name: '#index is available in every predicate (expr-lang compiler)',
      expr: 'map(["a", "b"], #index)',
      expect: [0, 1],
    },
    { expr: 'filter(arr, #index % 2 == 0)', expect: [1, 3, 5] },
    { expr: 'max(1, 2, 3)', expect: 3 },
    { expr: 'min(3, 1.5, 2)', expect: 1.5 },
    { name: 'sum of an empty array is int 0', expr: 'sum([])', expect: 0, expectType: 'int' },
    {
      name: 'mean of an empty array is 0.0 (expr-lang builtin)',
      expr: 'mean([])',
      expect: 0,
      expectType: 'float',
    },
    {
      name: 'median of an empty array is 0.0 (expr-lang builtin)',
      expr: 'median([])',
      expect: 0,
      expectType: 'float',
    },
    { expr: 'i7 / two * two', expect: 7, expectType: 'float' },
    { expr: '-7 / 2', expect: -3.5 },
    { expr: '{a: 1, b: 2}["b"]', expect: 2 },
    { expr: 'nilv == nil ? "none" : nilv', expect: 'none' },
  ],
};
