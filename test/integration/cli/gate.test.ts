import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { runInProcess, scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/** The built-in server with a fixed latency, a few hundred sequential echo calls: quick, and its figures are certain. */
const echoScenario = (latency: string, extra = ''): string => `
name: gate
target:
  builtin: { latency: ${latency} }
workloads:
  - name: echo
    type: sequential
    iterations: 300
    operations:
      - { tool: echo, args: { message: hi } }
${extra}`;

describe('CI gate through the CLI', { timeout: 180_000 }, () => {
  it('a failing threshold exits 1, names the failure on stderr, and the JUnit file carries measured vs limit', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', echoScenario('2ms'));
    const junit = path.join(dir, 'gate.xml');
    const markdown = path.join(dir, 'gate.md');
    const { code, io, report } = await runInProcess(dir, ['run', file, '--threshold', 'p50<1ms', '--threshold', 'error_rate<1%', '-o', junit, '-o', markdown]);
    assert.equal(code, 1, io.err());
    assert.match(io.err(), /1 of 2 thresholds failed/);
    const results = report!.workloads[0]!.thresholds;
    assert.deepEqual(results.map((t) => [t.threshold, t.passed]), [['p50<1ms', false], ['error_rate<1%', true]]);
    assert.ok(results[0]!.measured! >= 2_000, `measured p50 ${results[0]!.measured}`);
    assert.equal(report!.gate.passed, false);
    const xml = await readFile(junit, 'utf8');
    assert.match(xml, /<testsuites[^>]* failures="1"/);
    assert.match(xml, /<failure message="[^"]*measured [\d.]+ms[^"]*limit &lt; 1ms/);
    assert.match(await readFile(markdown, 'utf8'), /❌/);
    assert.match(io.out(), /✗ p50<1ms/);
  });

  it('thresholds that hold exit 0; scenario thresholds and --threshold are evaluated together', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', echoScenario('0ms', 'thresholds: ["p99<500ms"]'));
    const { code, io, report } = await runInProcess(dir, ['run', file, '--threshold', 'throughput>10/s']);
    assert.equal(code, 0, io.err());
    assert.deepEqual(report!.workloads[0]!.thresholds.map((t) => [t.threshold, t.source, t.passed]), [
      ['p99<500ms', 'scenario', true],
      ['throughput>10/s', 'cli', true],
    ]);
    assert.deepEqual(report!.gate.thresholds, { passed: 2, failed: 0 });
  });

  it('a baseline from a faster server fails the slower run (exit 1); a slower baseline passes it', async () => {
    const dir = await tempDir();
    const fast = await runInProcess(dir, ['run', await scenario(dir, 'fast.yaml', echoScenario('0ms'))]);
    assert.equal(fast.code, 0, fast.io.err());
    const fastReport = path.join(dir, 'fast.json');
    await readFile(path.join(dir, 'report.json')).then((b) => import('node:fs/promises').then((fs) => fs.writeFile(fastReport, b)));
    const slowFile = await scenario(dir, 'slow.yaml', echoScenario('3ms'));
    const slow = await runInProcess(dir, ['run', slowFile, '--baseline', fastReport, '--max-regression', 'p50=10%']);
    assert.equal(slow.code, 1, slow.io.err());
    assert.match(slow.io.err(), /baseline check/);
    const check = slow.report!.gate.baseline!.checks.find((c) => c.operation === 'tools/call echo');
    assert.equal(check?.verdict, 'regressed');
    // The other way round, the run is faster than its baseline: nothing regressed. Judged on p50, which the server's
    // injected 3 ms decides; a p99 of a few hundred calls is the machine's noise on a busy runner either way.
    const slowReport = path.join(dir, 'slow.json');
    await import('node:fs/promises').then(async (fs) => fs.writeFile(slowReport, await fs.readFile(path.join(dir, 'report.json'))));
    const again = await runInProcess(dir, ['run', await scenario(dir, 'fast2.yaml', echoScenario('0ms')), '--baseline', slowReport, '--max-regression', 'p50=10%']);
    assert.equal(again.code, 0, again.io.err());
    assert.ok(again.report!.gate.baseline!.checks.every((c) => c.verdict === 'ok'), JSON.stringify(again.report!.gate.baseline!.checks));
  });

  it('a baseline with no operation in common (renamed workload) fails the gate instead of passing unchecked', async () => {
    const dir = await tempDir();
    const base = await runInProcess(dir, ['run', await scenario(dir, 'base.yaml', echoScenario('0ms')), '-o', 'base.json']);
    assert.equal(base.code, 0, base.io.err());
    const renamed = await scenario(dir, 'renamed.yaml', echoScenario('0ms').replace('name: echo', 'name: echo-renamed'));
    const { code, io, report } = await runInProcess(dir, ['run', renamed, '--baseline', 'base.json', '-o', 'x.xml']);
    assert.equal(code, 1, io.err());
    assert.match(io.err(), /baseline base\.json: nothing compared/);
    assert.equal(report!.gate.baseline!.checks.length, 0);
    assert.equal(report!.gate.passed, false);
    assert.match(await readFile(path.join(dir, 'x.xml'), 'utf8'), /<testcase name="baseline compared"[^>]*>\s*<failure/);
  });

  it('`compare` puts saved reports side by side with ratios, and says its intervals cover sampling noise only', async () => {
    const dir = await tempDir();
    const a = await runInProcess(dir, ['run', await scenario(dir, 'a.yaml', echoScenario('0ms'))]);
    assert.equal(a.code, 0);
    const fs = await import('node:fs/promises');
    await fs.rename(path.join(dir, 'report.json'), path.join(dir, 'a.json'));
    const b = await runInProcess(dir, ['run', await scenario(dir, 'b.yaml', echoScenario('3ms'))]);
    assert.equal(b.code, 0);
    await fs.rename(path.join(dir, 'report.json'), path.join(dir, 'b.json'));
    const io = captureIo({ cwd: dir });
    const code = await runCli(['compare', 'a.json', 'b.json', '--no-color', '-o', 'cmp.md', '-q'], io);
    assert.equal(code, 0, io.err());
    assert.match(io.out(), /vs a/);
    assert.match(io.out(), /sampling noise/);
    assert.match(await fs.readFile(path.join(dir, 'cmp.md'), 'utf8'), /\| b \|/);
  });

  it('bad gate flags and unreadable baselines are exit 2 before anything runs', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', echoScenario('0ms'));
    const cases: [string[], RegExp][] = [
      [['--threshold', 'p99 < 5%'], /--threshold "p99 < 5%".*duration/],
      [['--max-regression', 'p99=10%'], /--max-regression needs --baseline/],
      [['--baseline', 'missing.json'], /--baseline: .*missing\.json: no such file/],
      // Said once: the parser's message already names the flag and its value.
      [['--baseline', file, '--max-regression', 'max=5%'], /^mcp-bench: --max-regression "max=5%": "max": max has no confidence interval/],
      [['-o', 'x.pdf'], /cannot tell the report format from the extension \.pdf/],
      [['--format', 'pdf'], /--format "pdf": unknown format/],
    ];
    for (const [flags, message] of cases) {
      const io = captureIo({ cwd: dir });
      const code = await runCli(['run', file, '-q', ...flags], io);
      assert.equal(code, 2, `${flags.join(' ')}: ${io.err()}`);
      assert.match(io.err(), message);
      assert.doesNotMatch(io.err(), /\n\s+at /, 'no stack trace');
    }
    const compareIo = captureIo({ cwd: dir });
    assert.equal(await runCli(['compare', 'nope.json', file], compareIo), 2);
    assert.match(compareIo.err(), /nope\.json/);
  });

  it('--format writes each format beside the JSON report', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 's.yaml', echoScenario('0ms'));
    const { code, io } = await runInProcess(dir, ['run', file, '--format', 'markdown', '--format', 'junit', '--format', 'html']);
    assert.equal(code, 0, io.err());
    const fs = await import('node:fs/promises');
    assert.match(await fs.readFile(path.join(dir, 'report.md'), 'utf8'), /^## mcp-bench · gate/m);
    assert.match(await fs.readFile(path.join(dir, 'report.xml'), 'utf8'), /^<\?xml/);
    assert.match(await fs.readFile(path.join(dir, 'report.html'), 'utf8'), /<svg/);
  });

  it('variants: interleaved rounds, a side-by-side table with ratios and intervals, thresholds per variant', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'v.yaml', `
name: variants
target:
  builtin: { latency: 0ms }
workloads:
  - name: echo
    type: concurrent
    concurrency: 4
    iterations: 200
    thresholds: ["error_rate<10%"]
    operations:
      - { tool: echo, args: { message: hi } }
variants:
  - name: fast
  - name: slow
    target: { builtin: { latency: 10ms, failRate: 0.5 } }
compare: { rounds: 2 }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file, '--no-color']);
    assert.equal(code, 1, io.err());
    assert.deepEqual(report!.workloads.map((w) => [w.variant, w.name, w.total.count]), [['fast', 'echo', 400], ['slow', 'echo', 400]]);
    assert.deepEqual(report!.workloads.map((w) => w.thresholds.map((t) => t.passed)), [[true], [false]]);
    const comparison = report!.comparison!;
    assert.equal(comparison.rounds, 2);
    assert.equal(comparison.roundFigures.filter((r) => r.operation === 'all').length, 4);
    const slow = comparison.rows.find((r) => r.operation === 'all')!.cells[1]!;
    assert.ok((slow.vsFirst!.p50.ratio ?? 0) > 1.5, JSON.stringify(slow.vsFirst));
    assert.match(io.out(), /comparison · fast \(reference\) vs slow/);
    assert.match(io.out(), /vs fast/);
  });

  it('abortOnFail stops the run at the first failing window: exit 1 (not 130), the rest not run, the report written', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'abort.yaml', `
name: abort
target:
  builtin: { latency: 3ms }
workloads:
  - name: slow
    type: concurrent
    concurrency: 2
    duration: 20s
    thresholds:
      - { threshold: "p50<1ms", abortOnFail: true }
    operations:
      - { tool: echo, args: { message: hi } }
  - name: after
    type: sequential
    iterations: 10
    operations:
      - { method: ping }
`);
    const { code, io, report } = await runInProcess(dir, ['run', file]);
    assert.equal(code, 1, io.err());
    assert.ok(report!.workloads[0]!.durationUs < 20_000_000, `measured ${report!.workloads[0]!.durationUs} µs of the 20 s`);
    assert.equal(report!.gate.abortedBy?.threshold, 'p50<1ms');
    assert.deepEqual(report!.workloads.map((w) => w.status), ['aborted', 'not-run']);
    assert.equal(report!.interrupted, false);
    assert.equal(report!.partial, true);
    assert.ok(report!.workloads[0]!.total.count > 0, 'what was measured before the abort is kept');
    assert.match(io.err(), /stopped the run/);
  });
});
