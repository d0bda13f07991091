#!/usr/bin/env bash
# The RELION tutorial's own scale of the high-resolution refinement step, on the project's
# pseudo-atomic D2 structure (signal to Nyquist):
#  1. simulate micrographs at 0.885 A/px (the tutorial's) with an earlier job's particles at
#     3.54 A/px, box 64 (picks off by 2 px, angles off by 5 degrees);
#  2. re-extract 360 -> 256 (1.2445 A/px) with re-centring, --norm, inverted contrast: CryoJ with
#     --float16, relion_preprocess with float32 (RELION 3.1.3 cannot read float16);
#  3. rescale the earlier map (3.54 A, box 64) to 1.2445 A, box 256;
#  4. 3D auto-refine with the tutorial's options (--pad 1): CryoJ to the end; RELION 3 MPI ranks
#     --j 1 for its first BOX256_RELION_ITERS iterations (--auto_iter_max N makes RELION 3.1.3 write
#     run_it00N_* and exit), for the time per iteration.
# Prints, per tool: wall time, peak RSS of all processes (bench/peak_rss.sh), seconds per
# iteration (from the optimiser files' times), iterations; for CryoJ also the final iteration's
# share, the reported resolution, FSC vs the true map (0.5 / 0.143, graded by
# relion_image_handler --fsc) and the median angular / origin errors against the truth.
# Usage: bench/refine_box256.sh [PARTICLES (2000)] [WORKDIR]
# env: BOX256_TOOLS ("cryoj relion"; one name re-measures that tool in an existing WORKDIR),
#      BOX256_RELION_ITERS (3), BOX256_SNR (0.05), CRYOJ_THREADS (2)
# Needs relion (Debian package), mpirun and GNU time; builds CryoJ through ./cryoj and mvn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/common.sh"
need_tools relion_refine_mpi relion_preprocess relion_image_handler mpirun
n=${1:-2000}; work=${2:-$(mktemp -d)}
mkdir -p "$work"; work="$(cd "$work" && pwd)"
tools=${BOX256_TOOLS:-cryoj relion}
runs() { [[ " $tools " == *" $1 "* ]]; }
relion_iters=${BOX256_RELION_ITERS:-3}
snr=${BOX256_SNR:-0.05}
threads=${CRYOJ_THREADS:-2}
"$here/cryoj" --version >/dev/null
(cd "$here" && mvn -B -q -DskipTests test-compile >/dev/null)
cp_test="$here/target/classes:$here/target/test-classes:$here/target/lib/*"
measured() {  # NAME COMMAND... : GNU time -> NAME.time, summed tree RSS -> NAME.rss
  local name=$1; shift
  /usr/bin/time -v -o "$name.time" "$here/bench/peak_rss.sh" "$name.rss" "$@"
}
cd "$work"
angpix=$(awk 'BEGIN{printf "%.6f", 360 * 0.885 / 256}')   # the pixel size 360 -> 256 gives
if [ ! -f sim/truth.star ]; then
  "$here/cryoj" pseudo_atomic --sym D2 --angpix 0.885 --box 360 --o truth_0.885.mrc --force >/dev/null
  "$here/cryoj" pseudo_atomic --sym D2 --angpix "$angpix" --box 256 --o truth_box256.mrc --force >/dev/null
  "$here/cryoj" simulate --i truth_0.885.mrc --o sim --sym D2 --mode micrographs --nr_particles "$n" --box 360 \
    --mic_size 4096 --snr "$snr" --pick_error 2 --earlier_angpix 3.54 --earlier_box 64 --angle_noise 5 \
    --ref_lowpass 40 --seed 3 --j 2 --force
fi
cd sim
ext=(--i micrographs_ctf.star --reextract_data_star particles_picked_refined.star --recenter --extract_size 360 --scale 256
     --norm --bg_radius 96 --invert_contrast --white_dust -1 --black_dust -1)
if [ ! -f Extract/cryoj/particles.star ]; then
  measured extract_cryoj "$here/cryoj" extract "${ext[@]}" --float16 --j "$threads" --o Extract/cryoj/ --force > extract_cryoj.log 2>&1
fi
if [ ! -f Extract/relion/particles.star ]; then
  measured extract_relion relion_preprocess "${ext[@]}" --extract --part_star Extract/relion/particles.star \
    --part_dir Extract/relion/ > extract_relion.log 2>&1
fi
# the earlier Class3D map (3.54 A, box 64), then rescaled to the new sampling as the tutorial does
"$here/cryoj" image_handler --i reference_lp.mrc --angpix 0.885 --rescale_angpix 3.54 --new_box 64 --o earlier_box64.mrc --force >/dev/null
"$here/cryoj" image_handler --i earlier_box64.mrc --angpix 3.54 --rescale_angpix "$angpix" --new_box 256 --o ref_box256.mrc --force >/dev/null
opts=(--firstiter_cc --ini_high 50 --sym D2 --particle_diameter 150 --ctf --flatten_solvent --zero_mask --oversampling 1
      --healpix_order 2 --auto_local_healpix_order 4 --offset_range 5 --offset_step 2 --auto_ignore_angles --auto_resol_angles
      --pad 1 --pool 30 --norm --scale)
mkdir -p Refine3D/cryoj Refine3D/relion
if runs cryoj; then
  rm -f Refine3D/cryoj/run*
  measured refine_cryoj "$here/cryoj" refine --i Extract/cryoj/particles.star --o Refine3D/cryoj/run --ref ref_box256.mrc \
    --auto_refine --split_random_halves "${opts[@]}" --j "$threads" --force > refine_cryoj.log 2>&1
fi
if runs relion; then
  rm -f Refine3D/relion/run*
  measured refine_relion "${relion_mpi3[@]}" --i Extract/relion/particles.star --o Refine3D/relion/run --ref ref_box256.mrc \
    --auto_refine --split_random_halves "${opts[@]}" --auto_iter_max "$relion_iters" "${relion_mpi_opts[@]}" > refine_relion.log 2>&1 || true
fi

# seconds per iteration k (k >= 2) = mtime(it k optimiser) - mtime(it k-1 optimiser); iteration 1 from it000
per_iter() {
  local d=$1 prev="" k f
  for f in $(ls "$d"/run_it*_optimiser.star 2>/dev/null | sort); do
    if [ -n "$prev" ]; then printf '%s ' "$(mtime_diff "$prev" "$f")"; fi
    prev=$f
  done
  if [ -f "$d/run_class001.mrc" ] && [ -n "$prev" ]; then printf 'final:%s' "$(mtime_diff "$prev" "$d/run_class001.mrc")"; fi
}
res() { relion_image_handler --i "$1" --fsc "$work/truth_box256.mrc" 2>/dev/null | awk -v t="$2" '
  NF==4 && $1 ~ /^[0-9]+$/ { if ($1 > 0 && $4 < t && !done) { printf "%.2f\n", prev; done=1 } prev=$3 }
  END { if (!done) printf "%.2f\n", prev }'; }
echo "re-extract $n particles 360 -> 256: CryoJ (float16, --j $threads) $(wall_s extract_cryoj.time) s, $(kb_to_mb extract_cryoj.rss) MB;" \
     "RELION (float32) $(wall_s extract_relion.time) s, $(kb_to_mb extract_relion.rss) MB"
for t in cryoj relion; do
  [ -f "refine_$t.time" ] || continue
  echo "$t refine: wall $(wall_s refine_$t.time) s, peak RSS all processes $(kb_to_mb refine_$t.rss) MB (largest process $(rss_mb refine_$t.time) MB)"
  echo "  seconds per iteration: $(per_iter Refine3D/$t)"
done
if [ -f Refine3D/cryoj/run_model.star ]; then
  c=Refine3D/cryoj
  echo "  CryoJ reported resolution: $(awk '/^data_model_general/{f=1} f && $1=="_rlnCurrentResolution"{printf "%.2f", $2; exit}' $c/run_model.star) A"
  echo "  CryoJ FSC vs truth 0.5 / 0.143: $(res $c/run_class001.mrc 0.5) / $(res $c/run_class001.mrc 0.143) A"
  echo "  CryoJ median angular / origin error: $(java -cp "$cp_test" org.cryoj.bench.RefinePoseErrors $c/run_data.star truth.star D2 0.885 micrographs) (micrograph pixels)"
  # the same particles reconstructed from their true poses (same padding and symmetry): the map perfect alignment gives
  java -cp "$cp_test" org.cryoj.bench.TruePoses $c/run_data.star truth.star 0.885 true_poses.star
  "$here/cryoj" reconstruct --i true_poses.star --o true_poses.mrc --ctf --sym D2 --pad 1 --j "$threads" --force > true_poses.log 2>&1
  shell() { awk -v r="$1" -v a="$angpix" 'BEGIN { printf "%d", 256 * a / r + 0.5 }'; }
  for t in 0.5 0.143; do
    rc=$(res $c/run_class001.mrc $t); rt=$(res true_poses.mrc $t)
    echo "  FSC vs truth $t: refined $rc A (shell $(shell "$rc")), true poses $rt A (shell $(shell "$rt"))"
  done
  grep "Auto-refine:" refine_cryoj.log | tail -4
fi
echo "(files in $work)"
