import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import type { CalibratedFloor, FloorFigures } from '../../../src/metrics/harness-types.js';
import { captureIo } from '../../fixtures/io.js';
import { REPO } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

function assertSane(name: string, figures: FloorFigures | undefined): void {
  assert.ok(figures, `${name} measured`);
  assert.ok(Number.isInteger(figures.calls) && figures.calls > 0, `${name}: ${JSON.stringify(figures)}`);
  assert.ok(figures.p50Us >= 1 && figures.p50Us <= figures.p99Us, `${name}: ${JSON.stringify(figures)}`);
  assert.ok(figures.callsPerSec > 0, `${name}: ${JSON.stringify(figures)}`);
}

describe('mcp-bench calibrate', { timeout: 120_000 }, () => {
  it('--json: the in-process and stdio floors as FloorFigures', async () => {
    const io = captureIo({ cwd: REPO });
    const code = await runCli(['calibrate', '--json', '--duration', '100ms'], io);
    assert.equal(code, 0, io.err());
    const floor = JSON.parse(io.out()) as CalibratedFloor;
    assert.deepEqual(Object.keys(floor).sort(), ['inMemory', 'stdio']);
    assertSane('in-memory', floor.inMemory);
    assertSane('stdio', floor.stdio);
  });

  it('prints both floors as a table with what the floor means', async () => {
    const io = captureIo({ cwd: REPO });
    const code = await runCli(['calibrate', '--duration', '50ms', '--concurrency', '8'], io);
    assert.equal(code, 0, io.err());
    const out = io.out();
    assert.match(out, /mcp-bench calibrate/);
    assert.match(out, /calls\/s \(8 in flight\)/);
    assert.match(out, /│ in-process \(SDK in-memory transport\) │ +[\d,]+ │ +[\d.]+(µs|ms) │ +[\d.]+(µs|ms) │ +[\d,.]+ │/);
    assert.match(out, /│ stdio \(mcp-bench serve\) +│ +[\d,]+ │ +[\d.]+(µs|ms) │ +[\d.]+(µs|ms) │ +[\d,.]+ │/);
    assert.match(out, /The floor is what one echo call costs through mcp-bench's own client path/);
  });

  it('refuses a bad --duration or --concurrency (exit 2) without measuring', async () => {
    for (const args of [['--duration', '0s'], ['--duration', 'soon'], ['--concurrency', '0']]) {
      const io = captureIo({ cwd: REPO });
      assert.equal(await runCli(['calibrate', ...args], io), 2, args.join(' '));
      assert.match(io.err(), new RegExp(`mcp-bench: ${args[0]} expects`));
      assert.equal(io.out(), '');
    }
  });
});
