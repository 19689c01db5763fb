/** The cache's figures per operation of the mix (the report's `operations[].client.cache`), from each call's trace. */
import { z } from 'zod';
import { createHistogram, latencyStats, recordUs } from '../../stats/histogram.js';
import type { CallTrace } from '../trace.js';
import type { FigureRecord, FigureSchemas } from './declaration.js';
import { ratio } from './figures.js';

export const cacheFiguresSchema = ({ count, share, latencyStats: stats }: FigureSchemas) =>
  z.object({ hits: count, misses: count, hitRatio: share, hitLatencyUs: stats, missLatencyUs: stats });

export type CacheFigures = z.output<ReturnType<typeof cacheFiguresSchema>>;

/** Per operation: hits and misses, and the latency of each (calls the cache does not store count in neither). */
export class CacheRecord implements FigureRecord<CacheFigures> {
  hits = 0;
  misses = 0;
  readonly hitHistogram = createHistogram();
  readonly missHistogram = createHistogram();

  record(latencyUs: number, trace: CallTrace): void {
    if (trace.cache === 'hit') {
      this.hits++;
      recordUs(this.hitHistogram, latencyUs);
    } else if (trace.cache === 'miss') {
      this.misses++;
      recordUs(this.missHistogram, latencyUs);
    }
  }

  mergeFrom(other: CacheRecord): void {
    this.hits += other.hits;
    this.misses += other.misses;
    this.hitHistogram.add(other.hitHistogram);
    this.missHistogram.add(other.missHistogram);
  }

  summarize(): CacheFigures {
    return {
      hits: this.hits,
      misses: this.misses,
      hitRatio: ratio(this.hits, this.hits + this.misses),
      hitLatencyUs: latencyStats(this.hitHistogram),
      missLatencyUs: latencyStats(this.missHistogram),
    };
  }
}
