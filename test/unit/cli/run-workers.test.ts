import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command, Option } from 'commander';
import { givenFlags, runWorkersCommand } from '../../../src/cli/run-workers.js';
import type { ForkWorker } from '../../../src/workers/parent.js';
import { captureIo } from '../../fixtures/io.js';
import { FakeWorker } from '../workers/fixtures.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

describe('run --workers: the command', () => {
  it('gives the children the flags written on the command line, not the defaults', async () => {
    let given: ReturnType<typeof givenFlags> = [];
    const program = new Command('x').exitOverride();
    program
      .command('run')
      .argument('[scenario]')
      .addOption(new Option('--threshold <expr>').argParser(collect))
      .option('--grace <duration>', 'grace', '2s')
      .option('--http <url>')
      .option('-q, --quiet')
      .option('--no-color')
      .option('--workers <n>')
      .action((_scenario, _flags, command: Command) => void (given = givenFlags(command)));
    await program.parseAsync(['run', 's.yaml', '--threshold', 'p99<5ms', '-q', '--threshold=error_rate<1%', '--no-color', '--workers', '2'], { from: 'user' });
    assert.deepEqual(given, [
      { name: 'threshold', values: ['p99<5ms', 'error_rate<1%'] },
      { name: 'quiet', values: [] },
      { name: 'no-color', values: [] },
      { name: 'workers', values: ['2'] },
    ]);
  });

  it('refuses a bad worker count and the flags that choose a share, before anything starts (exit 2)', async () => {
    const forked: number[] = [];
    const fork: ForkWorker = (index) => (forked.push(index), new FakeWorker(index, [], {}));
    for (const [workers, given, message] of [
      ['none', [], /--workers expects a whole number.*got "none"/],
      ['0', [], /--workers expects .* got 0/],
      ['2', [{ name: 'start-at', values: ['+5s'] }], /--workers cannot be combined with --start-at/],
    ] as const) {
      const io = captureIo({ cwd: process.cwd() });
      const code = await runWorkersCommand(undefined, { workers, color: false }, given, io, { fork });
      assert.equal(code, 2);
      assert.match(io.err(), message);
    }
    assert.deepEqual(forked, []);
  });

  it('a child that ends before the start ends the run with its exit code; the others are killed', async () => {
    const workers: FakeWorker[] = [];
    const fork: ForkWorker = (index, args, env) => {
      const worker = new FakeWorker(index, args, env);
      workers.push(worker);
      if (index === 1) setImmediate(() => worker.exit(2));
      return worker;
    };
    const io = captureIo({ cwd: process.cwd(), env: { HOME_LIKE: 'x' } });
    const code = await runWorkersCommand(undefined, { workers: '3', color: false, quiet: true }, [{ name: 'workers', values: ['3'] }], io, { fork });
    assert.equal(code, 2);
    assert.match(io.err(), /the run did not start: worker 1 exited with code 2 before the run started/);
    assert.deepEqual(workers.map((w) => w.args.filter((a) => a.startsWith('--shard') || a === '--quiet')), [['--shard=0/3', '--quiet'], ['--shard=1/3', '--quiet'], ['--shard=2/3', '--quiet']]);
    assert.equal(workers[0]!.env['MCP_BENCH_WORKER'], '1');
    assert.equal(workers[0]!.env['HOME_LIKE'], 'x');
    assert.ok(workers.every((w) => w.exited), 'no child left running');
  });
});
