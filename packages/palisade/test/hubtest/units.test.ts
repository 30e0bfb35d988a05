import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newEvent } from '../../src/event/index.ts';
import { createHelpers } from '../../src/expr/helpers/index.ts';
import { Float64 } from '../../src/expr/values/float.ts';
import {
  AssertionEvaluator,
  applyDatasourceShim,
  decodeTestConfig,
  goBase,
  ParserResultsCollector,
  ParserResultsType,
  roundTripAny,
  stageOf,
  TestConfigError,
  topLevelEquals,
} from '../../src/hubtest/index.ts';
import { cloneEvent } from '../../src/parser/index.ts';

describe('applyDatasourceShim', () => {
  it('wraps the left side of a datasource_path comparison in basename()', () => {
    assert.equal(
      applyDatasourceShim('results["a"]["b"][0].Evt.Meta["datasource_path"] == "x.log"'),
      'basename(results["a"]["b"][0].Evt.Meta["datasource_path"]) == "x.log"',
    );
  });
  it('leaves lines that already call basename or do not mention datasource_path', () => {
    const a = 'basename(results["a"]["b"][0].Evt.Meta["datasource_path"]) == "x.log"';
    assert.equal(applyDatasourceShim(a), a);
    assert.equal(applyDatasourceShim('len(results) == 4'), 'len(results) == 4');
  });
});

describe('topLevelEquals', () => {
  it('finds the first == outside strings and brackets', () => {
    assert.equal(topLevelEquals('a["=="] == "=="'), 8);
    assert.equal(topLevelEquals('f(a == b) == true'), 10);
    assert.equal(topLevelEquals("x['\\'=='] == 1"), 10);
    assert.equal(topLevelEquals('a != b'), -1);
  });
});

describe('goBase', () => {
  it('behaves like Go filepath.Base', () => {
    assert.equal(goBase('/tmp/x/ssh.log'), 'ssh.log');
    assert.equal(goBase('ssh.log'), 'ssh.log');
    assert.equal(goBase('/tmp/x/'), 'x');
    assert.equal(goBase(''), '.');
    assert.equal(goBase('///'), '/');
  });
});

describe('roundTripAny (yaml.v3 dump and read-back)', () => {
  it('turns integral floats below 1e6 into ints and keeps larger ones as floats', () => {
    assert.equal(roundTripAny(new Float64(401)), 401);
    assert.equal(roundTripAny(new Float64(-5)), -5);
    const big = roundTripAny(new Float64(2_500_000));
    assert.ok(big instanceof Float64 && big.value === 2_500_000);
    assert.equal(roundTripAny(7.181), 7.181);
  });
  it('recurses into lists and maps, producing null-prototype maps', () => {
    const out = roundTripAny({ a: [new Float64(1), 'x', { b: new Float64(2) }] }) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), null);
    const list = out.a as unknown[];
    assert.equal(list[0], 1);
    assert.equal(list[1], 'x');
    assert.equal((list[2] as Record<string, unknown>).b, 2);
  });
});

describe('decodeTestConfig', () => {
  it('ignores unknown keys and empty entries, and reads labels and statics', () => {
    const c = decodeTestConfig(
      [
        'parsers:',
        '- crowdsecurity/sshd-logs',
        '- ""',
        'scenarios:',
        'collections: [x]',
        'ostoverflows: [y]',
        'log_file: a.log',
        'log_type: syslog',
        'labels: {program: envoy}',
        'ignore_parsers: true',
        'override_statics:',
        ' - target: evt.Line.Module',
        '   value: wineventlog',
      ].join('\n'),
      'config.yaml',
    );
    assert.deepEqual(c.parsers, ['crowdsecurity/sshd-logs']);
    assert.deepEqual(c.scenarios, []);
    assert.equal(c.logFile, 'a.log');
    assert.equal(c.labels.program, 'envoy');
    assert.equal(c.ignoreParsers, true);
    assert.deepEqual(c.overrideStatics, [{ target: 'evt.Line.Module', value: 'wineventlog' }]);
  });
  it('rejects a missing log_file and a list where a mapping is expected, naming the key', () => {
    assert.throws(() => decodeTestConfig('log_type: x', 'c.yaml'), /c\.yaml: field "log_file"/);
    assert.throws(() => decodeTestConfig('log_file: a\nlabels: [a]', 'c.yaml'), TestConfigError);
  });
});

describe('stageOf', () => {
  it('is the third-from-last path element', () => {
    assert.equal(stageOf('/hub/parsers/s01-parse/crowdsecurity/x.yaml'), 's01-parse');
    assert.equal(stageOf('x.yaml'), '');
  });
});

describe('ParserResultsCollector and AssertionEvaluator', () => {
  const evaluator = new AssertionEvaluator(createHelpers(), ParserResultsType);

  function collect(): unknown {
    const c = new ParserResultsCollector(cloneEvent);
    const evt = newEvent();
    evt.Line.Src = '/abs/dir/ssh.log';
    evt.Parsed.program = 'sshd';
    evt.Meta.datasource_path = evt.Line.Src;
    evt.Unmarshaled.n = new Float64(3);
    c.node('s00-raw', 'first', evt, true);
    evt.Parsed.program = 'changed later';
    c.node('s00-raw', 'second', evt, false);
    c.node('s01-parse', 'first', evt, true);
    return c.results();
  }

  it('records deep copies per stage and node, plus the success entry', () => {
    const text = [
      'len(results) == 3',
      'len(results["success"][""]) == 0',
      'results["s00-raw"]["first"][0].Evt.Parsed["program"] == "sshd"',
      'results["s00-raw"]["second"][0].Success == false',
      'results["s00-raw"]["second"][0].Idx == 2',
      'results["s00-raw"]["first"][0].Evt.Meta["datasource_path"] == "ssh.log"',
      'type(results["s00-raw"]["first"][0].Evt.Unmarshaled["n"]) == "int"',
      'len(results["s02-enrich"]["none"]) == 0',
    ].join('\n');
    const outcome = evaluator.evaluate(text, collect());
    assert.equal(outcome.firstFailure, undefined, JSON.stringify(outcome.firstFailure));
    assert.equal(outcome.evaluated, 8);
  });

  it('reports run-time errors and non-bool results as failures', () => {
    const results = collect();
    const err = evaluator.evaluate('results["s00-raw"]["first"][5].Success == true', results).firstFailure;
    assert.ok(err?.error);
    assert.match(err.reason, /^run-time error: index out of range/);
    const notBool = evaluator.evaluate('len(results)', results).firstFailure;
    assert.ok(notBool?.error);
  });
});
