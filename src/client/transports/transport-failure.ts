import type { JSONRPCErrorResponse, RequestId } from '@modelcontextprotocol/sdk/types.js';

/**
 * The JSON-RPC error code of the error responses our HTTP transports synthesize for a request that failed below
 * JSON-RPC (an HTTP status, an unreadable answer, a socket error). It is in the range JSON-RPC leaves to
 * implementation-defined server errors (-32000 to -32099); MCP and the SDK use -32000, -32001, -32002 and -32042.
 * The code alone proves nothing (a server may send it too): only a response whose `data` is an error this module
 * created is ours, see transportFailureOf.
 */
export const TRANSPORT_FAILURE_CODE = -32099;

/** The errors carried as `data` of synthesized responses. Weak: a response the SDK has dropped frees its error. */
const synthesized = new WeakSet<object>();

/**
 * Why a transport answers a failed request itself: the SDK's Protocol deletes a request's response handler only when
 * a response arrives (or on timeout / close), never when `send()` rejects, so every rejected send would leave a
 * handler behind for the rest of the run (a 429 or 503 storm grows memory without bound). An error response for the
 * request's id goes through the SDK's normal path instead, and the typed failure rides along as its `data`.
 */
export function failureResponse(id: RequestId, failure: Error): JSONRPCErrorResponse {
  synthesized.add(failure);
  return { jsonrpc: '2.0', id, error: { code: TRANSPORT_FAILURE_CODE, message: failure.message, data: failure } };
}

/**
 * The transport failure (HttpStatusError, BadResponseError, DeadlineError, or a socket error with an errno `code`)
 * behind an error the SDK rejected a call with, or null when the error is anything else — including a server's own
 * error that happens to use TRANSPORT_FAILURE_CODE.
 */
export function transportFailureOf(error: unknown): Error | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, data } = error as { code?: unknown; data?: unknown };
  if (code !== TRANSPORT_FAILURE_CODE || typeof data !== 'object' || data === null) return null;
  return synthesized.has(data) ? (data as Error) : null;
}
