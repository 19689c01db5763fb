#!/bin/sh
# Collects each shard's JSON report from its pod's log: the Job's command prints it there (gzip + base64, between
# markers) when mcp-bench exits, whatever the exit code. Writes DIR/shard-<i>.json for i = 0 … N-1; a shard whose pod
# or report is missing is named on stderr and left out, so that `mcp-bench merge --expect-shards N` fails on it.
# Usage: collect-reports.sh JOB N [DIR]      e.g. collect-reports.sh mcp-bench 4 reports
set -u
usage='usage: collect-reports.sh JOB N [DIR]'
job=${1:?$usage}
count=${2:?$usage}
dir=${3:-reports}
mkdir -p "$dir"
i=0
while [ "$i" -lt "$count" ]; do
  out="$dir/shard-$i.json"
  # backoffLimitPerIndex: 0 means one pod per index: never a retried one to choose from.
  pod=$(kubectl get pods -l "job-name=$job,batch.kubernetes.io/job-completion-index=$i" -o name | head -n 1)
  if [ -n "$pod" ] && kubectl logs "$pod" \
    | sed -n '/^-----BEGIN MCP-BENCH REPORT-----$/,/^-----END MCP-BENCH REPORT-----$/{/^-----/!p;}' \
    | base64 -d | gunzip > "$out" 2>/dev/null && [ -s "$out" ]; then
    echo "shard $i: $out (from $pod)"
  else
    rm -f "$out"
    echo "shard $i: no report in the log of ${pod:-its pod (none found)}" >&2
  fi
  i=$((i + 1))
done
