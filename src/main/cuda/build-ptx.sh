#!/usr/bin/env bash
# Builds the PTX that the CUDA host loads when NVRTC is not there
# (src/main/resources/org/cryoj/gpu/cryoj_kernels.ptx) from the kernel source shared with OpenCL
# (src/main/resources/org/cryoj/gpu/kernels/cryoj_kernels.cl), compiled as CUDA C with
# cuda_prelude.h included first. PTX for compute_80 is compiled by the driver for any newer GPU
# (A100, H100, H200, ...).
#
# The PTX is declared as PTX ISA 8.0 (CUDA 12.0), whatever nvcc wrote: nvcc 13 writes 9.0, which
# only CUDA 13 drivers load, and the PTX compiler inside JCuda 12.6's natives is CUDA 12.0's.
# The kernels use no instruction newer than that, and ptxas checks each instruction against the
# declared version: KernelSourcesTest assembles the shipped PTX with that compiler for sm_80 and
# sm_90 on any machine, no GPU needed. The first line records the SHA-256 of prelude + source,
# so a test can tell that the shipped PTX was built from the current source.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kernels="$here/../resources/org/cryoj/gpu/kernels"
prelude="$kernels/cuda_prelude.h"
src="$kernels/cryoj_kernels.cl"
out="$here/../resources/org/cryoj/gpu/cryoj_kernels.ptx"
isa="8.0"
nvcc="${NVCC:-nvcc}"
command -v "$nvcc" >/dev/null || { echo "build-ptx.sh: nvcc not found (install the CUDA toolkit or set NVCC)" >&2; exit 2; }
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
"$nvcc" -ptx -arch=compute_80 -O3 -x cu -include "$prelude" -o "$tmp" "$src"
grep -q '^\.version ' "$tmp" || { echo "build-ptx.sh: no .version line in nvcc's PTX" >&2; exit 1; }
{ echo "// cuda_prelude.h + cryoj_kernels.cl sha256 $(cat "$prelude" "$src" | sha256sum | cut -d' ' -f1)"
  sed "s/^\.version .*/.version $isa/" "$tmp"; } > "$out.part"
mv "$out.part" "$out"
echo "wrote $out ($("$nvcc" --version | tail -1); PTX ISA $isa)"
