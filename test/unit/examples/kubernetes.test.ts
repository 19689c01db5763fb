import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseScenarioText } from '../../../src/scenario/parse.js';
import { resolveScenario } from '../../../src/scenario/resolve.js';
import { formatIssues } from '../../../src/input/issues.js';
import { VERSION } from '../../../src/version.js';
import { parseRunArgs } from './cli-args.js';
import { manifestProblems, type ManifestDocument } from './kubernetes-model.js';

const MANIFEST = new URL('../../../examples/kubernetes/mcp-bench.yaml', import.meta.url);
const TEXT = readFileSync(MANIFEST, 'utf8');
/** What the README's `sed` puts in place of ${START_AT} at apply time. */
const START_AT = '2030-01-01T12:00:00Z';

type Json = Record<string, any>; // read-only walks of parsed YAML

function documents(text: string): ManifestDocument[] {
  return parseAllDocuments(text).map((doc) => {
    assert.deepEqual(doc.errors, [], 'the manifest is valid YAML');
    return doc.toJS() as ManifestDocument;
  });
}

function find(docs: readonly ManifestDocument[], kind: string): Json {
  const found = docs.filter((doc) => doc.kind === kind);
  assert.equal(found.length, 1, `one ${kind} in the manifest`);
  return found[0] as Json;
}

const docs = documents(TEXT);
const job = find(docs, 'Job');
const container = job.spec.template.spec.containers[0] as Json;
const args = container.args as string[];

describe('examples/kubernetes/mcp-bench.yaml', () => {
  it('every document validates against its Kubernetes model, with no unknown field', () => {
    assert.deepEqual(docs.map((doc) => doc.kind), ['ConfigMap', 'Job']);
    for (const doc of docs) assert.deepEqual(manifestProblems(doc), [], String(doc.kind));
  });

  it('the Job runs N shards at once, each once: Indexed, completions = parallelism, no retry, a deadline', () => {
    const spec = job.spec as Json;
    assert.equal(spec.completionMode, 'Indexed'); // JOB_COMPLETION_INDEX: the shard
    assert.ok(Number.isInteger(spec.completions) && spec.completions > 1);
    assert.equal(spec.parallelism, spec.completions); // a shard waiting for a slot would start late
    assert.equal(spec.backoffLimitPerIndex, 0); // a retried shard would send its load twice
    assert.equal(spec.template.spec.restartPolicy, 'Never');
    assert.ok(Number.isInteger(spec.activeDeadlineSeconds) && spec.activeDeadlineSeconds > 0);
    assert.equal(spec.ttlSecondsAfterFinished, undefined, 'the pods (and their logs, the reports) stay until collected');
  });

  it('the container command is parsed by mcp-bench run: every option known, --shards = completions', async () => {
    assert.equal(args[0], 'run');
    assert.equal(args.filter((arg) => arg === '${START_AT}').length, 1, 'one ${START_AT} for the apply-time sed');
    const parsed = await parseRunArgs(args.slice(1).map((arg) => (arg === '${START_AT}' ? START_AT : arg)));
    assert.ok(parsed.ok, parsed.ok ? '' : `mcp-bench run ${args.join(' ')}: ${parsed.error}`);
    assert.deepEqual(parsed.operands, ['/etc/mcp-bench/scenario.yaml']);
    assert.equal(Number(parsed.options.shards), job.spec.completions);
    assert.equal(parsed.options.startAt, START_AT);
    assert.equal(parsed.options.maxLate, '2s');
  });

  it('the command runs `mcp-bench "$@"` with the args, then prints the -o report into the log and keeps the exit code', () => {
    const [shell, flag, script, name] = container.command as string[];
    assert.deepEqual([shell, flag, name], ['sh', '-c', 'mcp-bench']);
    assert.match(script ?? '', /^mcp-bench "\$@"\ncode=\$\?\n/);
    assert.match(script ?? '', /exit \$code\n$/);
    const out = args[args.indexOf('-o') + 1] ?? '';
    assert.ok(script?.includes(`gzip -c ${out} | base64`), `the script prints ${out}`);
    assert.ok(mountOf(path.posix.dirname(out)), `${out} is on a mounted volume`);
  });

  it('the scenario file the args name is the ConfigMap\'s, and a valid mcp-bench scenario', () => {
    const scenarioPath = args[1] ?? ''; // after `run`
    const mount = mountOf(path.posix.dirname(scenarioPath));
    const volume = (job.spec.template.spec.volumes as Json[]).find((v) => v.name === mount?.name);
    const configMap = find(docs, 'ConfigMap');
    assert.equal(volume?.configMap?.name, configMap.metadata.name);
    const text = configMap.data[path.posix.basename(scenarioPath)] as string | undefined;
    assert.ok(text, `the ConfigMap has the key ${path.posix.basename(scenarioPath)}`);
    const raw = parseScenarioText(scenarioPath, text);
    assert.ok(raw.ok, raw.ok ? '' : formatIssues(raw.issues));
    const resolved = resolveScenario(raw.value, { file: scenarioPath, env: {} });
    assert.ok(resolved.ok, resolved.ok ? '' : formatIssues(resolved.issues));
    assert.equal(resolved.plan.workloads[0]?.type, 'constant-rate');
  });

  it('the image is the version of mcp-bench this repository builds (Dockerfile beside the manifest)', () => {
    assert.equal(container.image, `mcp-bench:${VERSION}`);
    const dockerfile = readFileSync(new URL('../../../examples/kubernetes/Dockerfile', import.meta.url), 'utf8');
    assert.ok(dockerfile.includes(`-t mcp-bench:${VERSION} `), 'the Dockerfile builds that tag');
  });

  it('the README\'s sequence fills ${START_AT}, and collects and merges the manifest\'s N shards', () => {
    const readme = readFileSync(new URL('../../../examples/kubernetes/README.md', import.meta.url), 'utf8');
    assert.ok(readme.includes('sed "s/\\${START_AT}/$START_AT/" examples/kubernetes/mcp-bench.yaml | kubectl apply -f -'));
    const n = String(job.spec.completions);
    assert.match(readme, new RegExp(`collect-reports\\.sh ${job.metadata.name} ${n} reports\n`));
    assert.match(readme, new RegExp(`mcp-bench merge reports/shard-\\*\\.json --expect-shards ${n} `));
  });

  it('a misspelled field fails: `parallelizm` (passes the schema: the strict check), `completionMode: indexed` (the schema)', () => {
    const misspelled = documents(TEXT.replace(/^ {2}parallelism:/m, '  parallelizm:'));
    assert.deepEqual(manifestProblems(find(misspelled, 'Job') as ManifestDocument), ['batch/v1 Job: unknown field .spec.parallelizm']);
    const nested = documents(TEXT.replace(/^( +)image: /m, '$1imagee: '));
    assert.deepEqual(manifestProblems(find(nested, 'Job') as ManifestDocument), ['batch/v1 Job: unknown field .spec.template.spec.containers.0.imagee']);
    const badValue = documents(TEXT.replace('completionMode: Indexed', 'completionMode: indexed'));
    assert.match(manifestProblems(find(badValue, 'Job') as ManifestDocument).join('\n'), /completionMode must be equal to one of the allowed values/);
  });

  it('an option `run` does not know fails the CLI check', async () => {
    const parsed = await parseRunArgs(['scenario.yaml', '--shardz', '4']);
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.error, /unknown option '--shardz'/);
  });
});

function mountOf(folder: string): Json | undefined {
  return (container.volumeMounts as Json[]).find((mount) => mount.mountPath === folder);
}
