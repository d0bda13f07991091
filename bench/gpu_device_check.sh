#!/usr/bin/env bash
# The CUDA host's check on a machine with an NVIDIA GPU, prepared on a machine without one.
#
#   bench/gpu_device_check.sh --prepare   here (Maven, no GPU): builds .devkit/ (about 40 MB): the
#                                         classes, test classes and runtime jars, JUnit's console
#                                         launcher, a Java 17 runtime (jlink, xz) and the sources' hash
#   bench/gpu_device_check.sh [OUTDIR]    on the GPU machine, with .devkit carried (no Maven, no
#                                         network, Java optional): writes OUTDIR (default $OUT, else
#                                         bench/out/device_check) and prints the summary
#
# What the run does, in at most about 7.5 minutes (each step gets what is left of that; a step that
# would start with under 20 s left is reported as not run):
#  0. the machine: GPU and driver (nvidia-smi), nvcc, where a libnvrtc is (JCuda 12.6 binds
#     libnvrtc.so.12 and its natives ship none: libJNvrtc only, which links to it), Java;
#  1. the CUDA kernel and host tests against the CPU backend (JUnit): CudaModulesTest,
#     KernelSourcesTest, GpuDetectorTest, GpuSelectionTest, CudaScoringTest, CudaBackprojectionTest,
#     with the kernels built the default way (auto);
#  2. CudaScoringTest again with each way of building the kernels: the shipped PTX by the driver's
#     JIT (ptx), the same PTX assembled by JCuda's PTX compiler (cubin), NVRTC (nvrtc) where a
#     libnvrtc.so.12 was found;
#  3. RefineOnCudaTest: a whole refinement with --gpu cuda:0 against the CPU (map correlation, poses);
#  4. bench/gpu_estep.sh: E-step throughput, cuda:0 (and opencl:0 where the NVIDIA OpenCL driver
#     is there) beside the CPU's SIMD backend on all cores, and a small refinement per backend;
#  5. bench/gpu_refine.sh: a whole auto-refine of the atomic-detail set (800 particles, box 96) on the
#     CPU and on cuda:0 (about 2 minutes on 16 cores), where at least 200 s are left.
# A CUDA test that finds no device is "aborted" (JUnit's word for a failed assumption: it printed
# "SKIPPED: no CUDA device (...)"); the summary counts it as NOT RUN, never as passed.
#
# env: DEVICE_CHECK_SECONDS (450), DEVICE_CHECK_BACKENDS ("cuda:0 opencl:0"), DEVICE_CHECK_CARRIED_JAVA (1: the
# carried runtime even where a Java 17 is installed), ESTEP_SECONDS (4), ESTEP_PARTICLES (400)
# Output files (OUTDIR): summary.txt, env.txt, junit_auto.txt, junit_modes.txt, junit_refine.txt, estep.txt, estep.log, refine.txt
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="$here/.devkit"
junit_version=1.11.4

sources_hash() {
  (cd "$here" && find src/main src/test pom.xml -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

if [ "${1:-}" = "--prepare" ]; then
  set -e
  command -v mvn >/dev/null || { echo "--prepare needs Maven" >&2; exit 2; }
  command -v jlink >/dev/null || { echo "--prepare needs a JDK 17 with jlink" >&2; exit 2; }
  echo "building (mvn package -DskipTests, test-compile) ..."
  (cd "$here" && mvn -B -q -DskipTests package && mvn -B -q test-compile)
  rm -rf "$kit"; mkdir -p "$kit/lib"
  cp "$here"/target/lib/*.jar "$kit/lib/"
  cp -r "$here/target/classes" "$kit/classes"
  cp -r "$here/target/test-classes" "$kit/test-classes"
  (cd "$here" && mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_version -DoutputDirectory="$kit")
  echo "linking a Java runtime ..."
  tmp=$(mktemp -d)
  jlink --add-modules java.base,java.compiler,java.desktop,java.logging,java.prefs,java.rmi,java.scripting,java.xml,java.management,jdk.incubator.vector,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=0 --output "$tmp/jre" 2>&1 | grep -v 'incubator modules' || true
  strip --strip-unneeded "$tmp/jre/lib/server/libjvm.so" 2>/dev/null || true
  tar -C "$tmp" -cJf "$kit/jre.tar.xz" jre
  rm -rf "$tmp"
  sources_hash > "$kit/SOURCES.sha256"
  java -version 2>&1 | head -1 > "$kit/JAVA_VERSION"
  du -sh "$kit"
  echo "carry .devkit and run: bench/gpu_device_check.sh   (expected 3 to 5 minutes; at most about 7.5)"
  exit 0
fi

out=${1:-${OUT:-$here/bench/out/device_check}}
mkdir -p "$out"
start=$(date +%s)
budget=${DEVICE_CHECK_SECONDS:-450}
left() { echo $((budget - ($(date +%s) - start))); }
summary="$out/summary.txt"
rm -f "$out"/junit_*.txt "$out"/estep.* "$out"/env.txt "$out"/refine.txt
: > "$summary"
say() { echo "$*" | tee -a "$summary"; }

[ -d "$kit/classes" ] || { echo "no .devkit: run bench/gpu_device_check.sh --prepare on the build machine and carry .devkit" >&2; exit 2; }
found_nvrtc=$(find /usr /opt /lib /lib64 /root /home -xdev -name 'libnvrtc.so*' 2>/dev/null | grep -v builtins | head -20)

# 0. the machine
{
  echo "== machine"; uname -a; nproc; free -g | head -2
  echo "== GPU"; nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv 2>&1 || echo "nvidia-smi: not found"
  echo "== nvcc"; command -v nvcc && nvcc --version | tail -2 || echo "nvcc: not found"
  echo "== libcuda"; ldconfig -p 2>/dev/null | grep -E 'libcuda\.so' || echo "libcuda not in ldconfig's cache"
  echo "== libnvrtc (JCuda 12.6's libJNvrtc needs libnvrtc.so.12)"
  ldconfig -p 2>/dev/null | grep nvrtc || echo "none in ldconfig's cache"
  echo "$found_nvrtc"
  echo "== JCuda natives (lib/ of the jcuda-natives jar)"
  python3 -c "import zipfile,glob,sys; z=zipfile.ZipFile(glob.glob(sys.argv[1])[0]); [print(i.filename, i.file_size) for i in z.infolist() if i.filename.startswith('lib/') and i.file_size]" \
    "$kit/lib/jcuda-natives-*.jar" 2>&1
} > "$out/env.txt" 2>&1
nvrtc12=$(echo "$found_nvrtc" | grep -E 'libnvrtc\.so\.12(\.|$)' | head -1)
[ -n "$nvrtc12" ] && export LD_LIBRARY_PATH="$(dirname "$nvrtc12")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

java=""
if [ "${DEVICE_CHECK_CARRIED_JAVA:-0}" != 1 ] && command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then java=$(command -v java); java_from="system ($(java -version 2>&1 | head -1))"
else
  rm -rf /tmp/cryoj-jre && mkdir -p /tmp/cryoj-jre
  if command -v xz >/dev/null; then tar -C /tmp/cryoj-jre -xJf "$kit/jre.tar.xz"
  else python3 -c "import tarfile,sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$kit/jre.tar.xz" /tmp/cryoj-jre; fi
  java=/tmp/cryoj-jre/jre/bin/java
  java_from="carried ($(cat "$kit/JAVA_VERSION" 2>/dev/null))"
fi
jars=$(printf '%s:' "$kit"/lib/*.jar)
cp="$kit/classes:$kit/test-classes:${jars%:}"   # listed, and on java's own class path (tests start child JVMs with it)

say "== CryoJ CUDA device check, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "GPU: $(nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader 2>/dev/null || echo 'nvidia-smi not found')"
say "nvcc: $(command -v nvcc >/dev/null && nvcc --version | tail -1 || echo 'not found')"
say "libnvrtc.so.12: ${nvrtc12:-not found} (other libnvrtc: $(echo "$found_nvrtc" | grep -v -E 'libnvrtc\.so\.12(\.|$)' | head -3 | tr '\n' ' '))"
say "JCuda's natives: $(python3 -c "import zipfile,glob,sys; z=zipfile.ZipFile(glob.glob(sys.argv[1])[0]); print(' '.join(i.filename[4:] for i in z.infolist() if i.filename.startswith('lib/') and i.file_size))" "$kit/lib/jcuda-natives-*.jar" 2>&1) (no libnvrtc among them)"
say "java: $java_from"
if [ "$(sources_hash)" = "$(cat "$kit/SOURCES.sha256")" ]; then say "build: .devkit was built from these sources"
else say "build: WARNING .devkit was built from other sources than this tree (run --prepare again)"; fi
[ -x "$java" ] || { say "no Java 17: cannot run"; exit 2; }

# runs JUnit's console launcher on classes; $1 = log name, $2 = kernels mode, rest = classes
junit() {
  local log=$1 mode=$2; shift 2
  local t; t=$(left)
  if [ "$t" -lt 20 ]; then say "[NOT RUN] $log ($mode): out of time"; return; fi
  local sel=(); for c in "$@"; do sel+=(--select-class "$c"); done
  echo "### kernels=$mode: $*" >> "$out/$log.txt"
  local jsig; jsig="$(dirname "$(dirname "$(readlink -f "$java")")")/lib/libjsig.so"
  (cd "$here" && [ -f "$jsig" ] && export LD_PRELOAD="$jsig"; timeout "$t" "$java" -Xmx8g --add-modules jdk.incubator.vector -Djava.awt.headless=true -Dcryoj.cuda.kernels="$mode" \
    -cp "$kit/junit-platform-console-standalone-$junit_version.jar:$cp" org.junit.platform.console.ConsoleLauncher execute "${sel[@]}" \
    --details=tree --disable-banner --disable-ansi-colors) >> "$out/$log.txt" 2>&1
  local rc=$?
  local ok failed aborted skipped containers
  ok=$(tail -30 "$out/$log.txt" | grep -oE '[0-9]+ tests successful' | tail -1 | cut -d' ' -f1)
  containers=$(tail -30 "$out/$log.txt" | grep -oE '[0-9]+ containers aborted' | tail -1 | cut -d' ' -f1)
  failed=$(tail -30 "$out/$log.txt" | grep -oE '[0-9]+ tests failed' | tail -1 | cut -d' ' -f1)
  aborted=$(tail -30 "$out/$log.txt" | grep -oE '[0-9]+ tests aborted' | tail -1 | cut -d' ' -f1)
  skipped=$(tail -30 "$out/$log.txt" | grep -oE '[0-9]+ tests skipped' | tail -1 | cut -d' ' -f1)
  local verdict=PASS
  [ "${aborted:-0}" -gt 0 ] || [ "${skipped:-0}" -gt 0 ] || [ "${containers:-0}" -gt 0 ] && verdict="PARTLY NOT RUN"
  [ "${ok:-0}" -eq 0 ] && verdict="NOT RUN"
  [ "$rc" -ne 0 ] && verdict=FAIL
  [ "$rc" -eq 124 ] && verdict="FAIL (timed out)"
  say "[$verdict] kernels=$mode $(echo "$*" | sed 's/org\.cryoj\.[a-z]*\.//g'): ${ok:-0} successful, ${failed:-?} failed, ${aborted:-0} tests and ${containers:-0} classes aborted (no device), ${skipped:-0} skipped"
}

# 1.-3.
junit junit_auto auto org.cryoj.gpu.CudaModulesTest org.cryoj.gpu.KernelSourcesTest org.cryoj.gpu.GpuDetectorTest \
  org.cryoj.gpu.GpuSelectionTest org.cryoj.gpu.CudaScoringTest org.cryoj.gpu.CudaBackprojectionTest
grep -h -E '^CUDA scoring on|reconstruct --gpu cuda|SKIPPED' "$out/junit_auto.txt" | sort -u | sed 's/^/  /' | tee -a "$summary"
modes="ptx cubin"; [ -n "$nvrtc12" ] && modes="$modes nvrtc"
for m in $modes; do junit junit_modes "$m" org.cryoj.gpu.CudaScoringTest; done
[ -z "$nvrtc12" ] && say "[NOT RUN] kernels=nvrtc: no libnvrtc.so.12 on this machine"
grep -h -E '^CUDA scoring on' "$out/junit_modes.txt" 2>/dev/null | sed 's/^.*kernels: /  kernels: /' | tee -a "$summary"
junit junit_refine auto org.cryoj.refine.RefineOnCudaTest
grep -h -E 'vs CPU refinement|^(CPU|--gpu cuda:0): ' "$out/junit_refine.txt" | sed 's/^/  /' | cut -c1-400 | tee -a "$summary"

# 4. throughput
t=$(left)
if [ "$t" -lt 40 ]; then say "[NOT RUN] E-step throughput: out of time"
else
  say "== E-step throughput (bench/gpu_estep.sh; $(nproc) threads)"
  JAVA="$java" ESTEP_CP="$cp" ESTEP_BACKENDS="${DEVICE_CHECK_BACKENDS:-cuda:0 opencl:0}" ESTEP_SECONDS=${ESTEP_SECONDS:-4} ESTEP_PARTICLES=${ESTEP_PARTICLES:-400} \
    timeout "$t" bash "$here/bench/gpu_estep.sh" "$out/estep.txt" > "$out/estep.log" 2>&1
  rc=$?
  [ "$rc" -eq 0 ] || say "[FAIL] gpu_estep.sh exited $rc (log: estep.log)"
  grep -E '^(backend|cpu|cuda:0|opencl:0)[[:space:]]|^  \(Compute' "$out/estep.txt" 2>/dev/null | cut -c1-300 | tee -a "$summary"
fi
# 5. a whole refinement
t=$(left)
if [ "$t" -lt 200 ]; then say "[NOT RUN] whole refinement (bench/gpu_refine.sh): out of time"
else
  say "== whole auto-refine (bench/gpu_refine.sh)"
  JAVA="$java" GPU_REFINE_CP="$cp" GPU_REFINE_BACKENDS=cuda:0 timeout "$t" bash "$here/bench/gpu_refine.sh" "$out/refine.txt" > /dev/null 2>&1 \
    || say "[FAIL] gpu_refine.sh exited $? (or ran out of time)"
  grep -v '^#' "$out/refine.txt" 2>/dev/null | cut -c1-300 | tee -a "$summary"
fi
say "== done in $(( $(date +%s) - start )) s; files in $out"
