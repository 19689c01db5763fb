import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protocolVersionNote } from '../../../src/compare/protocol-note.js';
import type { WorkloadSummary } from '../../../src/summary/summary.js';

const workload = (variant: string, protocolVersion: string | null) =>
  ({ variant, connection: { server: { name: 's', version: '1', protocolVersion } } }) as unknown as WorkloadSummary;

test('names each variant’s protocol version when they differ', () => {
  const note = protocolVersionNote(['old', 'new'], [workload('old', '2025-06-18'), workload('new', '2025-11-25')]);
  assert.equal(note, 'protocol versions differ: old 2025-06-18, new 2025-11-25');
});

test('says nothing when every variant negotiated the same version', () => {
  assert.equal(protocolVersionNote(['a', 'b'], [workload('a', '2025-06-18'), workload('b', '2025-06-18')]), null);
});

test('a variant that never connected reads unknown', () => {
  assert.equal(protocolVersionNote(['a', 'b'], [workload('a', '2025-06-18'), workload('b', null)]), 'protocol versions differ: a 2025-06-18, b unknown');
});
