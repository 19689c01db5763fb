/**
 * The `thresholds:` field (top level, per workload, per operation). PLACEHOLDER wired by the contracts commit:
 * the thresholds helper replaces it with the real schema (strings like `p99<50ms` or
 * `{ threshold, abortOnFail, delay }`, parsed into ThresholdSpec).
 */
import { z } from 'zod';
import type { ThresholdSpec } from '../gate/types.js';

export const thresholdsField = (): z.ZodType<readonly ThresholdSpec[], unknown> =>
  z.array(z.unknown()).transform((): readonly ThresholdSpec[] => []) as unknown as z.ZodType<readonly ThresholdSpec[], unknown>;
