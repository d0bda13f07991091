#!/usr/bin/env bash
# relion_reconstruct against ./cryoj reconstruct on the same simulated particles of the project's
# pseudo-atomic D2 structure (box 64, 3.54 A; known angles, CTF, noise): wall time, peak RSS and FSC against the true map (both FSCs computed by
# relion_image_handler --fsc, so neither tool grades itself).
# Usage: bench/reconstruct_vs_relion.sh [PARTICLES=2000] [SNR=0.05] [WORKDIR]
# Needs relion (Debian package) and GNU time; builds CryoJ through ./cryoj on first use.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:-2000}; snr=${2:-0.05}; work=${3:-$(mktemp -d)}
command -v relion_reconstruct >/dev/null || { echo "needs relion_reconstruct (apt-get install relion)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"; work="$(cd "$work" && pwd)"
truth="$work/truth_box64.mrc"
"$here/cryoj" pseudo_atomic --sym D2 --angpix 3.54 --box 64 --o "$truth" --force >/dev/null
"$here/cryoj" simulate --i "$truth" --o "$work/sim" --sym D2 --mode particles --nr_particles "$n" --snr "$snr" --seed 7 --j 2 --force >/dev/null
cd "$work/sim"
/usr/bin/time -f "%e %M" -o relion.time relion_reconstruct --i particles.star --o relion.mrc --sym D2 --ctf --pad 2 >/dev/null
/usr/bin/time -f "%e %M" -o cryoj.time "$here/cryoj" reconstruct --i particles.star --o cryoj.mrc --sym D2 --ctf --pad 2 --j 2 --force >/dev/null
# first shell whose FSC drops below the threshold -> resolution of the shell before it
res() { relion_image_handler --i "$1" --fsc "$truth" 2>/dev/null | awk -v t="$2" '
  NF==4 && $1 ~ /^[0-9]+$/ { if ($1 > 0 && $4 < t && !done) { print prev; done=1 } prev=$3 }
  END { if (!done) print prev }'; }
printf '%-34s %14s %14s\n' "$n particles, box 64, SNR $snr, D2" "CryoJ (--j 2)" "RELION 3.1.3"
printf '%-34s %14s %14s\n' "wall time (s)" "$(cut -d' ' -f1 cryoj.time)" "$(cut -d' ' -f1 relion.time)"
printf '%-34s %14s %14s\n' "peak RSS (MB)" "$(( $(cut -d' ' -f2 cryoj.time) / 1024 ))" "$(( $(cut -d' ' -f2 relion.time) / 1024 ))"
printf '%-34s %14s %14s\n' "FSC vs truth = 0.5 at (A)" "$(res cryoj.mrc 0.5)" "$(res relion.mrc 0.5)"
printf '%-34s %14s %14s\n' "FSC vs truth = 0.143 at (A)" "$(res cryoj.mrc 0.143)" "$(res relion.mrc 0.143)"
echo "(files in $work/sim; RELION runs one thread: relion_reconstruct has no --j)"
