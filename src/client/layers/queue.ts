/** What the two limiters (rate limit, concurrency) share: a queue of waiting calls, written and reported alike. */
import { CALLS_IN_FLIGHT_BOUND } from '../../input/bounds.js';
import { wholeNumber } from '../../input/fields.js';
import { counter, type Counters, type Formats } from './declaration.js';

/** How many calls may wait; one more is rejected. */
export const queueOption = () => wholeNumber({ min: 0, hint: 'queue is how many calls may wait; 0 rejects every call that cannot go at once', max: CALLS_IN_FLIGHT_BOUND });

/** A limiter says something under the table only when it rejected calls. */
export function rejectedLine(stats: Counters, format: Formats, name: string): string | null {
  const rejected = counter(stats, 'rejected');
  return rejected > 0 ? `${name}: ${format.count(rejected)} rejected` : null;
}
