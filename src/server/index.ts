/**
 * The reference MCP server (`mcp-bench serve`): the default benchmark target. Tools echo, sleep, fail, flaky,
 * payload and stats; resources bench://static/small, bench://static/large and bench://items/{id}; prompt
 * greeting. Latency, jitter and failure knobs apply to tools/call (except stats), resources/read and prompts/get,
 * never to ping or the list methods. Every message received is counted (see `Counts`).
 *
 * Over HTTP only, the server also exercises a reliability client: gzip request bodies, a rate limit (429 +
 * Retry-After), injected unavailability (503 + Retry-After) and session expiry (404), each counted in `Counts.http`.
 * Tools carry MCP annotations (`TOOL_ANNOTATIONS`) saying which are read-only, so a client knows what to cache.
 */
export { AdmissionGate, REFUSED_ERROR_CODE, type Admission, type AdmissionOptions } from './admission.js';
export type { Counts, HttpCounts } from './counter.js';
export { MessageCounter } from './counter.js';
export { INJECTED_FAILURE_MESSAGE, type SleepUs } from './faults.js';
export { formatListeningLine, STREAMABLE_URL_PATTERN } from './listening-line.js';
export { MCP_PATH, SSE_MESSAGES_PATH, SSE_PATH, startHttpServer, type HttpServerHandle, type HttpServerOptions } from './http.js';
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
export { retryAfterSeconds, TokenBucket } from './token-bucket.js';
export { FAIL_TOOL_MESSAGE, FLAKY_TOOL_MESSAGE, MAX_PAYLOAD_BYTES, MAX_SLEEP_MS, TOOL_ANNOTATIONS } from './tools.js';
