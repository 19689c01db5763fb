/**
 * The reference MCP server (`mcp-bench serve`): the default benchmark target. Tools echo, sleep, fail, flaky,
 * payload and stats; resources bench://static/small, bench://static/large and bench://items/{id}; prompt
 * greeting. Latency, jitter and failure knobs apply to tools/call (except stats), resources/read and prompts/get,
 * never to ping or the list methods. Every message received is counted (see `Counts`).
 */
export type { Counts } from './counter.js';
export { MessageCounter } from './counter.js';
export { INJECTED_FAILURE_MESSAGE, type SleepUs } from './faults.js';
export {
  formatListeningLine,
  MCP_PATH,
  SSE_MESSAGES_PATH,
  SSE_PATH,
  startHttpServer,
  STREAMABLE_URL_PATTERN,
  type HttpServerHandle,
  type HttpServerOptions,
} from './http.js';
export { preciseSleepUs } from './precise-delay.js';
export { connectCounted, createReferenceServer, REFERENCE_SERVER_INFO } from './reference-server.js';
export {
  ITEM_RESOURCE_TEMPLATE,
  LARGE_RESOURCE_BYTES,
  LARGE_RESOURCE_URI,
  SMALL_RESOURCE_BYTES,
  SMALL_RESOURCE_URI,
} from './resources.js';
export { createServerState, DEFAULT_SERVER_OPTIONS, type ReferenceServerState } from './state.js';
export { serveStdio, type StdioServerHandle, type StdioStreams } from './stdio.js';
export { FAIL_TOOL_MESSAGE, FLAKY_TOOL_MESSAGE, MAX_PAYLOAD_BYTES, MAX_SLEEP_MS } from './tools.js';
