/**
 * Captures: values a journey step takes from its result (`capture: { id: structuredContent.id }`) for later steps'
 * `{{vars.<name>}}`. (Contract; filled in by the journeys work of issue 13.)
 */

/** A step's captures, compiled at resolve time: variable name → path into the result. */
export interface CapturePlan {
  readonly names: readonly string[];
}
