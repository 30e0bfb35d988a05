import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OverflowOutput } from '../../src/alerts/postoverflows.ts';
import type { BucketStats, ScenarioSet } from '../../src/buckets/api.ts';
import { Alert, AlertSource, EVENT_OVERFLOW, type Event, newEvent } from '../../src/event/index.ts';
import type { ParserSet } from '../../src/parser/index.ts';
import { DetectionPipeline, MAX_REPROCESS_DEPTH } from '../../src/pipeline/detection.ts';

/** Parses `bad` as unparsed, `wl …` as whitelisted, anything else as parsed. */
const fakeParsers: ParserSet = {
  stages: ['s01-parse'],
  parse(evt: Event): boolean {
    evt.Process = evt.Line.Raw !== 'bad';
    if (evt.Line.Raw.startsWith('wl')) evt.Whitelisted = true;
    return evt.Process;
  },
  counters: () => new Map(),
};

function overflowOf(scenario: string, ip: string, reprocess: boolean): Event {
  const evt = newEvent({ type: EVENT_OVERFLOW });
  const alert = new Alert();
  alert.Scenario = scenario;
  alert.Source.Scope = 'Ip';
  alert.Source.Value = ip;
  const src = new AlertSource();
  src.Scope = 'Ip';
  src.Value = ip;
  evt.Overflow.Sources[ip] = src;
  evt.Overflow.Alert = alert;
  evt.Overflow.APIAlerts = [alert];
  evt.Overflow.Reprocess = reprocess;
  return evt;
}

/**
 * A scenario set driven by the raw line: `attack <ip>` overflows `s/attack` (reprocessed), and an
 * overflow poured again overflows `s/chain` (reprocessed too when `loop`); `cleanup` returns a
 * clean-up signal.
 */
function fakeScenarios(loop = false): ScenarioSet & { poured: Event[] } {
  const poured: Event[] = [];
  return {
    poured,
    scenarios: [],
    pour(evt: Event): Event[] {
      poured.push(evt);
      if (evt.Type === EVENT_OVERFLOW) {
        const from = evt.Overflow.Alert?.Scenario ?? '';
        if (from === 's/attack' || loop)
          return [overflowOf('s/chain', evt.Overflow.Alert?.Source.Value ?? '', loop)];
        return [];
      }
      const [word, ip] = evt.Line.Raw.split(' ');
      if (word === 'attack') return [overflowOf('s/attack', ip ?? '', true)];
      if (word === 'pair') return [overflowOf('s/one', 'a', false), overflowOf('s/two', 'b', false)];
      if (word === 'cleanup') {
        const c = newEvent({ type: EVENT_OVERFLOW });
        c.Overflow.Mapkey = 'k';
        return [c];
      }
      return [];
    },
    stats: () => ({ created: 0, live: 0 }) as BucketStats,
    shutdown() {},
  };
}

function line(raw: string): Event {
  const evt = newEvent({ timeMachine: true, process: true });
  evt.Line.Raw = raw;
  return evt;
}

function run(lines: string[], loop = false) {
  const scenarios = fakeScenarios(loop);
  const alerts: string[] = [];
  const overflows: string[] = [];
  const verdicts: string[] = [];
  const warnings: string[] = [];
  const pipeline = new DetectionPipeline(
    { parsers: fakeParsers, scenarios, output: new OverflowOutput(null) },
    {
      onAlert: (a) => alerts.push(`${a.Scenario}:${a.Source.Value}`),
      onOverflow: (_evt, outcome) => overflows.push(outcome.kind),
      onParsed: (_evt, verdict) => verdicts.push(verdict),
      onWarning: (m) => warnings.push(m),
    },
  );
  for (const l of lines) pipeline.process(line(l));
  return { pipeline, scenarios, alerts, overflows, verdicts, warnings };
}

describe('DetectionPipeline', () => {
  it('pours parsed events only: unparsed and whitelisted ones are dropped', () => {
    const r = run(['ok', 'bad', 'wl 1', 'ok']);
    assert.deepEqual(r.verdicts, ['parsed', 'unparsed', 'whitelisted', 'parsed']);
    assert.equal(r.scenarios.poured.length, 2);
    assert.deepEqual(
      { ...r.pipeline.counters },
      {
        events: 4,
        parsed: 3,
        unparsed: 1,
        whitelisted: 1,
        poured: 2,
        overflows: 0,
        overflowsWhitelisted: 0,
        alerts: 0,
        reprocessed: 0,
        reprocessDropped: 0,
      },
    );
  });

  it('emits alerts in order, sends reprocessed overflows and pours them again', () => {
    const r = run(['attack 1.1.1.1', 'pair', 'attack 2.2.2.2']);
    assert.deepEqual(r.alerts, [
      's/attack:1.1.1.1',
      's/chain:1.1.1.1',
      's/one:a',
      's/two:b',
      's/attack:2.2.2.2',
      's/chain:2.2.2.2',
    ]);
    assert.equal(r.pipeline.counters.reprocessed, 2);
    assert.equal(r.pipeline.counters.poured, 5);
    assert.equal(r.scenarios.poured[1]?.Type, EVENT_OVERFLOW, 'the overflow itself is poured again');
  });

  it('ignores bucket clean-up signals', () => {
    const r = run(['cleanup']);
    assert.deepEqual(r.overflows, []);
    assert.equal(r.pipeline.counters.overflows, 0);
  });

  it('bounds reprocessing of a scenario that feeds on its own overflows', () => {
    const r = run(['attack 3.3.3.3'], true);
    assert.equal(r.pipeline.counters.reprocessed, MAX_REPROCESS_DEPTH);
    assert.equal(r.pipeline.counters.reprocessDropped, 1);
    assert.equal(r.alerts.length, MAX_REPROCESS_DEPTH + 1);
    assert.match(r.warnings[0] ?? '', /not reprocessed/);
  });

  it('handles overflows from live timers like poured ones', () => {
    const r = run([]);
    r.pipeline.handleOverflows([overflowOf('s/attack', '4.4.4.4', true)]);
    assert.deepEqual(r.alerts, ['s/attack:4.4.4.4', 's/chain:4.4.4.4']);
  });
});
