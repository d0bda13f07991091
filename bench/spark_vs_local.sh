#!/usr/bin/env bash
# Seconds per auto-refine iteration: ./cryoj refine with the E-step on this machine's threads (--j P)
# against the same run with the E-step on a Spark standalone cluster on localhost: a master and two
# workers, each a JVM launched from the Maven-resolved Spark jars (target/spark-jars as SPARK_HOME/jars),
# one 1-core executor per worker, P partitions per half-set, so that both runs compute the same sums
# (the script checks that the last iteration's half-maps are the same bytes). Same data, options and
# iterations (--max_iter 3 stops after iteration 3); time per iteration from the optimiser files'
# modification times; Spark's overhead per iteration (plan broadcast, results and shuffle bytes, the
# E-step's wall time against its busiest executor's task time) from the Spark run's log. Then
# org.cryoj.bench.SparkProjection projects the time per iteration against the number of executors
# (Amdahl: the driver's M-step and Spark's fixed costs do not shrink) as a table, a CSV and a PNG.
#
# The refinement: bench/common.sh's tutorial options on the pseudo-atomic D2 structure, box 64 at
# 3.54 A, SNR 0.05, noisy start angles, reference low-passed to 40 A (as bench/scaling.sh).
# The machine's other load counts: the script prints the load average before and after.
#
# Usage: bench/spark_vs_local.sh [WORKDIR]
#   env: SPARK_BENCH_PARTICLES (8000), SPARK_BENCH_BOX (64), SPARK_BENCH_PARTITIONS (2 per half-set),
#        SPARK_BENCH_CSV (docs/spark_projection.csv), SPARK_BENCH_PNG (docs/spark_projection.png),
#        SPARK_BENCH_TIMEOUT (seconds per run, 3600), SPARK_BENCH_EXECUTOR_OPTS (extra JVM options for the executors)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/common.sh"
work=${1:-$(mktemp -d)}
mkdir -p "$work"; work="$(cd "$work" && pwd)"
n=${SPARK_BENCH_PARTICLES:-8000}
box=${SPARK_BENCH_BOX:-64}
parts=${SPARK_BENCH_PARTITIONS:-2}
csv=${SPARK_BENCH_CSV:-$here/docs/spark_projection.csv}
png=${SPARK_BENCH_PNG:-$here/docs/spark_projection.png}
limit=${SPARK_BENCH_TIMEOUT:-3600}

"$here/cryoj" --version >/dev/null   # builds the jar (and target/spark-jars) first
(cd "$here" && mvn -B -q -DskipTests test-compile >/dev/null)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

angpix=$(awk -v b="$box" 'BEGIN{printf "%.2f", 3.54 * 64 / b}')
data="$work/n${n}_box$box"
if [ ! -f "$data/particles.star" ]; then
  "$here/cryoj" pseudo_atomic --sym D2 --angpix "$angpix" --box "$box" --o "$work/truth_box$box.mrc" --force >/dev/null
  "$here/cryoj" simulate --i "$work/truth_box$box.mrc" --o "$data" --sym D2 --mode particles --nr_particles "$n" --snr 0.05 \
    --start_angles noisy --ref_lowpass 40 --seed 7 --j 2 --force >/dev/null
fi

# --- the standalone cluster: master and two workers (1 core, 3 GB each), stopped when the script ends
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
home="$work/spark-home"; rm -rf "$home"; mkdir -p "$home"; ln -s "$here/target/spark-jars" "$home/jars"
module_opts=$(sed -n 's/^spark_module_options="\(.*\)"$/\1/p' "$here/cryoj")
pids=()
stop_cluster() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap stop_cluster EXIT
daemon() {  # log main-class args...
  local log=$1; shift
  SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12 \
    java -Xmx256m $module_opts -cp "$home/jars/*" "$@" > "$log" 2>&1 &
  pids+=($!)
}
await() {  # log text
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "no '$2' in $1:" >&2; tail -20 "$1" >&2; exit 1
}
port=$(free_port)
master="spark://127.0.0.1:$port"
daemon "$work/master.log" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$(free_port)"
await "$work/master.log" "I have been elected leader"
for w in 1 2; do
  mkdir -p "$work/worker$w"
  daemon "$work/worker$w.log" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 3g \
    --work-dir "$work/worker$w" --webui-port "$(free_port)" "$master"
  await "$work/worker$w.log" "Successfully registered with master"
done
echo "cluster $master: 2 workers"

refine() {  # name, extra options...
  local name=$1; shift
  rm -rf "$data/Refine3D/$name"; mkdir -p "$data/Refine3D/$name"
  (cd "$data" && timeout "$limit" /usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB" -o "$work/$name.time" \
    "$here/cryoj" refine --i particles.star --o "Refine3D/$name/run" --ref reference_lp.mrc --auto_refine --split_random_halves \
    "${refine_opts[@]}" --max_iter 3 --force "$@" > "$work/$name.log" 2>&1)
  echo "$name: $(cat "$work/$name.time")"
}
refine local --j "$parts"
spark_extra=()
[ -n "${SPARK_BENCH_EXECUTOR_OPTS:-}" ] && spark_extra=(--spark_conf "spark.executor.extraJavaOptions=$SPARK_BENCH_EXECUTOR_OPTS")
refine spark --spark "$master" --spark_partitions "$parts" --spark_conf spark.executor.memory=2g --spark_conf spark.executor.cores=1 \
  --spark_conf spark.driver.host=127.0.0.1 "${spark_extra[@]}"
stop_cluster; trap - EXIT
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

for h in 1 2; do
  if cmp -s "$data/Refine3D/local/run_it003_half${h}_class001.mrc" "$data/Refine3D/spark/run_it003_half${h}_class001.mrc"; then
    echo "iteration 3 half-map $h: the same bytes in both runs"
  else
    echo "iteration 3 half-map $h: DIFFERENT" >&2
  fi
done
grep "Spark E-step" "$work/spark.log" || true
cpu_s() { awk '{printf "%.1f", $4 + $7}' "$1"; }   # user + system of GNU time's line above
echo "CPU seconds: local run $(cpu_s "$work/local.time"); Spark driver $(cpu_s "$work/spark.time") + executors' E-step tasks $(grep -o 'CPU [0-9.]* s' "$work/spark.log" | awk '{s += $2} END {printf "%.1f", s}')"
java -Djava.awt.headless=true -cp "$here/target/classes:$here/target/test-classes:$here/target/lib/*" org.cryoj.bench.SparkProjection \
  "$data/Refine3D/local/run" "$data/Refine3D/spark/run" "$work/spark.log" 2 2 3 "$csv" "$png"
echo "(CSV $csv, plot $png, runs in $work)"
