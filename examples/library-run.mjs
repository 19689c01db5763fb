// A benchmark run as a library: the same run `mcp-bench run` makes. Run after `npm install` (which builds dist/):
//   node examples/library-run.mjs
// It starts the reference server on 127.0.0.1, loads the shipped scenarios/compare-cache.yaml with that server as its
// target (what `--http <url>` does on the command line), runs the scenario's two variants, cache off and on, in
// interleaved rounds, and prints what the cache changed. A few seconds.
import { fileURLToPath } from 'node:url';
import { formatIssues, loadPlan, runScenario, startHttpServer } from 'mcp-bench';

const server = await startHttpServer({ host: '127.0.0.1', port: 0, latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 });

const file = fileURLToPath(new URL('../scenarios/compare-cache.yaml', import.meta.url));
const loaded = await loadPlan(file, process.env, { target: { written: { http: { url: server.url } } } });
if (!loaded.ok) {
  process.stderr.write(formatIssues(loaded.issues));
  process.exit(2);
}

// Defaults: the system clock, no interrupts, the harness floor measured first (floor: null skips it).
const summary = await runScenario(loaded.plan);
await server.close();

const ms = (us) => `${(us / 1000).toFixed(3)} ms`;
console.log(`${summary.scenario.name} · ${summary.target.label} · ${summary.comparison.rounds} rounds`);
for (const workload of summary.workloads) {
  console.log(`${workload.variant}: ${workload.total.count} calls, p50 ${ms(workload.total.latencyUs.p50)}`);
}
const cache = summary.comparison.rows.find((row) => row.operation === 'all').cells[1];
console.log(`cache vs no-cache: p50 × ${cache.vsFirst.p50.ratio.toPrecision(2)}`);
console.log(`gate: ${summary.gate.passed ? 'passed' : 'failed'}`);
