#!/usr/bin/env bash
# Builds the PTX that the CUDA backend loads (src/main/resources/org/cryoj/gpu/cryoj_kernels.ptx)
# from the kernel source shared with OpenCL (src/main/resources/org/cryoj/gpu/kernels/
# cryoj_kernels.cl), compiled as CUDA C with cuda_prelude.h included first. PTX for compute_80
# is JIT-compiled by the driver for any newer GPU (A100, H100, ...), and the driver API needs
# neither the CUDA runtime nor NVRTC, whose versions would otherwise have to match the
# machine's. The first line records the SHA-256 of prelude + source, so a test can tell that
# the shipped PTX was built from the current source.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kernels="$here/../resources/org/cryoj/gpu/kernels"
prelude="$kernels/cuda_prelude.h"
src="$kernels/cryoj_kernels.cl"
out="$here/../resources/org/cryoj/gpu/cryoj_kernels.ptx"
nvcc="${NVCC:-nvcc}"
command -v "$nvcc" >/dev/null || { echo "build-ptx.sh: nvcc not found (install the CUDA toolkit or set NVCC)" >&2; exit 2; }
tmp="$(mktemp)"
"$nvcc" -ptx -arch=compute_80 -O3 -x cu -include "$prelude" -o "$tmp" "$src"
{ echo "// cuda_prelude.h + cryoj_kernels.cl sha256 $(cat "$prelude" "$src" | sha256sum | cut -d' ' -f1)"; cat "$tmp"; } > "$out.part"
mv "$out.part" "$out"
rm -f "$tmp"
echo "wrote $out"
