/**
 * What a server wrote that mcp-bench could not use, counted the same way on every transport (stdio lines, legacy SSE
 * events, Streamable HTTP bodies and events):
 *  - `not-json-rpc`: a line, event or body that is not JSON, or JSON that is not a JSON-RPC message;
 *  - `unknown-id`: a response whose id matches no request in flight (nor one the client gave up on);
 *  - `too-large`: an answer above the maximum answer size, skipped unread (see DEFAULT_MAX_ANSWER_BYTES);
 *  - `undecodable`: an HTTP answer compressed wrongly (gzip or br that does not inflate) or in a coding mcp-bench
 *    does not decode; its call fails as `transport:bad-response`.
 * Each is told to the transport's BadOutputListener with the text (or the start of it) it was about.
 */
export type BadOutputKind = 'not-json-rpc' | 'unknown-id' | 'too-large' | 'undecodable';

export type BadOutputListener = (kind: BadOutputKind, text: string) => void;

/**
 * The largest answer read: one stdio line, one event of an event stream, or one JSON body (16 MiB). A larger one is
 * skipped (stdio, legacy SSE: up to its end, then the stream goes on) or cut off (Streamable HTTP: the response is
 * dropped), and the call it answers fails as `transport:response-too-large`; memory stays bounded by this size per
 * answer being read. Measured in bytes on stdio and for HTTP JSON bodies (after decoding a compressed one), in
 * characters of the decoded text for events (the same for ASCII).
 */
export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** How much of an oversized answer's start and end is kept to find its id. */
export const OVERSIZED_EDGE_CHARS = 256;

const SAMPLE_CHARS = 80;

/** The start of a bad line for a message: one line, at most 80 characters. */
export function sampleOf(text: string): string {
  const line = text.slice(0, SAMPLE_CHARS * 2).replace(/[\r\n\t]+/g, ' ').trim();
  return line.length > SAMPLE_CHARS ? `${line.slice(0, SAMPLE_CHARS - 1)}…` : line;
}

const SCALAR = String.raw`(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)`;
/** Leading members with scalar values, then `"id": <id>`: `{"jsonrpc":"2.0","id":7,"result":…` (most servers). */
const ID_AT_START = new RegExp(String.raw`^\s*\{(?:\s*"(?:[^"\\]|\\.)*"\s*:\s*${SCALAR}\s*,)*?\s*"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*[,}]`);
/** `…,"jsonrpc":"2.0","id":7}` at the very end (the SDK's own order). Inside a string a quote would be escaped. */
const ID_AT_END = new RegExp(String.raw`[,{]\s*"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*\}\s*$`);
const METHOD_AT_START = new RegExp(String.raw`^\s*\{(?:\s*"(?:[^"\\]|\\.)*"\s*:\s*${SCALAR}\s*,)*?\s*"method"\s*:`);

/**
 * The id of a message too large to read, from its first and last few hundred characters: a top-level `"id"` member
 * written before any nested value, or as the last member. Null when neither edge shows one, or when the message is
 * a request or notification (a top-level `"method"` before any nested value).
 */
export function idAtEdges(head: string, tail: string): string | number | null {
  if (METHOD_AT_START.test(head)) return null;
  const match = ID_AT_START.exec(head) ?? ID_AT_END.exec(tail);
  if (!match?.[1]) return null;
  try {
    return JSON.parse(match[1]) as string | number;
  } catch {
    return null;
  }
}
