import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { runInProcess, scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const SECRET = 'sk-supersecret123';

/** Everything a run shows or writes: stdout, stderr and the JSON report. */
function everything(io: { out(): string; err(): string }, report: unknown): string {
  return `${io.out()}\n${io.err()}\n${JSON.stringify(report)}`;
}

describe('${ENV} values never reach the output or the report', { timeout: 60_000 }, () => {
  it('operation names built from substituted values show the reference as written', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'names.yaml', `
name: secret-names
target:
  builtin: {}
workloads:
  - name: items
    type: sequential
    iterations: 3
    operations:
      - { resource: "bench://items/\${ITEM_TOKEN}" }
      - { tool: echo, args: { message: "\${ITEM_TOKEN}" }, name: "echo \${ITEM_TOKEN}" }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file], { ITEM_TOKEN: SECRET });
    assert.equal(code, 0, io.err());
    assert.ok(report);
    const shown = everything(io, report);
    assert.ok(!shown.includes(SECRET), `the secret leaked:\n${shown}`);
    const names = report.workloads[0]?.operations.map((operation) => operation.name);
    assert.deepEqual(names, ['resources/read bench://items/${ITEM_TOKEN}', 'echo ${ITEM_TOKEN}']);
    assert.equal(report.workloads[0]?.total.ok, 3, 'the calls themselves used the real value');
    assert.match(io.out(), /resources\/read bench:\/\/items\/\$\{ITEM_TOKEN\}/);
  });

  it('validate shows a bad substituted URL as the reference, and never its credentials', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'badurl.yaml', `
name: badurl
target:
  http: { url: "\${MCP_URL}" }
workloads:
  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }
`);
    const io = captureIo({ cwd: dir, env: { MCP_URL: 'htps://user:hunter22@127.0.0.1:1/mcp' } });
    assert.equal(await runCli(['validate', file, '--no-color'], io), 2);
    assert.ok(!io.err().includes('hunter22') && !io.out().includes('hunter22'), io.err());
    assert.match(io.err(), /target\.http\.url.*got "\$\{MCP_URL\}"/);
    assert.match(io.err(), /MCP_URL/);
  });

  it('validate never shows the credentials of a bad URL written in the file either', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'literal.yaml', `
name: literal
target:
  http: { url: "htps://user:hunter22@127.0.0.1:1/mcp" }
workloads:
  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }
`);
    const io = captureIo({ cwd: dir });
    assert.equal(await runCli(['validate', file, '--no-color'], io), 2);
    assert.ok(!io.err().includes('hunter22'), io.err());
    assert.match(io.err(), /got "htps:\/\/\[redacted\]@127\.0\.0\.1:1\/mcp"/);
  });

  it('run --http with a bad URL does not echo its password', async () => {
    const dir = await tempDir();
    const io = captureIo({ cwd: dir });
    assert.equal(await runCli(['run', '--http', 'htps://user:hunter22@127.0.0.1:1/mcp'], io), 2);
    assert.ok(!io.err().includes('hunter22'), io.err());
    assert.match(io.err(), /--http expects an http\(s\) URL/);
  });
});

describe('bad header names and values are bad input (exit 2), not a transport failure', { timeout: 30_000 }, () => {
  it('-H with a name that is not an HTTP token', async () => {
    const dir = await tempDir();
    const io = captureIo({ cwd: dir });
    assert.equal(await runCli(['run', '--http', 'http://127.0.0.1:1/mcp', '-H', 'Bad Name: x'], io), 2);
    assert.match(io.err(), /--header.*"Bad Name"/);
    assert.doesNotMatch(io.err(), /ERR_INVALID_HTTP_TOKEN|transport/);
  });

  it('a scenario header with a bad name, or a value with a line break, is an issue with its path', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'headers.yaml', `
name: headers
target:
  http:
    url: "http://127.0.0.1:1/mcp"
    headers:
      "X Trace": one
      X-Token: "\${SPLIT_TOKEN}"
workloads:
  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }
`);
    const io = captureIo({ cwd: dir, env: { SPLIT_TOKEN: `${SECRET}\r\nX-Injected: yes` } });
    assert.equal(await runCli(['validate', file, '--no-color'], io), 2);
    const err = io.err();
    assert.match(err, /2 problems/);
    assert.match(err, /target\.http\.headers\["X Trace"\].*not a valid HTTP header name/);
    assert.match(err, /target\.http\.headers\.X-Token.*line break/);
    assert.ok(!err.includes(SECRET), err);
  });
});
