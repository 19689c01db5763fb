/**
 * The `payload` tool's text: `bytes` characters, all `x` (compresses to almost nothing), or with `random: true`
 * drawn from 64 letters, digits and `+/` by a fixed-seed xorshift — six bits of entropy a byte, so gzip or brotli save
 * about a quarter, closer to what real answers gain than a run of one letter. The same arguments always give the same
 * text (the tool is idempotent); the last random text is kept, so repeating a call does not rebuild it.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

let lastRandom: { readonly bytes: number; readonly text: string } | null = null;

function randomText(bytes: number): string {
  if (lastRandom?.bytes === bytes) return lastRandom.text;
  const out = Buffer.allocUnsafe(bytes);
  let state = 0x9e3779b9;
  for (let i = 0; i < bytes; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = ALPHABET.charCodeAt((state >>> 26) & 63);
  }
  const text = out.toString('latin1');
  lastRandom = { bytes, text };
  return text;
}

export function payloadText(bytes: number, random: boolean): string {
  return random ? randomText(bytes) : 'x'.repeat(bytes);
}
