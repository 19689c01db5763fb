import type { UpperBound } from './fields.js';

/**
 * Upper bounds on the counts a scenario may ask for, each with the reason a value above it gets. Durations and rates
 * have theirs in units.ts (MAX_DURATION_US, MAX_RATE_PER_SEC), where they are parsed.
 */

/**
 * The most calls in flight a workload may ask for (`concurrency`, `maxInFlight`, a ramp's `startConcurrency` and
 * stage targets), and the most a client's concurrency limit or queue may hold: each holds a few kilobytes in the
 * generator and one event loop serves them all (at 100,000 in flight, and at 1,000,000/s with maxInFlight 100,000, a
 * run against the built-in server peaked at 0.8 GB RSS), so beyond it a run measures mcp-bench's own memory and
 * queues rather than the server.
 */
export const CALLS_IN_FLIGHT_BOUND: UpperBound = {
  max: 100_000,
  hint: 'calls in flight are capped at 100,000: each holds memory in mcp-bench and one process serves them all; to load a server harder, run several',
};

/** Sessions per endpoint: each is a spawned server process (stdio) or a connection with a session of its own. */
export const SESSIONS_BOUND: UpperBound = {
  max: 10_000,
  hint: 'sessions are capped at 10,000 per endpoint: over stdio each is a server process of its own',
};

/** Cache entries: each holds an answer in mcp-bench's memory. */
export const CACHE_ENTRIES_BOUND: UpperBound = {
  max: 10_000_000,
  hint: 'a cache holds at most 10,000,000 entries; bound its memory with maxBytes too',
};

/** Retry attempts (the first call included), breaker thresholds and token-bucket bursts: far beyond any useful value. */
export const SMALL_COUNT_BOUND: UpperBound = {
  max: 1_000_000,
  hint: 'at most 1,000,000: a larger value behaves the same as no limit at all — switch the layer off instead',
};

/**
 * A data file (`data: { file }`): its rows are held in memory for the whole run (each a few hundred bytes as objects),
 * so the file is bounded in size and rows. CSV and JSON Lines are read as a stream, line by line; a JSON array whole.
 */
export const DATA_FILE_BYTES_BOUND: UpperBound = {
  max: 512 * 1024 * 1024,
  hint: 'a data file may be at most 512 MiB: its rows stay in memory for the whole run; split it, or let the server hold the data',
};

export const DATA_ROWS_BOUND: UpperBound = {
  max: 2_000_000,
  hint: 'a data file may hold at most 2,000,000 rows: they stay in memory for the whole run',
};

/**
 * Sessions a session-churn workload leaves open at once (`close: false`, `maxOpen`): each is a connection with a server
 * session, or over stdio a server process of mcp-bench's own, so the leak variant closes the oldest beyond this many.
 */
export const LEFT_OPEN_SESSIONS_BOUND: UpperBound = {
  max: 10_000,
  hint: 'at most 10,000 sessions are left open at once: over stdio each is a server process of its own; a leak shows in the RSS growth per 1,000 sessions without keeping them all',
};

/** `maxOpen` when none is given: enough to keep a server's per-session state alive, few enough for a laptop's stdio. */
export const DEFAULT_MAX_OPEN_SESSIONS = 1_000;
