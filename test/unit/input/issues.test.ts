import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIssues, type Issue } from '../../../src/scenario/index.js';

const issues: Issue[] = [
  {
    file: 'scenarios/bad.yaml',
    path: 'workloads[0].iterations',
    message: 'expected a whole number greater than 0, like 100, 2000 or 10k; got "-5"',
    expected: 'a whole number greater than 0, like 100, 2000 or 10k',
    got: '"-5"',
  },
  { file: 'scenarios/bad.yaml', path: 'workloads[1].concurency', message: 'unknown key', hint: 'did you mean "concurrency"?' },
  {
    file: 'scenarios/bad.yaml',
    path: 'target.http.headers.Authorization',
    message: 'environment variable MCP_TOKEN is not set',
    hint: 'export MCP_TOKEN=… or write ${MCP_TOKEN:-default}',
  },
];

test('formatIssues prints one line per issue under a count per file', () => {
  assert.equal(
    formatIssues(issues),
    [
      'scenarios/bad.yaml: 3 problems',
      '  ✗ workloads[0].iterations: expected a whole number greater than 0, like 100, 2000 or 10k; got "-5"',
      '  ✗ workloads[1].concurency: unknown key — did you mean "concurrency"?',
      '  ✗ target.http.headers.Authorization: environment variable MCP_TOKEN is not set (hint: export MCP_TOKEN=… or write ${MCP_TOKEN:-default})',
      '',
    ].join('\n'),
  );
});

test('formatIssues shows positions, root issues, in-memory scenarios and several files', () => {
  const text = formatIssues([
    { file: 'a.yaml', path: '', message: 'YAML syntax error: Tabs are not allowed', line: 2, column: 1 },
    { file: 'a.yaml', path: 'name', message: 'must not be empty', line: 1, column: 1 },
    { file: null, path: '', message: 'the scenario is empty' },
  ]);
  assert.equal(
    text,
    [
      'a.yaml: 2 problems',
      '  ✗ line 2, column 1: YAML syntax error: Tabs are not allowed',
      '  ✗ name (line 1, column 1): must not be empty',
      '',
      'scenario: 1 problem',
      '  ✗ the scenario is empty',
      '',
    ].join('\n'),
  );
  assert.equal(formatIssues([]), '');
});

test('colour is opt-in', () => {
  assert.ok(!formatIssues(issues).includes('\u001b['));
  assert.ok(formatIssues(issues, { color: true }).includes('\u001b[31m✗\u001b[39m'));
});

test('a file with many problems shows the first ones and a count of the rest', () => {
  const many: Issue[] = Array.from({ length: 25 }, (_, index) => ({ file: 'big.yaml', path: `workloads[${index}].name`, message: 'bad' }));
  const lines = formatIssues(many).trimEnd().split('\n');
  assert.equal(lines[0], 'big.yaml: 25 problems');
  assert.equal(lines.length, 1 + 20 + 1);
  assert.equal(lines[20], '  ✗ workloads[19].name: bad');
  assert.equal(lines[21], '  … and 5 more problems');
  assert.equal(formatIssues(many, { limit: 24 }).trimEnd().split('\n').at(-1), '  … and 1 more problem');
  assert.ok(!formatIssues(many.slice(0, 20)).includes('more'));
});
