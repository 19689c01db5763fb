import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { renderCsv } from '../../../src/report/csv.js';
import { renderJson } from '../../../src/report/json.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderTable } from '../../../src/report/table.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';
import { fixtureModelsSummary } from '../../fixtures/models-summary.js';
import { fixtureSummary } from '../../fixtures/summary.js';
import { assertGolden, goldenMismatch } from '../../helpers/golden.js';

/** Every text format rendered from both fixed Summaries, against the files in test/golden/ (the spec, by eye). */
const FIXTURES: readonly [string, () => RunSummary][] = [
  ['plain', fixtureSummary],
  ['gated', fixtureGatedSummary],
  ['models', fixtureModelsSummary],
];

const FORMATS: readonly [string, string, (summary: RunSummary) => string][] = [
  ['table', 'txt', (summary) => renderTable(summary, { color: false })],
  ['json', 'json', renderJson],
  ['markdown', 'md', renderMarkdown],
  ['junit', 'xml', renderJunit],
  ['csv', 'csv', renderCsv],
];

describe('golden files', () => {
  for (const [fixture, build] of FIXTURES) {
    for (const [format, extension, render] of FORMATS) {
      it(`${format} of the ${fixture} summary matches test/golden/${format}.${fixture}.${extension}`, () => {
        assertGolden(`${format}.${fixture}.${extension}`, render(build()));
      });
    }
  }

  it('renders the same text twice from the same summary (no clock, no randomness)', () => {
    for (const [, , render] of FORMATS) assert.equal(render(fixtureGatedSummary()), render(fixtureGatedSummary()));
  });
});

describe('golden mismatch hint', () => {
  it('is null when equal', () => {
    assert.equal(goldenMismatch('x.txt', 'a\nb\n', 'a\nb\n'), null);
  });

  it('names the first differing line, shows both sides, and says how to accept the change', () => {
    const hint = goldenMismatch('x.txt', 'a\nb\nc\n', 'a\nB\nc\n');
    assert.ok(hint);
    assert.match(hint, /test\/golden\/x\.txt at line 2/);
    assert.match(hint, /golden:\n(.|\n)*"b"/);
    assert.match(hint, /output:\n(.|\n)*"B"/);
    assert.match(hint, /UPDATE_GOLDEN=1/);
  });

  it('points past the end when one side is a prefix of the other', () => {
    assert.match(goldenMismatch('x.txt', 'a\n', 'a\nextra\n') ?? '', /at line 2 \(golden has 2 lines, output 3\)/);
  });
});
