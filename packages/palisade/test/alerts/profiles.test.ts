import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_PROFILES_YAML,
  decodeProfiles,
  loadProfilesFile,
  ProfileEvaluationError,
  ProfileSet,
} from '../../src/alerts/index.ts';
import { Alert, AlertDecision } from '../../src/event/index.ts';

function alert(
  fields: { scope?: string; value?: string; remediation?: boolean; scenario?: string } = {},
): Alert {
  const a = new Alert();
  a.Scenario = fields.scenario ?? 'crowdsecurity/ssh-bf';
  a.Remediation = fields.remediation ?? true;
  a.Source.Scope = fields.scope ?? 'Ip';
  a.Source.Value = fields.value ?? '1.2.3.4';
  a.EventsCount = 6;
  return a;
}

function load(text: string, warnings: string[] = []): ProfileSet {
  const { set, errors } = ProfileSet.load({
    file: 'profiles.yaml',
    text,
    onWarning: (m) => warnings.push(m),
  });
  assert.deepEqual(
    errors.map((e) => e.format()),
    [],
  );
  assert.ok(set);
  return set;
}

function loadErrors(text: string): string[] {
  const { set, errors } = ProfileSet.load({ file: 'profiles.yaml', text });
  assert.equal(set, null);
  return errors.map((e) => e.format());
}

describe('default profiles', () => {
  const { set } = loadProfilesFile(undefined);
  assert.ok(set);

  it('are our two remediation profiles', () => {
    assert.deepEqual(set.names, ['default_ip_remediation', 'default_range_remediation']);
  });

  it('ban an IP source for 4h when the scenario asks for remediation', () => {
    const a = alert();
    const r = set.evaluate(a);
    assert.equal(r.profile, 'default_ip_remediation');
    assert.equal(r.decisions.length, 1);
    const d = r.decisions[0] as AlertDecision;
    assert.deepEqual(
      {
        type: d.Type,
        duration: d.Duration,
        scope: d.Scope,
        value: d.Value,
        origin: d.Origin,
        scenario: d.Scenario,
      },
      {
        type: 'ban',
        duration: '4h',
        scope: 'Ip',
        value: '1.2.3.4',
        origin: 'crowdsec',
        scenario: 'crowdsecurity/ssh-bf',
      },
    );
    assert.equal(d.Simulated, false);
    assert.equal(d.Until, '', 'until is the LAPI business');
    assert.equal(a.Decisions, r.decisions, 'attached to the alert as the LAPI does');
  });

  it('ban a range source with the range profile', () => {
    const r = set.evaluate(alert({ scope: 'Range', value: '2001:db8::/64' }));
    assert.equal(r.profile, 'default_range_remediation');
    assert.equal(r.decisions[0]?.Scope, 'Range');
    assert.equal(r.decisions[0]?.Value, '2001:db8::/64');
  });

  it('give nothing without remediation or for another scope', () => {
    assert.deepEqual(set.evaluate(alert({ remediation: false })).decisions, []);
    const r = set.evaluate(alert({ scope: 'username', value: 'root' }));
    assert.deepEqual(r.decisions, []);
    assert.deepEqual(r.matched, []);
    assert.equal(r.profile, undefined);
  });

  it('is valid YAML we wrote ourselves, with two documents', () => {
    assert.equal(decodeProfiles('x', DEFAULT_PROFILES_YAML).profiles.length, 2);
  });
});

describe('profile semantics', () => {
  it('generates one set of decisions per true filter', () => {
    const set = load(`name: twice
filters:
  - Alert.GetScope() == "Ip"
  - Alert.GetValue() == "1.2.3.4"
  - false
decisions:
  - type: ban
  - type: captcha
    duration: 1h
`);
    const r = set.evaluate(alert());
    assert.deepEqual(
      r.decisions.map((d) => `${d.Type}/${d.Duration}`),
      ['ban/4h', 'captcha/1h', 'ban/4h', 'captcha/1h'],
    );
  });

  it('attaches only the first matching profile with decisions; every match notifies', () => {
    const set = load(`name: notify-only
filters: ["true"]
notifications: [slack]
---
name: first
filters: ["true"]
decisions: [{type: ban, duration: 1h}]
notifications: [mail]
---
name: second
filters: ["true"]
decisions: [{type: captcha}]
notifications: [http]
on_success: break
---
name: never
filters: ["true"]
notifications: [never]
`);
    const r = set.evaluate(alert());
    assert.equal(r.profile, 'first');
    assert.deepEqual(
      r.decisions.map((d) => d.Type),
      ['ban'],
    );
    assert.deepEqual(r.matched, ['notify-only', 'first', 'second']);
    assert.deepEqual(r.notifications, ['slack', 'mail', 'http']);
  });

  it('lets later filters see the decisions already attached', () => {
    const set = load(`name: first
filters: ["true"]
decisions: [{type: ban}]
---
name: second
filters: ["len(Alert.Decisions) == 1"]
notifications: [seen]
`);
    assert.deepEqual(set.evaluate(alert()).notifications, ['seen']);
  });

  it('uses the profile scope, origin and simulated flags', () => {
    const set = load(`name: p
filters: ["true"]
decisions:
  - type: ban
    scope: custom_scope
    origin: lists
    simulated: true
  - type: ban
    origin: ""
`);
    const [a, b] = set.evaluate(alert()).decisions;
    assert.equal(a?.Scope, 'custom_scope');
    assert.equal(a?.Origin, 'crowdsec/lists');
    assert.equal(a?.Simulated, true);
    assert.equal(b?.Scope, 'Ip');
    assert.equal(b?.Origin, 'crowdsec/', 'a present but empty origin is still appended');
    assert.equal(b?.Simulated, false);
    const sim = alert();
    sim.Simulated = true;
    assert.equal(
      set.evaluate(sim).decisions[1]?.Simulated,
      true,
      'a simulated alert gives simulated decisions',
    );
  });

  it('takes duration_expr when it yields a duration, else the static duration', () => {
    const warnings: string[] = [];
    const set = load(
      `name: expr
filters: ["true"]
duration_expr: Sprintf('%dh', Alert.GetEventsCount() * 2)
decisions: [{type: ban, duration: 1h}]
---
name: bad
filters: ["true"]
duration_expr: "'forever'"
decisions: [{type: ban, duration: 3h}]
`,
      warnings,
    );
    const r = set.evaluate(alert());
    assert.equal(r.decisions[0]?.Duration, '12h');
    const fresh = alert();
    const second = load(
      `name: bad
filters: ["true"]
duration_expr: "'forever'"
decisions: [{type: ban, duration: 3h}]
`,
      warnings,
    );
    assert.equal(second.evaluate(fresh).decisions[0]?.Duration, '3h');
    assert.ok(warnings.some((w) => w.includes("'forever'")));
  });

  it('accepts days in durations', () => {
    const set = load(`name: p
filters: ["true"]
decisions: [{type: ban, duration: 2d}]
`);
    assert.equal(set.evaluate(alert()).decisions[0]?.Duration, '2d');
  });

  it('keeps decisions an alert arrives with and only picks notifications', () => {
    const set = load(`name: p
filters: ["true"]
decisions: [{type: ban}]
notifications: [n]
`);
    const a = alert();
    const manual = new AlertDecision();
    manual.Type = 'captcha';
    a.Decisions = [manual];
    const r = set.evaluate(a);
    assert.deepEqual(r.decisions, []);
    assert.deepEqual(r.notifications, ['n']);
    assert.deepEqual(a.Decisions, [manual]);
  });
});

describe('on_error', () => {
  const failing = (onError: string) => `name: failing
filters: ['Alert.Events[5].Timestamp == ""']
decisions: [{type: ban, duration: 1h}]
notifications: [failing]
${onError === '' ? '' : `on_error: ${onError}`}
---
name: fallback
filters: ["true"]
decisions: [{type: captcha}]
notifications: [fallback]
`;

  it('unset: the alert is refused', () => {
    const set = load(failing(''));
    assert.throws(
      () => set.evaluate(alert()),
      (err: unknown) => {
        assert.ok(err instanceof ProfileEvaluationError);
        assert.equal(err.profile, 'failing');
        return true;
      },
    );
  });

  it('apply: counts as matched, without decisions of its own', () => {
    const r = load(failing('apply')).evaluate(alert());
    assert.deepEqual(r.matched, ['failing', 'fallback']);
    assert.equal(r.profile, 'fallback');
    assert.deepEqual(r.notifications, ['failing', 'fallback']);
  });

  it('continue and ignore: the profile is skipped', () => {
    for (const mode of ['continue', 'ignore']) {
      const r = load(failing(mode)).evaluate(alert());
      assert.deepEqual(r.matched, ['fallback'], mode);
    }
  });

  it('break: only stops when the profile had matched before the error', () => {
    const r = load(failing('break')).evaluate(alert());
    assert.deepEqual(r.matched, ['fallback'], 'nothing matched yet: the walk goes on');
    const set = load(`name: failing
filters: ["true", 'Alert.Events[5].Timestamp == ""']
decisions: [{type: ban}]
on_error: break
---
name: later
filters: ["true"]
notifications: [later]
`);
    const r2 = set.evaluate(alert());
    assert.deepEqual(r2.matched, ['failing']);
    assert.deepEqual(r2.decisions, [], 'an error drops the decisions generated so far');
  });

  it('a non-bool filter result is an error', () => {
    const set = load(`name: p
filters: ["Alert.GetScope()"]
decisions: [{type: ban}]
on_error: continue
`);
    assert.deepEqual(set.evaluate(alert()).matched, []);
  });

  it('on_failure is accepted and has no effect', () => {
    const set = load(`name: p
filters: ["false", "true"]
decisions: [{type: ban}]
on_failure: break
`);
    assert.equal(set.evaluate(alert()).decisions.length, 1);
  });
});

describe('loading profiles', () => {
  it('rejects unknown keys with their line', () => {
    assert.deepEqual(
      loadErrors(`name: a
filters: ["true"]
decisions:
  - type: ban
    durations: 4h
`),
      ['profiles.yaml:5: unknown key "durations" in profile \'a\': decision'],
    );
    assert.match(
      loadErrors('name: a\nfilter: ["true"]\n')[0] ?? '',
      /profiles\.yaml:2: unknown key "filter" in profile/,
    );
  });

  it('rejects bad on_success / on_failure, a decision without type, a bad duration', () => {
    assert.match(
      loadErrors('name: a\non_success: stop\n')[0] ?? '',
      /:2: profile 'a': invalid on_success 'stop'/,
    );
    assert.match(loadErrors('name: a\non_failure: stop\n')[0] ?? '', /invalid on_failure 'stop'/);
    assert.match(
      loadErrors('name: a\ndecisions: [{duration: 1h}]\n')[0] ?? '',
      /:2: profile 'a': a decision needs a type/,
    );
    assert.match(
      loadErrors('name: a\ndecisions: [{type: ban, duration: 4x}]\n')[0] ?? '',
      /invalid decision duration '4x'/,
    );
  });

  it('does not check static durations when duration_expr is set (as CrowdSec)', () => {
    load('name: a\nduration_expr: "\'1h\'"\ndecisions: [{type: ban, duration: nope}]\n');
  });

  it('locates expression compile errors', () => {
    const errors = loadErrors('name: a\nfilters:\n  - "true"\n  - Alert.Nope == 1\n');
    assert.match(errors[0] ?? '', /^profiles\.yaml:4: cannot compile 'Alert\.Nope == 1'/);
  });

  it('needs at least one profile', () => {
    assert.deepEqual(loadErrors('# nothing\n'), ['profiles.yaml: no profile: at least one is needed']);
  });

  it('warns on an on_error value that behaves as unset', () => {
    const warnings: string[] = [];
    const set = load('name: a\nfilters: ["true"]\non_error: report\n', warnings);
    assert.match(warnings[0] ?? '', /on_error 'report'/);
    assert.equal(set.evaluate(alert()).matched.length, 1);
  });
});
