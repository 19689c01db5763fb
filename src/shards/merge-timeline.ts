/**
 * The shards' timelines of one workload as one: points added interval by interval. Each shard's time axis starts at
 * its own measured phase, which a synchronised start lines up; a point belongs to interval round(tUs / intervalUs)
 * (a last partial interval of at least half an interval is one of its own, a shorter one was folded into the one
 * before: metrics/timeline.ts foldShortTail), and the merged point ends at the latest of the shards' ends for it.
 */
import { mergePoints, type TimelinePoint, type TimelineSummary } from '../metrics/timeline.js';

export function mergeTimelines(timelines: readonly (TimelineSummary | undefined)[], inexact: (figure: string) => void): TimelineSummary | undefined {
  const present = timelines.filter((t): t is TimelineSummary => t !== undefined && t.points.length > 0);
  const first = present[0];
  if (first === undefined) return undefined;
  if (present.some((t) => t.intervalUs !== first.intervalUs)) {
    inexact('the timeline (shards used different intervals: the first shard\'s is shown)');
    return first;
  }
  const byInterval = new Map<number, TimelinePoint[]>();
  for (const timeline of present) {
    for (const point of timeline.points) {
      const interval = Math.round(point.tUs / first.intervalUs);
      const points = byInterval.get(interval);
      if (points) points.push(point);
      else byInterval.set(interval, [point]);
    }
  }
  if (present.some((t) => t.points.some((p) => p.histogram === undefined))) inexact('timeline percentiles');
  const points = [...byInterval.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, points]) => (points.length === 1 ? points[0]! : mergeInterval(points, inexact)));
  return { intervalUs: first.intervalUs, points };
}

/** One interval's points; a stored histogram that does not decode (an edited report) costs exactness, not the merge. */
function mergeInterval(points: readonly TimelinePoint[], inexact: (figure: string) => void): TimelinePoint {
  const tUs = Math.max(...points.map((p) => p.tUs));
  try {
    return mergePoints(tUs, points);
  } catch {
    inexact('timeline percentiles (a stored interval histogram does not decode)');
    return mergePoints(tUs, points.map(({ histogram: _unreadable, ...figures }) => figures));
  }
}
