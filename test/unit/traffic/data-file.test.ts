import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDataFile, type DataLoad } from '../../../src/traffic/data-file.js';
import { CsvRecords } from '../../../src/input/csv.js';

async function dataFile(name: string, text: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mcp-bench-data-'));
  const file = path.join(folder, name);
  await writeFile(file, text);
  return file;
}

function table(load: DataLoad) {
  assert.ok(load.ok, `expected the file to load: ${JSON.stringify(load)}`);
  return load.table;
}

function problem(load: DataLoad) {
  assert.ok(!load.ok, 'expected the file to be refused');
  return load.problem;
}

test('CSV (RFC 4180): BOM, CRLF, quoted commas, "" escapes, line breaks inside quotes; numeric columns become numbers', async () => {
  const text = '\uFEFFid,name,code\r\n1,"a, b",007\r\n2,"say ""hi""",010\r\n3,"two\nlines",12\r\n';
  const { columns, rows, sha256 } = table(await readDataFile(await dataFile('items.csv', text)));
  assert.deepEqual(columns, ['id', 'name', 'code']);
  assert.deepEqual(rows, [
    { id: 1, name: 'a, b', code: '007' },
    { id: 2, name: 'say "hi"', code: '010' },
    { id: 3, name: 'two\nlines', code: '12' },
  ]);
  assert.match(sha256, /^[0-9a-f]{64}$/);
});

test('a column is numeric only when every value in it is a number', async () => {
  const { rows } = table(await readDataFile(await dataFile('mixed.csv', 'a,b\n1,2\nx,3\n')));
  assert.deepEqual(rows, [{ a: '1', b: 2 }, { a: 'x', b: 3 }]);
});

test('JSON arrays and JSON Lines give object rows; columns are every key some row has', async () => {
  const array = table(await readDataFile(await dataFile('rows.json', '[{"id":1,"tags":["a"]},{"id":2,"extra":true}]')));
  assert.deepEqual(array.columns, ['id', 'tags', 'extra']);
  assert.deepEqual(array.rows[0], { id: 1, tags: ['a'] });
  const lines = table(await readDataFile(await dataFile('rows.jsonl', '{"id":1}\n\n{"id":2}\n')));
  assert.deepEqual(lines.rows, [{ id: 1 }, { id: 2 }]);
});

test('problems name the line and never quote the contents', async () => {
  const secret = 'hunter2';
  const cases: [string, string, RegExp, number | undefined][] = [
    ['bad.csv', `id,name\n1,ok\n2,${secret}"x\n`, /inside an unquoted field/, 3],
    ['short.csv', `id,name\n1,ok\n${secret}\n`, /1 fields where the header has 2/, 3],
    ['open.csv', `id,name\n1,"${secret}\n`, /never closed/, 2],
    ['empty.csv', '', /is empty/, undefined],
    ['header.csv', 'id,name\n', /no rows/, undefined],
    ['rows.jsonl', `{"id":1}\n["${secret}"]\n`, /is an array, not an object/, 2],
    ['rows2.jsonl', `{"id":1}\n{${secret}\n`, /not valid JSON/, 2],
    ['rows.json', `[{"id":1}, "${secret}"]`, /item 2 of the array is a string, not an object/, undefined],
    ['rows.txt', 'x', /not a data file/, undefined],
  ];
  for (const [name, text, message, line] of cases) {
    const found = problem(await readDataFile(await dataFile(name, text)));
    assert.match(found.message, message, name);
    assert.equal(found.line, line, name);
    assert.ok(!JSON.stringify(found).includes(secret), `${name} quotes the contents`);
  }
  assert.match(problem(await readDataFile('/nonexistent/items.csv')).message, /not found/);
});

test('CsvRecords joins a record whose quoted field spans lines and reports where it started', () => {
  const records = new CsvRecords();
  assert.deepEqual(records.push('a,"b', 4), { kind: 'pending' });
  assert.deepEqual(records.push('c",d', 5), { kind: 'record', fields: ['a', 'b\nc', 'd'], line: 4 });
  assert.deepEqual(records.push('x,', 6), { kind: 'record', fields: ['x', ''], line: 6 });
  assert.equal(records.end(), null);
  assert.equal(records.push('"y"z', 7).kind, 'problem');
});
