#!/usr/bin/env bash
# Builds the PTX that the GPU backend loads (src/main/resources/org/cryoj/gpu/cryoj_kernels.ptx)
# from src/main/cuda/cryoj_kernels.cu. PTX for compute_80 is JIT-compiled by the driver for any
# newer GPU (A100, H100, ...), and the driver API needs neither the CUDA runtime nor NVRTC, whose
# versions would otherwise have to match the machine's. The first line records the SHA-256 of
# the source, so a test can tell that the shipped PTX was built from the current source.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/cryoj_kernels.cu"
out="$here/../resources/org/cryoj/gpu/cryoj_kernels.ptx"
nvcc="${NVCC:-nvcc}"
command -v "$nvcc" >/dev/null || { echo "build-ptx.sh: nvcc not found (install the CUDA toolkit or set NVCC)" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
tmp="$(mktemp)"
"$nvcc" -ptx -arch=compute_80 -O3 -o "$tmp" "$src"
{ echo "// cryoj_kernels.cu sha256 $(sha256sum "$src" | cut -d' ' -f1)"; cat "$tmp"; } > "$out.part"
mv "$out.part" "$out"
rm -f "$tmp"
echo "wrote $out"
