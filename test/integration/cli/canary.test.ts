/**
 * The canary test (issue 11, item 9): a unique value, given the ways a secret reaches mcp-bench — a `${VAR}` in a
 * stdio command, its arguments and env, header values, URL credentials and query parameters, `-H` and `-e` flags
 * (well-formed and malformed), literal header and env values in the file — must appear in no channel: stdout and
 * stderr (in-process and of the spawned CLI), every report format, the server log, `compare` and the baseline gate,
 * `validate`; on success and on every error path (spawn ENOENT, a server that echoes its env and crashes, bad flags,
 * bad scenarios). Each case also checks that its path was really taken (the error happened, the server did echo),
 * so the canary's absence means something. CHANNELS lists every channel; each must have been checked.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/server/http.js';
import { DEFAULT_SERVER_OPTIONS } from '../../../src/server/state.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { captureIo } from '../../fixtures/io.js';
import { REPO, scenario, startCli, tempDir, TSX } from './helpers.js';

/** Every channel the canary is looked for in. */
const CHANNELS = [
  'stdout (in-process)',
  'stderr (in-process)',
  'stdout (spawned CLI)',
  'stderr (spawned CLI)',
  'stdout --json',
  'report .json',
  'report .txt (table)',
  'report .md (Markdown)',
  'report .xml (JUnit)',
  'report .html',
  'server log (.server.log)',
  'compare stdout',
  'compare stderr',
  'compare report files',
  'baseline gate stdout',
  'baseline gate stderr',
  'validate stdout',
  'validate stderr',
] as const;
type Channel = (typeof CHANNELS)[number];

const CANARY = `MCPB_CANARY_${randomBytes(8).toString('hex')}`;
/** Written in the scenario file itself (a literal header and env value), never from the environment. */
const LITERAL = `MCPB_LITERAL_${randomBytes(8).toString('hex')}`;
const ENV = { MCPB_CANARY: CANARY };
const ENV_ECHO = path.join(REPO, 'test/fixtures/env-echo-server.ts');
const REPORT_FORMATS = ['json', 'txt', 'md', 'xml', 'html'] as const;
const FORMAT_CHANNEL: Record<(typeof REPORT_FORMATS)[number], Channel> = {
  json: 'report .json',
  txt: 'report .txt (table)',
  md: 'report .md (Markdown)',
  xml: 'report .xml (JUnit)',
  html: 'report .html',
};

const checked = new Map<Channel, number>();

/** The canary and the literal secret are nowhere in `text`; counts the channel as checked. */
function clean(channel: Channel, text: string, context: string): void {
  for (const secret of [CANARY, LITERAL]) {
    assert.ok(!text.includes(secret), `${channel} (${context}) shows a secret:\n${text.slice(Math.max(0, text.indexOf(secret) - 300), text.indexOf(secret) + 100)}`);
  }
  checked.set(channel, (checked.get(channel) ?? 0) + 1);
}

/** `-o` for every report format into `dir` (`<name>.json`, `<name>.txt`, …). */
function outFlags(dir: string, name = 'report'): string[] {
  return REPORT_FORMATS.flatMap((format) => ['-o', path.join(dir, `${name}.${format}`)]);
}

/** Checks every file in `dir` (reports, server log); `expect` names the files that must be there. */
async function cleanFiles(dir: string, context: string, expect: { reports: boolean; serverLog: boolean; channel?: Channel }): Promise<void> {
  const files = await readdir(dir);
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    if (file.endsWith('.yaml')) continue;
    const extension = file.endsWith('.server.log') ? 'log' : path.extname(file).slice(1);
    const channel = expect.channel ?? (extension === 'log' ? 'server log (.server.log)' : FORMAT_CHANNEL[extension as keyof typeof FORMAT_CHANNEL]);
    assert.ok(channel, `unexpected file ${file}`);
    clean(channel, text, `${context}: ${file}`);
  }
  if (expect.reports) for (const format of REPORT_FORMATS) assert.ok(files.some((file) => file.endsWith(`.${format}`)), `${context}: no .${format} report in ${files.join(', ')}`);
  assert.equal(files.some((file) => file.endsWith('.server.log')), expect.serverLog, `${context}: server log present: ${files.join(', ')}`);
}

async function inProcess(dir: string, args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  const io = captureIo({ cwd: dir, env: ENV });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function reportOf(dir: string, name = 'report'): Promise<RunSummary> {
  return JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')) as RunSummary;
}

const stdioScenario = (name: string, command: string, env: Record<string, string>): string => `
name: ${name}
target:
  stdio:
    command: ${JSON.stringify(command)}
    args: ["--import", ${JSON.stringify(TSX)}, ${JSON.stringify(ENV_ECHO)}, "--token=\${MCPB_CANARY}", "\${MCPB_CANARY}"]
    env: ${JSON.stringify({ API_TOKEN: '${MCPB_CANARY}', LITERAL_KEY: LITERAL, ...env })}
workloads:
  - { name: w, type: sequential, iterations: 3, operations: [ { tool: echo, args: { message: "\${MCPB_CANARY}" } } ] }
`;

const httpScenario = (url: string): string => `
name: canary-http
target:
  http:
    url: "${url.replace('http://', 'http://user:${MCPB_CANARY}@')}?trace=\${MCPB_CANARY}&api_token=\${MCPB_CANARY}"
    headers: { Authorization: "Bearer \${MCPB_CANARY}", X-Plain: "\${MCPB_CANARY}", X-Literal: ${LITERAL} }
workloads:
  - name: w
    type: sequential
    iterations: 3
    operations: [ { tool: echo, args: { message: "\${MCPB_CANARY}", apiKey: ${LITERAL} }, name: "echo \${MCPB_CANARY}" } ]
`;

describe('a secret canary appears in no output channel', { timeout: 240_000 }, () => {
  let server: HttpServerHandle;
  before(async () => {
    server = await startHttpServer({ ...DEFAULT_SERVER_OPTIONS, host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await server.close();
    const missing = CHANNELS.filter((channel) => !checked.has(channel));
    const list = CHANNELS.map((channel) => `  ${channel}: checked ${checked.get(channel) ?? 0}×`).join('\n');
    process.stdout.write(`# canary channels checked:\n${list.replace(/^/gm, '# ')}\n`);
    assert.deepEqual(missing, [], 'channels never checked');
  });

  it('a ${VAR} in a stdio command: spawn … ENOENT, in every format', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', `
name: canary-enoent
target:
  stdio: { command: "/nonexistent/\${MCPB_CANARY}", args: ["\${MCPB_CANARY}"], env: { TOKEN: "\${MCPB_CANARY}" } }
workloads:
  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }
`);
    const run = await inProcess(dir, ['run', file, ...outFlags(dir), '--no-color']);
    assert.equal(run.code, 3, run.err);
    assert.match(run.err, /spawn \/nonexistent\/\[redacted\] ENOENT/);
    clean('stdout (in-process)', run.out, 'ENOENT');
    clean('stderr (in-process)', run.err, 'ENOENT');
    assert.match((await reportOf(dir)).workloads[0]?.failure?.message ?? '', /ENOENT/);
    await cleanFiles(dir, 'ENOENT', { reports: true, serverLog: false });
  });

  it('a server that echoes its env and arguments on stderr and crashes: output, serverStderr, server log', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', stdioScenario('canary-crash', process.execPath, { CRASH_NOW: '1' }));
    const run = await inProcess(dir, ['run', file, ...outFlags(dir), '--no-color']);
    assert.equal(run.code, 3, run.err);
    clean('stdout (in-process)', run.out, 'crash');
    clean('stderr (in-process)', run.err, 'crash');
    const failure = (await reportOf(dir)).workloads[0]?.failure;
    assert.ok(failure?.serverStderr.some((line) => line.includes('[redacted]')), `the server did not echo: ${JSON.stringify(failure)}`);
    await cleanFiles(dir, 'crash', { reports: true, serverLog: true });
    assert.match(await readFile(path.join(dir, 'report.server.log'), 'utf8'), /API_TOKEN=\[redacted\]/);
  });

  it('a server that echoes its env and answers: success in every format and --json', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', stdioScenario('canary-stdio', process.execPath, {}));
    const run = await inProcess(dir, ['run', file, ...outFlags(dir), '--json']);
    assert.equal(run.code, 0, run.err);
    assert.equal((JSON.parse(run.out) as RunSummary).workloads[0]?.total.ok, 3);
    clean('stdout --json', run.out, 'stdio success');
    clean('stderr (in-process)', run.err, 'stdio success');
    await cleanFiles(dir, 'stdio success', { reports: true, serverLog: true });
    assert.match(await readFile(path.join(dir, 'report.server.log'), 'utf8'), /LITERAL_KEY=\[redacted\]/);
  });

  it('URL credentials, query parameters and header values over HTTP; then compare and the baseline gate', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', httpScenario(server.url));
    const first = await inProcess(dir, ['run', file, ...outFlags(dir, 'a'), '--no-color']);
    assert.equal(first.code, 0, first.err);
    assert.equal((await reportOf(dir, 'a')).workloads[0]?.total.ok, 3);
    clean('stdout (in-process)', first.out, 'http');
    clean('stderr (in-process)', first.err, 'http');
    const flags = await inProcess(dir, ['run', file, '--http', server.url, '-H', `X-Key: ${CANARY}`, '-H', `Authorization: Bearer ${CANARY}`, ...outFlags(dir, 'b'), '--no-color']);
    assert.equal(flags.code, 0, flags.err);
    clean('stdout (in-process)', flags.out, '--http -H');
    clean('stderr (in-process)', flags.err, '--http -H');
    await cleanFiles(dir, 'http', { reports: true, serverLog: false });

    const compareDir = await tempDir();
    const compared = await inProcess(compareDir, ['compare', path.join(dir, 'a.json'), path.join(dir, 'b.json'), ...outFlags(compareDir, 'c'), '--no-color']);
    assert.equal(compared.code, 0, compared.err);
    clean('compare stdout', compared.out, 'compare');
    clean('compare stderr', compared.err, 'compare');
    await cleanFiles(compareDir, 'compare', { reports: true, serverLog: false, channel: 'compare report files' });

    const gateDir = await tempDir();
    const gated = await inProcess(gateDir, ['run', file, '--baseline', path.join(dir, 'a.json'), '--threshold', 'p50<1us', ...outFlags(gateDir), '--no-color']);
    assert.equal(gated.code, 1, gated.err);
    assert.match(gated.err, /threshold/);
    clean('baseline gate stdout', gated.out, 'gate');
    clean('baseline gate stderr', gated.err, 'gate');
    await cleanFiles(gateDir, 'gate', { reports: true, serverLog: false });
  });

  it('-e values a crashing --stdio server echoes', async () => {
    const dir = await tempDir();
    const command = `${process.execPath} --import ${TSX} ${ENV_ECHO}`;
    const run = await inProcess(dir, ['run', '--stdio', command, '-e', `API_TOKEN=${CANARY}`, '-e', 'CRASH_NOW=1', ...outFlags(dir), '--no-color']);
    assert.equal(run.code, 3, run.err);
    const failure = (await reportOf(dir)).workloads[0]?.failure;
    assert.ok(failure?.serverStderr.some((line) => line.includes('[redacted]')), `the server did not echo: ${JSON.stringify(failure)}`);
    clean('stdout (in-process)', run.out, '-e crash');
    clean('stderr (in-process)', run.err, '-e crash');
    await cleanFiles(dir, '-e crash', { reports: true, serverLog: true });
    assert.match(await readFile(path.join(dir, 'report.server.log'), 'utf8'), /API_TOKEN=\[redacted\]/);
  });

  it('malformed -H, -e and URLs: exit 2 without the value', async () => {
    const dir = await tempDir();
    // The last is odd but valid (WHATWG reads `http:user:…@host` as `http://user:…@host`): it fails to connect.
    const cases: string[][] = [
      ['run', '--http', 'http://127.0.0.1:1/mcp', '-H', CANARY],
      ['run', '--http', 'http://127.0.0.1:1/mcp', '-H', `Authorization ${CANARY}`],
      ['run', '--http', 'http://127.0.0.1:1/mcp', '-H', `:${CANARY}`],
      ['run', '--http', 'http://127.0.0.1:1/mcp', '-H', `X-Key: ${CANARY}\u0007`],
      ['run', '--stdio', 'node s.js', '-e', CANARY],
      ['run', '--stdio', 'node s.js', '-e', `1BAD=${CANARY}`],
      ['run', '--http', `http//user:${CANARY}@127.0.0.1:1/mcp`],
      ['run', '--http', `htps://127.0.0.1:1/mcp?token=${CANARY}`],
      ['run', '--sse', `http:user:${CANARY}@127.0.0.1:1/sse`],
    ];
    for (const args of cases) {
      const run = await inProcess(dir, args);
      const odd = args[1] === '--sse';
      assert.equal(run.code, odd ? 3 : 2, `${args.join(' ')}: ${run.err}`);
      assert.match(run.err, odd ? /ECONNREFUSED/ : /--header|--env|--http|--sse/);
      clean('stdout (in-process)', run.out, args.join(' '));
      clean('stderr (in-process)', run.err, args.join(' '));
    }
  });

  it('validate: a bad scenario quoting substituted and literal secrets, and a good one', async () => {
    const dir = await tempDir();
    const bad = await scenario(dir, 'bad.yaml', `
name: canary-bad
target:
  http: { url: "http//user:\${MCPB_CANARY}@127.0.0.1:1/mcp", headers: { X-Key: "${LITERAL}\\u0007" } }
workloads:
  - { name: w, type: concurrent, concurrency: "\${MCPB_CANARY}", duration: "\${MCPB_CANARY}", operations: [ { tool: "\${MCPB_CANARY}" } ] }
`);
    const invalid = await inProcess(dir, ['validate', bad, '--no-color']);
    assert.equal(invalid.code, 2, invalid.err);
    assert.match(invalid.err, /target\.http\.url/);
    clean('validate stdout', invalid.out, 'bad scenario');
    clean('validate stderr', invalid.err, 'bad scenario');
    const good = await scenario(dir, 'good.yaml', httpScenario('http://127.0.0.1:1/mcp'));
    const valid = await inProcess(dir, ['validate', good, '--no-color']);
    assert.equal(valid.code, 0, valid.err);
    assert.match(valid.out, /✓/);
    clean('validate stdout', valid.out, 'good scenario');
    clean('validate stderr', valid.err, 'good scenario');
  });

  it('the spawned CLI: ENOENT from a ${VAR} command, and a crashing server given -e', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', `
name: canary-spawned
target:
  stdio: { command: "/nonexistent/\${MCPB_CANARY}" }
workloads:
  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }
`);
    const enoent = startCli(['run', file, ...outFlags(dir, 'enoent')], dir, ENV);
    assert.equal((await enoent.exited).code, 3, enoent.stderr());
    assert.match(enoent.stderr(), /ENOENT/);
    clean('stdout (spawned CLI)', enoent.stdout(), 'spawned ENOENT');
    clean('stderr (spawned CLI)', enoent.stderr(), 'spawned ENOENT');
    const command = `${process.execPath} --import ${TSX} ${ENV_ECHO} --token=${CANARY}`;
    const crash = startCli(['run', '--stdio', command, '-e', `API_TOKEN=${CANARY}`, '-e', 'CRASH_NOW=1', ...outFlags(dir, 'crash')], dir, ENV);
    assert.equal((await crash.exited).code, 3, crash.stderr());
    clean('stdout (spawned CLI)', crash.stdout(), 'spawned crash');
    clean('stderr (spawned CLI)', crash.stderr(), 'spawned crash');
    await cleanFiles(dir, 'spawned', { reports: true, serverLog: true });
  });
});
