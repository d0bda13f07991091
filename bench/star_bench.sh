#!/bin/sh
# STAR read/write: CryoJ (best of 3 in one warm JVM) against relion_star_handler on one
# generated 1,000,000-row RELION 3.1 particles file. Usage: bench/star_bench.sh [ROWS] [WORKDIR]
# Needs: mvn test-compile done (target/classes, target/test-classes), GNU time (apt-get install time).
set -e
ROWS=${1:-1000000}
WORK=${2:-$(mktemp -d)}
CP=target/classes:target/test-classes
JAVA="java -Xmx6g -cp $CP org.cryoj.bench.StarBench"
$JAVA generate "$WORK/big.star" "$ROWS"
/usr/bin/time -f "cryoj_peak_rss_MB=%M" -o "$WORK/cryoj.time" $JAVA time "$WORK/big.star" "$WORK/cryoj_copy.star" | tee "$WORK/cryoj.out"
/usr/bin/time -f "relion_wall_s=%e relion_peak_rss_MB=%M" -o "$WORK/relion.time" \
    relion_star_handler --i "$WORK/big.star" --o "$WORK/relion_copy.star" > /dev/null
CRYOJ_RSS=$(sed 's/.*=//' "$WORK/cryoj.time")
RELION_RSS=$(sed 's/.*relion_peak_rss_MB=//' "$WORK/relion.time")
RELION_WALL=$(sed 's/relion_wall_s=\([^ ]*\).*/\1/' "$WORK/relion.time")
READ=$(sed 's/.*read_s=\([^ ]*\).*/\1/' "$WORK/cryoj.out")
WRITE=$(sed 's/.*write_s=\([^ ]*\).*/\1/' "$WORK/cryoj.out")
printf '%-28s %14s %14s\n' "" "CryoJ" "RELION 3.1.3"
printf '%-28s %14s %14s\n' "rows" "$ROWS" "$ROWS"
printf '%-28s %14s %14s\n' "read (s)" "$READ" "-"
printf '%-28s %14s %14s\n' "write (s)" "$WRITE" "-"
printf '%-28s %14s %14s\n' "read+write (s)" "$(echo "$READ + $WRITE" | bc)" "$RELION_WALL (process)"
printf '%-28s %14s %14s\n' "peak RSS (MB)" "$(($CRYOJ_RSS / 1024)) (JVM)" "$(($RELION_RSS / 1024))"
printf "%-28s %14s\n" "live heap after read (MB)" "$(sed "s/.*heap_after_read_MB=\([^ ]*\).*/\1/" "$WORK/cryoj.out")"
ls -l "$WORK"/*.star
