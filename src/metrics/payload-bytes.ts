/**
 * One operation's bytes on the wire and decoded, for requests and answers (exact integers, summed): what each call's
 * transport counted in its CallBytes (client/call-bytes.ts), added when the call is recorded. Calls that sent nothing
 * (answered by a cache, joined to another call) add nothing and are not counted in `calls`. Merged over rounds and
 * shards by addition.
 */
import type { CallBytes } from '../client/call-bytes.js';

export class PayloadBytesRecord {
  /** Measured calls whose bytes a transport counted. */
  calls = 0;
  /** Of those, calls sent asking for compression (gzipped requests allowed, or compressed answers asked). */
  compressionAsked = 0;
  requestWire = 0;
  requestDecoded = 0;
  answerWire = 0;
  answerDecoded = 0;

  /** A measured call ended: its bytes (nothing when no transport counted any). */
  record(bytes: CallBytes): void {
    if (!bytes.counted) return;
    this.calls++;
    if (bytes.compressionAsked) this.compressionAsked++;
    this.requestWire += bytes.requestWire;
    this.requestDecoded += bytes.requestDecoded;
    this.answerWire += bytes.answerWire;
    this.answerDecoded += bytes.answerDecoded;
  }

  /** Adds another round's record. */
  mergeFrom(other: PayloadBytesRecord): void {
    this.calls += other.calls;
    this.compressionAsked += other.compressionAsked;
    this.requestWire += other.requestWire;
    this.requestDecoded += other.requestDecoded;
    this.answerWire += other.answerWire;
    this.answerDecoded += other.answerDecoded;
  }
}
