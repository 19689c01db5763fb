/**
 * The bytes one call put on the wire and got back, counted by the transport that carried it: its requests as sent
 * (gzipped or not) and before compression, its answers as received and after decoding; every attempt adds. stdio and
 * legacy SSE count each message's line or event (on the wire as decoded). One per CallTrace, reset with it; read by
 * the recorder when the call ends (metrics/payload-bytes.ts).
 *
 * A transport learns which call a request belongs to while the SDK hands it over (transports/sending-call.ts) and
 * keeps this object with the request's id until its answer comes; `serial` changes on every reset, so an answer that
 * arrives after its call has ended (a timeout) adds nothing to the next call of the same trace.
 */
export class CallBytes {
  /** Request bytes as sent (compressed when the body was gzipped). */
  requestWire = 0;
  /** Request bytes before compression. */
  requestDecoded = 0;
  /** Answer bytes as received (a body or event stream as sent; a stdio line). */
  answerWire = 0;
  /** Answer bytes after decoding. */
  answerDecoded = 0;
  /** True once a transport counted a request of this call (false: answered without sending, e.g. from a cache). */
  counted = false;
  /** True when a request of this call went asking for compression (gzipped bodies allowed, compressed answers asked). */
  compressionAsked = false;
  /** Changes on every reset: what a transport holds for a call it sent checks it before adding a late answer. */
  serial = 0;

  /** A request of this call was sent: `wire` bytes on the wire, `decoded` before compression. */
  request(wire: number, decoded: number, compressionAsked: boolean): void {
    this.requestWire += wire;
    this.requestDecoded += decoded;
    this.counted = true;
    if (compressionAsked) this.compressionAsked = true;
  }

  /** An answer for the call sent while `serial` was current: added unless the call has ended since. */
  answer(serial: number, wire: number, decoded: number): void {
    if (serial !== this.serial) return;
    this.answerWire += wire;
    this.answerDecoded += decoded;
  }

  reset(): void {
    this.serial++;
    if (!this.counted) return;
    this.requestWire = 0;
    this.requestDecoded = 0;
    this.answerWire = 0;
    this.answerDecoded = 0;
    this.counted = false;
    this.compressionAsked = false;
  }
}
