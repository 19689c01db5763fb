#!/usr/bin/env node
import { ExitCode } from './exit-codes.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

/** The process entry: the only place that touches the real process. */
runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mcp-bench: internal error: ${message}\n(this is a bug; please report it with the command you ran)\n`);
    if (process.env['MCP_BENCH_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = ExitCode.TargetFailed;
  },
);
