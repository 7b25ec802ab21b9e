#!/usr/bin/env bash
# Runs the core store, device and sync benchmarks and rewrites the results table in docs/benchmarks.md
# (between <!-- bench:core:begin --> and <!-- bench:core:end -->). See docs/benchmarks.md.
#
#   tests/bench/run.sh            full sizes (several minutes)
#   tests/bench/run.sh --quick    CI sizes (about a minute); the table says "quick"
#
# Environment:
#   FIELDCASE_BENCH_BUILD_DIR  an existing build tree to use instead of the release preset
#   FIELDCASE_BENCH_TMP        parent of the scratch directories (default build/bench-tmp);
#                              must be on a real disk, not tmpfs
#   FIELDCASE_BENCH_SCENARIOS  run only these scenarios (space-separated); the rows of the others
#                              are kept from the earlier run, and so is its description
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mode=full
quick=()
case "${1:-}" in
  "") ;;
  --quick) mode=quick; quick=(--quick) ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac
cd "$repo"

# ---- build (only what is missing or stale)
if [[ -n ${FIELDCASE_BENCH_BUILD_DIR:-} ]]; then
  build=$FIELDCASE_BENCH_BUILD_DIR
  cmake --build "$build" --target fieldcase_bench
else
  build=build/release
  [[ -f $build/CMakeCache.txt ]] || cmake --preset release
  cmake --build --preset release --target fieldcase_bench
fi
bin=$(find "$build" -type f -name fieldcase_bench -perm -u+x -print -quit)
[[ -n $bin ]] || { echo "fieldcase_bench not found under $build" >&2; exit 1; }

# ---- run: one process per scenario, so each peak RSS is its own.
# FIELDCASE_BENCH_SCENARIOS picks scenarios; lines of the others from an earlier run are kept.
tmp=${FIELDCASE_BENCH_TMP:-$repo/build/bench-tmp}
mkdir -p "$tmp" build/bench-results
results=build/bench-results/core-$mode.jsonl
scenarios=(${FIELDCASE_BENCH_SCENARIOS:-append evidence-aes evidence-sm4 rules render store devices sync-ingest sync-goodput sync-resume sync-linkup crash})
touch "$results"
for scenario in "${scenarios[@]}"; do
  grep -Ev "\"scenario\": *\"$scenario\"" "$results" >"$results.tmp" || true
  mv "$results.tmp" "$results"
done
status=0
for scenario in "${scenarios[@]}"; do
  echo "== $scenario ($mode)" >&2
  if [[ $scenario == crash ]]; then
    # The SIGKILL crash test at benchmark size: 1,000 kills (CI runs 200).
    kills=1000
    [[ $mode == quick ]] && kills=200
    cmake --build "$build" --target test_crash fieldcase_crashchild >/dev/null
    crashbin=$(find "$build" -type f -name test_crash -perm -u+x -print -quit)
    log=$(mktemp)
    start=$(date +%s.%N)
    if FIELDCASE_CRASH_KILLS=$kills QT_QPA_PLATFORM=offscreen "$crashbin" >"$log" 2>&1; then ok=true; else ok=false; status=1; fi
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    line=$(grep -o '[0-9]* kills, [0-9]* acknowledged events, [0-9]* evidence files' "$log" | tail -1)
    read -r k _ ev _ _ bl _ <<<"$line"
    printf '{"scenario":"crash","ok":%s,"peakRssMiB":0,"quick":%s,"failures":[%s],"rows":[' \
      "$ok" "$([[ $mode == quick ]] && echo true || echo false)" \
      "$($ok || echo '"see test_crash output"')" >>"$results"
    printf '{"metric":"SIGKILLs of a writer mid-work","value":%s,"unit":""},' "${k:-0}" >>"$results"
    printf '{"metric":"acknowledged events, all present after every kill","value":%s,"unit":"events"},' "${ev:-0}" >>"$results"
    printf '{"metric":"acknowledged evidence files, all present and verified","value":%s,"unit":"files"},' "${bl:-0}" >>"$results"
    printf '{"metric":"lost / integrity failures / broken chains / rows without file","value":0,"unit":"","goal":"0","goalMet":%s},' "$ok" >>"$results"
    printf '{"metric":"wall time","value":%s,"unit":"s"}]}\n' "$secs" >>"$results"
    rm -f "$log"
    continue
  fi
  if ! "$bin" "$scenario" "${quick[@]}" --dir "$tmp" >>"$results"; then
    echo "== $scenario FAILED" >&2
    status=1
  fi
done

# ---- describe the run and render the table
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain --untracked-files=no 2>/dev/null) ]]; then
  commit="$commit (with uncommitted changes)"
fi
fstype=$(findmnt -n -o FSTYPE -T "$tmp" 2>/dev/null || stat -f -c %T "$tmp")
buildtype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
doc=docs/benchmarks.md
block=$(mktemp)
trap 'rm -f "$block"' EXIT
{
  if [[ -n ${FIELDCASE_BENCH_SCENARIOS:-} ]]; then
    # Only some scenarios ran: keep the description of the earlier run (without an older note
    # about these same scenarios) and say which rows are new.
    names=$(printf '`%s`, ' "${scenarios[@]}")
    names=${names%, }
    note="Rows of $names re-measured"
    awk '/<!-- bench:core:begin -->/ { on = 1; next } on && /^\| Scenario/ { exit } on && NF' "$doc" |
      grep -vF "$note" || true
    echo "$note $(date -u '+%Y-%m-%d %H:%M UTC'), **$mode** mode, commit \`$commit\`, build ${buildtype:-?}, $(nproc) cores, scratch on $fstype."
  else
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC'), **$mode** mode, commit \`$commit\`."
    echo "Machine: $(nproc) cores ($cpu), $mem RAM, $(uname -sr); build ${buildtype:-?};"
    echo "scratch directory on $fstype. Other builds may have been running at the same time."
  fi
  echo
  "$bin" report "$results"
} >"$block"

grep -q '<!-- bench:core:begin -->' "$doc" && grep -q '<!-- bench:core:end -->' "$doc" || {
  echo "$doc lacks the bench:core markers" >&2
  exit 1
}
awk -v block="$block" '
  /<!-- bench:core:begin -->/ { print; while ((getline line < block) > 0) print line; skip = 1; next }
  /<!-- bench:core:end -->/ { skip = 0 }
  !skip { print }
' "$doc" >"$doc.new"
mv "$doc.new" "$doc"
cat "$block"
echo "wrote $doc (results: $results)" >&2
exit $status
