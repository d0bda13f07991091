#!/usr/bin/env bash
# The high-resolution refinement step, CryoJ against RELION 3.1.3, one table, on the project's
# pseudo-atomic D2 structure (cryoj pseudo_atomic: signal to Nyquist at every sampling used here):
#  1. rescale the structure's map (box 64, 3.54 A) to the tutorial's sampling (box 256, 1.244 A):
#     ./cryoj image_handler against relion_image_handler, same options; wall time, peak RSS and how
#     close the two output maps are (correlation, max |difference|);
#  2. re-extract with re-centring from simulated micrographs (box 64, 3.54 A, --norm, inverted
#     contrast, float32 since RELION 3.1.3 has no float16): ./cryoj extract against relion_preprocess
#     --reextract_data_star; wall time, peak RSS, lowest per-image correlation and max |difference|;
#  3. 3D auto-refine on simulated D2 particles (known poses, CTF, origins within +-3 px, starting angles off
#     by 5 degrees; the reference is the true map low-passed to 20 A at twice the pixel size, the earlier job's,
#     on the wrong grey scale, rescaled to the refinement's sampling): ./cryoj refine against
#     relion_refine_mpi --auto_refine; wall time, peak RSS, iterations, each tool's own final
#     resolution (run_model.star), FSC of each final map against the true map (both graded by
#     relion_image_handler --fsc), median angular and origin errors against the truth (both graded
#     by one Java main, PoseErrors by rlnImageName).
# Usage: bench/refine_vs_relion.sh [PARTICLES|small|full|atomic|atomic4k] [SNR: 0.2 for small, else 0.05] [WORKDIR]
#   atomic: 800 particles, box 96 at 1.77 A (Nyquist 3.5 A; the high-resolution acceptance set);
#   atomic4k: 4000 particles, box 64 at 2.655 A; small: 200 particles, box 32, 7.08 A (minutes);
#   full: 2000 particles, box 64 at 3.54 A; a number: that many particles at box 64, 3.54 A.
#   Re-extraction uses as many particles (at most 2000).
# env: BENCH_CPUS (a taskset CPU list: run every measured command on those CPUs; default: no
#      pinning), CRYOJ_THREADS (CryoJ's --j, default 2), BENCH_REFINE (which tools' auto-refine
#      runs: "cryoj relion" by default; give one name to re-measure that tool in an existing WORKDIR,
#      the other's earlier results there are reused and the simulated particles are not re-made;
#      "relion" alone stops after RELION's run, without the table).
# RELION runs as the tutorial does, 3 MPI ranks (leader + two half-set followers) with --j 1;
# relion_image_handler and relion_preprocess are single processes with one thread.
# Peak RSS: "largest process" is GNU time's (for RELION's refine: one rank); "all processes" sums
# the whole process tree, sampled every 0.2 s by bench/peak_rss.sh (mpirun and all ranks); for a
# single process it can read a little under GNU time's figure (a peak between two samples).
# Needs relion (Debian package), mpirun and GNU time; builds CryoJ through ./cryoj and mvn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/common.sh"
need_tools relion_refine_mpi relion_image_handler relion_preprocess mpirun
size=${1:-small}; work=${3:-$(mktemp -d)}
# 200 particles at SNR 0.05 cannot be aligned (posteriors stay flat, both tools wander): small defaults to 0.2
if [ "$size" = small ]; then snr=${2:-0.2}; else snr=${2:-0.05}; fi
mkdir -p "$work"; work="$(cd "$work" && pwd)"
threads=${CRYOJ_THREADS:-2}
refine_tools=${BENCH_REFINE:-cryoj relion}
runs() { [[ " $refine_tools " == *" $1 "* ]]; }
if [ -n "${BENCH_CPUS:-}" ]; then pin=(taskset -c "$BENCH_CPUS"); else pin=(env); fi
case "$size" in
  small) n=200; box=32; angpix=7.08 ;;
  full) n=2000; box=64; angpix=3.54 ;;
  atomic) n=800; box=96; angpix=1.77 ;;
  atomic4k) n=4000; box=64; angpix=2.655 ;;
  *) n=$size; box=64; angpix=3.54 ;;
esac
"$here/cryoj" --version >/dev/null   # builds the jar first, so no measurement times the build
map64="$work/pseudo_atomic_box64_3.54A.mrc"
"$here/cryoj" pseudo_atomic --sym D2 --angpix 3.54 --box 64 --o "$map64" --force >/dev/null
(cd "$here" && mvn -B -q -DskipTests test-compile >/dev/null)
cp_test="$here/target/classes:$here/target/test-classes:$here/target/lib/*"
measured() {  # NAME COMMAND... : GNU time -> NAME.time, summed tree RSS -> NAME.rss
  local name=$1; shift
  /usr/bin/time -v -o "$name.time" "$here/bench/peak_rss.sh" "$name.rss" "${pin[@]}" "$@"
}

# 1. rescale
mkdir -p "$work/rescale"; cd "$work/rescale"
rescale_opts=(--i "$map64" --angpix 3.54 --rescale_angpix 1.244 --new_box 256)
measured relion relion_image_handler "${rescale_opts[@]}" --o relion.mrc > relion.log 2>&1
measured cryoj "$here/cryoj" image_handler "${rescale_opts[@]}" --o cryoj.mrc --force > cryoj.log 2>&1
maps=$(java -cp "$cp_test" org.cryoj.bench.CompareOutputs maps cryoj.mrc relion.mrc)
read -r map_corr map_diff <<< "$maps"

# 2. re-extract
"$here/cryoj" simulate --i "$map64" --o "$work/extract" --sym D2 --mode micrographs --box 64 \
  --mic_size 1024 --snr 0.2 --pick_error 2 --earlier_angpix 7.08 --earlier_box 32 --angle_noise 5 --seed 1 --j 2 --force \
  --nr_particles "$((n < 2000 ? n : 2000))" >/dev/null
cd "$work/extract"
extract_opts=(--i micrographs_ctf.star --reextract_data_star particles_picked_refined.star --recenter --extract_size 64
              --norm --bg_radius 24 --invert_contrast --white_dust -1 --black_dust -1)
rm -rf Extract
measured relion relion_preprocess "${extract_opts[@]}" --extract --part_star Extract/relion/particles.star \
  --part_dir Extract/relion/ > relion.log 2>&1
measured cryoj "$here/cryoj" extract "${extract_opts[@]}" --o Extract/cryoj/ --j "$threads" > cryoj.log 2>&1
parts=$(java -cp "$cp_test" org.cryoj.bench.CompareOutputs particles . Extract/cryoj/particles.star Extract/relion/particles.star)
read -r part_corr part_diff part_coord _ <<< "$parts"
mics=$(ls Micrographs/*.mrc | wc -l)

# 3. auto-refine
truth="$work/truth_box$box.mrc"
if [ "$refine_tools" = "cryoj relion" ] || [ ! -f "$work/sim/truth.star" ]; then
  "$here/cryoj" pseudo_atomic --sym D2 --angpix "$angpix" --box "$box" --o "$truth" --force >/dev/null
  "$here/cryoj" simulate --i "$truth" --o "$work/sim" --sym D2 --mode particles --nr_particles "$n" --snr "$snr" \
    --start_angles noisy --ref_lowpass 20 --seed 7 --j 2 --force >/dev/null
  # the earlier job's map at twice the pixel size, rescaled to the refinement's sampling as the tutorial does
  earlier=$(awk -v a="$angpix" 'BEGIN{printf "%.4f", 2 * a}')
  "$here/cryoj" image_handler --i "$work/sim/reference_lp.mrc" --angpix "$angpix" --rescale_angpix "$earlier" --new_box $((box / 2)) \
    --o "$work/sim/earlier_map.mrc" --force >/dev/null
  "$here/cryoj" image_handler --i "$work/sim/earlier_map.mrc" --angpix "$earlier" --rescale_angpix "$angpix" --new_box "$box" \
    --o "$work/sim/reference.mrc" --force >/dev/null
fi
cd "$work/sim"
mkdir -p Refine3D/cryoj Refine3D/relion
if runs cryoj; then
  rm -f Refine3D/cryoj/run*
  measured cryoj "$here/cryoj" refine --i particles.star --o Refine3D/cryoj/run --ref reference.mrc \
    --auto_refine --split_random_halves "${refine_opts[@]}" --j "$threads" --force > cryoj.log 2>&1
fi
if runs relion; then
  rm -f Refine3D/relion/run*
  measured relion "${relion_mpi3[@]}" --i particles.star --o Refine3D/relion/run --ref reference.mrc \
    --auto_refine --split_random_halves "${refine_opts[@]}" "${relion_mpi_opts[@]}" > relion.log 2>&1
fi
[ "$refine_tools" = relion ] && { echo "RELION's auto-refine done in $work/sim/Refine3D/relion"; exit 0; }
for t in cryoj relion; do
  [ -f "Refine3D/$t/run_model.star" ] || { echo "no finished $t auto-refine in $work/sim (BENCH_REFINE=$t)" >&2; exit 1; }
done

iters() { ls "$1"/run_it*_optimiser.star | sed 's/.*_it\([0-9]*\)_optimiser.star/\1/' | sort -n | tail -1 | awk '{print $1+1}'; }
gold() { awk '/^data_model_general/{f=1} f && $1=="_rlnCurrentResolution"{printf "%.2f\n", $2; exit}' "$1/run_model.star"; }
# first shell whose FSC drops below the threshold -> resolution of the shell before it
res() { relion_image_handler --i "$1" --fsc "$truth" 2>/dev/null | awk -v t="$2" '
  NF==4 && $1 ~ /^[0-9]+$/ { if ($1 > 0 && $4 < t && !done) { printf "%.2f\n", prev; done=1 } prev=$3 }
  END { if (!done) printf "%.2f\n", prev }'; }
poses() { java -cp "$cp_test" org.cryoj.bench.RefinePoseErrors "$1/run_data.star" truth.star D2 "$angpix"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 == 0) print "-"; else printf "%.2f", a/b }'; }
c=Refine3D/cryoj; r=Refine3D/relion
pc=$(poses $c); pr=$(poses $r)
read -r ca cs <<< "$pc"; read -r ra rs <<< "$pr"

row() { printf '%-44s %14s %14s %8s\n' "$@"; }
pair() {  # LABEL CRYOJ RELION: the two values and their ratio
  row "$1" "$2" "$3" "$(ratio "$2" "$3")"
}
times() {  # DIR: wall time and peak RSS rows of DIR/cryoj.* and DIR/relion.*
  pair "  wall time (s)" "$(wall_s "$1/cryoj.time")" "$(wall_s "$1/relion.time")"
  if [ "${2:-}" = both ]; then
    pair "  peak RSS, largest process (MB)" "$(rss_mb "$1/cryoj.time")" "$(rss_mb "$1/relion.time")"
    pair "  peak RSS, all processes (MB)" "$(kb_to_mb "$1/cryoj.rss")" "$(kb_to_mb "$1/relion.rss")"
  else
    pair "  peak RSS (MB)" "$(rss_mb "$1/cryoj.time")" "$(rss_mb "$1/relion.time")"
  fi
}
row "" "CryoJ (--j $threads)" "RELION 3.1.3" "ratio"
row "rescale map 64 @ 3.54 A -> 256 @ 1.244 A" "" "" ""
times "$work/rescale"
row "  CryoJ vs RELION map: correlation" "$map_corr" "" ""
row "  CryoJ vs RELION map: max |difference|" "$map_diff" "" ""
row "re-extract $((n < 2000 ? n : 2000)) particles, $mics micrographs, box 64" "" "" ""
times "$work/extract"
row "  CryoJ vs RELION: lowest image correlation" "$part_corr" "" ""
row "  CryoJ vs RELION: max |pixel difference|" "$part_diff" "" ""
row "  CryoJ vs RELION: max coordinate diff (px)" "$part_coord" "" ""
row "3D auto-refine, $n particles, box $box, $angpix A" "" "" ""
row "  (SNR $snr, D2, tutorial options)" "" "" ""
times "$work/sim" both
row "  iterations" "$(iters $c)" "$(iters $r)" ""
pair "  final resolution, run_model.star (A)" "$(gold $c)" "$(gold $r)"
row "  FSC vs truth = 0.5 at (A)" "$(res $c/run_class001.mrc 0.5)" "$(res $r/run_class001.mrc 0.5)" ""
row "  FSC vs truth = 0.143 at (A)" "$(res $c/run_class001.mrc 0.143)" "$(res $r/run_class001.mrc 0.143)" ""
pair "  median angular error (deg)" "$ca" "$ra"
pair "  median origin error (px)" "$cs" "$rs"
echo "(files in $work; ratio = CryoJ / RELION; RELION refine: 3 MPI ranks, --j 1 each${BENCH_CPUS:+; all measured commands on CPUs $BENCH_CPUS})"
