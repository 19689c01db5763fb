import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCapacityHtml } from '../../../src/capacity/html.js';
import { capacityReport, renderCapacityJson, renderCapacityText, resultLine } from '../../../src/capacity/report.js';
import type { SearchResult } from '../../../src/capacity/search.js';
import { parsePrecision, capacitySettings } from '../../../src/capacity/settings.js';
import { parseSlos, type Slo } from '../../../src/capacity/slo.js';
import { judgeStep, type Step, type StepFigures } from '../../../src/capacity/step.js';
import { stepPlan, stepScenario, stepWorkload, type StepBase } from '../../../src/capacity/step-plan.js';
import { createHistogram, encodeHistogram, recordUs } from '../../../src/stats/histogram.js';

const parsed = parseSlos(['error_rate<1%', 'p99<50ms']);
assert.ok(parsed.ok);
const SLOS: readonly Slo[] = parsed.slos;

function stepAt(rate: number, opts: { errors?: number; slowUs?: number; achieved?: number; dropped?: number; generator?: string } = {}): StepFigures {
  const calls = 2_000;
  const histogram = createHistogram();
  for (let i = 0; i < calls; i++) recordUs(histogram, opts.slowUs ?? 5_000);
  const errors = opts.errors ?? 0;
  return {
    targetRatePerSec: rate,
    achievedRatePerSec: opts.achieved ?? rate,
    scheduled: calls,
    dropped: opts.dropped ?? 0,
    calls,
    errors,
    errorRate: errors / calls,
    p50Us: opts.slowUs ?? 5_000,
    p99Us: opts.slowUs ?? 5_000,
    histogram: encodeHistogram(histogram),
    generatorLimit: opts.generator ?? null,
  };
}

describe('judgeStep', () => {
  it('passes a step that meets every SLO beyond noise', () => {
    const step = judgeStep(stepAt(100), SLOS);
    assert.equal(step.verdict, 'pass');
    assert.equal(step.why, 'meets the SLO beyond noise');
  });

  it('passes a step with failed calls under a latency-only SLO, and says no --slo limits its errors', () => {
    const latencyOnly = SLOS.filter((slo) => slo.metric !== 'error_rate');
    const step = judgeStep(stepAt(100, { errors: 2_000 }), latencyOnly);
    assert.equal(step.verdict, 'pass');
    assert.equal(step.why, 'meets the SLO beyond noise, but 100.00% of calls failed and no --slo limits error_rate');
    assert.equal(judgeStep(stepAt(100), latencyOnly).why, 'meets the SLO beyond noise');
  });

  it('fails on the SLO that fails, naming it and its value', () => {
    const step = judgeStep(stepAt(400, { errors: 500 }), SLOS);
    assert.equal(step.verdict, 'fail');
    assert.match(step.why, /^error_rate<1% fails: 25\.00%, at least/);
  });

  it('fails a step whose generator fell short of the rate, whatever the SLO says, and blames the generator', () => {
    const step = judgeStep(stepAt(1_000, { achieved: 700, generator: 'own process was saturated (its own CPU 99% of a core)' }), SLOS);
    assert.equal(step.verdict, 'fail');
    assert.match(step.why, /^the rate was not reached: sent 700\/s of 1,000\/s — the generator, not the server, may be the limit: mcp-bench's own process was saturated/);
  });

  it('fails a step that dropped arrivals', () => {
    const step = judgeStep(stepAt(100, { dropped: 3 }), SLOS);
    assert.equal(step.verdict, 'fail');
    assert.match(step.why, /3 arrivals dropped/);
  });

  it('is inconclusive when an SLO straddles its limit and none fails', () => {
    const step = judgeStep(stepAt(300, { errors: 24 }), SLOS);
    assert.equal(step.verdict, 'inconclusive');
    assert.match(step.why, /^error_rate<1% within noise: 1\.20% \(95% /);
  });
});

function search(steps: Step[], over: Partial<SearchResult<Step>> = {}): SearchResult<Step> {
  return { steps, stop: 'bracketed', lastPassPerSec: 290, firstFailPerSec: 300, aboutPerSec: null, aborted: null, abortCause: null, ...over };
}
const SETTINGS = { startPerSec: 10, maxPerSec: 10_000, precision: 0.05, maxSteps: 16, stepUs: 5_000_000, warmupUs: 1_000_000 };

describe('capacity report', () => {
  const steps = [judgeStep(stepAt(290), SLOS), judgeStep(stepAt(300, { errors: 500 }), SLOS)];
  const report = capacityReport('Streamable HTTP: http://127.0.0.1:1/mcp', SLOS, SETTINGS, search(steps));

  it('words each way the search can end in one line', () => {
    assert.equal(report.result.line, 'knee 290/s: passes at 290/s, fails at 300/s (bracket 3.4% wide)');
    const line = (over: Partial<SearchResult<Step>>) => resultLine(search([], over), SETTINGS);
    assert.match(line({ stop: 'inconclusive', aboutPerSec: 295 }), /^knee about 295\/s, within noise/);
    assert.match(line({ stop: 'max-reached', firstFailPerSec: null }), /passes at --max 10,000\/s/);
    assert.match(line({ stop: 'first-step-failed', lastPassPerSec: null, firstFailPerSec: 10 }), /even the start rate 10\.0\/s fails/);
    assert.match(line({ stop: 'step-budget' }), /^knee at least 290\/s, below 300\/s: the step budget \(16\)/);
    assert.match(line({ stop: 'aborted', aborted: 'connection refused' }), /a step could not run: connection refused/);
  });

  it('the text shows every step in order with its figures and verdict, then the knee', () => {
    const text = renderCapacityText(report);
    const lines = text.split('\n');
    assert.equal(lines[0], 'capacity of Streamable HTTP: http://127.0.0.1:1/mcp under error_rate<1% and p99<50ms');
    assert.match(lines[2] ?? '', /^step\s+target\s+achieved\s+p50\s+p99\s+errors\s+dropped\s+verdict\s+why$/);
    assert.match(lines[3] ?? '', /^\s+1\s+290\/s\s+290\/s\s+5\.00ms\s+5\.00ms\s+0\.00%\s+0\s+pass\s+meets the SLO/);
    assert.match(lines[4] ?? '', /^\s+2\s+300\/s\s+300\/s\s+5\.00ms\s+5\.00ms\s+25\.00%\s+0\s+fail\s+error_rate<1% fails/);
    assert.equal(lines[6], report.result.line);
  });

  it('the JSON carries the settings, the SLOs, every step and the result', () => {
    const data = JSON.parse(renderCapacityJson(report));
    assert.equal(data.kind, 'mcp-bench capacity');
    assert.deepEqual(data.slos.map((s: { text: string }) => s.text), ['error_rate<1%', 'p99<50ms']);
    assert.equal(data.steps.length, 2);
    assert.equal(data.result.lastPassPerSec, 290);
    assert.equal(data.settings.stepUs, 5_000_000);
  });

  it('the HTML is one page with an inline SVG: points by verdict, the SLO limits, the knee; no scripts or links', () => {
    const html = renderCapacityHtml({ ...report, target: 'a <b>target</b>' });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    assert.equal((html.match(/<circle class="step pass"/g) ?? []).length, 1);
    assert.equal((html.match(/<circle class="step fail"/g) ?? []).length, 1);
    assert.equal((html.match(/<line class="slo"/g) ?? []).length, 2);
    assert.match(html, /<line class="knee"[^>]*\/>\n<text[^>]*>knee 290\/s<\/text>/);
    assert.match(html, /a &lt;b&gt;target&lt;\/b&gt;/);
  });
});

describe('capacity settings', () => {
  it('reads the flags, every problem at once', () => {
    const good = capacitySettings({ start: '10/s', max: '1000/s', step: '300ms', warmup: '0', precision: '20%', maxSteps: '8' });
    assert.ok(good.ok);
    assert.deepEqual(good.value, { startPerSec: 10, maxPerSec: 1000, precision: 0.2, maxSteps: 8, stepUs: 300_000, warmupUs: 0 });
    const bad = capacitySettings({ start: '100/s', max: '10/s', step: '0s', warmup: 'x', precision: '150%', maxSteps: '0' });
    assert.ok(!bad.ok);
    assert.equal(bad.problems.length, 5);
    assert.match(bad.problems.join('\n'), /--max \(10\/s\) is below --start \(100\/s\)/);
    assert.equal(parsePrecision('0.05'), 0.05);
    assert.equal(parsePrecision('5%'), 0.05);
    assert.equal(parsePrecision('0'), null);
  });
});

describe('stepPlan', () => {
  const raw = {
    name: 'mine',
    thresholds: ['p99<1s'],
    target: { builtin: {} },
    workloads: [{ name: 'w', type: 'concurrent', concurrency: 8, iterations: 50, client: { timeout: '1s' }, thresholds: ['p50<1ms'], operations: [{ method: 'ping' }] }],
  };
  const base: StepBase = { file: null as unknown as string, env: {}, raw, data: new Map(), overrides: {}, operations: null };

  it('drops the thresholds, the scenario\'s and its workload\'s: the SLO judges a step', () => {
    const { workloads, ...rest } = stepScenario(raw) as { workloads: Record<string, unknown>[] };
    assert.deepEqual(rest, { name: 'mine', target: { builtin: {} } });
    assert.equal(workloads.length, 1);
    assert.equal(workloads[0]?.thresholds, undefined);
    assert.equal(workloads[0]?.concurrency, 8, 'the override, not stepScenario, reshapes the workload');
  });

  it('lays the step over the one workload as a constant-rate run of its shape (concurrency and iterations dropped)', () => {
    const resolved = stepPlan(base, { ratePerSec: 287.5, durationUs: 300_000, warmupUs: 0 });
    assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
    const [workload] = resolved.plan.workloads as unknown as Record<string, unknown>[];
    assert.equal(workload?.type, 'constant-rate');
    assert.equal(workload?.name, 'w');
    assert.equal(workload?.thresholds, undefined);
    assert.equal(workload?.warmup, null);
    assert.deepEqual((workload?.operations as { request: { method: string } }[]).map((op) => op.request.method), ['ping']);
    assert.deepEqual(workload?.measure, { kind: 'duration', us: 300_000 });
  });

  it('puts the operation flags\' operations in place of the workload\'s, and a warmup when given', () => {
    const given = stepWorkload({ ratePerSec: 10, durationUs: 1_000_000, warmupUs: 200_000 }, [{ tool: 'echo' }]);
    assert.deepEqual(given.written, { type: 'constant-rate', rate: '10/s', duration: '1000000us', warmup: '200000us', operations: [{ tool: 'echo' }] });
    const resolved = stepPlan({ ...base, operations: [{ tool: 'echo', args: { message: 'x' } }] }, { ratePerSec: 10, durationUs: 1_000_000, warmupUs: 200_000 });
    assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
    const [workload] = resolved.plan.workloads as unknown as Record<string, unknown>[];
    assert.deepEqual((workload?.operations as { name: string }[]).map((op) => op.name), ['tools/call echo']);
    assert.deepEqual(workload?.warmup, { kind: 'duration', us: 200_000 });
  });
});
