/**
 * The bad-input corpus (test/fixtures/bad-scenarios): every file through `validate` and `run`, in-process, and a few
 * through the real binary. Each must exit 2 with its path or line (expected.json) and never a stack trace. Timings
 * are reported (diagnostics), not asserted: speed targets live in bench/validate-scale.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { REPO, startCli, tempDir } from './helpers.js';

const CORPUS = path.join(REPO, 'test/fixtures/bad-scenarios');
const EXPECTED = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, string[]>;
const FILES = readdirSync(CORPUS).filter((name) => name !== 'expected.json' && name !== 'README.md').sort();

function assertClean(text: string, what: string): void {
  assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+|^\s+at /m, `${what}: no stack trace`);
  assert.doesNotMatch(text, /internal error/, `${what}: no internal error`);
}

async function inProcess(args: string[], cwd: string) {
  const io = captureIo({ cwd });
  const started = performance.now();
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err(), ms: performance.now() - started };
}

describe('the bad-input corpus: exit 2, a path or line, never a stack trace', () => {
  it('holds at least 60 distinct files, each with its expectation', () => {
    assert.ok(FILES.length >= 60, `only ${FILES.length} files`);
    assert.deepEqual(FILES, Object.keys(EXPECTED).sort(), 'every file has an entry in expected.json and every entry a file');
    // The same text read as YAML and as JSON (an empty file) is two cases.
    const contents = new Set(FILES.map((name) => `${path.extname(name)}:${readFileSync(path.join(CORPUS, name), 'latin1')}`));
    assert.equal(contents.size, FILES.length, 'no two files are the same');
  });

  it('every file, through validate and run in-process', async (t) => {
    const cwd = await tempDir();
    const timings: [string, number][] = [];
    for (const name of FILES) {
      const file = path.join(CORPUS, name);
      for (const command of ['validate', 'run'] as const) {
        const result = await inProcess(command === 'run' ? ['run', file, '--quiet'] : ['validate', file], cwd);
        const what = `${command} ${name}`;
        assert.equal(result.code, 2, `${what}: exit code\n${result.err}`);
        assert.equal(result.out, '', `${what}: nothing on stdout`);
        for (const part of EXPECTED[name] ?? []) assert.ok(result.err.includes(part), `${what}: stderr lacks ${JSON.stringify(part)}:\n${result.err}`);
        assertClean(result.err, what);
        timings.push([what, result.ms]);
      }
    }
    assert.deepEqual(readdirSync(cwd), [], 'a refused run writes nothing');
    const slowest = timings.sort((a, b) => b[1] - a[1]).slice(0, 5);
    t.diagnostic(`slowest: ${slowest.map(([what, ms]) => `${what} ${Math.round(ms)} ms`).join(', ')}`);
  });

  it('a FIFO, a device and a folder as the scenario file: refused at once, not waited on', async () => {
    const dir = await tempDir();
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, RegExp][] = [
      [fifo, /is a named pipe \(FIFO\), not a regular file/],
      ['/dev/zero', /is a device, not a regular file/],
      [dir, /is a folder, not a scenario file/],
    ];
    for (const [file, message] of cases) {
      for (const command of ['validate', 'run']) {
        const result = await inProcess([command, file], dir);
        assert.equal(result.code, 2, `${command} ${file}`);
        assert.match(result.err, message);
        assertClean(result.err, `${command} ${file}`);
      }
    }
  });

  it('the real binary: validate of several files at once, and run of one', async () => {
    const chosen = ['empty.yaml', 'deep-flow.yaml', 'tag-js-function.yaml', 'json-trailing-comma.json', 'binary-garbage.yaml', 'many-duplicate-names.yaml'];
    const cwd = await tempDir();
    const validate = startCli(['validate', ...chosen.map((name) => path.join(CORPUS, name))], cwd);
    const run = startCli(['run', path.join(CORPUS, 'json-deep.json')], cwd);
    const [validated, ran] = await Promise.all([validate.exited, run.exited]);
    assert.equal(validated.code, 2, validate.stderr());
    for (const name of chosen) for (const part of EXPECTED[name] ?? []) assert.ok(validate.stderr().includes(part), `${name}: ${part}`);
    assertClean(validate.stderr(), 'spawned validate');
    assert.equal(ran.code, 2, run.stderr());
    for (const part of EXPECTED['json-deep.json'] ?? []) assert.ok(run.stderr().includes(part), part);
    assertClean(run.stderr(), 'spawned run');
  });
});
