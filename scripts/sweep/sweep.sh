#!/usr/bin/env bash
# Runs the quickstart once per configuration and seed, each on a fresh data dir, and prints a
# table of what each one reached when its time budget ended: the fixed eval set's MLM loss
# (the score), MLM and NSP accuracy, steps, and the unigram baseline.
#
# Usage: scripts/sweep/sweep.sh [--grid FILE] [--budget 10m] [--seeds 42,7] [--out DIR] [--only NAME,...]
# A grid file has one configuration per line: a name, then quickstart flags; # starts a comment.
# Run it on a quiet machine: every configuration gets the same wall-clock budget.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
grid="$root/scripts/sweep/quickstart-grid.txt"
budget="10m"
seeds="42"
out="$root/target/sweep"
only=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --grid) grid="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "sweep: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ -f "$grid" ]] || { echo "sweep: no grid file $grid" >&2; exit 2; }

# Build once, before the clock of any configuration starts, and run a copy of the jar so that a
# rebuild during the sweep changes no configuration's code.
"$root/bertstream" --version >/dev/null
mkdir -p "$out"
cp "$root/cli/target/bertstream.jar" "$out/bertstream.jar"
results="$out/results.md"

# The last value of a numeric field in a JSON-lines file (3 decimals unless whole), or "-".
last_field() {
  local file="$1" field="$2" value
  value=$(grep -o "\"$field\":[-0-9.eE]*" "$file" 2>/dev/null | tail -1 | cut -d: -f2)
  if [[ -z "$value" ]]; then
    echo "-"
  elif [[ "$value" == *[.eE]* ]]; then
    LC_ALL=C printf '%.3f\n' "$value"
  else
    echo "$value"
  fi
}

header="| configuration | seed | flags | steps | eval MLM loss | MLM accuracy | NSP accuracy | unigram baseline |"
if [[ ! -f "$results" ]]; then
  { echo "$header"; echo "|---|---|---|---|---|---|---|---|"; } >"$results"
fi

IFS=',' read -r -a seed_list <<<"$seeds"
while read -r name flags; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  [[ -n "$only" && "$only" != *",$name,"* ]] && continue
  for seed in "${seed_list[@]}"; do
    run="$out/$name-seed$seed"
    rm -rf "$run"
    mkdir -p "$run"
    echo "sweep: $name (seed $seed): quickstart --time-budget $budget $flags" >&2
    # shellcheck disable=SC2086 # the flags are words on purpose
    if ! (cd "$root" && java ${BERTSTREAM_JAVA_OPTS:-} -Dai.djl.offline=true -jar "$out/bertstream.jar" \
        quickstart --data-dir "$run/data" --time-budget "$budget" \
        --seed "$seed" $flags >"$run/console.log" 2>&1); then
      echo "sweep: $name (seed $seed) failed; see $run/console.log" >&2
      echo "| $name | $seed | \`$flags\` | failed | - | - | - | - |" >>"$results"
      continue
    fi
    metrics="$run/data/checkpoints/metrics.jsonl"
    steps=$(last_field "$run/data/checkpoints/ledger.jsonl" step)
    baseline=$(grep -o 'unigram baseline [0-9.]*' "$run/console.log" | tail -1 | awk '{print $3}')
    row="| $name | $seed | \`$flags\` | $steps | $(last_field "$metrics" eval_mlm_loss)"
    row+=" | $(last_field "$metrics" eval_mlm_accuracy) | $(last_field "$metrics" eval_nsp_accuracy)"
    row+=" | ${baseline:--} |"
    echo "$row" >>"$results"
    echo "$row" >&2
  done
done <"$grid"

cat "$results"
