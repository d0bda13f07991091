# Shared by the refine benchmarks (sourced, not run): the auto-refine options both tools get,
# how RELION's MPI run is started, and the readers of GNU time's output.
# Callers set $here (the repository root) before sourcing.

# The RELION tutorial's 3D auto-refine options (--ini_high 50, its sampling and offsets, --norm --scale as
# RELION's GUI always adds) for the project's pseudo-atomic D2 structure (`cryoj pseudo_atomic`, about
# 120 A across: a 150 A mask); the reference is on the wrong grey scale; both tools get exactly these.
refine_opts=(--firstiter_cc --ini_high 50 --sym D2 --particle_diameter 150 --ctf --flatten_solvent --zero_mask
             --oversampling 1 --healpix_order 2 --auto_local_healpix_order 4 --offset_range 5 --offset_step 2
             --pad 1 --pool 30 --norm --scale)

need_tools() {
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "needs $t (apt-get install relion openmpi-bin time)" >&2; exit 2; }
  done
  [ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
}

# relion_refine_mpi as the tutorial runs it: leader + two half-set followers, one thread each
# ("${relion_mpi3[@]}" ARGS... "${relion_mpi_opts[@]}"; arrays so that taskset / time can wrap it).
# --bind-to none: Open MPI must not replace the CPU set a caller chose with taskset.
relion_mpi3=(env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
             mpirun --allow-run-as-root --oversubscribe --bind-to none -n 3 relion_refine_mpi)
relion_mpi_opts=(--j 1 --dont_combine_weights_via_disc)

# GNU time -v fields
wall_s() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$1"; }
rss_mb() { awk -F': ' '/Maximum resident set size/{printf "%d", $2/1024}' "$1"; }
kb_to_mb() { awk '{printf "%d", $1/1024}' "$1"; }

# seconds between two files' modification times
mtime_diff() { awk -v a="$(stat -c %.3Y "$1")" -v b="$(stat -c %.3Y "$2")" 'BEGIN{printf "%.2f", b-a}'; }
