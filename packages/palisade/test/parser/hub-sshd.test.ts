/**
 * Smoke check against the real hub (skipped when the hub copy is absent): syslog-logs + sshd-logs
 * on the lines of `.tests/sshd-logs`, compared with the s01-parse Success/Parsed/Meta assertions
 * of its parser.assert (the hubtest harness runs the full suite; this guards the engine alone).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { newEvent } from '../../src/event/index.ts';
import { loadParserSet } from '../../src/parser/index.ts';

const HUB = process.env.PALISADE_HUB_DIR ?? '/work/shared/crowdsec-hub';
const TEST = join(HUB, '.tests', 'sshd-logs');

describe('real hub: crowdsecurity/sshd-logs', { skip: !existsSync(TEST) && 'hub not available' }, () => {
  it('matches the s01-parse assertions of its hubtest', () => {
    const items = ['s00-raw/crowdsecurity/syslog-logs', 's01-parse/crowdsecurity/sshd-logs'].map((rel) => {
      const [stage, author, name] = rel.split('/') as [string, string, string];
      return {
        stage,
        name: `${author}/${name}`,
        path: `parsers/${rel}.yaml`,
        absPath: join(HUB, 'parsers', `${rel}.yaml`),
      };
    });
    const { set, errors } = loadParserSet({
      kind: 'parsers',
      items,
      patternsDir: join(HUB, 'patterns'),
      dataDir: join(HUB, 'data'),
    });
    assert.deepEqual(
      errors.map((e) => e.format()),
      [],
    );
    const results: { success: boolean; parsed: Record<string, string>; meta: Record<string, string> }[] = [];
    const lines = readFileSync(join(TEST, 'sshd-logs.log'), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    for (const line of lines) {
      const evt = newEvent();
      evt.Line.Raw = line;
      evt.Line.Labels.type = 'syslog';
      evt.Line.Src = join(TEST, 'sshd-logs.log');
      evt.Line.Module = 'file';
      set.parse(evt, {
        node(stage, name, e, success) {
          if (stage === 's01-parse' && name === 'crowdsecurity/sshd-logs')
            results.push({ success, parsed: { ...e.Parsed }, meta: { ...e.Meta } });
        },
      });
    }
    const assertions = readFileSync(join(TEST, 'parser.assert'), 'utf8').split('\n');
    const re =
      /^results\["s01-parse"\]\["crowdsecurity\/sshd-logs"\]\[(\d+)\]\.(Success == (true|false)|Evt\.(Parsed|Meta)\["([^"]+)"\] == "((?:[^"\\]|\\.)*)")$/;
    let checked = 0;
    for (const a of assertions) {
      const m = re.exec(a);
      if (!m) continue;
      const r = results[Number(m[1])];
      assert.ok(r, a);
      if (m[3] !== undefined) assert.equal(r.success, m[3] === 'true', a);
      else {
        const map = m[4] === 'Parsed' ? r.parsed : r.meta;
        assert.equal(map[m[5]!], JSON.parse(`"${m[6]}"`), a);
      }
      checked++;
    }
    assert.ok(checked > 100, `only ${checked} assertions checked`);
  });
});
