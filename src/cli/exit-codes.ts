/** Exit codes, documented in the README. */
export const ExitCode = {
  Ok: 0,
  /** Thresholds or a baseline check failed. */
  GateFailed: 1,
  /** Bad input: scenario file or flags. */
  BadInput: 2,
  /** The run could not start, or the target failed fatally. */
  TargetFailed: 3,
  /** A shard missed its synchronised start (`--start-at`) by more than `--max-late`; its report is marked late. */
  LateStart: 4,
  /** Interrupted by a signal; a partial report was still written. */
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
