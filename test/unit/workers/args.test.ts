import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MAX_WORKERS, childArgs, conflictingFlag, parseWorkerCount } from '../../../src/workers/args.js';

const cores = (n: number) => () => n;

describe('--workers N|auto', () => {
  it('takes a whole number from 1 up, and auto as the cores the process may use', () => {
    assert.deepEqual(parseWorkerCount('3', cores(8)), { count: 3 });
    assert.deepEqual(parseWorkerCount(' 1 ', cores(8)), { count: 1 });
    assert.deepEqual(parseWorkerCount('auto', cores(6)), { count: 6 });
    assert.deepEqual(parseWorkerCount('AUTO', cores(2)), { count: 2 });
    assert.deepEqual(parseWorkerCount(String(MAX_WORKERS), cores(2)), { count: MAX_WORKERS });
  });

  it('refuses anything else, saying what it expects and what it got', () => {
    for (const bad of ['0', '-2', '1.5', 'two', '', '4x', String(MAX_WORKERS + 1)]) {
      const parsed = parseWorkerCount(bad, cores(4));
      assert.ok('problem' in parsed, bad);
      assert.match(parsed.problem, /^--workers expects a whole number of worker processes from 1 to 1024, or auto/);
      assert.match(parsed.problem, /got /);
    }
    const typo = parseWorkerCount('two', cores(4));
    assert.ok('problem' in typo && typo.problem.includes('got "two"') && typo.problem.includes('hint: --workers 4, or --workers auto'));
  });

  it('refuses the flags that choose a share or a start: the parent decides those', () => {
    assert.equal(conflictingFlag([{ name: 'threshold', values: ['p99<5ms'] }]), null);
    for (const name of ['shard', 'shards', 'start-at', 'max-late']) {
      const problem = conflictingFlag([{ name: 'http', values: ['http://x'] }, { name, values: ['1'] }]);
      assert.match(problem ?? '', new RegExp(`^--workers cannot be combined with --${name}: .*hint: on several machines run`));
    }
  });

  it('refuses --server-pid: every worker would sample the same process and the merge would add it N times', () => {
    assert.match(conflictingFlag([{ name: 'server-pid', values: ['123'] }]) ?? '', /^--workers cannot be combined with --server-pid yet: .*N times/);
  });
});

describe("a child's command line", () => {
  const base = { scenario: 'scenarios/s.yaml', cwd: '/home/me', index: 1, count: 3, reportPath: '/tmp/w/shard-1.json' };

  it('is the user\'s run flags, less the parent\'s own, plus its shard, --quiet and its report', () => {
    const args = childArgs({
      ...base,
      given: [
        { name: 'workers', values: ['3'] },
        { name: 'out', values: ['r.json', 'r.md'] },
        { name: 'format', values: ['html'] },
        { name: 'json', values: [] },
        { name: 'quiet', values: [] },
        { name: 'baseline', values: ['b.json'] },
        { name: 'max-regression', values: ['p99=5%'] },
        { name: 'prometheus', values: [':9464'] },
        { name: 'prometheus-linger', values: ['15s'] },
        { name: 'threshold', values: ['p99<50ms', 'error_rate<1%'] },
        { name: 'header', values: ['-X: y'] },
        { name: 'http', values: ['http://127.0.0.1:3000/mcp'] },
        { name: 'grace', values: ['5s'] },
        { name: 'no-color', values: [] },
      ],
    });
    assert.deepEqual(args, [
      'run',
      path.resolve('/home/me', 'scenarios/s.yaml'),
      '--threshold=p99<50ms',
      '--threshold=error_rate<1%',
      '--header=-X: y',
      '--http=http://127.0.0.1:3000/mcp',
      '--grace=5s',
      '--no-color',
      '--shard=1/3',
      '--quiet',
      '--out=/tmp/w/shard-1.json',
    ]);
  });

  it('names no scenario when the user named none (each child picks the same default)', () => {
    assert.deepEqual(childArgs({ ...base, scenario: undefined, given: [], index: 0, count: 1 }), ['run', '--shard=0/1', '--quiet', '--out=/tmp/w/shard-1.json']);
  });
});
