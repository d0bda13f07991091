#!/usr/bin/env bash
# E-step throughput of the device backends beside the CPU (SIMD) backend, in one run on the same
# data, so that load from other work on the machine falls on all of them alike:
#  1. org.cryoj.bench.EStepBench: --j threads scoring their own particles against one shared
#     projection set (a global search's coarse pass, scoreAll) and listed poses (the fine pass,
#     scorePairs); scores (particle x orientation x translation) per second, and the largest
#     relative difference from the CPU backend's scores;
#  2. a small refinement (simulated pseudo-atomic D2 particles, the tutorial's options, three
#     iterations: the cross-correlation one, the first likelihood one, a global search) with each
#     backend: the E-step seconds of each iteration as the log reports them, and the wall time.
# Backends: cpu, then each of $ESTEP_BACKENDS (default "opencl:0 cuda:0"); one that this machine
# lacks is reported as skipped. PoCL's CPU device stands in for a GPU where there is none.
#
# Usage: bench/gpu_estep.sh [OUTFILE]      (summary also printed; default bench/out/gpu_estep.txt)
#   env: ESTEP_BACKENDS, ESTEP_THREADS (nproc), ESTEP_SECONDS (per backend and pass, 5),
#        ESTEP_PARTICLES (200), ESTEP_BOX (48, at 3.54 A/px), ESTEP_ITERS (3), ESTEP_REFINE (1; 0 skips part 2),
#        JAVA (java), ESTEP_CP (classpath; default target/classes:target/test-classes:target/lib/*, built with mvn when missing)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/common.sh"
out=${1:-$here/bench/out/gpu_estep.txt}
backends=${ESTEP_BACKENDS:-opencl:0 cuda:0}
threads=${ESTEP_THREADS:-$(nproc)}
seconds=${ESTEP_SECONDS:-5}
particles=${ESTEP_PARTICLES:-200}
box=${ESTEP_BOX:-48}
iters=${ESTEP_ITERS:-3}
java=${JAVA:-java}
cp=${ESTEP_CP:-$here/target/classes:$here/target/test-classes:$here/target/lib/*}
mkdir -p "$(dirname "$out")"
if [ -z "${ESTEP_CP:-}" ] && { [ ! -d "$here/target/test-classes/org/cryoj/bench" ] || [ ! -d "$here/target/lib" ]; }; then
  echo "gpu_estep.sh: building (mvn package -DskipTests) ..." >&2
  (cd "$here" && mvn -B -q -DskipTests package >/dev/null)
fi
java_home=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/^ *java.home =/{print $2}')
# PoCL is opened only in a JVM that chains signals (org.cryoj.gpu.JvmSignalChaining)
[ -f "$java_home/lib/libjsig.so" ] && export LD_PRELOAD="$java_home/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
jvm=("$java" -XX:+UseSerialGC -Xms48m -Xmn32m -XX:MaxRAMPercentage=75 --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$cp")
quiet() { grep -v -E 'WARNING: Using incubator modules|signal chaining was deprecated' || true; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
echo "# bench/gpu_estep.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# CPU: $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo); java: $("$java" -version 2>&1 | head -1)"
echo
echo "## 1. scoring throughput (org.cryoj.bench.EStepBench)"
"${jvm[@]}" org.cryoj.bench.EStepBench --threads "$threads" --seconds "$seconds" cpu $backends 2>&1 | quiet
} | tee "$out"
[ "${ESTEP_REFINE:-1}" = 1 ] || exit 0

# 2. a small refinement per backend
cd "$work"
"${jvm[@]}" org.cryoj.cli.CryoJ simulate --o sim --sym D2 --angpix 3.54 --box "$box" --mode particles --nr_particles "$particles" \
  --snr 1 --start_angles noisy --ref_lowpass 20 --seed 7 --j "$threads" --force 2>&1 | quiet >/dev/null
cd sim
{
echo
echo "## 2. refinement, $particles particles, box $box (3.54 A/px), --j $threads, $iters iterations (1: cross-correlation, 2: first likelihood, 3+: global search)"
printf "backend\twall_s\tE-step seconds per iteration\tvs cpu: half-map 1 correlation, particles with another pose\n"
} | tee -a "$out"
for b in cpu $backends; do
  gpu=(); [ "$b" = cpu ] || gpu=(--gpu "$b")
  mkdir -p "run_${b//:/_}"
  t0=$(date +%s.%N)
  "${jvm[@]}" org.cryoj.cli.CryoJ refine --i particles.star --o "run_${b//:/_}/run" --ref reference_lp.mrc --auto_refine --split_random_halves \
    "${refine_opts[@]}" --j "$threads" --max_iter "$iters" --force "${gpu[@]}" > "run_${b//:/_}.log" 2>&1 || true
  t1=$(date +%s.%N)
  line=$(grep -m1 '^Compute:' "run_${b//:/_}.log" || true)
  if [ "$b" != cpu ] && ! grep -q "Expectation backend: .* on $b " "run_${b//:/_}.log"; then
    printf "%s\tskipped (%s)\n" "$b" "${line:-no log line}" | tee -a "$out"; continue
  fi
  esteps=$(awk '/Iteration [0-9]+: E-step/{printf "%s%s", sep, $4; sep=" "}' "run_${b//:/_}.log")
  if [ -z "$esteps" ]; then
    printf "%s\tFAILED: no E-step in its log, whose end is:\n" "$b" | tee -a "$out"; tail -5 "run_${b//:/_}.log" | sed 's/^/    /' | tee -a "$out"; continue
  fi
  corr=""
  last=$(printf "run_it%03d" "$iters")
  if [ "$b" != cpu ] && [ -f "run_cpu/${last}_half1_class001.mrc" ]; then
    corr="$("${jvm[@]}" org.cryoj.bench.CompareOutputs maps "run_cpu/${last}_half1_class001.mrc" "run_${b//:/_}/${last}_half1_class001.mrc" 2>&1 | quiet | awk '{print $1}'), $("${jvm[@]}" org.cryoj.bench.CompareOutputs poses "run_cpu/${last}_data.star" "run_${b//:/_}/${last}_data.star" 2>&1 | quiet | awk '{print $1 " of " $2}')"
  fi
  printf "%s\t%s\t%s\t%s\n" "$b" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}')" "$esteps" "$corr" | tee -a "$out"
  [ "$b" = cpu ] || echo "  ($line)" | tee -a "$out"
done
echo "(summary in $out)"
