import { OK, TOOL_ERROR, type Outcome } from '../client/outcome.js';
import { SseParser } from '../client/transports/sse-parser.js';

/**
 * Classifies one complete HTTP answer to a JSON-RPC request the autocannon engine sent, the way mcp-bench's own
 * client would (see http-body.ts `deliverJsonText` and classify.ts): pure, so it is table-tested on strings.
 *
 * - a status outside 2xx                                   → transport:http-NNN (whatever the body says)
 * - a JSON-RPC `error` for the request's id (even in a 200) → rpc-error:<code>
 * - a result with `isError: true`                          → tool-error
 * - a result                                               → ok
 * - anything else: a body that is not JSON, a content type that is neither `application/json` nor
 *   `text/event-stream`, no response carrying the request's id, a response the SDK would reject (not exactly
 *   jsonrpc + id + a result object or a well-formed error), a value that is not a JSON-RPC message
 *                                                          → transport:bad-response
 *
 * Hot path: one JSON.parse per answer. An event-stream body with a single `data:` line (what SDK servers send) is
 * cut out with two index scans; anything more (several events, multi-line data) goes through the shared SseParser.
 */
export function classifyResponse(status: number, contentType: string | undefined, body: string, requestId: number): Outcome {
  if (status < 200 || status >= 300) return httpStatus(status);
  const type = mediaType(contentType);
  if (type === 'text/event-stream') return classifyEventStream(body, requestId);
  if (type === 'application/json') return classifyJson(body, requestId);
  return BAD_RESPONSE;
}

export const BAD_RESPONSE: Outcome = Object.freeze({ kind: 'transport', code: 'bad-response' });

const byStatus = new Map<number, Outcome>();
const byRpcCode = new Map<number, Outcome>();

/** `transport:http-NNN`, one shared instance per status. */
export function httpStatus(status: number): Outcome {
  let outcome = byStatus.get(status);
  if (!outcome) byStatus.set(status, (outcome = Object.freeze({ kind: 'transport', code: `http-${status}` })));
  return outcome;
}

function rpcError(code: number): Outcome {
  let outcome = byRpcCode.get(code);
  if (!outcome) byRpcCode.set(code, (outcome = Object.freeze({ kind: 'rpc-error', code })));
  return outcome;
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** A JSON body: one message or a batch. */
export function classifyJson(text: string, requestId: number): Outcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return BAD_RESPONSE;
  }
  if (!Array.isArray(parsed)) return classifyMessage(parsed, requestId) ?? BAD_RESPONSE;
  for (const message of parsed) {
    const outcome = classifyMessage(message, requestId);
    if (outcome) return outcome;
  }
  return BAD_RESPONSE;
}

/**
 * The outcome if `message` answers `requestId`; null for another message (a notification, another id); bad-response
 * for something that is no JSON-RPC message, or a response the SDK's strict schemas would not take (as http-body.ts
 * judges it for mcp-bench's client: `jsonrpc: "2.0"`, the id, and exactly one of a `result` object or an `error` with
 * an integer code and a message).
 */
function classifyMessage(message: unknown, requestId: number): Outcome | null {
  if (!isObject(message)) return BAD_RESPONSE;
  if ('method' in message || !sameId(message.id, requestId)) return null;
  if (message.jsonrpc !== '2.0' || memberCount(message) !== 3) return BAD_RESPONSE;
  const { result, error } = message;
  if (isObject(result)) return result.isError === true ? TOOL_ERROR : OK;
  if (isObject(error) && Number.isInteger(error.code) && typeof error.message === 'string') return rpcError(error.code as number);
  return BAD_RESPONSE;
}

/** The SDK matches response ids with `Number(id)`, so a server echoing our numeric id as a string still answers. */
function sameId(id: unknown, requestId: number): boolean {
  return id === requestId || (typeof id === 'string' && id !== '' && Number(id) === requestId);
}

function memberCount(object: Record<string, unknown>): number {
  let members = 0;
  for (const _ in object) members++;
  return members;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An event-stream body: the response may follow notifications, and a priming event may carry no data. */
export function classifyEventStream(body: string, requestId: number): Outcome {
  let first = dataLineAt(body, 0);
  // A resumable server's priming event (an id, empty data) comes first: the fast path starts after it.
  while (first !== -1 && dataValue(body, first) === '') first = dataLineAt(body, first + 5);
  if (first === -1) return BAD_RESPONSE;
  if (dataLineAt(body, first + 5) === -1) return classifyJson(dataValue(body, first), requestId);
  let outcome: Outcome | null = null;
  const parser = new EventStreamParser((event, data) => {
    if (outcome === null && event === 'message') {
      const candidate = classifyJson(data, requestId);
      if (candidate !== BAD_RESPONSE) outcome = candidate;
    }
  }, undefined);
  parser.push(body);
  parser.end();
  return outcome ?? BAD_RESPONSE;
}

/**
 * The shared SseParser, seen through the part of its API this file uses. SseParser is gaining a `context` argument
 * (passed to `onEvent`, so callers need no closure per stream); this view type-checks against both shapes.
 */
const EventStreamParser = SseParser as unknown as new (
  onEvent: (event: string, data: string) => void,
  context: undefined,
) => { push(chunk: string): void; end(): void };

/** Index of the next line starting with `data:` at or after `from`, or -1. */
function dataLineAt(body: string, from: number): number {
  for (let i = body.indexOf('data:', from); i !== -1; i = body.indexOf('data:', i + 5)) {
    if (i === 0 || body.charCodeAt(i - 1) === 10 || body.charCodeAt(i - 1) === 13) return i;
  }
  return -1;
}

/** The value of the `data:` line at `at`: one optional leading space dropped, up to the line end (LF, CRLF or CR). */
function dataValue(body: string, at: number): string {
  let start = at + 5;
  if (body.charCodeAt(start) === 32) start++;
  let end = start;
  while (end < body.length) {
    const c = body.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  return body.slice(start, end);
}
