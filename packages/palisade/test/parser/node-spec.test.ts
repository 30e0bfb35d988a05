import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decoder } from '../../src/hub/decode.ts';
import { readParserDocument } from '../../src/hub/parser-node.ts';
import { YamlSource } from '../../src/hub/yaml-source.ts';

const YAML = `name: me/node
description: d
onsuccess: next_stage
filter: "evt.Line.Labels.type == 'x'"
pattern_syntax:
  A: '%{INT:a}'
grok:
  name: A
  apply_on: message
  statics:
    - meta: g
      value: "1"
stash:
  - name: cache
    key: evt.Parsed.a
    value: evt.Parsed.a
    ttl: 1m
    size: 5
whitelist:
  reason: r
  ip: ["1.2.3.4"]
  expression:
    - evt.Meta.a == '1'
data:
  - dest_file: f.txt
    type: string
    ttl: 10s
nodes:
  - filter: |
      true
    statics:
      - target: evt.StrTime
        expression: evt.Parsed.a
`;

describe('readParserDocument node specification', () => {
  it('yields every key with its position', () => {
    const { source, errors } = YamlSource.parse('p.yaml', YAML);
    assert.deepEqual(errors, []);
    const dec = new Decoder(source);
    const r = readParserDocument(dec, source.documents[0]!.root, 'me/node', 'parsers');
    assert.deepEqual(dec.errors, []);
    const n = r.node!;
    assert.equal(n.name, 'me/node');
    assert.equal(n.onSuccess, 'next_stage');
    assert.equal(n.filter?.source, "evt.Line.Labels.type == 'x'");
    assert.equal(n.filter?.where.line, 4);
    assert.deepEqual(
      n.patternSyntax.map((p) => [p.name, p.pattern, p.where.line]),
      [['A', '%{INT:a}', 6]],
    );
    assert.equal(n.grok?.name, 'A');
    assert.equal(n.grok?.applyOn, 'message');
    assert.equal(n.grok?.patternWhere.line, 8);
    assert.equal(n.grok?.statics[0]?.meta, 'g');
    assert.equal(n.stash[0]?.ttlNs, 60e9);
    assert.equal(n.stash[0]?.size, 5);
    assert.equal(n.stash[0]?.strategy, 'LRU');
    assert.equal(n.stash[0]?.key?.where.line, 15);
    assert.deepEqual(
      n.whitelist?.ips.map((i) => i.text),
      ['1.2.3.4'],
    );
    assert.equal(n.whitelist?.expressions[0]?.where.line, 23);
    assert.deepEqual(
      n.data.map((d) => [d.destFile, d.type, d.ttlNs, d.cache]),
      [['f.txt', 'string', 10e9, undefined]],
    );
    const child = n.nodes[0]!;
    assert.equal(child.path, 'nodes[0]');
    assert.equal(child.filter?.where.line, 30);
    assert.equal(child.filter?.linesMap, true);
    assert.equal(child.statics[0]?.target, 'evt.StrTime');
    assert.equal(child.statics[0]?.expression?.path, 'nodes[0].statics[0].expression');
    // the sites of the linter are still produced
    assert.equal(r.exprSites.length, 6);
    assert.equal(r.grokSites.length, 2);
  });
});
