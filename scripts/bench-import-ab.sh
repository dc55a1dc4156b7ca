#!/bin/sh
# The native import benchmark (`cargo bench -p sla-import --bench import`,
# its 1,000,000-row group) at two commits, run by run in turn on the same
# machine, so that a slower or busier moment hits both alike:
#
#   scripts/bench-import-ab.sh BEFORE [AFTER] [PAIRS]
#
# BEFORE and AFTER are commits (AFTER defaults to HEAD), PAIRS the runs of
# each (default 5). Each commit is built in a worktree of its own under a
# temporary folder, with its own target folder (nothing is shared with this
# checkout's). Prints each run, then per benchmark the median, min and max
# of each side and the median of the per-pair ratios after/before.
set -eu
before=${1:?usage: scripts/bench-import-ab.sh BEFORE [AFTER] [PAIRS]}
after=${2:-HEAD}
pairs=${3:-5}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/before" 2>/dev/null || true; git -C "$root" worktree remove --force "$work/after" 2>/dev/null || true; rm -rf "$work"' EXIT

build() { # side commit -> the benchmark's executable
  git -C "$root" worktree add --detach "$work/$1" "$2" >/dev/null 2>&1
  (cd "$work/$1" && CARGO_TARGET_DIR="$work/target-$1" cargo bench -p sla-import --bench import --no-run 2>&1) |
    sed -n 's/.*Executable benches\/import.rs (\(.*\))/\1/p' | tail -1
}
bin_before=$(build before "$before")
bin_after=$(build after "$after")
case "$bin_before" in /*) ;; *) bin_before="$work/before/$bin_before" ;; esac
case "$bin_after" in /*) ;; *) bin_after="$work/after/$bin_after" ;; esac

log="$work/runs.log"
i=1
while [ "$i" -le "$pairs" ]; do
  for side in before after; do
    if [ "$side" = before ]; then bin=$bin_before; else bin=$bin_after; fi
    (cd "$work/$side/crates/import" && "$bin" --bench 'import_1m_rows' --warm-up-time 1 --measurement-time 7 --noplot 2>/dev/null) |
      grep -E '^import_1m_rows|time:' | sed "s/^/$side $i /" | tee -a "$log"
  done
  i=$((i + 1))
done

node - "$log" <<'EOF'
const lines = require("fs").readFileSync(process.argv[2], "utf8").trim().split("\n");
const ms = (v, unit) => Number(v) * (unit === "s" ? 1000 : unit === "ms" ? 1 : unit === "µs" ? 0.001 : NaN);
const runs = {};
// Criterion writes a long benchmark name on a line of its own, its time below.
let pending = "";
for (const line of lines) {
  // Criterion's comparison with its last run of the same side: not a time.
  if (/\(p = /.test(line)) continue;
  const alone = /^(?:before|after) \d+ +(\S+)\s*$/.exec(line);
  if (alone) {
    pending = alone[1];
    continue;
  }
  const m = /^(before|after) (\d+) +(\S*) *time: +\[\S+ \S+ (\S+) (\S+)/.exec(line);
  if (!m) continue;
  const [, side, run] = m;
  const name = m[3] || pending;
  pending = "";
  const key = `${side} ${run}`;
  (runs[key] ??= []).push({ name, value: ms(m[4], m[5]) });
}
const names = (runs["before 1"] ?? []).map((r, i) => r.name || `benchmark ${i + 1}`);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const f = (x) => x.toFixed(1);
names.forEach((name, k) => {
  const side = (s) => Object.keys(runs).filter((key) => key.startsWith(s + " ")).sort().map((key) => runs[key][k]?.value).filter((v) => v !== undefined);
  const a = side("before"), b = side("after");
  const ratios = a.map((x, i) => b[i] / x).filter(Number.isFinite);
  console.log(`${name}: before median ${f(median(a))} ms (min ${f(Math.min(...a))}, max ${f(Math.max(...a))}, n=${a.length}); after median ${f(median(b))} ms (min ${f(Math.min(...b))}, max ${f(Math.max(...b))}, n=${b.length}); after/before per pair: median ${median(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`);
});
EOF
