/**
 * Response checks (`expect:` on an operation or a journey step), k6 `check`-like. (Contract; filled in by the
 * journeys and checks work of issue 13.)
 */

/** The checks of one operation, compiled at resolve time. */
export interface ExpectPlan {
  /** Each check's name as the report shows it, e.g. `text contains "ok"`. */
  readonly names: readonly string[];
}
