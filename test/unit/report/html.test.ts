import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { renderHtml } from '../../../src/report/html.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureModelsSummary } from '../../fixtures/models-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { assertGolden } from '../../helpers/golden.js';

const count = (text: string, pattern: RegExp): number => text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;

/** data-workload of every plot of this class, in page order. */
function plotWorkloads(html: string, className: string): string[] {
  return [...html.matchAll(new RegExp(`<svg class="plot ${className}"[^>]*data-workload="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}

describe('HTML reporter: golden files', () => {
  it('renders the gated fixture (thresholds, baseline, timeline, comparison) as in test/golden/html.gated.html', () => {
    assertGolden('html.gated.html', renderHtml(fixtureGatedSummary()));
  });

  it('renders the plain fixture (no gate, no timeline) as in test/golden/html.plain.html', () => {
    assertGolden('html.plain.html', renderHtml(fixtureSummary()));
  });

  it('renders the workload kinds (open model, ramp, autocannon, interrupted, failed) as in test/golden/html.models.html', () => {
    assertGolden('html.models.html', renderHtml(fixtureModelsSummary()));
  });

  it('is pure: the same summary gives the same bytes', () => {
    assert.equal(renderHtml(fixtureGatedSummary()), renderHtml(fixtureGatedSummary()));
  });
});

describe('HTML reporter: a self-contained page', () => {
  const html = renderHtml(fixtureGatedSummary());

  it('references no outside resource: no script, link, image, frame, url() or @import', () => {
    for (const pattern of [/<script/i, /<link/i, /<img/i, /<iframe/i, /<object/i, /<embed/i, /\ssrc\s*=/i, /\shref\s*=/i, /url\(/i, /@import/i, /https?:\/\//i]) {
      assert.doesNotMatch(html, pattern, `found ${pattern} in the report`);
    }
  });

  it('keeps an HTTP target URL as text, never as a resource', () => {
    const summary: RunSummary = { ...fixtureGatedSummary(), target: { kind: 'http', transport: 'http', label: 'Streamable HTTP: http://127.0.0.1:3000/mcp' } };
    const page = renderHtml(summary);
    assert.match(page, /<dd>Streamable HTTP: http:\/\/127\.0\.0\.1:3000\/mcp<\/dd>/);
    assert.equal(count(page, /https?:\/\//), 1);
    assert.doesNotMatch(page, /\s(src|href)\s*=/i);
  });

  it('has balanced svg and table elements (the plots are not cut off)', () => {
    assert.equal(count(html, /<svg[\s>]/), count(html, /<\/svg>/));
    assert.equal(count(html, /<table[\s>]/), count(html, /<\/table>/));
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<meta charset="utf-8">/);
  });

  it('stays small: well under 200 KB for the gated fixture', () => {
    const bytes = Buffer.byteLength(html, 'utf8');
    assert.ok(bytes < 200_000, `${bytes} bytes`);
  });
});

describe('HTML reporter: plots', () => {
  it('draws one percentile plot per workload that measured calls, and none for a workload not run', () => {
    const summary = fixtureGatedSummary();
    const measured = summary.workloads.filter((w) => w.total.count > 0).map((w) => w.name);
    assert.deepEqual(measured, ['echo-seq', 'mixed', 'after-crash']);
    assert.deepEqual(plotWorkloads(renderHtml(summary), 'percentiles'), measured);
  });

  it('draws one line per operation that has calls, each named in the legend with its count', () => {
    const html = renderHtml(fixtureGatedSummary());
    const mixed = html.slice(html.indexOf('data-workload="mixed"'));
    const plot = mixed.slice(0, mixed.indexOf('</ul>'));
    assert.equal(count(plot.slice(0, plot.indexOf('</svg>')), /<path class="series"/), 2);
    assert.match(plot, /tools\/call echo <span class="dim">4,000 calls<\/span>/);
    assert.match(plot, /ping <span class="dim">1,000 calls<\/span>/);
  });

  it('labels the percentile axis up to the nines the samples support, and the latency axis in readable units', () => {
    const html = renderHtml(fixtureGatedSummary());
    const seq = html.slice(html.indexOf('data-workload="echo-seq"'), html.indexOf('data-workload="mixed"'));
    const svg = seq.slice(0, seq.indexOf('</svg>'));
    const xLabels = [...svg.matchAll(/<g class="ticks x"[^>]*>(.*?)<\/g>/g)].flatMap((m) => [...(m[1] ?? '').matchAll(/>([^<]+)<\/text>/g)].map((t) => t[1]));
    assert.deepEqual(xLabels, ['0%', '50%', '90%', '95%', '99%', '99.9%']); // 1,000 calls: three nines, no more
    assert.match(svg, />percentile \(log scale of 1\/\(1−q\)\)</);
    assert.match(svg, />latency \(log scale\)</);
    assert.match(svg, />1ms</);
    assert.match(svg, />1\.1ms</);
  });

  it('plots throughput and p50/p99 over time for the workloads with a timeline only', () => {
    const gated = renderHtml(fixtureGatedSummary());
    assert.equal(count(gated, /<svg class="plot throughput"/), 2);
    assert.equal(count(gated, /<svg class="plot latency-over-time"/), 2);
    const plain = renderHtml(fixtureSummary());
    assert.equal(count(plain, /<svg class="plot (throughput|latency-over-time)"/), 0);
    assert.equal(count(plain, /<svg class="plot percentiles"/), 3);
  });

  it('draws the variants\' ratios with their whiskers: better, and not significant', () => {
    const html = renderHtml(fixtureGatedSummary());
    const ratios = html.slice(html.indexOf('<svg class="plot ratios"'));
    assert.equal(count(ratios, /<circle class="dot better"/), 2); // p50 0.0019× (lower), calls/s 37.6× (higher)
    assert.equal(count(ratios, /<circle class="dot same"/), 1); // p99 [0.70–1.01] contains 1
    assert.equal(count(ratios, /<path class="whisker/), 3);
  });
});

describe('HTML reporter: sections', () => {
  const html = renderHtml(fixtureGatedSummary());

  it('shows the header: scenario, target, start, tool version and environment', () => {
    assert.match(html, /<h1>mcp-bench · fixture<\/h1>/);
    assert.match(html, /<dd>built-in reference server over stdio<\/dd>/);
    assert.match(html, /2026-01-02T03:04:05\.000Z/);
    assert.match(html, /mcp-bench 0\.1\.0/);
    assert.match(html, /Node v20\.0\.0 · linux\/x64 6\.0 · 2 × test cpu/);
  });

  it('gives the gate\'s verdict with every threshold ✓/✗, measured against limit', () => {
    assert.match(html, /<p class="verdict failed">.*Failed<\/p>/);
    assert.match(html, /2 of 5 thresholds failed/);
    const row = html.split('\n').find((line) => line.includes('<code>p99&lt;2ms</code>') && line.includes('<td'));
    assert.ok(row, 'a threshold row for p99<2ms');
    assert.match(row, /class="fail"/);
    assert.match(row, /2\.99ms/);
    assert.match(row, /&lt; 2ms/);
    assert.match(html, /no samples/);
  });

  it('lists the baseline checks with change, interval and verdict', () => {
    const row = html.split('\n').find((line) => line.includes('regressed') && line.includes('<td'));
    assert.ok(row, 'a regressed baseline row');
    assert.match(row, /2\.50ms.*2\.99ms.*1\.20×.*1\.18× … 1\.21×.*\+10%/);
    assert.match(html, /within noise/);
    assert.match(html, /Not compared \(on one side only\): after-crash \/ tools\/call echo/);
  });

  it('says which threshold aborted the run', () => {
    const aborted: RunSummary = {
      ...fixtureGatedSummary(),
      gate: { ...fixtureGatedSummary().gate, abortedBy: { workload: 'mixed', operation: 'tools/call echo', threshold: 'p99<2ms', metric: 'p99', measured: 3_100, atUs: 2_000_000 } },
    };
    assert.match(renderHtml(aborted), /aborted: p99&lt;2ms failed on mixed \/ tools\/call echo 2\.00s into the run \(measured 3\.10ms/);
  });

  it('says when nothing gated the run', () => {
    assert.match(renderHtml(fixtureSummary()), /No thresholds or baseline were set/);
  });

  it('tables each workload\'s operations with p50…max, and its errors by kind', () => {
    assert.match(html, /<td>tools\/call echo<\/td><td class="num">1,000<\/td><td class="num">0<\/td><td class="num">953<\/td><td class="num">1\.05ms<\/td>/);
    assert.match(html, /10 \(0\.25%\)/);
    assert.match(html, /tools\/call echo: <code>tool-error<\/code> ×10/);
    assert.match(html, /<strong>all<\/strong>/);
    assert.match(html, /not run/);
  });

  it('compares the variants side by side: ratio, interval, and "no significant difference"', () => {
    const section = html.slice(html.indexOf('<section class="comparison">'));
    assert.match(section, /no-cache vs cache/);
    assert.match(section, /5 per variant/);
    assert.match(section, /0\.0019× <span class="ci">\[0\.0017–0\.0022\]<\/span>/);
    assert.match(section, /0\.84× <span class="ci">\[0\.70–1\.01\]<\/span><br><span class="same">no significant difference<\/span>/);
    assert.match(section, /37\.6× <span class="ci">\[33\.1–42\.6\]<\/span>/);
    assert.equal(count(section, /no significant difference/), 3); // the p99 cell, its dot's hover title, the plot's key
    assert.match(section, /Per-round figures \(10 rows\)/);
  });
});

describe('HTML reporter: escaping', () => {
  const hostile = `<script>alert("x")</script> & 'q'`;

  function hostileSummary(): RunSummary {
    const base = fixtureGatedSummary();
    const rename = (w: WorkloadSummary): WorkloadSummary => ({
      ...w,
      name: `${w.name} <b>`,
      operations: w.operations.map((op) => ({ ...op, name: hostile, errors: Object.fromEntries(Object.entries(op.errors).map(([k, v]) => [`${k}<i>`, v])) })),
      thresholds: w.thresholds.map((t) => ({ ...t, operation: t.operation === null ? null : hostile, threshold: `${t.threshold}<x>` })),
    });
    const comparison = base.comparison && { ...base.comparison, variants: [hostile, 'b'], rows: base.comparison.rows.map((r) => ({ ...r, operation: hostile, cells: r.cells.map((c) => ({ ...c, variant: hostile })) })) };
    return { ...base, scenario: { ...base.scenario, name: hostile }, warnings: [hostile], workloads: base.workloads.map(rename), comparison };
  }

  it('escapes every name that came from the run: scenario, workload, operation, error kind, variant, warning', () => {
    const html = renderHtml(hostileSummary());
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<b>|<i>|<x>/);
    assert.doesNotMatch(html, /alert\("x"\)/);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;q&#39;/);
    assert.match(html, /data-workload="mixed &lt;b&gt;"/);
    assert.equal(count(html, /<svg class="plot percentiles"/), 3);
  });
});
