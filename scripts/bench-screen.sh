#!/usr/bin/env bash
# Screening benchmark: `bleibe synth` + `bleibe screen` (release build, CSV in, results out) for 10^4, 2·10^5
# and 10^6 persons, in one run; wall time and peak memory of `screen` from GNU time.
# Usage: scripts/bench-screen.sh [sizes …]   (default: 10000 200000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 200000 1000000}"); SIZES=(${SIZES[*]})
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
swift build -c release --product bleibe >/dev/null 2>&1 || swift build -c release --product bleibe
BIN="$(swift build -c release --show-bin-path)/bleibe"
WORK="$(mktemp -d /tmp/bleibe-screen-XXXX)"
trap 'rm -rf "$WORK"' EXIT
printf "%-10s %-10s %-12s %-14s %s\n" persons "synth s" "screen s" "peak MB" "µs per person (wall × cores)"
for n in "${SIZES[@]}"; do
  start=$(date +%s.%N)
  "$BIN" synth --count "$n" --seed 1 --format csv > "$WORK/pop.csv"
  synth=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" screen "$WORK/pop.csv" --on 2026-11-22 --out "$WORK/results.csv" > "$WORK/summary.txt"
  read -r wall kb < "$WORK/time"
  printf "%-10s %-10.2f %-12s %-14d %.2f\n" "$n" "$synth" "$wall" $((kb / 1024)) "$(awk -v w="$wall" -v c="$(nproc)" -v n="$n" 'BEGIN { print w * 1e6 * c / n }')"
done
echo; cat "$WORK/summary.txt"
