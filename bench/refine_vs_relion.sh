#!/usr/bin/env bash
# ./cryoj refine against relion_refine_mpi --auto_refine on the same simulated D2 particles (known
# poses): wall time, peak RSS, iterations, each tool's own final resolution (run_model.star), FSC of
# each final map against the true map (both graded by relion_image_handler --fsc), and median
# angular and origin errors against the truth (both graded by one Java main, PoseErrors by rlnImageName).
# Usage: bench/refine_vs_relion.sh [PARTICLES|small|full] [SNR=0.05] [WORKDIR]
#   small: 200 particles, box 32 at 7.08 A (minutes, CI-friendly); full: 2000 particles, box 64 at 3.54 A;
#   a number: that many particles at box 64.
# RELION runs as the tutorial does, 3 MPI ranks (leader + two half-set followers) with --j 1 on 2 cores;
# CryoJ with --j 2. GNU time's peak RSS is that of the largest single process (for RELION: one rank).
# Needs relion (Debian package), mpirun and GNU time; builds CryoJ through ./cryoj and mvn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=${1:-small}; snr=${2:-0.05}; work=${3:-$(mktemp -d)}
for t in relion_refine_mpi relion_image_handler mpirun; do
  command -v $t >/dev/null || { echo "needs $t (apt-get install relion openmpi-bin)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"; work="$(cd "$work" && pwd)"
map64="$here/test-images/phantom_d2_box64_3.54A.mrc"
case "$size" in
  small) n=200; box=32; angpix=7.08 ;;
  full) n=2000; box=64; angpix=3.54 ;;
  *) n=$size; box=64; angpix=3.54 ;;
esac
truth="$work/truth_box$box.mrc"
if [ "$box" = 64 ]; then cp "$map64" "$truth"
else "$here/cryoj" image_handler --i "$map64" --o "$truth" --rescale_angpix "$angpix" --new_box "$box" --force >/dev/null; fi
"$here/cryoj" simulate --i "$truth" --o "$work/sim" --sym D2 --mode particles --nr_particles "$n" --snr "$snr" \
  --start_angles noisy --ref_lowpass 40 --seed 7 --j 2 --force >/dev/null
(cd "$here" && mvn -B -q -DskipTests test-compile >/dev/null)
cd "$work/sim"
mkdir -p Refine3D/cryoj Refine3D/relion
opts=(--firstiter_cc --ini_high 40 --sym D2 --particle_diameter 180 --ctf --flatten_solvent --zero_mask --oversampling 1
      --healpix_order 2 --auto_local_healpix_order 4 --offset_range 5 --offset_step 2 --pad 1 --pool 30)
/usr/bin/time -v -o cryoj.time "$here/cryoj" refine --i particles.star --o Refine3D/cryoj/run --ref reference_lp.mrc \
  --auto_refine --split_random_halves "${opts[@]}" --j 2 --force > cryoj.log 2>&1
OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 /usr/bin/time -v -o relion.time \
  mpirun --allow-run-as-root --oversubscribe -n 3 relion_refine_mpi --i particles.star --o Refine3D/relion/run \
  --ref reference_lp.mrc --auto_refine --split_random_halves "${opts[@]}" --j 1 --dont_combine_weights_via_disc > relion.log 2>&1

wall() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.0f", s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/{printf "%d", $2/1024}' "$1"; }
iters() { ls "$1"/run_it*_optimiser.star | sed 's/.*_it\([0-9]*\)_optimiser.star/\1/' | sort -n | tail -1 | awk '{print $1+1}'; }
gold() { awk '/^data_model_general/{f=1} f && $1=="_rlnCurrentResolution"{print $2; exit}' "$1/run_model.star"; }
# first shell whose FSC drops below the threshold -> resolution of the shell before it
res() { relion_image_handler --i "$1" --fsc "$truth" 2>/dev/null | awk -v t="$2" '
  NF==4 && $1 ~ /^[0-9]+$/ { if ($1 > 0 && $4 < t && !done) { print prev; done=1 } prev=$3 }
  END { if (!done) print prev }'; }
poses() { java -cp "$here/target/classes:$here/target/test-classes" org.cryoj.bench.RefinePoseErrors "$1/run_data.star" truth.star D2 "$angpix"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 == 0) print "-"; else printf "%.2f", a/b }'; }
c=Refine3D/cryoj; r=Refine3D/relion
cw=$(wall cryoj.time); rw=$(wall relion.time); cm=$(rss cryoj.time); rm_=$(rss relion.time)
read -r ca cs < <(poses $c); read -r ra rs < <(poses $r)
row() { printf '%-36s %14s %14s %10s\n' "$@"; }
row "$n particles, box $box, $angpix A, SNR $snr, D2" "CryoJ (--j 2)" "RELION 3.1.3" "ratio"
row "wall time (s)" "$cw" "$rw" "$(ratio "$cw" "$rw")"
row "peak RSS (MB)" "$cm" "$rm_" "$(ratio "$cm" "$rm_")"
row "iterations" "$(iters $c)" "$(iters $r)" ""
row "final resolution, run_model.star (A)" "$(gold $c)" "$(gold $r)" "$(ratio "$(gold $c)" "$(gold $r)")"
row "FSC vs truth = 0.5 at (A)" "$(res $c/run_class001.mrc 0.5)" "$(res $r/run_class001.mrc 0.5)" ""
row "FSC vs truth = 0.143 at (A)" "$(res $c/run_class001.mrc 0.143)" "$(res $r/run_class001.mrc 0.143)" ""
row "median angular error (deg)" "$ca" "$ra" "$(ratio "$ca" "$ra")"
row "median origin error (px)" "$cs" "$rs" "$(ratio "$cs" "$rs")"
echo "(files in $work/sim; ratio = CryoJ / RELION)"
