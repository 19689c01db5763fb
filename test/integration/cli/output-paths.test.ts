import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { scenario, tempDir } from './helpers.js';

async function cli(args: string[], cwd: string) {
  const io = captureIo({ cwd });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const noStack = (text: string): void => assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+|internal error/, 'no stack trace');

const TINY = 'name: tiny\ntarget:\n  builtin: {}\nworkloads:\n  - { name: w, type: sequential, iterations: 20, operations: [ { method: ping } ] }\n';

describe('report paths: proven writable before the run, folders never created behind a typo', () => {
  it('-o into a folder that does not exist is bad input, and nothing is created', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'tiny.yaml', TINY);
    const missing = await cli(['run', file, '-o', path.join(dir, 'no/such/folder/r.json'), '--quiet'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /the folder .*no\/such\/folder does not exist; create it first \(mkdir -p /);
    assert.deepEqual((await readdir(dir)).sort(), ['tiny.yaml']);
    noStack(missing.err);
  });

  it('-o where no file can be created (/proc) is bad input before anything runs', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'tiny.yaml', TINY);
    const proc = await cli(['run', file, '-o', '/proc/x.json', '--quiet'], dir);
    assert.equal(proc.code, 2);
    assert.match(proc.err, /-o \/proc\/x\.json: cannot be written/);
    assert.equal(proc.out, '');
    noStack(proc.err);
  });

  it('checking an existing report does not truncate it; the default reports/ folder is still created', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'tiny.yaml', TINY);
    const existing = path.join(dir, 'old.json');
    await writeFile(existing, '{"kept":true}');
    // A bad scenario after the output check would leave the old report in place: the check must not have emptied it.
    const refused = await cli(['run', file, '-o', existing, '--format', 'nope', '--quiet'], dir);
    assert.equal(refused.code, 2);
    assert.equal(await readFile(existing, 'utf8'), '{"kept":true}');
    const ran = await cli(['run', file, '--quiet'], dir);
    assert.equal(ran.code, 0, ran.err);
    assert.equal((await readdir(path.join(dir, 'reports'))).filter((name) => name.endsWith('.json')).length, 1);
  });

  it('a server log that cannot be written is a warning, not a crash: the run and its report complete', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'tiny.yaml', TINY);
    // The spawned server's log goes beside the report; a folder in its way makes the log stream fail.
    await mkdir(path.join(dir, 'r.server.log'));
    const ran = await cli(['run', file, '-o', path.join(dir, 'r.json'), '--quiet'], dir);
    assert.equal(ran.code, 0, ran.err);
    assert.match(ran.err, /warning: could not write the server log r\.server\.log: EISDIR/);
    assert.ok(JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')));
    noStack(ran.err);
  });
});
