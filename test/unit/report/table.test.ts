import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJson } from '../../../src/report/json.js';
import { renderTable } from '../../../src/report/table.js';
import { fixtureSummary } from '../../fixtures/summary.js';

const ANSI = /\u001b\[/;

describe('table reporter', () => {
  const summary = fixtureSummary();
  const text = renderTable(summary, { color: false });

  it('shows each workload with its shape, counts, warmup and connection costs', () => {
    assert.match(text, /echo-seq sequential · 1,000 calls in 1\.05s \(\+10 warmup\)/);
    assert.match(text, /mixed concurrent · 8 in flight · 5,000 calls in 1\.00s/);
    assert.match(text, /connect 41\.0ms · initialize 2\.50ms · mcp-bench-reference 0\.1\.0, protocol 2025-06-18/);
  });

  it('prints humanised percentiles of the recorded latencies', () => {
    const echoRow = text.split('\n').find((line) => line.includes('tools/call echo') && line.includes('953'));
    assert.ok(echoRow, `a sequential echo row at 953 calls/s in:\n${text}`);
    assert.match(echoRow, /1\.05ms/); // p50 of 1000–1099 µs
    assert.match(echoRow, /1\.10ms/); // max
  });

  it('shows error counts with rate and their kinds', () => {
    assert.match(text, /10 \(0\.25%\)/);
    assert.match(text, /errors · tools\/call echo: tool-error ×10/);
  });

  it('compares the concurrent workload with the sequential one on the shared operation', () => {
    assert.match(text, /vs echo-seq: 5\.2× the calls\/s at 8 in flight \(different mixes: 1 of 2 operations shared\); tools\/call echo p50 1\.05ms → 2\.50ms/);
  });

  it('explains a failed workload with the server\'s last words, and marks the rest not run', () => {
    assert.match(text, /✗ the server closed the connection mid-run \(did the process exit\?\) \(transport:closed\)/);
    assert.match(text, /server: boom/);
    assert.match(text, /never sequential\n\s+not run/);
    assert.match(text, /Partial run/);
  });

  it('has no colour codes unless asked, and has them when asked', () => {
    assert.doesNotMatch(text, ANSI);
    assert.match(renderTable(summary, { color: true }), ANSI);
  });
});

describe('JSON reporter', () => {
  it('writes the documented field names, with histograms that decode', () => {
    const report = JSON.parse(renderJson(fixtureSummary()));
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.tool.name, 'mcp-bench');
    const op = report.workloads[0].operations[0];
    assert.deepEqual(Object.keys(op).sort(), ['count', 'errorRate', 'errors', 'histogram', 'latencyUs', 'name', 'ok', 'throughputPerSec', 'warmupCalls']);
    assert.deepEqual(Object.keys(op.latencyUs).sort(), ['max', 'mean', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'stdev']);
    assert.equal(op.count, 1000);
    assert.equal(op.warmupCalls, 10);
    assert.equal(report.partial, true);
    assert.equal(report.failure.code, 'transport:closed');
    assert.deepEqual(report.warnings, ['tool "nope" is not offered']);
  });
});
