#!/usr/bin/env bash
# Runs a command and writes the peak of the summed resident set size (KB) of the command and all
# its descendants to OUTFILE. GNU time reports only the largest single process, which for an MPI
# run (mpirun + one process per rank) is one rank; this samples the whole process tree instead.
# Samples every PEAK_RSS_INTERVAL seconds (default 0.2), so a peak shorter than that can be missed.
# Usage: bench/peak_rss.sh OUTFILE COMMAND [ARGS...]   (exits with the command's status)
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUTFILE COMMAND [ARGS...]" >&2; exit 2; }
out=$1; shift
interval=${PEAK_RSS_INTERVAL:-0.2}
"$@" &
root=$!
peak=0
tree_rss() {
  ps -e -o pid=,ppid=,rss= | awk -v root="$root" '
    { parent[$1] = $2; rss[$1] = $3 }
    END {
      total = 0
      for (p in parent) {
        # walk up from each process; count it when the walk meets the root
        q = p; for (depth = 0; depth < 64 && q != "" && q != 0; depth++) { if (q == root) { total += rss[p]; break } q = parent[q] }
      }
      print total
    }'
}
while kill -0 "$root" 2>/dev/null; do
  now=$(tree_rss)
  [ "$now" -gt "$peak" ] && peak=$now
  sleep "$interval"
done
wait "$root"; rc=$?
echo "$peak" > "$out"
exit $rc
