#!/usr/bin/env bash
# Benchmark: time from `rack up` to every cartridge addressed, and the memory (RSS) of each kind of process.
# Runs 1 chassis x 8 slots and 4 chassis x 8 slots, RUNS times each, and prints a Markdown report.
# Usage: benchmarks/rack-up.sh [RUNS]   (default 3). Uses its own state folder and subnets 127.201/127.202.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"
state="$work/state"
trap 'for r in bench-8 bench-32; do "$here/bin/rack" --state-dir "$state" down "$r" >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

rack_file() { # name octet chassis-count
  local name=$1 octet=$2 count=$3
  {
    echo "name: $name"
    echo "subnet: 127.$octet.0.0/24"
    echo "chassis:"
    for c in $(seq 0 $((count - 1))); do
      local letter; letter=$(printf "\\x$(printf %x $((65 + c)))")
      echo "  - name: $letter"
      echo "    chassisId: BENCH-$letter"
      echo "    slots: 8"
      echo "    cartridges:"
      for s in $(seq 0 7); do
        if [ "$c" = 0 ] && [ "$s" = 0 ]; then
          echo "      - {slot: 0, kind: management}"
        else
          echo "      - {slot: $s, kind: app, card: www}"
        fi
      done
    done
  } > "$work/$name.yml"
  echo "$work/$name.yml"
}


"$here/bin/rack" --help >/dev/null   # builds once, outside the measurement

echo "# rack up benchmark"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(java -version 2>&1 | head -1)"
echo "Date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "RSS counts pages shared with other processes (the JDK, the class-data archive); PSS splits shared pages"
echo "among their users, so the PSS of all processes adds up to the rack's real memory."
echo
echo "| rack | cartridges | run | class-data archive | up to all addressed (s) | chassis RSS / PSS (MB) | management RSS / PSS (MB) | app cartridge RSS / PSS, mean (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for spec in "bench-8 201 1" "bench-32 202 4"; do
  set -- $spec
  file=$(rack_file "$1" "$2" "$3")
  for run in $(seq 1 "$runs"); do
    if ls "$state/.cds/"*.jsa >/dev/null 2>&1; then archive=warm; else archive="cold (recorded)"; fi
    start=$(date +%s%N)
    "$here/bin/rack" --state-dir "$state" up "$file" --timeout 120 >/dev/null
    end=$(date +%s%N)
    status=$("$here/bin/rack" --state-dir "$state" --rack "$1" status --json)
    read -r chassis mgmt apps <<<"$(python3 - "$status" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
def mem(pid):
    values = {}
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            parts = line.split()
            if parts[0] in ("Rss:", "Pss:"):
                values[parts[0]] = int(parts[1]) / 1024
    except OSError:
        pass
    return values.get("Rss:", 0), values.get("Pss:", 0)
def mean(pids):
    pairs = [mem(p) for p in pids] or [(0, 0)]
    return f"{sum(p[0] for p in pairs) / len(pairs):.0f}/{sum(p[1] for p in pairs) / len(pairs):.0f}"
ch = [c["pid"] for c in s["chassis"]]
mg = [x["pid"] for c in s["chassis"] for x in c["slots"] if x.get("kind") == "management"]
ap = [x["pid"] for c in s["chassis"] for x in c["slots"] if x.get("kind") == "app"]
print(mean(ch), mean(mg), mean(ap))
PY
)"
    printf "| %s | %s | %s | %s | %.2f | %s | %s | %s |\n" "$1" "$(( $3 * 8 ))" "$run" "$archive" \
      "$(awk -v a="$start" -v b="$end" 'BEGIN {print (b - a) / 1e9}')" "${chassis/\// \/ }" "${mgmt/\// \/ }" "${apps/\// \/ }"
    "$here/bin/rack" --state-dir "$state" down "$1" >/dev/null
  done
done
