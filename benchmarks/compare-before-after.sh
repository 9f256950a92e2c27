#!/usr/bin/env bash
# Before and after, side by side: builds the benchmarks of an earlier commit (BEFORE, default a34a35d, the
# build the POS addItem ratio is held to) in a clone of its own, and of this checkout, then runs both jars'
# PosCommandBenchmark and RuleEvaluationBenchmark alternately, ROUNDS times, and prints per round the
# engine's addItem over raw Drools (time and allocation) for each build. Meant for a quiet machine: times
# taken while other work runs are not evidence (allocation is, within a few KB).
#
# Raw Drools must mean the same thing on both sides, so RawDrools.java (plain Drools API: a new stateless
# session, a listener recording the fired rules, execute) is copied into the earlier build and its
# RuleEvaluationBenchmark's drools* methods are pointed at it; evaluator* methods (the engine's own
# Evaluator) are added there too. The earlier build's facts stay its own (what its engine inserted).
#
# Usage, from anywhere:  benchmarks/compare-before-after.sh
# Settings (environment):
#   BEFORE      commit to compare against                      (a34a35d)
#   ORIGIN      repository to clone the earlier build from    (this checkout's repository, its .git)
#   BEFORE_DIR  where the earlier build is checked out         (/tmp/perf-before; reset on every run)
#   ROUNDS      how many times both builds run, alternating   (3)
#   JMH_ARGS    JMH options for every run                      (-f 1 -wi 5 -w 3s -i 5 -r 3s -prof gc)
#   OUT         where the JSON results and the load log go    (benchmarks/results/<date>-compare)
#   JMH_LOCK    a file every JMH run on the machine locks      (/tmp/jmh.lock)
#   SKIP_BUILD  1: use the jars already built in both checkouts
set -euo pipefail

AFTER_DIR=$(cd "$(dirname "$0")/.." && pwd)
BEFORE=${BEFORE:-a34a35d}
ORIGIN=${ORIGIN:-$(git -C "$AFTER_DIR" rev-parse --path-format=absolute --git-common-dir)}
BEFORE_DIR=${BEFORE_DIR:-/tmp/perf-before}
ROUNDS=${ROUNDS:-3}
JMH_ARGS=${JMH_ARGS:--f 1 -wi 5 -w 3s -i 5 -r 3s -prof gc}
OUT=${OUT:-$AFTER_DIR/benchmarks/results/$(date -u +%F)-compare}
JMH_LOCK=${JMH_LOCK:-/tmp/jmh.lock}
CLASSES=(PosCommandBenchmark RuleEvaluationBenchmark)
BENCH=benchmarks/src/main/java/org/loyaltyengine/benchmarks

build() {
    (cd "$1" && mvn -B -o -q package -pl benchmarks -am -DskipTests)
}

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    if [[ ! -d "$BEFORE_DIR/.git" ]]; then
        git clone -q "$ORIGIN" "$BEFORE_DIR"
    fi
    git -C "$BEFORE_DIR" fetch -q "$ORIGIN" "+refs/heads/*:refs/remotes/origin/*" || true
    git -C "$BEFORE_DIR" checkout -q --detach "$BEFORE"
    git -C "$BEFORE_DIR" reset -q --hard
    git -C "$BEFORE_DIR" clean -q -fdx -e target
    cp "$AFTER_DIR/$BENCH/RawDrools.java" "$BEFORE_DIR/$BENCH/RawDrools.java"
    python3 - "$BEFORE_DIR/$BENCH/RuleEvaluationBenchmark.java" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
done = 0
for card, facts in (("Discount", "discount"), ("Credit", "credit")):
    method = re.compile(r"(    @Benchmark\n    public Decision drools%sCard\(\) \{\n)        return Evaluator\.evaluate\(rules, %s\.all\(\)\);\n    \}\n" % (card, facts))
    replacement = (r"\g<1>        return RawDrools.evaluate(rules.kieBase(), %s.all());\n    }\n\n"
                   "    @Benchmark\n    public Decision evaluator%sCard() {\n"
                   "        return Evaluator.evaluate(rules, %s.all());\n    }\n") % (facts, card, facts)
    text, n = method.subn(replacement, text)
    done += n
if done != 2:
    sys.exit("RuleEvaluationBenchmark of the earlier build does not have the drools*Card methods this script "
             "rewrites; point them at RawDrools by hand")
open(path, "w").write(text)
PY
    echo "building $BEFORE in $BEFORE_DIR"
    build "$BEFORE_DIR"
    echo "building $(git -C "$AFTER_DIR" rev-parse --short HEAD) in $AFTER_DIR"
    build "$AFTER_DIR"
fi

mkdir -p "$OUT"
{
    echo "before $BEFORE ($(git -C "$BEFORE_DIR" rev-parse --short HEAD) + RawDrools), after $(git -C "$AFTER_DIR" rev-parse --short HEAD)$(git -C "$AFTER_DIR" diff --quiet || echo ' + uncommitted changes')"
    echo "JMH_ARGS=$JMH_ARGS"
} > "$OUT/runs.txt"
for ((round = 1; round <= ROUNDS; round++)); do
    for class in "${CLASSES[@]}"; do
        for side in before after; do
            dir=$([[ $side == before ]] && echo "$BEFORE_DIR" || echo "$AFTER_DIR")
            echo "$(date -u +%FT%TZ) round $round $side $class load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/runs.txt"
            # shellcheck disable=SC2086
            flock "$JMH_LOCK" java -jar "$dir/benchmarks/target/benchmarks.jar" "$class" $JMH_ARGS \
                -rf json -rff "$OUT/round$round-$side-$class.json" > "$OUT/round$round-$side-$class.log"
        done
    done
done
echo "$(date -u +%FT%TZ) done load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/runs.txt"

python3 - "$OUT" "$ROUNDS" <<'PY'
import json, os, sys
out, rounds = sys.argv[1], int(sys.argv[2])

def read(round_, side, cls):
    result = {}
    for b in json.load(open(os.path.join(out, "round%d-%s-%s.json" % (round_, side, cls)))):
        name = b["benchmark"].rsplit(".", 1)[1]
        alloc = b["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
        result[name] = (b["primaryMetric"]["score"], b["primaryMetric"]["scoreError"], alloc)
    return result

print("engine addItem (PosCommandBenchmark) over raw Drools (RuleEvaluationBenchmark drools*), per build")
print("%-5s %-8s %-6s %22s %22s %22s %7s %12s" % ("round", "card", "build", "engine addItem", "raw Drools",
                                                     "evaluator", "ratio", "alloc diff"))
for r in range(1, rounds + 1):
    for card in ("Credit", "Discount"):
        for side in ("before", "after"):
            pos, rules = read(r, side, "PosCommandBenchmark"), read(r, side, "RuleEvaluationBenchmark")
            e, d = pos["engine%sCard" % card], rules["drools%sCard" % card]
            v = rules.get("evaluator%sCard" % card)
            fmt = lambda m: "%.1f ± %.1f us" % (m[0], m[1])
            diff = "%.1f KB" % ((e[2] - d[2]) / 1000) if e[2] is not None and d[2] is not None else "-"
            print("%-5d %-8s %-6s %22s %22s %22s %7.2f %12s" % (r, card.lower(), side, fmt(e), fmt(d),
                  fmt(v) if v else "-", e[0] / d[0], diff))
PY
echo "raw results: $OUT"
