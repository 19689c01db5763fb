#!/usr/bin/env node
import { ExitCode } from './exit-codes.js';
import { maskedIo, processIo } from './io.js';
import { runCli } from './program.js';

/** The process entry: the only place that touches the real process. */
const io = maskedIo(processIo());
runCli(process.argv.slice(2), io).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`mcp-bench: internal error: ${message}\n(this is a bug; please report it with the command you ran)\n`);
    if (process.env['MCP_BENCH_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    process.exitCode = ExitCode.TargetFailed;
  },
);
