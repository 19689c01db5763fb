import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { splitCommandLine } from '../../../src/cli/target-flags.js';
import { formatIssues } from '../../../src/input/issues.js';
import { parseShard } from '../../../src/schedule/shard.js';
import { loadPlan } from '../../../src/scenario/load.js';
import { commandHelp, optionsUsed, parseRunArgs } from './cli-args.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE = 'examples/github-actions-distributed.yml';
const TEXT = readFileSync(ROOT + FILE, 'utf8');

type Json = Record<string, any>; // read-only walks of parsed YAML
const workflow = parse(TEXT) as Json;
const matrix = workflow.jobs.shard.strategy.matrix.shard as number[];

/** Every problem GitHub's own workflow parser finds: the schema (unknown keys included), then the job graph. */
async function workflowProblems(text: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: FILE, content: text }, new NoOperationTraceWriter());
  const problems = parsed.context.errors.getErrors().map((error) => error.message);
  if (problems.length > 0 || parsed.value === undefined) return problems;
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return (template.errors ?? []).map((error) => error.Message);
}

/** The `mcp-bench <command> …` line of a job's run steps, continuation lines joined, as argv after `mcp-bench`. */
function mcpBenchArgs(job: string, command: string, expressions: Readonly<Record<string, string>>): string[] {
  const scripts = (workflow.jobs[job].steps as Json[]).map((step) => String(step.run ?? ''));
  const lines = scripts.join('\n').replaceAll('\\\n', ' ').split('\n');
  const found = lines.filter((line) => line.includes(`npx mcp-bench ${command} `));
  assert.equal(found.length, 1, `one \`mcp-bench ${command}\` in job ${job}`);
  const filled = (found[0] ?? '').replaceAll(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const value = expressions[expression];
    assert.ok(value !== undefined, `a value for \${{ ${expression} }} in the test`);
    return value;
  });
  const words = splitCommandLine(filled);
  return words.slice(words.indexOf('mcp-bench') + 1);
}

const EXPECT_SHARDS = (() => {
  const args = mcpBenchArgs('merge', 'merge', {});
  return Number(args[args.indexOf('--expect-shards') + 1]);
})();

describe(FILE, () => {
  it('passes GitHub\'s workflow parser (@actions/workflow-parser): schema and job graph', async () => {
    assert.deepEqual(await workflowProblems(TEXT), []);
  });

  it('plan → shard (a matrix of N) → merge, which gates with --expect-shards N', async () => {
    const parsed = parseWorkflow({ name: FILE, content: TEXT }, new NoOperationTraceWriter());
    assert.ok(parsed.value);
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    const needs = Object.fromEntries(template.jobs.map((job) => [job.id.value, (job.needs ?? []).map((need) => need.value)]));
    assert.deepEqual(needs, { plan: [], shard: ['plan'], merge: ['shard'] });
    assert.ok(EXPECT_SHARDS > 1);
    assert.deepEqual(matrix, Array.from({ length: EXPECT_SHARDS }, (_, i) => i), 'the matrix is 0 … N-1');
    assert.equal(workflow.jobs.shard.strategy['fail-fast'], false, 'one failed shard must not cancel the others');
    assert.equal(workflow.jobs.merge.if, '${{ !cancelled() }}', 'the merge also runs, and fails, after a failed shard');
    assert.match(String(workflow.jobs.plan.outputs['start-at']), /steps\.start\.outputs\.start-at/);
  });

  it('each shard\'s command is parsed by mcp-bench run: known options, --shard i/N with N = --expect-shards', async () => {
    for (const index of matrix) {
      const args = mcpBenchArgs('shard', 'run', {
        'matrix.shard': String(index),
        'needs.plan.outputs.start-at': '2030-01-01T12:00:00Z',
      });
      const parsed = await parseRunArgs(args.slice(1).map((arg) => (arg === '$MCP_URL' ? 'http://mcp.example:3000/mcp' : arg)));
      assert.ok(parsed.ok, parsed.ok ? '' : `mcp-bench ${args.join(' ')}: ${parsed.error}`);
      assert.deepEqual(parseShard(String(parsed.options.shard)), { index, count: EXPECT_SHARDS });
      assert.equal(parsed.options.startAt, '2030-01-01T12:00:00Z');
      assert.deepEqual(parsed.options.out, [`reports/shard-${index}.json`]);
      const scenario = await loadPlan(ROOT + String(parsed.operands[0]), {});
      assert.ok(scenario.ok, scenario.ok ? '' : formatIssues(scenario.issues));
    }
  });

  it('the merge command uses only options `mcp-bench merge` knows', async () => {
    const help = await commandHelp('merge');
    for (const option of optionsUsed(mcpBenchArgs('merge', 'merge', {}))) {
      assert.match(help, new RegExp(`(^|[\\s,])${option}[\\s,]`, 'm'), `mcp-bench merge --help lists ${option}`);
    }
  });

  it('a misspelled field fails the parser: `runs-onn`, `fail-fsat`', async () => {
    const runsOn = await workflowProblems(TEXT.replace(/^ {4}runs-on:/m, '    runs-onn:'));
    assert.ok(runsOn.some((problem) => problem.includes("Unexpected value 'runs-onn'")), runsOn.join('\n'));
    const failFast = await workflowProblems(TEXT.replace('fail-fast:', 'fail-fsat:'));
    assert.ok(failFast.some((problem) => problem.includes("Unexpected value 'fail-fsat'")), failFast.join('\n'));
    const needs = await workflowProblems(TEXT.replace(/^ {4}needs: shard$/m, '    needs: shards'));
    assert.ok(needs.some((problem) => problem.includes("depends on unknown job 'shards'")), needs.join('\n'));
  });
});
