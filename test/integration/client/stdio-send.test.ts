import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { CallTrace } from '../../../src/client/trace.js';
import { StdioProcessTransport } from '../../../src/client/transports/stdio-process.js';

/**
 * A server that reads nothing for 300 ms, then echoes every line back: meanwhile its stdin fills, and sends are held
 * by the transport (issue 11: a 'drain' listener was added per blocked write, and the wait in mcp-bench's own queue
 * was counted as the server's service time).
 */
const SLOW_READER = "setTimeout(() => process.stdin.pipe(process.stdout), 300)";
const MESSAGES = 2_000;
const PADDING = 'x'.repeat(1_000);

it('while stdin is full, sends are held in order with one drain listener, and held calls get their real send time', { timeout: 15_000 }, async () => {
  let nowUs = 1;
  const transport = new StdioProcessTransport({
    command: process.execPath,
    args: ['-e', SLOW_READER],
    env: {},
    cwd: process.cwd(),
    onStderr: () => undefined,
    clock: { nowUs: () => nowUs },
  });
  const warnings: string[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning.name);
  process.on('warning', onWarning);
  const echoed: number[] = [];
  let allEchoed!: () => void;
  const done = new Promise<void>((resolve) => (allEchoed = resolve));
  transport.onmessage = (message: JSONRPCMessage) => {
    echoed.push(Number((message as { id: number }).id));
    if (echoed.length === MESSAGES) allEchoed();
  };
  try {
    await transport.start();
    const traces: CallTrace[] = [];
    const sends: Promise<void>[] = [];
    for (let id = 0; id < MESSAGES; id++) {
      const trace = new CallTrace();
      trace.sentUs = 1; // as the attempt layer notes it when the call is handed over
      traces.push(trace);
      transport.sendingFor = trace;
      sends.push(transport.send({ jsonrpc: '2.0', id, method: 'ping', params: { padding: PADDING } }));
      transport.sendingFor = null;
    }
    nowUs = 42; // everything held from here on leaves later than it was handed over
    await Promise.all(sends);
    await done;
    assert.deepEqual(echoed, Array.from({ length: MESSAGES }, (_, id) => id), 'every message, in order');
    const held = traces.filter((trace) => trace.sentUs === 42).length;
    assert.ok(held > MESSAGES / 2, `most were held (${held}): 2 MB does not fit a pipe`);
    assert.ok(traces.slice(MESSAGES - held).every((trace) => trace.sentUs === 42), 'the held ones are the last ones');
    assert.ok(traces.slice(0, MESSAGES - held).every((trace) => trace.sentUs === 1), 'the ones written at once keep their time');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings, [], 'no MaxListenersExceededWarning');
  } finally {
    process.off('warning', onWarning);
    await transport.close();
  }
});
