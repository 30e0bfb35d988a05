import type { CaseGroup } from './types.ts';

/**
 * JSON, Base64, dates and durations (language definition "Date Functions", "toJSON"…). `toJSON` is
 * Go's `json.MarshalIndent(v, "", "  ")`: sorted map keys, HTML-escaped strings; `fromJSON` decodes
 * every number as float64. Dates are parsed in UTC unless a zone is given, so nothing depends on
 * the local time zone.
 */
export const builtinsMisc: CaseGroup = {
  topic: 'json, base64, dates, durations',
  cases: [
    { expr: 'toJSON(1)', expect: '1' },
    { expr: 'toJSON(1.5)', expect: '1.5' },
    { expr: 'toJSON("a")', expect: '"a"' },
    { expr: 'toJSON(nil)', expect: 'null' },
    { expr: 'toJSON(true)', expect: 'true' },
    {
      name: 'toJSON indents with two spaces (MarshalIndent)',
      expr: 'toJSON([1, 2])',
      expect: '[\n  1,\n  2\n]',
    },
    { expr: 'toJSON([])', expect: '[]' },
    { expr: 'toJSON({})', expect: '{}' },
    {
      name: 'toJSON sorts map keys (Go encoding/json)',
      expr: 'toJSON({b: 1, a: "x"})',
      expect: '{\n  "a": "x",\n  "b": 1\n}',
    },
    { expr: 'toJSON({a: [1]})', expect: '{\n  "a": [\n    1\n  ]\n}' },
    {
      name: 'toJSON escapes <, > and & (Go HTML-safe encoding)',
      expr: 'toJSON("<a&b>")',
      expect: '"\\u003ca\\u0026b\\u003e"',
    },
    {
      name: 'toJSON of a large float has no exponent below 1e21 (Go)',
      expr: 'toJSON(1000000.0)',
      expect: '1000000',
    },
    { expr: 'toJSON(evt.Unmarshaled.n)', expect: '5' },
    { expr: 'toJSON(evt.Line.Labels)', expect: '{\n  "type": "syslog"\n}' },
    { expr: 'fromJSON(\'{"name": "John", "age": 30}\').name', expect: 'John' },
    { expr: 'fromJSON(\'{"name": "John", "age": 30}\').age', expect: 30 },
    { name: 'fromJSON numbers are floats', expr: 'type(fromJSON(\'{"age": 30}\').age)', expect: 'float' },
    { expr: 'type(fromJSON("1"))', expect: 'float' },
    { expr: 'fromJSON("[1, 2, 3]")[1] == 2', expect: true },
    { expr: 'fromJSON("[1, 2, 3]")', expect: [1, 2, 3] },
    { expr: 'fromJSON(\'"x"\')', expect: 'x' },
    { expr: 'fromJSON("null")', expect: null },
    { expr: 'fromJSON("true")', expect: true },
    { expr: 'fromJSON(\'{"a": {"b": [1.5]}}\').a.b[0]', expect: 1.5 },
    { expr: 'fromJSON(toJSON({k: "v"})).k', expect: 'v' },
    { expr: 'toBase64("Hello World")', expect: 'SGVsbG8gV29ybGQ=' },
    { expr: 'fromBase64("SGVsbG8gV29ybGQ=")', expect: 'Hello World' },
    { expr: 'toBase64("")', expect: '' },
    { name: 'toBase64 encodes UTF-8 bytes', expr: 'toBase64("é")', expect: 'w6k=' },
    { expr: 'fromBase64(toBase64("héllo"))', expect: 'héllo' },
    { expr: 'duration("1h") > duration("30m")', expect: true },
    { expr: 'duration("1h").Seconds() == 3600', expect: true },
    { expr: 'duration("1m30s") == duration("90s")', expect: true },
    { expr: 'duration("1500ms") < duration("2s")', expect: true },
    { expr: 'duration("1.5h") == duration("90m")', expect: true },
    { expr: 'duration("-1m") < duration("0s")', expect: true },
    { expr: 'duration("1us") == duration("1000ns")', expect: true },
    { expr: 'date("2023-08-14").Year() == 2023', expect: true },
    { expr: 'date("2023-08-14").Day()', expect: 14 },
    { expr: 'date("2023-08-14T10:20:30Z").Hour()', expect: 10 },
    { expr: 'date("2023-08-14T10:20:30Z").Minute()', expect: 20 },
    { expr: 'date("2023-08-14 10:20:30").Second()', expect: 30 },
    {
      name: 'date with an explicit offset',
      expr: 'date("2023-08-14T12:00:00+02:00") == date("2023-08-14T10:00:00Z")',
      expect: true,
    },
    { name: 'date with a Go layout', expr: 'date("14/08/2023", "02/01/2006").Day()', expect: 14 },
    {
      name: 'date with a Go layout and a zone (CEST is UTC+2)',
      expr: 'date("2023-08-14 10:00:00", "2006-01-02 15:04:05", "Europe/Zurich") == date("2023-08-14T08:00:00Z")',
      expect: true,
    },
    { expr: 'date("2023-08-14") + duration("24h") == date("2023-08-15")', expect: true },
    { expr: 'date("2023-08-15") - date("2023-08-14") == duration("24h")', expect: true },
    { expr: 'date("2023-08-15") - duration("1h") < date("2023-08-15")', expect: true },
    { expr: 'date("2023-08-14") > date("2023-08-14T00:00:01Z")', expect: false },
    { expr: 'date(evt.StrTime).Hour()', expect: 12 },
    { name: 'now() is after a fixed past date', expr: 'now() > date("2020-01-01")', expect: true },
    { expr: 'now() - duration("1h") < now()', expect: true },
  ],
};
