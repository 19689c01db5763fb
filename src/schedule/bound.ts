/** How long a phase lasts: a number of calls started, or a span of time. */
export type Bound =
  | { readonly kind: 'iterations'; readonly count: number }
  | { readonly kind: 'duration'; readonly us: number };

/** One stage of a ramp: move linearly from the previous value to `target` over `durationUs`. */
export interface RampStage {
  readonly target: number;
  readonly durationUs: number;
}
