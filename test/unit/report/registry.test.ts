import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXTENSIONS_SHOWN, FORMAT_NAMES_SHOWN, formatFromPath, formatNamed, isReportFormat, REPORT_FORMATS, REPORTERS } from '../../../src/report/registry.js';
import { renderTable } from '../../../src/report/table.js';
import { fixtureGatedSummary } from '../../fixtures/gated-summary.js';

describe('report registry', () => {
  it('maps report paths to formats by extension, case-insensitively', () => {
    const cases: [string, string | null][] = [
      ['reports/run.json', 'json'],
      ['summary.md', 'markdown'],
      ['SUMMARY.Markdown', 'markdown'],
      ['junit.xml', 'junit'],
      ['report.html', 'html'],
      ['report.HTM', 'html'],
      ['out.txt', 'table'],
      ['report.csv', 'csv'],
      ['report.CSV', 'csv'],
      ['report.tsv', null],
      ['report', null],
      ['dir.json/report', null],
    ];
    for (const [file, format] of cases) assert.equal(formatFromPath(file), format, file);
  });

  it('has a reporter for every format, whose extension maps back to it', () => {
    for (const format of REPORT_FORMATS) assert.equal(formatFromPath(`x${REPORTERS[format].extension}`), format);
  });

  it('recognises format names for --format', () => {
    assert.ok(isReportFormat('junit'));
    assert.ok(!isReportFormat('xml'));
  });

  it('takes other names for a format in --format, case-insensitively', () => {
    const cases: [string, string | null][] = [
      ['markdown', 'markdown'],
      ['md', 'markdown'],
      ['MD', 'markdown'],
      ['txt', 'table'],
      ['text', 'table'],
      ['JUnit', 'junit'],
      ['xml', 'junit'],
      ['htm', 'html'],
      ['.HTML', 'html'],
      ['.md', 'markdown'],
      ['pdf', null],
      ['', null],
    ];
    for (const [name, format] of cases) assert.equal(formatNamed(name), format, name);
  });

  it('lists every name --format takes with its other names, for help and errors', () => {
    assert.deepEqual(FORMAT_NAMES_SHOWN, ['table (txt, text)', 'json', 'markdown (md)', 'junit (xml)', 'html (htm)', 'csv']);
  });

  it('gives no extension and no name to two formats', () => {
    const extensions = REPORT_FORMATS.flatMap((format) => [REPORTERS[format].extension, ...(REPORTERS[format].alsoExtensions ?? [])]);
    assert.equal(new Set(extensions).size, extensions.length);
    const names = REPORT_FORMATS.flatMap((format) => [format, ...(REPORTERS[format].aliases ?? [])]);
    assert.equal(new Set(names).size, names.length);
  });

  it('shows each extension with what it does not say, for help and errors', () => {
    assert.deepEqual(EXTENSIONS_SHOWN, ['.txt (table)', '.json', '.md', '.xml (JUnit)', '.html', '.csv']);
  });

  it('renders every format from a summary', () => {
    const summary = fixtureGatedSummary();
    const starts: Record<string, RegExp> = { table: /^mcp-bench · fixture/, json: /^\{\n {2}"schemaVersion": 1/, markdown: /^## mcp-bench/, junit: /^<\?xml /, html: /<html/i, csv: /^scenario,workload,variant,operation,calls,/ };
    for (const format of REPORT_FORMATS) assert.match(REPORTERS[format].render(summary, { color: false }), starts[format]!, format);
  });

  it('renders the table with colour only when asked (a .txt file gets none)', () => {
    const summary = fixtureGatedSummary();
    assert.equal(REPORTERS.table.render(summary, { color: false }), renderTable(summary, { color: false }));
    assert.doesNotMatch(REPORTERS.table.render(summary, { color: false }), /\u001b\[/);
    assert.match(REPORTERS.table.render(summary, { color: true }), /\u001b\[/);
  });
});
