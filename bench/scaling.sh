#!/usr/bin/env bash
# Seconds per 3D auto-refine iteration, ./cryoj refine against relion_refine_mpi --auto_refine, as
# the number of particles grows (box 64 at 3.54 A) and as the box grows at a fixed physical size
# (1000 particles; box 96 at 2.36 A, 128 at 1.77 A, truth rescaled with ./cryoj image_handler).
# Writes a CSV and a PNG (two panels) of the result.
#
# Both tools run on ONE core, the same one (taskset -c $SCALING_CPU, default 1), so that work on
# the other cores does not disturb the figures: CryoJ with --j 1; RELION as the tutorial runs it,
# 3 MPI ranks (leader + two half-set followers) with --j 1 each: the leader mostly waits, the two
# followers share the core. Options are refine_vs_relion.sh's (bench/common.sh).
# Time per iteration = mean wall time of iterations 2 and 3 (after the cross-correlation first
# iteration) = (mtime of run_it003_optimiser.star - mtime of run_it001_optimiser.star) / 2.
# cpu_share = CPU time / wall time of the whole run (GNU time): about 1 when the tool had the core
# to itself, lower when something else ran there too (then rerun that point).
# Both stop after iteration 3, without the final iteration: CryoJ with --max_iter 3, RELION with
# --auto_iter_max 3 (its --iter does not limit --auto_refine: MlOptimiser::initialiseGeneral sets
# the limit to 999; RELION 3.1.3 with --auto_iter_max N writes run_it00N_* and exits).
#
# Usage: bench/scaling.sh [WORKDIR]
#   env: SCALING_PARTICLES ("1000 2000 4000 8000", at box 64), SCALING_BOXES ("64 96 128"),
#        SCALING_BOX_PARTICLES (particles for the box series, 1000), SCALING_CPU (1),
#        SCALING_TIMEOUT (seconds per tool and run, 1500; a run past it is recorded as NA),
#        SCALING_CSV (docs/scaling.csv), SCALING_PNG (docs/scaling.png),
#        SCALING_TOOLS ("cryoj relion"): with one tool, the other's rows are kept from the existing
#        CSV (the same data: the simulator is seeded; not after the test structure changed), e.g. to re-measure CryoJ after a change
# Needs relion (Debian package), mpirun, taskset; builds CryoJ through ./cryoj and mvn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/common.sh"
need_tools relion_refine_mpi mpirun taskset
work=${1:-$(mktemp -d)}
mkdir -p "$work"; work="$(cd "$work" && pwd)"
particles=${SCALING_PARTICLES:-1000 2000 4000 8000}
boxes=${SCALING_BOXES:-64 96 128}
box_particles=${SCALING_BOX_PARTICLES:-1000}
cpu=${SCALING_CPU:-1}
limit=${SCALING_TIMEOUT:-1500}
csv=${SCALING_CSV:-$here/docs/scaling.csv}
png=${SCALING_PNG:-$here/docs/scaling.png}
pin=(taskset -c "$cpu")
tools=${SCALING_TOOLS:-cryoj relion}
[ -f "$csv" ] && cp "$csv" "$work/previous.csv"
runs() { [[ " $tools " == *" $1 "* ]]; }
# a row of the previous CSV for tool, particles, box (all columns after box), or NA
previous() {
  awk -F, -v t="$1" -v n="$2" -v b="$3" '$1==t && $2==n && $3==b {r=$5; for(i=6;i<=8;i++) r=r "," (i<=NF ? $i : "NA"); print r; f=1; exit}
    END{if(!f) print "NA,NA,NA,NA"}' "$work/previous.csv" 2>/dev/null || echo "NA,NA,NA,NA"
}

"$here/cryoj" --version >/dev/null   # builds the jar first, so no run times the build
(cd "$here" && mvn -B -q -DskipTests test-compile >/dev/null)

# per iteration: mean of iterations 2 and 3, then each of them
iteration_times() {
  local it1="$1/run_it001_optimiser.star" it2="$1/run_it002_optimiser.star" it3="$1/run_it003_optimiser.star"
  [ -f "$it3" ] || { echo "NA,NA,NA"; return; }
  local s2 s3; s2=$(mtime_diff "$it1" "$it2"); s3=$(mtime_diff "$it2" "$it3")
  awk -v a="$s2" -v b="$s3" 'BEGIN{printf "%.2f,%s,%s", (a+b)/2, a, b}'
}

run_cryoj() {
  rm -rf Refine3D/cryoj; mkdir -p Refine3D/cryoj
  timeout "$limit" /usr/bin/time -f "%e %U %S" -o cryoj.cpu "${pin[@]}" "$here/cryoj" refine --i particles.star --o Refine3D/cryoj/run --ref reference_lp.mrc \
    --auto_refine --split_random_halves "${refine_opts[@]}" --max_iter 3 --j 1 --force > cryoj.log 2>&1 \
    || echo "  CryoJ stopped (exit $?) before iteration 3, see $PWD/cryoj.log" >&2
}

run_relion() {
  rm -rf Refine3D/relion; mkdir -p Refine3D/relion
  timeout "$limit" /usr/bin/time -f "%e %U %S" -o relion.cpu "${pin[@]}" "${relion_mpi3[@]}" --i particles.star --o Refine3D/relion/run --ref reference_lp.mrc \
    --auto_refine --split_random_halves "${refine_opts[@]}" --auto_iter_max 3 "${relion_mpi_opts[@]}" > relion.log 2>&1 \
    || echo "  RELION stopped (exit $?) before iteration 3, see $PWD/relion.log" >&2
}

cpu_share() { awk 'NF==3 && $1>0 {printf "%.2f", ($2+$3)/$1; ok=1} END{if(!ok) printf "NA"}' "$1" 2>/dev/null || echo NA; }

measure() {  # particles box
  local n=$1 box=$2 angpix truth dir
  angpix=$(awk -v b="$box" 'BEGIN{printf "%.2f", 3.54 * 64 / b}')
  truth="$work/truth_box$box.mrc"
  [ -f "$truth" ] || "$here/cryoj" pseudo_atomic --sym D2 --angpix "$angpix" --box "$box" --o "$truth" --force >/dev/null
  dir="$work/n${n}_box$box"
  "$here/cryoj" simulate --i "$truth" --o "$dir" --sym D2 --mode particles --nr_particles "$n" --snr 0.05 \
    --start_angles noisy --ref_lowpass 40 --seed 7 --j 2 --force >/dev/null
  local c r cs rs crow rrow
  if runs cryoj; then (cd "$dir" && run_cryoj); c=$(iteration_times "$dir/Refine3D/cryoj"); cs=$(cpu_share "$dir/cryoj.cpu"); crow="$c,$cs"
  else crow=$(previous cryoj "$n" "$box"); c=${crow%,*}; cs=${crow##*,}; fi
  if runs relion; then (cd "$dir" && run_relion); r=$(iteration_times "$dir/Refine3D/relion"); rs=$(cpu_share "$dir/relion.cpu"); rrow="$r,$rs"
  else rrow=$(previous relion "$n" "$box"); r=${rrow%,*}; rs=${rrow##*,}; fi
  echo "cryoj,$n,$box,$angpix,$crow" >> "$work/scaling.csv.tmp"
  echo "relion,$n,$box,$angpix,$rrow" >> "$work/scaling.csv.tmp"
  printf '%8s %5s %6s %16s %16s %10s %10s\n' "$n" "$box" "$angpix" "${c%%,*}" "${r%%,*}" "$cs" "$rs"
}

echo "tool,particles,box,angpix,seconds_per_iteration,iteration2_s,iteration3_s,cpu_share" > "$work/scaling.csv.tmp"
echo "s/iteration (mean of iterations 2 and 3), both tools on CPU $cpu only: CryoJ --j 1; RELION 3.1.3 3 MPI ranks --j 1"
printf '%8s %5s %6s %16s %16s %10s %10s\n' particles box A/px "CryoJ" "RELION 3.1.3" "CryoJ cpu" "RELION cpu"
for n in $particles; do measure "$n" 64; done
for box in $boxes; do
  [ "$box" = 64 ] && [[ " $particles " == *" $box_particles "* ]] && continue   # measured above
  measure "$box_particles" "$box"
done
mv "$work/scaling.csv.tmp" "$csv"
java -Djava.awt.headless=true -cp "$here/target/classes:$here/target/test-classes:$here/target/lib/*" org.cryoj.bench.ScalingPlot "$csv" "$png" 64 "$box_particles"
echo "(CSV $csv, plot $png, runs in $work)"
