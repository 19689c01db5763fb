import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTarget, count, measuredText, passMark, renderBenchMarkdown, targetText, type BenchResult, type TargetCheck } from '../report.js';
import { misses, summaryTable, type SuiteEntry } from '../summary.js';

const base = { benchmark: 'b', figures: 'f', quantity: 'q', limit: 1.0, unit: '×' } as const;

test('checkTarget: ≥, <, within ±limit of 1, none, and nothing measured', () => {
  assert.equal(checkTarget({ ...base, measured: 1.0, comparator: '>=' }).pass, true);
  assert.equal(checkTarget({ ...base, measured: 0.99, comparator: '>=' }).pass, false);
  assert.equal(checkTarget({ ...base, measured: 0.099, comparator: '<', limit: 0.1, unit: '%' }).pass, true);
  assert.equal(checkTarget({ ...base, measured: 0.1, comparator: '<', limit: 0.1, unit: '%' }).pass, false);
  assert.equal(checkTarget({ ...base, measured: 1.029, comparator: 'within', limit: 0.03 }).pass, true);
  assert.equal(checkTarget({ ...base, measured: 0.969, comparator: 'within', limit: 0.03 }).pass, false);
  assert.equal(checkTarget({ ...base, measured: 5, comparator: 'none' }).pass, null);
  assert.equal(checkTarget({ ...base, measured: null, comparator: '>=' }).pass, null);
});

test('target and measured texts', () => {
  assert.equal(targetText({ comparator: '>=', limit: 2, unit: '×' }), '≥ 2.0×');
  assert.equal(targetText({ comparator: '>=', limit: 0.9, unit: '×', stretch: true }), '≥ 0.9× (stretch)');
  assert.equal(targetText({ comparator: 'within', limit: 0.03, unit: '×' }), 'within ±3%');
  assert.equal(targetText({ comparator: '<', limit: 0.1, unit: '%' }), '< 10%');
  assert.equal(targetText({ comparator: 'none', limit: 2, unit: '×' }), '—');
  assert.equal(measuredText({ measured: 0.904, unit: '×', comparator: '>=' }), '0.90×');
  assert.equal(measuredText({ measured: 1.5, unit: '×', comparator: '>=', interval: { ratio: 1.5, low: 1.2, high: 1.9, significant: true } }), '1.50× [95%: 1.20–1.90]');
  assert.equal(measuredText({ measured: 0.985, unit: '×', comparator: 'within' }), '0.985× (-1.5%)');
  assert.equal(measuredText({ measured: -0.052, unit: '%', comparator: '<' }), '-5.2%');
  assert.equal(measuredText({ measured: null, unit: '×', comparator: '>=' }), '—');
  assert.equal(passMark({ pass: true, comparator: '>=' }), '✓');
  assert.equal(passMark({ pass: false, comparator: '>=' }), '✗');
  assert.equal(passMark({ pass: null, comparator: 'none' }), '');
});

test('count: thousands separated, small fractions kept to one decimal, null as a dash', () => {
  assert.equal(count(41234.5), '41,235');
  assert.equal(count(169.24), '169.2');
  assert.equal(count(591), '591');
  assert.equal(count(null), '—');
});

const target = (over: Partial<TargetCheck>): TargetCheck => checkTarget({ ...base, measured: 1.2, comparator: '>=', ...over });
const result = (targets: TargetCheck[]): BenchResult => ({
  name: 'x', title: 'X', startedAt: '2026-01-01T00:00:00.000Z', wallMs: 1000,
  environment: { node: 'v20', platform: 'linux', arch: 'x64', osRelease: '6', cpus: { count: 2, model: 'cpu' }, memoryBytes: 2 ** 30, mcpBench: '0.1.0', loadAverage: [1, 1, 1] },
  settings: {}, cases: [{ name: 'case', contenders: [{ name: 'a', rounds: [{ callsPerSec: 10 }, { callsPerSec: 12 }], median: { callsPerSec: 11 } }], ratios: [] }], targets, notes: ['n'],
});

test('bench Markdown: the case table with the per-round column, and the targets with their marks', () => {
  const markdown = renderBenchMarkdown(result([target({ benchmark: 'stdio 16' })]));
  assert.match(markdown, /\| a \| 11 \| 10, 12 \|/);
  assert.match(markdown, /\| stdio 16 \| f \| q: 1\.20× \| ≥ 1\.0× \| ✓ \|/);
});

test('suite summary: one row per target, a failed benchmark as a miss; stretch misses are not target misses', () => {
  const entries: SuiteEntry[] = [
    { name: 'one', command: 'c', wallMs: 1, outcome: { ok: true, result: result([target({ benchmark: 'ok' }), target({ benchmark: 'low', measured: 0.5 }), target({ benchmark: 'stretch', measured: 0.5, stretch: true })]) } },
    { name: 'two', command: 'c', wallMs: 1, outcome: { ok: false, reason: 'did not finish within its 90 s budget' } },
  ];
  const table = summaryTable(entries);
  assert.equal(table.split('\n').length, 2 + 4);
  assert.match(table, /\| two \| did not finish within its 90 s budget \| — \| — \| ✗ \|/);
  assert.deepEqual(misses(entries), ['low: q 0.50×, target ≥ 1.0×', 'two: did not finish within its 90 s budget']);
});
