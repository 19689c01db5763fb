/**
 * Which content coding an answer may be sent in, from the request's `Accept-Encoding` (RFC 9110 §12.5.3), purely.
 *
 * The rule, one for every answer: each coding the server offers (gzip, br) gets the quality of the entry naming it,
 * else of a `*` entry, else 0 (not acceptable); an entry whose `q` is 0 refuses its coding even where `*` would allow
 * it. The acceptable coding of highest quality wins; among equal qualities, the one the client listed first (a
 * coding covered only by `*` takes the place of the `*` entry, gzip before br). So `gzip, br` gets gzip,
 * `br, gzip` and `gzip;q=0.5, br` get br, `identity` alone or an empty header get none. Without the header at all
 * the server sends no coding either (RFC 9110 would allow any; clients that decode say so). Coding names are
 * case-insensitive, `x-gzip` is gzip; an entry with a malformed `q` is ignored.
 */

/** The answer codings the server can send. */
export type AnswerCoding = 'gzip' | 'br';

/** What the server offers, in the order a `*` entry gives them. */
export const OFFERED_CODINGS: readonly AnswerCoding[] = ['gzip', 'br'];

export interface AcceptedCoding {
  /** The coding as named (lower case; `x-gzip` as `gzip`), or `*`. */
  readonly coding: string;
  /** Its quality, 0..1. */
  readonly q: number;
}

/** A qvalue: `0`, `0.` up to three digits, `1`, `1.` up to three zeros (RFC 9110 §12.4.2). */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** One entry, `gzip;q=0.5`; null when its q is malformed or it names nothing. */
function parseEntry(text: string): AcceptedCoding | null {
  const [name = '', ...params] = text.split(';');
  const coding = name.trim().toLowerCase();
  if (coding === '') return null;
  let q = 1;
  for (const param of params) {
    const equals = param.indexOf('=');
    if (equals === -1 || param.slice(0, equals).trim().toLowerCase() !== 'q') continue;
    const value = param.slice(equals + 1).trim();
    if (!QVALUE.test(value)) return null;
    q = Number(value);
  }
  return { coding: coding === 'x-gzip' ? 'gzip' : coding, q };
}

/** The entries of an Accept-Encoding header, in the order written (malformed ones left out). */
export function parseAcceptEncoding(header: string): AcceptedCoding[] {
  const entries: AcceptedCoding[] = [];
  for (const part of header.split(',')) {
    const entry = parseEntry(part);
    if (entry !== null) entries.push(entry);
  }
  return entries;
}

/**
 * The coding to send an answer in for this `Accept-Encoding` header, among `offered` (default: gzip and br), or null
 * for none (identity). See the module's comment for the rule.
 */
export function negotiateAnswerCoding(
  header: string | undefined,
  offered: readonly AnswerCoding[] = OFFERED_CODINGS,
): AnswerCoding | null {
  if (header === undefined || header.trim() === '') return null;
  const entries = parseAcceptEncoding(header);
  const star = entries.findIndex((entry) => entry.coding === '*');
  let best: AnswerCoding | null = null;
  let bestQ = 0;
  let bestPlace = Infinity;
  offered.forEach((coding, order) => {
    const named = entries.findIndex((entry) => entry.coding === coding);
    const index = named !== -1 ? named : star;
    if (index === -1) return;
    const q = entries[index]!.q;
    // Codings under one `*` keep the server's order among themselves.
    const place = index * offered.length + (named !== -1 ? 0 : order);
    if (q > bestQ || (q === bestQ && q > 0 && place < bestPlace)) {
      best = coding;
      bestQ = q;
      bestPlace = place;
    }
  });
  return best;
}
