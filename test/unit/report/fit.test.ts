import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flexibleColumnWidth, outputWidth, shortenEnd, shortenMiddle, shortenStart, textWidth } from '../../../src/report/fit.js';
import { renderTable } from '../../../src/report/table.js';
import { fixtureSummary } from '../../fixtures/summary.js';

describe('shortening text to a width', () => {
  it('keeps the start and the end of an operation name, with one ellipsis, in exactly the width', () => {
    assert.equal(shortenMiddle('tools/call search_results', 20), 'tools/call…h_results');
    assert.equal(textWidth(shortenMiddle('tools/call search_results', 20)), 20);
    assert.equal(shortenMiddle('ping', 20), 'ping');
    assert.equal(shortenMiddle('abcdef', 6), 'abcdef');
    assert.equal(shortenMiddle('abcdef', 2), 'a…');
    assert.equal(shortenMiddle('abcdef', 1), '…');
    assert.equal(shortenMiddle('abcdef', 0), '');
  });

  it('counts code points, never cutting a character in two', () => {
    assert.equal(shortenMiddle('journey › step', 9), 'jour…step');
    assert.equal(shortenMiddle('a🚀🚀🚀b', 4), 'a🚀…b');
    assert.equal(textWidth('a›b'), 3);
  });

  it('keeps the distinctive end of a target label, from a folder boundary when one is near', () => {
    assert.equal(shortenStart('stdio: node /home/me/work/servers/my-server.js', 24), '…/servers/my-server.js');
    assert.equal(shortenStart('http://127.0.0.1:3000/mcp', 40), 'http://127.0.0.1:3000/mcp');
    assert.equal(shortenStart('abcdefghij', 5), '…ghij');
  });

  it('keeps the start of a description', () => {
    assert.equal(shortenEnd('A long description', 7), 'A long…');
    assert.equal(shortenEnd('short', 7), 'short');
  });
});

describe('the flexible column', () => {
  it('gets what the other columns and the borders leave, within its natural width and above the minimum', () => {
    // 40 + 10 + 10 = 60 of text, 10 of overhead: 70 fits at 70, shrinks by 10 at 60, stops at the minimum at 30.
    assert.equal(flexibleColumnWidth([40, 10, 10], 0, 10, 70, 12), 40);
    assert.equal(flexibleColumnWidth([40, 10, 10], 0, 10, 100, 12), 40);
    assert.equal(flexibleColumnWidth([40, 10, 10], 0, 10, 60, 12), 30);
    assert.equal(flexibleColumnWidth([40, 10, 10], 0, 10, 30, 12), 12);
  });
});

describe('the output width', () => {
  it('takes COLUMNS first, then a terminal\'s width, and sets no limit for a pipe', () => {
    assert.equal(outputWidth({ isTTY: true, columns: 120 }, { COLUMNS: '80' }), 80);
    assert.equal(outputWidth({ isTTY: true, columns: 120 }, {}), 120);
    assert.equal(outputWidth({ isTTY: false, columns: 120 }, {}), undefined);
    assert.equal(outputWidth({}, {}), undefined);
    assert.equal(outputWidth({}, { COLUMNS: '200' }), 200);
    // Nonsense in COLUMNS is ignored rather than squeezing the table to nothing.
    assert.equal(outputWidth({ isTTY: true, columns: 90 }, { COLUMNS: 'wide' }), 90);
    assert.equal(outputWidth({}, { COLUMNS: '5' }), undefined);
  });
});

describe('the table in a narrow terminal', () => {
  const base = fixtureSummary();
  const name = 'tools/call search_everything_with_long_results';
  const summary = {
    ...base,
    target: { ...base.target, label: 'stdio: node /home/someone/projects/acme/servers/my-server.js' },
    workloads: base.workloads.map((w) => ({ ...w, operations: w.operations.map((o, i) => (i === 0 ? { ...o, name } : o)) })),
  };

  it('shortens operation names in the middle and the target label at its start', () => {
    const text = renderTable(summary, { color: false, width: 140 });
    const lines = text.split('\n');
    assert.equal(lines[0], 'mcp-bench · fixture · stdio: node /home/someone/projects/acme/servers/my-server.js');
    const rows = lines.filter((line) => line.includes('tools/call') && line.startsWith('  │'));
    assert.ok(rows.length > 0, text);
    for (const row of rows) assert.ok(textWidth(row) <= 140, `${textWidth(row)} > 140: ${row}`);
    assert.ok(rows.every((row) => row.includes('…') && row.includes('tools/call se')), rows.join('\n'));
    const narrow = renderTable(summary, { color: false, width: 60 }).split('\n')[0] ?? '';
    assert.equal(narrow, 'mcp-bench · fixture · …/projects/acme/servers/my-server.js');
    assert.ok(textWidth(narrow) <= 60);
  });

  it('keeps every name whole without a width (files, pipes, golden renders)', () => {
    const text = renderTable(summary, { color: false });
    assert.ok(text.includes(`│ ${name} │`), text);
    assert.ok(!text.includes('…'), text);
  });
});
