import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_SCENARIO_BYTES } from '../../../src/scenario/load.js';
import { loadPlan, type Issue } from '../../../src/scenario/index.js';
import { scenarioFile } from './helpers.js';

async function issuesOf(file: string, env: Record<string, string | undefined> = {}): Promise<Issue[]> {
  const result = await loadPlan(file, env);
  assert.equal(result.ok, false, 'expected the scenario to be rejected');
  return result.ok ? [] : result.issues;
}

const THREE_MISTAKES = `name: three-mistakes
target:
  builtin: { latency: 1ms }
workloads:
  - name: echo
    type: concurrent
    concurency: 16
    duration: 10
    operations:
      - tool: echo
`;

test('a file with three different mistakes yields three issues, each with its path and hint', async () => {
  const file = await scenarioFile('bad.yaml', THREE_MISTAKES);
  const issues = await issuesOf(file);
  assert.deepEqual(
    issues.map(({ path: where, hint }) => ({ path: where, hint })),
    [
      { path: 'workloads[0].concurency', hint: 'did you mean "concurrency"?' },
      { path: 'workloads[0].duration', hint: 'add a unit: write 10s or 10ms' },
      { path: 'workloads[0].concurrency', hint: undefined },
    ],
  );
  const [unknown, badDuration, missing] = issues;
  assert.equal(unknown?.message, 'unknown key');
  assert.equal(unknown?.file, file);
  assert.deepEqual([unknown?.line, unknown?.column], [7, 5]);
  assert.equal(badDuration?.got, '10');
  assert.match(badDuration?.expected ?? '', /duration with a unit/);
  assert.match(missing?.message ?? '', /^required field is missing; expected a whole number greater than 0/);
});

test('a YAML syntax error gives its line and column', async () => {
  const file = await scenarioFile('syntax.yaml', 'name: x\ntarget:\n  builtin: { latency: 1ms\nworkloads: []\n');
  const issues = await issuesOf(file);
  assert.equal(issues.length, 1);
  const [issue] = issues;
  assert.equal(issue?.path, '');
  assert.match(issue?.message ?? '', /^YAML syntax error: /);
  assert.doesNotMatch(issue?.message ?? '', /\n/);
  assert.deepEqual([issue?.line, issue?.column], [4, 1]);
});

test('a duplicated YAML key is refused at its path and line, however it is quoted', async () => {
  const file = await scenarioFile('dup.yaml', 'name: a\nname: b\n');
  const [issue] = await issuesOf(file);
  assert.equal(issue?.hint, 'each key may appear only once in a mapping');
  assert.equal(issue?.line, 2);
  assert.equal(issue?.path, 'name');
  const quoted = await issuesOf(await scenarioFile('dup2.yaml', 'name: a\ntarget: { builtin: { latency: 1ms, "latency": 2ms } }\n'));
  assert.deepEqual(quoted.map((i) => [i.path, i.line, i.column]), [['target.builtin.latency', 2, 36]]);
});

test('a .json file is read as JSON and resolves', async () => {
  const json = {
    name: 'from-json',
    target: { stdio: { command: 'node', args: ['server.js', '--port', 3000], env: { DEBUG: 1 }, cwd: '../server' } },
    workloads: [{ name: 'w', type: 'concurrent', concurrency: '1k', iterations: '2,000', operations: [{ tool: 'x' }] }],
  };
  const file = await scenarioFile('scenario.json', JSON.stringify(json, null, 2));
  const result = await loadPlan(file, {});
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.deepEqual(result.plan.target, {
    kind: 'stdio',
    command: 'node',
    args: ['server.js', '--port', '3000'],
    env: { DEBUG: '1' },
    cwd: path.resolve(path.dirname(file), '../server'),
  });
  assert.equal(result.plan.sourceFile, file);
  assert.deepEqual(result.plan.workloads[0]?.measure, { kind: 'iterations', count: 2000 });
});

test('a JSON syntax error gives its line and column; problems in JSON files are located too', async () => {
  const broken = await scenarioFile('broken.json', '{"name": "x",\n  "target": {}\n  "workloads": []}');
  const [syntax] = await issuesOf(broken);
  assert.match(syntax?.message ?? '', /^JSON syntax error: /);
  assert.deepEqual([syntax?.line, syntax?.column], [3, 3]);

  const invalid = await scenarioFile('invalid.json', '{\n  "name": "x",\n  "nmae": 1,\n  "target": { "builtin": {} },\n  "workloads": []\n}');
  const issues = await issuesOf(invalid);
  const unknown = issues.find((issue) => issue.path === 'nmae');
  assert.equal(unknown?.hint, 'did you mean "name"?');
  assert.deepEqual([unknown?.line, unknown?.column], [3, 3]);
});

test('a missing file is one "file not found" issue with a hint', async () => {
  const file = path.join(path.dirname(await scenarioFile('x.yaml', '')), 'missing.yaml');
  const issues = await issuesOf(file);
  assert.deepEqual(issues, [
    {
      file,
      path: '',
      message: 'file not found',
      hint: 'check the path; or run a shipped scenario by name (mcp-bench scenarios lists them), e.g. mcp-bench run quickstart',
    },
  ]);
});

test('an empty file (or only comments) is an issue', async () => {
  const files: ReadonlyArray<readonly [string, string]> = [['empty.yaml', ''], ['comments.yaml', '# nothing here\n'], ['empty.json', ' \n']];
  for (const [name, text] of files) {
    const file = await scenarioFile(name, text);
    const issues = await issuesOf(file);
    assert.equal(issues.length, 1, name);
    assert.equal(issues[0]?.message, 'the file is empty');
  }
});

test('a folder given as the file is an issue, not an exception', async () => {
  const folder = path.dirname(await scenarioFile('x.yaml', ''));
  const [issue] = await issuesOf(folder);
  assert.equal(issue?.message, 'is a folder, not a scenario file');
});

test('a YAML alias inside its own anchor is reported, not followed forever', async () => {
  const file = await scenarioFile('cycle.yaml', 'name: x\ndescription: &a { self: *a }\n');
  const issues = await issuesOf(file);
  assert.ok(issues.some((issue) => issue.message.startsWith('refers to itself')));
});

test('YAML merge keys let workloads share settings', async () => {
  const text = `name: merged
target: { builtin: {} }
workloads:
  - &base { name: a, type: sequential, iterations: 10, operations: [{ method: ping }] }
  - { <<: *base, name: b }
`;
  const result = await loadPlan(await scenarioFile('merge.yaml', text), {});
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.deepEqual(result.plan.workloads.map((workload) => [workload.name, workload.seed]), [['a', 1], ['b', 2]]);
});

test('only a regular file is read: a FIFO, a device or a file over the size limit is refused at once, by what it is', async () => {
  const folder = path.dirname(await scenarioFile('x.yaml', ''));
  const fifo = path.join(folder, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  // A FIFO opened for reading waits for a writer: this would hang, not fail, if it were opened that way.
  const [pipe] = await issuesOf(fifo);
  assert.match(pipe?.message ?? '', /is a named pipe \(FIFO\), not a regular file/);
  const [device] = await issuesOf('/dev/zero');
  assert.match(device?.message ?? '', /is a device, not a regular file/);
  const big = path.join(folder, 'big.yaml');
  await writeFile(big, Buffer.alloc(MAX_SCENARIO_BYTES + 1, 0x20));
  const [tooBig] = await issuesOf(big);
  assert.equal(tooBig?.message, 'is 10 MiB (10,485,761 bytes); a scenario file may be at most 10 MiB');
  const [dir] = await issuesOf(folder);
  assert.match(dir?.message ?? '', /is a folder/);
});

test('a URL with a space is refused with its path, what was given and a hint', async () => {
  const file = await scenarioFile('space.yaml', 'name: s\ntarget:\n  http: { url: "http://127.0.0.1:3000/my mcp" }\nworkloads:\n  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }\n');
  const [issue] = await issuesOf(file);
  assert.equal(issue?.path, 'target.http.url');
  assert.equal(issue?.got, '"http://127.0.0.1:3000/my mcp"');
  assert.match(issue?.hint ?? '', /no spaces/);
  assert.equal(issue?.line, 3);
});
