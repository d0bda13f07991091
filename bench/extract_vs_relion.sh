#!/usr/bin/env bash
# Re-extraction, ./cryoj extract against relion_preprocess --reextract_data_star, on the same files
# in one run: for each box (96 -> 64 and 360 -> 256) RELION (float32: RELION 3.1.3 cannot write
# float16) and then CryoJ with float32 and float16 output, --j 1 and --j 2, one right after the
# other. Prints wall time, CPU time (user + system) and peak RSS (GNU time: the largest process,
# here the JVM or relion_preprocess) of each run, RELION's wall time over CryoJ's, and the load
# average when each run started (other work on the machine slows both tools alike only when it
# is steady: rerun when in doubt). Afterwards CryoJ's float32 particles are compared with RELION's
# (lowest per-image correlation, largest difference).
#
# Data (made once per WORKDIR, seeded): the pseudo-atomic D2 structure on simulated micrographs
# (2048 x 2048, `cryoj simulate --mode micrographs`), picks off by 2 px with the earlier job's
# refined offsets, so --recenter moves every particle:
#   96 -> 64:   1.77 A/px micrographs, box 96, rescaled to 2.655 A (--bg_radius 24)
#   360 -> 256: 0.885 A/px micrographs (the tutorial's), box 360, rescaled to 1.2445 A (--bg_radius 96)
# EXTRACT_COPIES=k lists every micrograph k times (symbolic links under other names), for k times
# the particles from the same simulated files, e.g. to show that the peak RSS does not grow with
# the number of particles.
#
# EXTRACT_BASELINE=DIR also runs DIR/cryoj (another CryoJ checkout, built) the same way, labelled
# "baseline", e.g. the code before a change, in the same run.
#
# Usage: bench/extract_vs_relion.sh [PARTICLES (4000)] [WORKDIR]
# env: EXTRACT_SIZES ("96:64 360:256"), EXTRACT_THREADS ("1 2"), EXTRACT_COPIES (1),
#      EXTRACT_TOOLS ("relion cryoj"), EXTRACT_REPEAT (1: each measurement this many times),
#      EXTRACT_BASELINE (unset)
# Needs relion (Debian package) and GNU time; builds CryoJ through ./cryoj and mvn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/common.sh"
need_tools relion_preprocess
n=${1:-4000}; work=${2:-$(mktemp -d)}
mkdir -p "$work"; work="$(cd "$work" && pwd)"
sizes=${EXTRACT_SIZES:-96:64 360:256}
threads=${EXTRACT_THREADS:-1 2}
copies=${EXTRACT_COPIES:-1}
tools=${EXTRACT_TOOLS:-relion cryoj}
repeat=${EXTRACT_REPEAT:-1}
runs() { [[ " $tools " == *" $1 "* ]]; }
"$here/cryoj" --version >/dev/null   # builds the jar first, so no run times the build
[ -n "${EXTRACT_BASELINE:-}" ] && "$EXTRACT_BASELINE/cryoj" --version >/dev/null
(cd "$here" && mvn -B -q -DskipTests test-compile >/dev/null)
cp_test="$here/target/classes:$here/target/test-classes:$here/target/lib/*"

# the simulated project of one box size: micrographs, micrographs_ctf.star, particles_picked_refined.star
make_data() {  # BOX ANGPIX EARLIER_BOX DIR
  local box=$1 angpix=$2 earlier=$3 dir=$4
  [ -f "$dir/particles_picked_refined.star" ] && return
  "$here/cryoj" pseudo_atomic --sym D2 --angpix "$angpix" --box "$box" --o "$work/truth_box$box.mrc" --force >/dev/null
  "$here/cryoj" simulate --i "$work/truth_box$box.mrc" --o "$dir" --sym D2 --mode micrographs --nr_particles "$n" \
    --box "$box" --mic_size 2048 --snr 0.05 --pick_error 2 --earlier_angpix 3.54 --earlier_box "$earlier" \
    --angle_noise 5 --ref_lowpass 40 --seed 3 --j 2 --force >/dev/null
}

# STAR files listing every micrograph (and its particles) COPIES times, copies 2.. as links
replicate() {  # DIR
  local dir=$1 c f
  for ((c = 2; c <= copies; c++)); do
    for f in "$dir"/Micrographs/mic_*.mrc; do ln -sf "$(basename "$f")" "$dir/Micrographs/c${c}_$(basename "$f")"; done
  done
  for f in micrographs_ctf particles_picked_refined; do
    awk -v k="$copies" '/Micrographs\/mic_/ && !/^_/ { for (c = 1; c <= k; c++) { l = $0; if (c > 1) gsub("Micrographs/mic_", "Micrographs/c" c "_mic_", l); print l } next } { print }' \
      "$dir/$f.star" > "$dir/${f}_x$copies.star"
  done
}

load() { cut -d' ' -f1 /proc/loadavg; }
measure() {  # NAME COMMAND... -> NAME.time (wall user sys maxrss_kb), NAME.load
  local name=$1; shift
  load > "$name.load"
  /usr/bin/time -f "%e %U %S %M" -o "$name.time" "$@" > "$name.log" 2>&1 || { echo "$name failed, see $PWD/$name.log" >&2; return 1; }
}
field() { awk -v i="$2" '{print $i}' "$1.time"; }
cpu() { awk '{printf "%.1f", $2 + $3}' "$1.time"; }
mb() { awk '{printf "%d", $4 / 1024}' "$1.time"; }

printf '%-9s %-8s %-8s %4s %8s %7s %12s %13s %6s\n' box tool output --j "wall s" "CPU s" "peak RSS MB" "RELION/CryoJ" load
summary=()
for pair in $sizes; do
  box=${pair%:*}; scale=${pair#*:}
  case $box in
    96) angpix=1.77; earlier=48 ;;
    360) angpix=0.885; earlier=64 ;;
    *) angpix=$(awk -v b="$box" 'BEGIN{printf "%.4f", 0.885 * 360 / b}'); earlier=$((box / 6 / 2 * 2)) ;;
  esac
  dir="$work/box$box"
  make_data "$box" "$angpix" "$earlier" "$dir"
  replicate "$dir"
  cd "$dir"
  cat Micrographs/mic_*.mrc > /dev/null   # into the page cache: neither tool waits on the disk for input
  bg=$((scale * 3 / 8))
  ext=(--i "micrographs_ctf_x$copies.star" --reextract_data_star "particles_picked_refined_x$copies.star" --recenter
       --extract_size "$box" --scale "$scale" --norm --bg_radius "$bg" --invert_contrast --white_dust -1 --black_dust -1)
  parts=$(grep -c '@' "particles_picked_refined_x$copies.star"); mics=$(grep -c '^Micrographs/' "micrographs_ctf_x$copies.star")
  summary+=("box $box -> $scale: $parts particles on $mics micrographs of 2048 x 2048 ($angpix A/px)")
  for ((r = 1; r <= repeat; r++)); do
    rw=""
    if runs relion; then
      rm -rf Extract/relion
      measure relion relion_preprocess "${ext[@]}" --extract --part_star Extract/relion/particles.star --part_dir Extract/relion/
      rw=$(field relion 1)
      printf '%-9s %-8s %-8s %4s %8s %7s %12s %13s %6s\n' "$box>$scale" RELION float32 - "$rw" "$(cpu relion)" "$(mb relion)" "" "$(cat relion.load)"
    fi
    for tool in cryoj ${EXTRACT_BASELINE:+baseline}; do
      runs cryoj || continue
      launcher="$here/cryoj"; label=CryoJ
      [ $tool = baseline ] && { launcher="$EXTRACT_BASELINE/cryoj"; label=baseline; }
      for out in float32 float16; do
        for j in $threads; do
          name=${tool}_${out}_j$j
          rm -rf "Extract/$name"
          measure "$name" "$launcher" extract "${ext[@]}" $([ $out = float16 ] && echo --float16) --j "$j" --o "Extract/$name/"
          ratio=""; [ -n "$rw" ] && ratio=$(awk -v a="$rw" -v b="$(field "$name" 1)" 'BEGIN{printf "%.1f", a / b}')
          printf '%-9s %-8s %-8s %4s %8s %7s %12s %13s %6s\n' "$box>$scale" "$label" "$out" "$j" "$(field "$name" 1)" "$(cpu "$name")" \
            "$(mb "$name")" "$ratio" "$(cat "$name.load")"
        done
      done
    done
  done
  cd "$work"
done
for s in "${summary[@]}"; do echo "$s"; done
if runs relion && runs cryoj; then
  for pair in $sizes; do
    box=${pair%:*}; j=${threads##* }
    c=$(java -Xmx1g -cp "$cp_test" org.cryoj.bench.CompareOutputs particles "$work/box$box" \
          "$work/box$box/Extract/cryoj_float32_j$j/particles.star" "$work/box$box/Extract/relion/particles.star")
    echo "box $box, CryoJ float32 vs RELION: lowest per-image correlation, max |difference|, max coordinate difference, particles: $c"
  done
fi
echo "(files in $work)"
