import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { addOperationOptions, addWorkloadOptions, operationsFromFlags, workloadFromFlags, type WorkloadFlags } from '../../../src/cli/workload-flags.js';
import { givenFlags } from '../../../src/cli/run-workers.js';

/** The flags as commander parses them for a command with the quick-run options. */
function parse(argv: readonly string[], add = addWorkloadOptions): { flags: WorkloadFlags; command: Command } {
  let parsed: { flags: WorkloadFlags; command: Command } | undefined;
  const program = new Command('x').exitOverride();
  add(program.command('run').argument('[scenario]')).action((_s: unknown, flags: WorkloadFlags, command: Command) => {
    parsed = { flags, command };
  });
  program.parse(['run', ...argv], { from: 'user' });
  assert.ok(parsed);
  return parsed;
}

const workloadOf = (argv: readonly string[]) => workloadFromFlags(parse(argv).flags);

function problemsOf(argv: readonly string[]): readonly string[] {
  const result = workloadOf(argv);
  assert.equal(result.ok, false, 'expected the flags to be refused');
  return result.ok ? [] : result.problems;
}

function writtenOf(argv: readonly string[]): Readonly<Record<string, unknown>> {
  const result = workloadOf(argv);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.ok(result.value, 'expected a workload');
  return result.value.written;
}

describe('quick-run flags: operations', () => {
  it('are read in command-line order, --args and --weight going to the operation just before them', () => {
    const written = writtenOf(['--tool', 'search', '--args', '{"q":"x"}', '--weight', '3', '--resource', 'bench://static/small', '--prompt', 'greeting', '--args', '{"name":"w"}', '--method', 'ping', '--tool', 'echo']);
    assert.deepEqual(written.operations, [
      { tool: 'search', args: { q: 'x' }, weight: 3 },
      { resource: 'bench://static/small' },
      { prompt: 'greeting', args: { name: 'w' } },
      { method: 'ping' },
      { tool: 'echo' },
    ]);
  });

  it('none given: no workload at all', () => {
    assert.deepEqual(workloadOf([]), { ok: true, value: null });
    assert.deepEqual(operationsFromFlags(parse([], addOperationOptions).flags), { ok: true, value: null });
  });

  it('bad JSON in --args names the flag, its place, the operation, the JSON error and a hint', () => {
    const [problem, ...rest] = problemsOf(['--tool', 'a', '--args', '{}', '--tool', 'b', '--args', '{"q":']);
    assert.deepEqual(rest, []);
    assert.match(problem!, /^--args expects a JSON object; the 2nd --args \(after --tool b\) is not valid JSON: .*JSON.* \(hint: a JSON object in single quotes for the shell, e\.g\. --tool b --args '\{"q":"x"\}'\)$/);
  });

  it('--args that is JSON but not an object says what it is', () => {
    assert.match(problemsOf(['--tool', 'a', '--args', '[1]'])[0]!, /the 1st --args \(after --tool a\) is an array/);
    assert.match(problemsOf(['--tool', 'a', '--args', '"x"'])[0]!, /is a string/);
    assert.match(problemsOf(['--tool', 'a', '--args', 'null'])[0]!, /is null/);
  });

  it('--args or --weight before any operation, --args after one that takes none, and twice for one operation', () => {
    assert.match(problemsOf(['--args', '{}', '--tool', 'a'])[0]!, /^the 1st --args comes before any operation \(hint: --args belongs to the --tool or --prompt just before it/);
    assert.match(problemsOf(['--weight', '2', '--tool', 'a'])[0]!, /^the 1st --weight comes before any operation/);
    assert.match(problemsOf(['--resource', 'bench://x', '--args', '{}'])[0]!, /^--args gives the arguments of a --tool or --prompt; the 1st --args follows --resource bench:\/\/x, which takes none$/);
    assert.match(problemsOf(['--tool', 'a', '--args', '{}', '--args', '{}'])[0]!, /^--tool a has two --args/);
    assert.match(problemsOf(['--tool', 'a', '--weight', '1', '--weight', '2'])[0]!, /^--tool a has two --weight/);
  });

  it('a weight that is not a number above 0, and an empty name, are problems', () => {
    for (const weight of ['0', '-1', 'x', '']) assert.match(problemsOf(['--tool', 'a', '--weight', weight])[0]!, /^--weight expects a number greater than 0/);
    assert.match(problemsOf(['--tool', ' '])[0]!, /^--tool expects a tool name; the 1st --tool is empty$/);
    assert.match(problemsOf(['--resource', ''])[0]!, /^--resource expects a resource URI/);
  });

  it('lists built without the order (a caller of its own): one operation pairs, several with --args cannot', () => {
    assert.deepEqual(operationsFromFlags({ tool: ['a'], args: ['{"x":1}'], weight: ['2'] }), { ok: true, value: [{ tool: 'a', args: { x: 1 }, weight: 2 }] });
    assert.deepEqual(operationsFromFlags({ tool: ['a'], method: ['ping'] }), { ok: true, value: [{ tool: 'a' }, { method: 'ping' }] });
    const several = operationsFromFlags({ tool: ['a', 'b'], args: ['{}'] });
    assert.equal(several.ok, false);
  });
});

describe('quick-run flags: load and client', () => {
  it('-c makes it concurrent, -R constant-rate (a bare number per second), -n alone sequential, -d alone no type', () => {
    assert.deepEqual(writtenOf(['-c', '16', '-d', '10s']), { type: 'concurrent', concurrency: 16, duration: '10s' });
    assert.deepEqual(writtenOf(['-R', '200', '-d', '2s']), { type: 'constant-rate', rate: '200/s', duration: '2s' });
    assert.deepEqual(writtenOf(['--rate', '30/m', '-n', '10']), { type: 'constant-rate', rate: '30/m', iterations: 10 });
    assert.deepEqual(writtenOf(['-n', '1k']), { type: 'sequential', iterations: 1000 });
    assert.deepEqual(writtenOf(['-c', '4', '-n', '1000']), { type: 'concurrent', concurrency: 4, iterations: 1000 });
    assert.deepEqual(writtenOf(['-d', '3s']), { duration: '3s' });
  });

  it('-w takes a count, a duration or 0', () => {
    assert.equal(writtenOf(['-w', '200']).warmup, 200);
    assert.equal(writtenOf(['-w', '2s']).warmup, '2s');
    assert.equal(writtenOf(['-w', '0']).warmup, 0);
    assert.match(problemsOf(['-w', 'soon'])[0]!, /^-w expects a number of calls \(like 200 or 1k\) or a duration \(like 2s\); 0 for none; got "soon"$/);
  });

  it('--timeout, --retries and --sessions are the workload\'s client block', () => {
    assert.deepEqual(writtenOf(['--timeout', '5s', '--retries', '2', '--sessions', '4']), { client: { timeout: '5s', retry: { attempts: 3 }, sessions: 4 } });
    assert.deepEqual(writtenOf(['--retries', '0']), { client: { retry: false } });
  });

  it('bad numbers, durations and rates say what was expected and what was given', () => {
    assert.deepEqual(problemsOf(['-c', '0', '-d', '10', '-n', 'many', '-R', 'fast', '--timeout', '0', '--retries', '-1', '--sessions', '1.5']), [
      '-c expects a whole number greater than 0, like 100, 2000 or 10k; got "0"',
      '-n expects a whole number greater than 0, like 100, 2000 or 10k; got "many"',
      '-d expects a duration with a unit, like 500us, 250ms, 10s, 2m or 1h; got "10"',
      '-R expects a rate greater than 0, like 200/s, 30/m or 100/h, or a number of calls per second; got "fast"',
      '--timeout expects a duration greater than 0, like 250ms or 10s; got "0"',
      '--retries expects a whole number ≥ 0, like 0, 2 or 3; got "-1"',
      '--sessions expects a whole number greater than 0, like 100, 2000 or 10k; got "1.5"',
      '-R and -c choose different workload types: -R starts calls at a rate (constant-rate, open model), -c keeps calls in flight (concurrent, closed loop); give one (hint: -R 200/s, or -c 16)',
      '-n and -d both say when the run ends: a workload has iterations or a duration, not both; give one (hint: -n 1000 makes 1000 calls, -d 10s runs for 10 seconds)',
    ]);
  });

  it('a duration or rate over its cap keeps its own hint', () => {
    assert.match(problemsOf(['-d', '48h'])[0]!, /^-d expects a duration of at most 24h; got "48h" \(hint: durations are capped at 24h/);
    assert.match(problemsOf(['-R', '2000000'])[0]!, /^-R expects a rate of at most 1,000,000\/s.*\(hint: /);
  });

  it('operation and load problems come together, and givenBy names every flag used', () => {
    assert.equal(problemsOf(['--tool', 'a', '--args', '{', '-c', 'x']).length, 2);
    const result = workloadOf(['--tool', 'a', '--args', '{}', '--tool', 'b', '-c', '2', '-d', '1s', '--retries', '1']);
    assert.ok(result.ok && result.value);
    assert.deepEqual(result.value.givenBy, ['--tool', '--args', '-c', '-d', '--retries']);
  });
});

describe('run --workers: the quick-run flags reach the children in their order', () => {
  it('operation flags go one by one, as given, after the others', () => {
    const { command } = parse(['--tool', 'a', '--args', '{"q":1}', '-c', '4', '--tool', 'b', '--weight', '2', '-d', '1s']);
    assert.deepEqual(givenFlags(command), [
      { name: 'concurrency', values: ['4'] },
      { name: 'duration', values: ['1s'] },
      { name: 'tool', values: ['a'] },
      { name: 'args', values: ['{"q":1}'] },
      { name: 'tool', values: ['b'] },
      { name: 'weight', values: ['2'] },
    ]);
  });
});
