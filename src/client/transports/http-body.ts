import type http from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { BadOutputKind } from './bad-output.js';
import { BadResponseError } from './http-errors.js';

/** Where deliverJsonText puts what it read: the messages, and what was bad about the text (see bad-output.ts). */
export interface JsonTextSink {
  deliver(message: JSONRPCMessage): void;
  badOutput(kind: BadOutputKind, text: string): void;
}

/**
 * Delivers the JSON-RPC messages in one JSON text (a message or a batch) and says whether one of them was the
 * response to `answerId` (undefined: no response is expected in this text). A response with any other id is
 * delivered (the SDK drops it) and counted `unknown-id`.
 *
 * Throws BadResponseError — before delivering the offending message, and after counting it `not-json-rpc` — for text
 * that is not JSON, a value that is not a JSON-RPC message object, or a message with the request's id that the SDK
 * would not take as its response (no `result` object, no well-formed `error`, extra members: the SDK's schemas are
 * strict; then the error's `ownAnswer` is true). The SDK would drop such a message and leave the call waiting out its
 * whole timeout; failing it at once is the honest outcome.
 */
export function deliverJsonText(text: string, answerId: RequestId | undefined, sink: JsonTextSink): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    sink.badOutput('not-json-rpc', text);
    throw new BadResponseError('answer is not valid JSON');
  }
  if (!Array.isArray(parsed)) return deliverOne(parsed, answerId, sink, text);
  let answered = false;
  for (const message of parsed) if (deliverOne(message, answered ? undefined : answerId, sink, text)) answered = true;
  return answered;
}

function deliverOne(message: unknown, answerId: RequestId | undefined, sink: JsonTextSink, text: string): boolean {
  if (!isObject(message)) {
    sink.badOutput('not-json-rpc', text);
    throw new BadResponseError('answer is not a JSON-RPC message');
  }
  const response = !('method' in message);
  const answers = answerId !== undefined && response && sameId(message.id, answerId);
  if (answers && !isResponse(message)) {
    sink.badOutput('not-json-rpc', text);
    throw new BadResponseError('the response to the request has neither a well-formed result nor error', 'bad-response', true);
  }
  if (!isJsonRpc(message, response)) {
    sink.badOutput('not-json-rpc', text); // JSON, but no JSON-RPC message: skipped, as a stdio line would be
    return false;
  }
  if (response && !answers) sink.badOutput('unknown-id', text);
  sink.deliver(message as JSONRPCMessage);
  return answers;
}

/** A request or notification (a method), or a response (an id, and a result or an error), of JSON-RPC 2.0. */
function isJsonRpc(message: Record<string, unknown>, response: boolean): boolean {
  if (message.jsonrpc !== '2.0') return false;
  return response ? 'id' in message && ('result' in message || 'error' in message) : typeof message.method === 'string';
}

/** The SDK matches response ids with `Number(id)`, so a server echoing our numeric id as a string still answers. */
function sameId(id: unknown, answerId: RequestId): boolean {
  return id === answerId || (typeof id === 'string' && id !== '' && Number(id) === answerId);
}

/** A response as the SDK's strict schemas take it: `{jsonrpc: "2.0", id, result: {…}}` or `{…, error: {code, message}}`. */
export function isResponse(message: Record<string, unknown>): boolean {
  if (message.jsonrpc !== '2.0') return false;
  let members = 0;
  for (const _ in message) members++;
  if (members !== 3) return false;
  if ('result' in message) return isObject(message.result);
  const error = message.error;
  return isObject(error) && Number.isInteger(error.code) && typeof error.message === 'string';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(res: http.IncomingMessage): string {
  const header = res.headers['content-type'];
  if (!header) return '';
  if (header === 'text/event-stream' || header === 'application/json') return header;
  const semicolon = header.indexOf(';');
  return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
}

/** Seconds from a Retry-After header given as a number (an HTTP date is not used by MCP servers), or null. */
export function retryAfterSeconds(res: http.IncomingMessage): number | null {
  const header = res.headers['retry-after'];
  if (header === undefined || header.trim() === '') return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}
