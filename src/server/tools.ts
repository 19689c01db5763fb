import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { failsWith, INJECTED_FAILURE_MESSAGE } from './faults.js';
import { payloadText } from './payload-text.js';
import type { ReferenceServerState } from './state.js';
import { registerStoreTools } from './store-tools.js';
import { registerStructuredTools } from './structured-tools.js';
import { registerResumableTools } from './resumable-tools.js';
import { registerNotifyingTools } from './progress-tools.js';
import { registerClientRequestTools } from './client-request-tools.js';

/**
 * Largest `payload` the server builds: 256 MiB, above the client's 16 MiB answer limit, so huge answers can be
 * served on purpose (the fault of an oversized answer). Larger requests fail argument validation.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;
/** Longest `sleep`: one hour. */
export const MAX_SLEEP_MS = 3_600_000;
/** Longest `stall`: 10 s (it blocks the whole server). */
export const MAX_STALL_MS = 10_000;
export const FAIL_TOOL_MESSAGE = 'fail: this tool always fails';
export const FLAKY_TOOL_MESSAGE = 'flaky: this call failed';

/**
 * What each tool declares in `tools/list`, so a client knows what it may cache or retry. All tools are closed-world
 * (they touch nothing outside the server). echo, sleep, fail, flaky and payload change nothing, so they are
 * read-only, and repeating a call changes nothing either (idempotent; flaky's and the failure knob's answers still
 * vary between calls). `stats` is not read-only: `reset: true` wipes the counts, and repeating it wipes more.
 * Every call is counted, but the counter is instrumentation, not state a tool exposes, except through `stats`.
 */
export const TOOL_ANNOTATIONS = {
  echo: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  sleep: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  fail: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  flaky: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  payload: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  stall: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  stats: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
} as const satisfies Readonly<Record<string, ToolAnnotations>>;

function text(value: string): CallToolResult {
  return { content: [{ type: 'text', text: value }] };
}

function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

function injectedFailure(): CallToolResult {
  return toolError(INJECTED_FAILURE_MESSAGE);
}

function registerEcho(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'echo',
    {
      description: 'Returns `message` as text.',
      inputSchema: { message: z.string() },
      annotations: TOOL_ANNOTATIONS.echo,
    },
    async ({ message }) => ((await state.faults.applyToCall()) ? injectedFailure() : text(message)),
  );
}

function registerSleep(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'sleep',
    {
      description: 'Waits `ms` milliseconds (stops early if the request is cancelled), then answers.',
      inputSchema: { ms: z.number().min(0).max(MAX_SLEEP_MS) },
      annotations: TOOL_ANNOTATIONS.sleep,
    },
    async ({ ms }, extra) => {
      if (await state.faults.applyToCall()) return injectedFailure();
      if (ms > 0) await state.sleepUs(ms * 1000, extra.signal);
      return text(`slept ${ms}ms`);
    },
  );
}

function registerFailures(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'fail',
    { description: 'Always returns a tool error (isError: true).', annotations: TOOL_ANNOTATIONS.fail },
    async () => ((await state.faults.applyToCall()) ? injectedFailure() : toolError(FAIL_TOOL_MESSAGE)),
  );
  server.registerTool(
    'flaky',
    {
      description: 'Returns a tool error with probability `rate` (from the seeded random source).',
      inputSchema: { rate: z.number().min(0).max(1) },
      annotations: TOOL_ANNOTATIONS.flaky,
    },
    async ({ rate }) => {
      if (await state.faults.applyToCall()) return injectedFailure();
      return failsWith(rate, state.random) ? toolError(FLAKY_TOOL_MESSAGE) : text('flaky: this call succeeded');
    },
  );
}

function registerPayload(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'payload',
    {
      description: `Returns a text content of exactly \`bytes\` bytes (at most ${MAX_PAYLOAD_BYTES}): x repeated, or with \`random: true\` seeded random letters (compressible by about a quarter).`,
      inputSchema: { bytes: z.number().int().min(0).max(MAX_PAYLOAD_BYTES), random: z.boolean().optional() },
      annotations: TOOL_ANNOTATIONS.payload,
    },
    async ({ bytes, random }) => ((await state.faults.applyToCall()) ? injectedFailure() : text(payloadText(bytes, random === true))),
  );
}

/**
 * `stall` freezes the whole server process for `ms` (a busy wait on its event loop, like a long GC pause or a
 * blocking call in a handler): every call in flight or arriving meanwhile waits. It is a control tool (no latency
 * knob, no injected failure), used to show what coordinated-omission correction reveals.
 */
function registerStall(server: McpServer): void {
  server.registerTool(
    'stall',
    {
      description: `Blocks the whole server for \`ms\` milliseconds (at most ${MAX_STALL_MS}), then answers.`,
      inputSchema: { ms: z.number().min(0).max(MAX_STALL_MS) },
      annotations: TOOL_ANNOTATIONS.stall,
    },
    ({ ms }) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // Deliberately blocking: this is the fault being simulated.
      }
      return text(`stalled ${ms}ms`);
    },
  );
}

/**
 * `stats` answers with the counts as JSON text (see `Counts`). It is a control tool: no latency, no injected
 * failure, no random draw, so reading the counts never disturbs the run. The stats call itself is counted before
 * it answers, so it appears in its own output; with `reset: true` the counts are zeroed right after reading.
 */
function registerStats(server: McpServer, state: ReferenceServerState): void {
  server.registerTool(
    'stats',
    {
      description: 'Returns the counts of messages received (JSON text); `reset: true` zeroes them after reading.',
      inputSchema: { reset: z.boolean().optional() },
      annotations: TOOL_ANNOTATIONS.stats,
    },
    ({ reset }) => {
      const counts = state.counter.snapshot();
      if (reset === true) state.counter.reset();
      return text(JSON.stringify(counts));
    },
  );
}

export function registerTools(server: McpServer, state: ReferenceServerState): void {
  registerEcho(server, state);
  registerSleep(server, state);
  registerFailures(server, state);
  registerPayload(server, state);
  registerStall(server);
  registerStats(server, state);
  registerStoreTools(server, state);
  registerStructuredTools(server, state);
  registerResumableTools(server, state);
  registerNotifyingTools(server, state);
  registerClientRequestTools(server, state);
}
