/**
 * A tiny hub for end-to-end pipeline tests, written for them: lines `<RFC 3339> <ip> <action>`,
 * a parser whitelist (10.0.0.1), a leaky brute-force scenario (3 `fail` in a row), a postoverflow
 * whitelist (5.6.7.8), and a reprocessed trigger (`boom`) whose overflow feeds a second trigger.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const DEMO_FILES: Readonly<Record<string, string>> = {
  'parsers/s00-raw/me/demo-logs.yaml': `onsuccess: next_stage
name: me/demo-logs
description: demo lines
filter: "evt.Line.Labels.type == 'demo'"
grok:
  pattern: '^%{TIMESTAMP_ISO8601:ts} %{IP:source_ip} %{WORD:action}$'
  apply_on: Line.Raw
statics:
  - meta: source_ip
    expression: evt.Parsed.source_ip
  - meta: action
    expression: evt.Parsed.action
  - target: evt.StrTime
    expression: evt.Parsed.ts
  - method: ParseDate
    expression: evt.StrTime
  - target: MarshaledTime
    expression: evt.Enriched.MarshaledTime
`,
  'parsers/s01-whitelist/me/lan.yaml': `name: me/lan
description: the LAN box
whitelist:
  reason: lan
  ip: ["10.0.0.1"]
`,
  'postoverflows/s01-whitelist/me/partner.yaml': `name: me/partner
description: a partner that looks like an attacker
whitelist:
  reason: partner
  ip: ["5.6.7.8"]
`,
  'scenarios/me/demo-bf.yaml': `type: leaky
name: me/demo-bf
description: three failures in a row
filter: "evt.Meta.action == 'fail'"
groupby: evt.Meta.source_ip
capacity: 2
leakspeed: 10s
blackhole: 1m
labels:
  remediation: true
`,
  'scenarios/me/demo-boom.yaml': `type: trigger
name: me/demo-boom
description: one boom
filter: "evt.Meta.action == 'boom'"
groupby: evt.Meta.source_ip
reprocess: true
labels:
  remediation: false
`,
  'scenarios/me/demo-chain.yaml': `type: trigger
name: me/demo-chain
description: a boom alert was raised
filter: "evt.GetType() == 'overflow' && evt.Overflow.Alert.GetScenario() == 'me/demo-boom'"
labels:
  remediation: true
`,
};

/** The demo log: what each line should do is in the comment column of `DEMO_LOG_NOTES`. */
export const DEMO_LOG = [
  '2026-02-12T14:10:21Z 1.2.3.4 fail',
  '2026-02-12T14:10:22Z 1.2.3.4 fail',
  '2026-02-12T14:10:22Z 10.0.0.1 fail',
  '2026-02-12T14:10:22Z 10.0.0.1 fail',
  '2026-02-12T14:10:22Z 10.0.0.1 fail',
  '2026-02-12T14:10:23Z 1.2.3.4 fail',
  '2026-02-12T14:10:24Z 5.6.7.8 fail',
  '2026-02-12T14:10:24Z 5.6.7.8 fail',
  '2026-02-12T14:10:24Z 5.6.7.8 fail',
  'this line is not a demo line',
  '2026-02-12T14:10:30Z 9.9.9.9 boom',
  '2026-02-12T14:10:31Z 7.7.7.7 fail',
  '',
].join('\n');

/** Writes the demo hub (and the log as `demo.log` inside it); returns its directory. */
export function writeDemoHub(): string {
  const hub = mkdtempSync(join(tmpdir(), 'palisade-demo-hub-'));
  for (const [path, text] of Object.entries(DEMO_FILES)) {
    mkdirSync(dirname(join(hub, path)), { recursive: true });
    writeFileSync(join(hub, path), text);
  }
  mkdirSync(join(hub, 'data'), { recursive: true });
  writeFileSync(join(hub, 'demo.log'), DEMO_LOG);
  return hub;
}
