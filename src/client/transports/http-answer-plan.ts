import type http from 'node:http';
import type { AnswerCoding } from '../policies.js';
import { bodyCoding } from './http-answer.js';
import { mediaType, retryAfterSeconds } from './http-body.js';
import { BadResponseError, HttpStatusError } from './http-errors.js';

/** How an answer's body is read: a JSON body, an event stream, or (not 2xx) the start of an error text. */
export const JSON_BODY = 1;
export const SSE_BODY = 2;
export const STATUS_BODY = 3;
export type BodyKind = typeof JSON_BODY | typeof SSE_BODY | typeof STATUS_BODY;

/**
 * What an exchange does with an answer, from its headers alone: read its body (of this kind, decoding this coding),
 * or not read it and settle at once (`failure` null: the exchange succeeds), or drop it as too large, or as
 * undecodable (a coding mcp-bench does not decode, on an answer whose body matters).
 */
export type AnswerPlan =
  | { readonly kind: 'read'; readonly body: BodyKind; readonly coding: 'identity' | AnswerCoding }
  | { readonly kind: 'skip'; readonly failure: Error | null }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'undecodable'; readonly failure: Error | null; readonly coding: string };

/**
 * The plan for `res`. `answerInBody`: the request's response is expected in this body (a request over Streamable
 * HTTP), so an answer without one fails it. `maxAnswerBytes`: a plain JSON body declaring more is too large unread.
 */
export function planAnswer(res: http.IncomingMessage, answerInBody: boolean, maxAnswerBytes: number): AnswerPlan {
  const status = res.statusCode ?? 0;
  if (status === 202 || status === 204) {
    return { kind: 'skip', failure: answerInBody ? new BadResponseError(`HTTP ${status} carries no answer to a request`) : null };
  }
  let body: BodyKind = STATUS_BODY;
  if (status >= 200 && status < 300) {
    const type = mediaType(res);
    if (type === 'text/event-stream') body = SSE_BODY;
    else if (type === 'application/json') body = JSON_BODY;
    else return { kind: 'skip', failure: answerInBody ? new BadResponseError(`unexpected content type ${JSON.stringify(type)}`) : null };
  }
  const coding = bodyCoding(res);
  if (typeof coding === 'object') {
    // An error status keeps its meaning; only its text is not read.
    if (body === STATUS_BODY) return { kind: 'skip', failure: new HttpStatusError(status, retryAfterSeconds(res), '') };
    const failure = answerInBody ? new BadResponseError(`the answer came with Content-Encoding ${JSON.stringify(coding.unsupported)}, which mcp-bench does not decode`) : null;
    return { kind: 'undecodable', failure, coding: coding.unsupported };
  }
  if (body === JSON_BODY && coding === 'identity' && Number(res.headers['content-length']) > maxAnswerBytes) return { kind: 'too-large' };
  return { kind: 'read', body, coding };
}
