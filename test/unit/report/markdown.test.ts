import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary, WorkloadSummary } from '../../../src/summary/summary.js';
import { esc, renderMarkdown } from '../../../src/report/markdown.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';

/** The cells of a GFM table row, split on unescaped pipes (as GitHub does). */
function cells(row: string): string[] {
  return row.replace(/^\| | \|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim());
}

const NASTY = 'a|b `c` <d> *e* _f_ [g](h) & $x$';

/** The gated fixture with an operation, a threshold and a warning whose text is full of Markdown syntax. */
function nastySummary(): RunSummary {
  const base = fixtureGatedSummary();
  const workloads = base.workloads.map((w): WorkloadSummary => {
    if (w.name !== 'mixed') return w;
    const operations = w.operations.map((op) => (op.name === 'ping' ? { ...op, name: NASTY } : op));
    const thresholds = w.thresholds.map((t) => ({ ...t, operation: NASTY }));
    return { ...w, operations, thresholds };
  });
  return { ...base, workloads, warnings: [`tool ${NASTY} is not offered`] };
}

describe('markdown report', () => {
  it('an unknown error-rate difference is a dash in every format, not ±0 pts', async () => {
    const gated = fixtureGatedSummary();
    const comparison = gated.comparison!;
    const row = comparison.rows[0]!;
    const cell = row.cells[1]!;
    const unknown: RunSummary = { ...gated, comparison: { ...comparison, rows: [{ ...row, cells: [row.cells[0]!, { ...cell, vsFirst: { ...cell.vsFirst!, errorRateDelta: null } }] }] } };
    const { renderTable } = await import('../../../src/report/table.js');
    const { renderHtml } = await import('../../../src/report/html.js');
    for (const text of [renderMarkdown(unknown), renderTable(unknown, { color: false }), renderHtml(unknown)]) {
      assert.ok(!text.includes('±0 pts'), 'no ±0 for an unknown difference');
    }
    assert.ok(renderMarkdown(gated).includes('±0 pts'), 'a known zero difference still shows');
  });

  it('never @mentions anyone from a name (a PR comment would notify them)', () => {
    assert.equal(esc('ping @octocat'), 'ping &#64;octocat');
  });

  const text = renderMarkdown(fixtureGatedSummary());

  it('puts the verdict right beneath the heading, before any workload', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], '## mcp-bench · fixture');
    assert.deepEqual(lines.slice(2, 4), ['- ❌ 2 of 5 thresholds failed', '- ❌ baseline: 1 regression (vs reports/base.json)']);
    assert.ok(text.indexOf('❌ 2 of 5') < text.indexOf('### echo-seq'));
  });

  it('has no verdict when nothing was gated, and says the run was partial', () => {
    const plain = renderMarkdown(fixtureSummary());
    assert.doesNotMatch(plain, /[✅❌] .*threshold/);
    assert.match(plain, /^> ⚠️ Partial run/m);
  });

  it('tabulates each workload\'s operations with calls, errors, calls/s and percentiles', () => {
    assert.match(text, /^\| operation \| calls \| errors \| calls\/s \| p50 \| p90 \| p99 \| p99\.9 \| max \|$/m);
    assert.match(text, /^\| tools\/call echo \| 4,000 \| 10 \(0\.25%\) \| 4,000 \| 2\.50ms \| 2\.90ms \| 2\.99ms \| 3\.00ms \| 3\.00ms \|$/m);
    assert.match(text, /^\| \*\*all\*\* \| \*\*5,000\*\* \|/m);
  });

  it('marks thresholds ✅/❌ with the measured value, and the limit for failures', () => {
    assert.match(text, /^\| ✅ \| p99\\<50ms \| all operations \| 1\.10ms \|$/m);
    assert.match(text, /^\| ❌ \| p99\\<2ms \| tools\/call echo \| 2\.99ms · limit \\< 2ms \|$/m);
    assert.match(text, /^\| ❌ \| p99\\<50ms \| all operations \| no samples · limit \\< 50ms \|$/m);
  });

  it('shows the baseline checks and the comparison with ratio intervals', () => {
    assert.match(text, /^### Baseline · reports\/base\.json$/m);
    assert.match(text, /^\| mixed \| ping \| p99 \| 270µs → 300µs \| 1\.11× \\\[0\.95–1\.30\\\] \| \+10% \| ≈ within noise \|$/m);
    assert.match(text, /^\| mixed \| tools\/call echo \| p99 \| .* \| ❌ regressed \|$/m);
    assert.match(text, /^\| {2}\| _vs no-cache_ \| 0\.0019× .* \| 0\.84× \\\[0\.70–1\.01\\\] ≈ \| /m);
    assert.match(text, /^_5 rounds per variant, interleaved; .*_ {2}\n_≈ no significant difference \(the interval contains 1\)_$/m);
  });

  it('lists warnings', () => {
    assert.match(text, /### Warnings\n\n- tool "nope" is not offered\n$/);
  });

  it('escapes names so a | does not split a cell and nothing becomes code, HTML, a link or math', () => {
    const nasty = renderMarkdown(nastySummary());
    const escaped = esc(NASTY);
    assert.equal(escaped, 'a\\|b \\`c\\` \\<d\\> \\*e\\* \\_f\\_ \\[g\\](h) \\& \\$x\\$');
    const opRow = nasty.split('\n').find((line) => line.startsWith(`| ${escaped} |`));
    assert.ok(opRow, `an operations row for the nasty name in:\n${nasty}`);
    assert.equal(cells(opRow).length, 9);
    const thresholdRow = nasty.split('\n').find((line) => line.startsWith('| ❌ | p99\\<2ms |'));
    assert.ok(thresholdRow);
    assert.deepEqual(cells(thresholdRow).slice(0, 3), ['❌', 'p99\\<2ms', escaped]);
    assert.match(nasty, new RegExp(`^- tool ${escaped.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} is not offered$`, 'm'));
  });

  it('shows a variant in the workload heading', () => {
    const base = fixtureSummary();
    const workloads = base.workloads.map((w): WorkloadSummary => (w.name === 'echo-seq' ? { ...w, name: 'lookups', variant: 'cache' } : w));
    assert.match(renderMarkdown({ ...base, workloads }), /^### cache · lookups$/m);
  });
});
