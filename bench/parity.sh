#!/usr/bin/env bash
# Differential test against RELION 3.1.3: N random option sets (default 300) for image_handler,
# mask_create, re-extraction (relion_preprocess) and reconstruct, drawn from SEED (default 18)
# starting at case FIRST (default 0), each run by the RELION program and by CryoJ on a small input
# the harness makes; outputs compared (maps, MRC headers, STAR columns and values, printed tables,
# exit status). Prints every divergence (case, tool, what differs, by how much, option set, input),
# the counts per tool and one summary line: "N cases: A agree, D diverged, B both refused, L deliberate".
# "deliberate" = a divergence README's "Deliberate differences" names. Exit status 1 when any other
# divergence was found. The same SEED and FIRST give the same cases: `bench/parity.sh 1 18 137`
# reruns case 18:137 alone. Folders of diverged cases (inputs, outputs, both tools' messages in
# outputs.txt) stay in $PARITY_WORK (default: a new temporary folder); PARITY_KEEP=1 keeps all.
# The CI subset is org.cryoj.parity.ParityCiTest (mvn -B -q test -Dtest=ParityCiTest).
# Usage: bench/parity.sh [N] [SEED] [FIRST]
# Needs relion (Debian package) and Maven; compiles the test classes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for t in relion_image_handler relion_mask_create relion_preprocess relion_reconstruct; do
  command -v "$t" >/dev/null || { echo "needs $t (apt-get install relion)" >&2; exit 2; }
done
cd "$here"
mvn -B -q -Dstyle.color=never test-compile
cp_file=target/parity.classpath
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
# run from a copy of the classes, so that a build in this tree during the run (another mvn) cannot pull them away
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
cp -r target/classes "$classes/main" && cp -r target/test-classes "$classes/test"
java -Xmx2g -XX:+UseSerialGC -Djava.awt.headless=true --add-modules jdk.incubator.vector \
  -cp "$classes/main:$classes/test:$(cat "$cp_file")" org.cryoj.parity.ParityMain "${1:-300}" "${2:-18}" "${3:-0}" \
  2> >(grep -v -x 'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
