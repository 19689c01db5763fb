import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { summarizeVariants } from '../../../src/compare/summarize-variants.js';
import { runRounds, type RoundStart } from '../../../src/runner/rounds.js';
import { reportSchema } from '../../../src/report/report-schema.js';
import { resolveScenario } from '../../../src/scenario/index.js';
import type { Counts } from '../../../src/server/counter.js';
import { systemClock } from '../../../src/time/clock.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const COUNTING_SERVER = path.join(REPO, 'test/fixtures/counting-stdio-server.ts');
const ENVIRONMENT = { node: process.version, platform: 'test', arch: 'test', osRelease: '', cpus: { count: 1, model: '' }, memoryBytes: 0 };
const ROUNDS = 2;
const ITERATIONS = 24;

describe('variants against the reference server over stdio', { timeout: 120_000 }, () => {
  it('interleaved rounds of cache off and on: both variants compared, and every figure reconciles with the server', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-variants-'));
    const countsFile = path.join(dir, 'counts.jsonl');
    // The reference server over stdio, appending what it received to COUNTS_FILE when it exits (once per workload run).
    const resolved = resolveScenario(
      {
        name: 'variants-it',
        target: {
          stdio: { command: process.execPath, args: ['--import', import.meta.resolve('tsx'), COUNTING_SERVER], env: { COUNTS_FILE: countsFile, LATENCY_US: '1000' } },
        },
        workloads: [
          {
            name: 'lookups',
            type: 'concurrent',
            concurrency: 2,
            iterations: ITERATIONS,
            operations: [
              { name: 'a', tool: 'echo', args: { message: 'a' } },
              { name: 'b', tool: 'echo', args: { message: 'b' } },
            ],
          },
        ],
        variants: [{ name: 'no-cache' }, { name: 'cache', client: { cache: { tools: ['echo'] } } }],
        compare: { rounds: ROUNDS },
      },
      { file: null, env: {}, baseDir: dir },
    );
    assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
    const starts: RoundStart[] = [];
    const result = await runRounds(resolved.plan, {
      clock: systemClock,
      serverLog: new ServerLog(null),
      stopSignal: new AbortController().signal,
      now: () => new Date(),
      onRoundStart: (start) => starts.push(start),
    });
    const summary = summarizeVariants(result, ENVIRONMENT, '0.0.0-test');

    assert.deepEqual(starts.map((s) => `${s.round} ${s.variant}`), ['1 no-cache', '1 cache', '2 no-cache', '2 cache']);
    assert.deepEqual(summary.workloads.map((w) => [w.variant, w.name, w.status]), [['no-cache', 'lookups', 'completed'], ['cache', 'lookups', 'completed']]);
    const [off, on] = summary.workloads;
    assert.equal(off!.total.count, ROUNDS * ITERATIONS, 'merged over the rounds');
    assert.equal(on!.total.count, ROUNDS * ITERATIONS);

    // The server processes, in the order they ran: no-cache, cache, no-cache, cache.
    const counts = (await readFile(countsFile, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Counts);
    assert.equal(counts.length, ROUNDS * 2, 'one server per variant per round');
    const echoes = (variant: number) => counts.filter((_c, i) => i % 2 === variant).reduce((n, c) => n + (c.tools['echo'] ?? 0), 0);
    assert.equal(echoes(0), off!.total.count, 'without the cache every call reached the server');
    const cache = on!.operations.map((op) => op.client!.cache!);
    const misses = cache.reduce((n, c) => n + c.misses, 0);
    assert.equal(echoes(1), misses, 'with the cache only the misses reached the server');
    assert.equal(misses + cache.reduce((n, c) => n + c.hits, 0), on!.total.count);
    assert.ok(misses >= 2 * ROUNDS, 'each round starts with an empty cache (a fresh connection and client)');
    assert.equal(on!.client!.layers['cache']!['entries'], 2);

    const comparison = summary.comparison!;
    assert.equal(comparison.source, 'rounds');
    assert.equal(comparison.rounds, ROUNDS);
    assert.deepEqual(comparison.variants, ['no-cache', 'cache']);
    assert.deepEqual(comparison.rows.map((row) => row.operation), ['a', 'b', 'all']);
    for (const row of comparison.rows) assert.deepEqual(row.cells.map((cell) => cell.variant), ['no-cache', 'cache']);
    const total = comparison.rows.find((row) => row.operation === 'all')!;
    assert.equal(total.cells[0]!.count, off!.total.count);
    assert.equal(total.cells[1]!.p50Us, on!.total.latencyUs.p50);
    const vs = total.cells[1]!.vsFirst!;
    const { ratio, low, high } = vs.p50;
    assert.ok(ratio !== null && ratio < 0.5, `cached p50 well under the 1 ms server latency: ratio ${ratio}`);
    assert.ok(low !== null && high !== null && low <= ratio && ratio <= high, JSON.stringify(vs.p50));
    assert.equal(comparison.roundFigures.filter((f) => f.operation === 'all').length, ROUNDS * 2);
    assert.equal(
      comparison.roundFigures.filter((f) => f.variant === 'cache' && f.operation === 'all').reduce((n, f) => n + f.count, 0),
      on!.total.count,
      'the rounds add up to the merged figures',
    );
    const validated = reportSchema.safeParse(JSON.parse(JSON.stringify(summary)));
    assert.ok(validated.success, JSON.stringify(!validated.success && validated.error.issues.slice(0, 3)));
  });
});
