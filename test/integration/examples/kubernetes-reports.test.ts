/**
 * The Kubernetes example's report path, end to end on this machine with real sh, gzip and base64: the Job's container
 * command (from the manifest) runs a stand-in `mcp-bench` and prints its report into the "pod log" (stdout and stderr
 * together, as the kubelet keeps them); collect-reports.sh, with a stand-in `kubectl`, gets every shard's report back
 * byte for byte, and names the shard whose pod is missing. Nothing is sent anywhere; each process ends before the test.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const KUBERNETES = fileURLToPath(new URL('../../../examples/kubernetes/', import.meta.url));
const job = parseAllDocuments(readFileSync(path.join(KUBERNETES, 'mcp-bench.yaml'), 'utf8'))
  .map((doc) => doc.toJS() as { kind: string; spec: { template: { spec: { containers: { command: string[]; args: string[] }[] } } } })
  .find((doc) => doc.kind === 'Job');
const container = job?.spec.template.spec.containers[0];

const dir = mkdtempSync(path.join(tmpdir(), 'mcp-bench-k8s-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Executable stand-ins: `mcp-bench` writes a report to its -o and exits $FAKE_CODE; `kubectl` serves the logs. */
function writeStandIns(): string {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const script = (name: string, text: string) => {
    writeFileSync(path.join(bin, name), text);
    chmodSync(path.join(bin, name), 0o755);
  };
  script('mcp-bench', [
    '#!/bin/sh',
    'printf "%s\\n" "$@" > "$FAKE_ARGS"',
    'while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done',
    'echo "progress on stderr" >&2; echo "the table on stdout"',
    'cp "$FAKE_REPORT" "$out"',
    'exit "$FAKE_CODE"',
  ].join('\n'));
  script('kubectl', [
    '#!/bin/sh',
    'case "$1" in',
    '  get) index=${4##*=}; [ -f "$LOGS/$index.log" ] && echo "pod/mcp-bench-$index-x7k2p" ;;',
    '  logs) index=${2#pod/mcp-bench-}; cat "$LOGS/${index%%-*}.log" ;;',
    'esac',
  ].join('\n'));
  return bin;
}

/** Runs the Job's container command for one shard, its output (both streams, in order) going to its "pod log". */
function runShard(bin: string, index: number, report: string, code: number): { status: number | null; args: string } {
  assert.ok(container);
  const reports = path.join(dir, `pod-${index}`);
  mkdirSync(reports);
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const [shell, ...rest] = container.command.map((word) => word.replaceAll('/reports/', `${reports}/`));
  const args = container.args.map((arg) => arg.replaceAll('/reports/', `${reports}/`).replace('${START_AT}', '2030-01-01T12:00:00Z'));
  const log = openSync(path.join(dir, 'logs', `${index}.log`), 'w');
  const reportFile = path.join(dir, `report-${index}.json`);
  writeFileSync(reportFile, report);
  const argsFile = path.join(dir, `args-${index}.txt`);
  const result = spawnSync(shell ?? 'sh', [...rest, ...args], {
    stdio: ['ignore', log, log],
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, FAKE_REPORT: reportFile, FAKE_CODE: String(code), FAKE_ARGS: argsFile },
    timeout: 10_000,
  });
  closeSync(log);
  return { status: result.status, args: readFileSync(argsFile, 'utf8') === `${args.join('\n')}\n` ? 'intact' : 'changed' };
}

describe('examples/kubernetes: reports through the pod log', () => {
  it('the command keeps the exit code and the args; collect-reports.sh gets each report back and names the missing shard', () => {
    const bin = writeStandIns();
    // A report several base64 lines long, with what JSON may hold: newlines, quotes, non-ASCII.
    const reports = [0, 1].map((i) => JSON.stringify({ shard: i, note: 'µs "quoted"\n', pad: 'x'.repeat(20_000 + i) }, null, 2));
    assert.deepEqual(runShard(bin, 0, reports[0] ?? '', 0), { status: 0, args: 'intact' });
    assert.deepEqual(runShard(bin, 1, reports[1] ?? '', 4), { status: 4, args: 'intact' }); // a late shard: exit 4, report kept
    const out = path.join(dir, 'collected');
    const collected = spawnSync('sh', [path.join(KUBERNETES, 'collect-reports.sh'), 'mcp-bench', '3', out], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, LOGS: path.join(dir, 'logs') },
      encoding: 'utf8',
      timeout: 10_000,
    });
    assert.equal(collected.status, 0, collected.stderr);
    assert.equal(readFileSync(path.join(out, 'shard-0.json'), 'utf8'), reports[0]);
    assert.equal(readFileSync(path.join(out, 'shard-1.json'), 'utf8'), reports[1]);
    assert.equal(existsSync(path.join(out, 'shard-2.json')), false);
    assert.match(collected.stderr, /^shard 2: no report in the log of its pod \(none found\)$/m);
    assert.match(collected.stdout, /^shard 1: .*shard-1\.json \(from pod\/mcp-bench-1-x7k2p\)$/m);
  });
});
