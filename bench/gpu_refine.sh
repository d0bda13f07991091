#!/usr/bin/env bash
# A whole 3D auto-refine on each backend, on the same simulated atomic-detail set, in one run: the
# project's pseudo-atomic D2 structure (signal to Nyquist), 800 particles, box 96 at 1.77 A, SNR 0.05,
# CTF, the reference the earlier job's map rescaled (as bench/refine_vs_relion.sh atomic makes it),
# the tutorial's options. Per backend: wall time, summed E-step seconds, iterations, reported
# resolution, FSC against the true map (CryoJ's image_handler --fsc), median angular and origin
# error (org.cryoj.bench.RefinePoseErrors); each device run beside the CPU run: final map correlation
# and particles whose pose differs.
#
# Usage: bench/gpu_refine.sh [OUTFILE]   (on the GPU machine: after bench/gpu_device_check.sh, which
#        unpacks the carried Java; JAVA and GPU_REFINE_CP as gpu_estep.sh's JAVA and ESTEP_CP)
#   env: GPU_REFINE_BACKENDS ("cuda:0"), GPU_REFINE_PARTICLES (800), GPU_REFINE_BOX (96), GPU_REFINE_ANGPIX (1.77),
#        GPU_REFINE_THREADS (nproc)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/common.sh"
out=${1:-$here/bench/out/gpu_refine.txt}
backends=${GPU_REFINE_BACKENDS:-cuda:0}
n=${GPU_REFINE_PARTICLES:-800}; box=${GPU_REFINE_BOX:-96}; angpix=${GPU_REFINE_ANGPIX:-1.77}
threads=${GPU_REFINE_THREADS:-$(nproc)}
java=${JAVA:-java}
cp=${GPU_REFINE_CP:-$here/target/classes:$here/target/test-classes:$here/target/lib/*}
mkdir -p "$(dirname "$out")"
java_home=$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/^ *java.home =/{print $2}')
[ -f "$java_home/lib/libjsig.so" ] && export LD_PRELOAD="$java_home/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
jvm=("$java" -XX:+UseSerialGC -Xms48m -Xmn32m -XX:MaxRAMPercentage=75 --add-modules jdk.incubator.vector -Djava.awt.headless=true -cp "$cp")
cryoj() { "${jvm[@]}" org.cryoj.cli.CryoJ "$@" 2>&1 | grep -v -E 'WARNING: Using incubator modules|signal chaining was deprecated'; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

earlier=$(awk -v a="$angpix" 'BEGIN{printf "%.4f", 2 * a}')
cryoj pseudo_atomic --sym D2 --angpix "$angpix" --box "$box" --o truth.mrc --force >/dev/null
cryoj simulate --i truth.mrc --o sim --sym D2 --mode particles --nr_particles "$n" --snr 0.05 \
  --start_angles noisy --ref_lowpass 20 --seed 7 --j "$threads" --force >/dev/null
cryoj image_handler --i sim/reference_lp.mrc --angpix "$angpix" --rescale_angpix "$earlier" --new_box $((box / 2)) --o sim/earlier_map.mrc --force >/dev/null
cryoj image_handler --i sim/earlier_map.mrc --angpix "$earlier" --rescale_angpix "$angpix" --new_box "$box" --o sim/reference.mrc --force >/dev/null
cd sim

# first shell whose FSC against the truth drops below $2 -> the resolution of the shell before it
res() { cryoj image_handler --i "$1" --fsc ../truth.mrc | awk -v t="$2" '
  NF==4 && $1 ~ /^[0-9]+$/ { if ($1 > 0 && $4 < t && !done) { printf "%.2f", prev; done=1 } prev=$3 }
  END { if (!done) printf "%.2f", prev }'; }
gold() { awk '/^data_model_general/{f=1} f && $1=="_rlnCurrentResolution"{printf "%.2f", $2; exit}' "$1/run_model.star"; }
{
echo "# bench/gpu_refine.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
echo "# $n particles, box $box at $angpix A (Nyquist $(awk -v a="$angpix" 'BEGIN{printf "%.2f", 2*a}') A), SNR 0.05, D2, tutorial options, --j $threads"
printf "backend\twall_s\tE-step_s\titerations\treported_A\tFSC0.5_A\tFSC0.143_A\tangle_err_deg\torigin_err_px\tvs cpu: map correlation, poses that differ\n"
} | tee "$out"
for b in cpu $backends; do
  d="run_${b//:/_}"; mkdir -p "$d"
  gpu=(); [ "$b" = cpu ] || gpu=(--gpu "$b")
  t0=$(date +%s.%N)
  cryoj refine --i particles.star --o "$d/run" --ref reference.mrc --auto_refine --split_random_halves \
    "${refine_opts[@]}" --j "$threads" --force "${gpu[@]}" > "$d.log"
  t1=$(date +%s.%N)
  if [ "$b" != cpu ] && ! grep -q "Expectation backend: .* on $b " "$d.log"; then
    printf "%s\tskipped (%s)\n" "$b" "$(grep -m1 '^Compute:' "$d.log" || echo 'no Compute line')" | tee -a "$out"; continue
  fi
  if [ ! -f "$d/run_model.star" ]; then printf "%s\tFAILED; its log ends:\n" "$b" | tee -a "$out"; tail -8 "$d.log" | sed 's/^/    /' | tee -a "$out"; continue; fi
  estep=$(awk '/Iteration [0-9]+: E-step/{s+=$4} END{printf "%.1f", s}' "$d.log")
  iters=$(ls "$d"/run_it*_optimiser.star | wc -l)
  read -r ang sh _ <<< "$("${jvm[@]}" org.cryoj.bench.RefinePoseErrors "$d/run_data.star" truth.star D2 "$angpix" 2>/dev/null)"
  vs=""
  if [ "$b" != cpu ]; then
    vs="$("${jvm[@]}" org.cryoj.bench.CompareOutputs maps run_cpu/run_class001.mrc "$d/run_class001.mrc" 2>/dev/null | awk '{print $1}'), $("${jvm[@]}" org.cryoj.bench.CompareOutputs poses run_cpu/run_data.star "$d/run_data.star" 2>/dev/null | awk '{print $1 " of " $2}')"
  fi
  printf "%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$b" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}')" "$estep" "$iters" "$(gold "$d")" \
    "$(res "$d/run_class001.mrc" 0.5)" "$(res "$d/run_class001.mrc" 0.143)" "$ang" "$sh" "$vs" | tee -a "$out"
  grep -m1 '^Compute:' "$d.log" | sed 's/^/  /' | cut -c1-300 | tee -a "$out"
done
