import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ipEvent, loadInline, pourAll } from './harness.ts';

// CrowdSec keeps every bucket instance in one map keyed by partition key (filter, groupby value,
// name): two scenario documents with the same filter and name share their instances, and the
// first one to create an instance processes the events both pour into it (hub-compat §2.3-§2.4;
// hub test pterodactyl-wings-bf).
const twoDocumentsOneName = `
type: leaky
name: test/shared
description: first document
filter: "evt.Meta.log_type == 'test'"
groupby: evt.Meta.source_ip
capacity: 5
leakspeed: 15m
labels:
  remediation: true
---
type: leaky
name: test/shared
description: same filter and name, with a distinct
filter: evt.Meta.log_type == 'test'
groupby: evt.Meta.source_ip
distinct: evt.Meta.user
capacity: 5
leakspeed: 15m
labels:
  remediation: true
`;

describe('scenarios sharing a partition key', () => {
  it('pour into one instance: three events poured twice overflow a capacity-5 bucket', () => {
    const { set, errors } = loadInline(twoDocumentsOneName);
    assert.deepEqual(errors, []);
    const events = [0, 1, 2].map((s) => ipEvent('1.2.3.4', s, { user: 'same' }));
    const overflows = pourAll(set, events);
    // Six pours (each event twice) into the first document's instance: the sixth overflows. With
    // one instance per document, the first would hold 3 events and the distinct one 1.
    assert.equal(overflows.length, 1);
    assert.equal(overflows[0]?.at, 2);
    assert.equal(overflows[0]?.evt.Overflow.Alert?.EventsCount, 6);
  });

  it('keeps separate instances when the filters differ', () => {
    const differentFilter = twoDocumentsOneName.replace(
      "filter: evt.Meta.log_type == 'test'",
      "filter: evt.Meta.log_type == 'test' && true",
    );
    const { set, errors } = loadInline(differentFilter);
    assert.deepEqual(errors, []);
    const events = [0, 1, 2].map((s) => ipEvent('1.2.3.4', s, { user: 'same' }));
    assert.equal(pourAll(set, events).length, 0);
  });
});
