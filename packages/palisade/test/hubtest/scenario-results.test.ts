import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENV_HUBTEST_SCENARIO_ASSERT } from '../../src/event/environments.ts';
import {
  Alert,
  AlertEvent,
  AlertSource,
  EVENT_OVERFLOW,
  type Event,
  newEvent,
} from '../../src/event/index.ts';
import { createHelpers } from '../../src/expr/helpers/index.ts';
import type { Type } from '../../src/expr/types.ts';
import { goSort } from '../../src/hubtest/go-sort.ts';
import {
  AssertionEvaluator,
  BucketResultsCollector,
  bucketSortKey,
  sortBucketResults,
} from '../../src/hubtest/index.ts';

/** An overflow event of `scenario` with one source per IP, tagged through its first event's meta. */
function overflow(scenario: string, ips: readonly string[], tag = ''): Event {
  const evt = newEvent({ type: EVENT_OVERFLOW });
  const alert = new Alert();
  alert.Scenario = scenario;
  alert.EventsCount = 2;
  alert.Remediation = true;
  const e = new AlertEvent();
  e.Meta = [
    { Key: 'source_ip', Value: ips[0] ?? '' },
    { Key: 'tag', Value: tag },
  ];
  alert.Events = [e];
  for (const ip of ips) {
    const s = new AlertSource();
    s.IP = ip;
    s.Scope = 'Ip';
    s.Value = ip;
    evt.Overflow.Sources[ip] = s;
  }
  alert.Source = evt.Overflow.Sources[ips[0] ?? ''] ?? new AlertSource();
  evt.Overflow.APIAlerts = [alert];
  evt.Overflow.Alert = alert;
  return evt;
}

describe('goSort (Go sort.Sort)', () => {
  it('sorts by `less` whatever the input (random arrays of every length up to 200)', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n <= 200; n++) {
      const data = Array.from({ length: n }, () => rand() % 20);
      const sorted = [...data].sort((a, b) => a - b);
      goSort(data, (a, b) => a < b);
      assert.deepEqual(data, sorted, `length ${n}`);
    }
  });

  it('handles already sorted, reversed and constant inputs (pattern paths)', () => {
    for (const n of [13, 49, 50, 64, 200]) {
      const inc = Array.from({ length: n }, (_, i) => i);
      const dec = [...inc].reverse();
      const same = inc.map(() => 1);
      for (const data of [inc, dec, same]) {
        const copy = [...data];
        goSort(copy, (a, b) => a < b);
        assert.deepEqual(
          copy,
          [...data].sort((a, b) => a - b),
        );
      }
    }
  });

  it('is stable up to 12 elements (insertion sort)', () => {
    const data = [3, 1, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3].map((k, i) => ({ k, i }));
    goSort(data, (a, b) => a.k > b.k);
    for (let i = 1; i < data.length; i++) {
      const a = data[i - 1]!;
      const b = data[i]!;
      assert.ok(a.k > b.k || (a.k === b.k && a.i < b.i));
    }
  });

  it('leaves equal keys in the order CrowdSec produced for the hub test authelia-bf (28 overflows)', () => {
    // Emission order of the overflows (scenario|source|year of the first event), and the order the
    // real harness produced (from the test's scenario.assert): equal keys come out reversed.
    const emitted = [
      'bf|1.1.1.1|2022',
      'bf_user-enum|1.1.1.1|2022',
      'bf|1.1.1.2|2022',
      'bf_user-enum|1.1.1.2|2022',
      'bf|1.1.1.3|2025',
      'bf|1.1.1.4|2025',
      'bf|2.2.2.2|2022',
      'bf|2.2.2.3|2022',
      'bf|3.3.3.3|2022',
      'bf|3.3.3.4|2022',
      'bf|4.4.4.4|2022',
      'bf|4.4.4.5|2022',
      'bf|4.4.4.4|2024',
      'bf|4.4.4.5|2024',
      'bf|5.5.5.5|2022',
      'bf_user-enum|5.5.5.5|2022',
      'bf|5.5.5.6|2022',
      'bf_user-enum|5.5.5.6|2022',
      'bf|6.6.6.6|2022',
      'bf|6.6.6.7|2022',
      'bf|7.7.7.7|2022',
      'bf|7.7.7.8|2022',
      'bf|8.8.8.8|2022',
      'bf|8.8.8.9|2022',
      'bf|10.10.10.10|2025',
      'bf|10.10.10.11|2025',
      'bf|10.10.10.12|2025',
      'bf|10.10.10.13|2025',
    ];
    const expected = [
      'bf_user-enum|5.5.5.6|2022',
      'bf_user-enum|5.5.5.5|2022',
      'bf_user-enum|1.1.1.2|2022',
      'bf_user-enum|1.1.1.1|2022',
      'bf|8.8.8.9|2022',
      'bf|8.8.8.8|2022',
      'bf|7.7.7.8|2022',
      'bf|7.7.7.7|2022',
      'bf|6.6.6.7|2022',
      'bf|6.6.6.6|2022',
      'bf|5.5.5.6|2022',
      'bf|5.5.5.5|2022',
      'bf|4.4.4.5|2024',
      'bf|4.4.4.5|2022',
      'bf|4.4.4.4|2024',
      'bf|4.4.4.4|2022',
      'bf|3.3.3.4|2022',
      'bf|3.3.3.3|2022',
      'bf|2.2.2.3|2022',
      'bf|2.2.2.2|2022',
      'bf|10.10.10.13|2025',
      'bf|10.10.10.12|2025',
      'bf|10.10.10.11|2025',
      'bf|10.10.10.10|2025',
      'bf|1.1.1.4|2025',
      'bf|1.1.1.3|2025',
      'bf|1.1.1.2|2022',
      'bf|1.1.1.1|2022',
    ];
    const events = emitted.map((t) => {
      const [suffix, ip] = t.split('|') as [string, string];
      return overflow(`LePresidente/authelia-${suffix}`, [ip], t);
    });
    const sorted = sortBucketResults(events);
    assert.deepEqual(
      sorted.map((e) => e.Overflow.Alert?.Events[0]?.GetMeta('tag')),
      expected,
    );
  });
});

describe('bucket results', () => {
  it('keys on the scenario name followed by the source keys joined by @', () => {
    assert.equal(bucketSortKey(overflow('a/b', ['1.2.3.4', '5.6.7.8'])), 'a/b1.2.3.4@5.6.7.8');
  });

  it('sorts descending by key and keeps the input untouched', () => {
    const input = [overflow('a/x', ['1.1.1.1']), overflow('a/y', ['1.1.1.1']), overflow('a/x', ['2.2.2.2'])];
    const sorted = sortBucketResults(input);
    assert.deepEqual(sorted.map(bucketSortKey), ['a/y1.1.1.1', 'a/x2.2.2.2', 'a/x1.1.1.1']);
    assert.equal(bucketSortKey(input[0]!), 'a/x1.1.1.1');
  });

  it('collects real overflows only (no clean-up signal) and normalises Unmarshaled like the YAML dump', () => {
    const c = new BucketResultsCollector();
    const cleanup = newEvent({ type: EVENT_OVERFLOW });
    c.add(cleanup);
    const ov = overflow('a/x', ['1.1.1.1']);
    ov.Unmarshaled.n = 2.5;
    ov.Unmarshaled.m = { k: 3 };
    c.add(ov);
    assert.equal(c.size, 1);
    const [only] = c.results();
    assert.equal(only?.Unmarshaled.n, 2.5);
    assert.deepEqual({ ...(only?.Unmarshaled.m as object) }, { k: 3 });
  });
});

describe('scenario assertions over the bucket dump', () => {
  const evaluator = new AssertionEvaluator(
    createHelpers({ now: () => 0 }),
    ENV_HUBTEST_SCENARIO_ASSERT.results as Type,
  );
  const results = sortBucketResults([overflow('me/ssh-bf', ['1.2.3.4'], 'first')]);

  it('type-checks and evaluates every construct the hub uses', () => {
    const lines = [
      'len(results) == 1',
      '"1.2.3.4" in results[0].Overflow.GetSources()',
      'results[0].Overflow.Sources["1.2.3.4"].IP == "1.2.3.4"',
      'results[0].Overflow.Sources["1.2.3.4"].GetValue() == "1.2.3.4"',
      'results[0].Overflow.Sources["1.2.3.4"].GetScope() == "Ip"',
      'results[0].Overflow.Sources["1.2.3.4"].Range == ""',
      'results[0].Overflow.Alert.GetScenario() == "me/ssh-bf"',
      'results[0].Overflow.Alert.Remediation == true',
      'results[0].Overflow.Alert.GetEventsCount() == 2',
      'results[0].Overflow.Alert.Events[0].GetMeta("tag") == "first"',
      'results[0].Overflow.Alert.Events[0].GetMeta("tag")[1:3] == "ir"',
      'results[0].Overflow.Alert.Source.IP == "1.2.3.4"',
      'results[0].Overflow.Whitelisted == false',
    ];
    const outcome = evaluator.evaluate(lines.join('\n'), results);
    assert.equal(outcome.firstFailure, undefined, JSON.stringify(outcome.firstFailure));
    assert.equal(outcome.evaluated, lines.length);
  });

  it('reports a false line with its left side, and an out-of-range index as an error', () => {
    const outcome = evaluator.evaluate(
      'len(results) == 3\nresults[1].Overflow.Alert.GetScenario() == "x"',
      results,
    );
    assert.equal(outcome.failedCount, 2);
    assert.equal(outcome.firstFailure?.reason, 'got 1');
    const err = evaluator.evaluate('results[1].Overflow.Alert.GetScenario() == "x"', results);
    assert.equal(err.firstFailure?.error, true);
  });
});
