#!/usr/bin/env bash
# Builds release, generates the benchmark corpora into /tmp, runs every benchmark and prints the figures.
#   scripts/bench.sh [--quick] [--json] [other frontline-bench options]
# SMALL / LARGE name the corpus folders (10,000 and 100,000 articles, seed 1); existing folders are reused.
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL=${SMALL:-/tmp/frontline-bench-10k}
LARGE=${LARGE:-/tmp/frontline-bench-100k}
SEEDS=${SEEDS:-seeds}
quick=0
for a in "$@"; do [ "$a" = "--quick" ] && quick=1; done

machine() {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

machine
echo "== release build"
log=$(mktemp /tmp/frontline-bench-build.XXXXXX)
if ! swift build -c release >"$log" 2>&1; then cat "$log"; exit 1; fi
grep -E "warning:|Build" "$log" | grep -v "^\[" || true
rm -f "$log"
BIN=$(swift build -c release --show-bin-path)

echo "== corpora"
gen() {  # folder articles
    if [ -d "$1" ]; then
        echo "reusing $1 ($(find "$1" -name '*.txt' -o -name '*.md' | wc -l) articles)"
    else
        local t0=$(date +%s)
        python3 scripts/generate_corpus.py --articles "$2" --seed 1 "$1"
        echo "generated in $(( $(date +%s) - t0 )) s"
    fi
}
gen "$SMALL" 10000
[ $quick = 1 ] || gen "$LARGE" 100000
du -sh "$SMALL" $([ $quick = 1 ] || echo "$LARGE") 2>/dev/null || true

echo "== frontline-bench"
SAVE=${SAVE:-/tmp/frontline-bench-last.json}
"$BIN/frontline-bench" --small "$SMALL" --large "$LARGE" --seeds "$SEEDS" --save "$SAVE" "$@"
echo "(figures saved to $SAVE; python3 scripts/bench_table.py $SAVE prints them as Markdown)"

# Startup to the first frame of the real program: from starting it in a fresh tmux session until the
# pane shows anything. The same measurement with `printf` gives tmux's own share, to subtract.
echo "== startup under tmux (200x60, $SEEDS)"
first_frame_ms() {  # command...
    local sock="frontline-bench-$$-$RANDOM" t0 t1 deadline
    t0=$(date +%s%N)
    tmux -L "$sock" -f /dev/null -u new-session -d -x 200 -y 60 "env LANG=C.UTF-8 TERM=tmux-256color $*; sleep 3"
    deadline=$((t0 + 3000000000))
    while :; do
        if tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q '[^[:space:]]'; then t1=$(date +%s%N); break; fi
        if [ "$(date +%s%N)" -gt $deadline ]; then t1=""; break; fi
        sleep 0.002
    done
    tmux -L "$sock" kill-server 2>/dev/null || true
    if [ -n "$t1" ]; then echo $(( (t1 - t0) / 1000000 )); else echo "timeout"; fi
}
stats() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "no samples"; exit} printf "median %s ms, min %s ms (n=%d)\n", a[int((NR+1)/2)], a[1], NR}'; }
if command -v tmux >/dev/null; then
    reps=$([ $quick = 1 ] && echo 3 || echo 7)
    base=(); app=(); timeouts=0
    for _ in $(seq $reps); do
        base+=("$(first_frame_ms printf baseline)")
        r=$(first_frame_ms "$BIN/frontline" "$SEEDS")
        if [ "$r" = timeout ]; then timeouts=$((timeouts + 1)); else app+=("$r"); fi
    done
    echo "tmux + printf (baseline): $(printf '%s\n' "${base[@]}" | stats)"
    if [ ${#app[@]} -gt 0 ]; then
        echo "frontline $SEEDS, first frame: $(printf '%s\n' "${app[@]}" | stats)  (target: none given; subtract the baseline)"
    fi
    [ $timeouts = 0 ] || echo "frontline drew nothing within 3 s in $timeouts of $reps runs (dashboard not written yet?)"
else
    echo "tmux not found: skipped"
fi

# The real program on the 10k folder: its own trace (FRONTLINE_TRACE: first-frame-ms, loaded-ms, refresh-ms)
# and, seen from outside, the time from writing one article until the pane reports the change.
echo "== live: frontline on $SMALL under tmux"
live() {
    local sock="frontline-bench-live-$$" trace out t0 t1 file backup deadline
    trace=$(mktemp /tmp/frontline-trace.XXXXXX)
    tmux -L "$sock" -f /dev/null -u new-session -d -x 200 -y 60 \
        "env LANG=C.UTF-8 TERM=tmux-256color FRONTLINE_TRACE=$trace $BIN/frontline $SMALL; sleep 2"
    deadline=$(( $(date +%s) + 60 ))
    until grep -q '^loaded-ms' "$trace" 2>/dev/null; do
        if [ "$(date +%s)" -gt $deadline ]; then echo "no loaded-ms in the trace within 60 s (dashboard not written yet?)"; tmux -L "$sock" kill-server 2>/dev/null || true; rm -f "$trace"; return; fi
        sleep 0.05
    done
    sleep 1
    file=$(find "$SMALL" -name '*.txt' | sort | sed -n 5000p)
    backup=$(mktemp /tmp/frontline-article.XXXXXX); cp "$file" "$backup"
    seen=()
    for i in 1 2 3 4 5; do
        before=$(grep -c '^refresh-ms' "$trace" || true)
        t0=$(date +%s%N)
        if [ $((i % 2)) = 1 ]; then printf '\n\nUkrainian forces repelled %d Russian assaults near Kupiansk, the General Staff said.\n' $i >> "$file"; else cp "$backup" "$file"; fi
        deadline=$((t0 + 20000000000))
        t1=""
        while [ "$(date +%s%N)" -lt $deadline ]; do
            if [ "$(grep -c '^refresh-ms' "$trace" || true)" -gt "$before" ]; then t1=$(date +%s%N); break; fi
            sleep 0.002
        done
        if [ -n "$t1" ]; then seen+=("$(( (t1 - t0) / 1000000 ))"); else echo "write -> no refresh traced within 20 s"; fi
        sleep 1
    done
    cp "$backup" "$file"; rm -f "$backup"
    tmux -L "$sock" send-keys q 2>/dev/null || true
    sleep 0.3
    tmux -L "$sock" kill-server 2>/dev/null || true
    [ ${#seen[@]} = 0 ] || echo "one changed file, from the write until the app traces its redrawn frame: $(printf '%s\n' "${seen[@]}" | stats)"
    echo "trace (ms from DashboardApp.run; refresh-ms from the change request to the drawn frame):"
    sed 's/^/  /' "$trace"
    rm -f "$trace"
}
if command -v tmux >/dev/null; then live; fi

# Last: a 100k process leaves the VM slow to hand memory out again for a while (the 10k app then
# takes twice as long to load), so it runs after the 10k measurements.
# The real program on the 100k folder: how soon the screen is usable, how keys are answered while the
# folder loads (each key timed from send-keys until the pane shows its effect, polled), and when every
# article is on screen (the status line counts them all and no longer says "loading").
big_app() {
    local sock="frontline-bench-big-$$" trace t0 t1 pid want key lat=() total deadline screen
    total=$(find "$LARGE" \( -name '*.txt' -o -name '*.md' \) | wc -l)
    trace=$(mktemp /tmp/frontline-trace.XXXXXX)
    cat "$LARGE"/*/* > /dev/null 2>&1 || true    # warm page cache, as the load benchmarks do
    t0=$(date +%s%N)
    tmux -L "$sock" -f /dev/null -u new-session -d -x 200 -y 60 \
        "env LANG=C.UTF-8 TERM=tmux-256color FRONTLINE_TRACE=$trace $BIN/frontline $LARGE; sleep 2"
    until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q "Fronts —"; do sleep 0.005; done
    echo "first frame seen after $(( ($(date +%s%N) - t0) / 1000000 )) ms (from starting tmux)"
    pid=$(pgrep -n -x frontline || true)
    for i in $(seq 1 40); do
        screen=$(tmux -L "$sock" capture-pane -p)
        echo "$screen" | tail -1 | grep -q loading || break
        if [ $((i % 2)) = 1 ]; then key=2; want="Claims —"; else key=1; want="Fronts —"; fi
        t1=$(date +%s%N)
        tmux -L "$sock" send-keys "$key"
        deadline=$((t1 + 5000000000))
        until tmux -L "$sock" capture-pane -p | head -3 | grep -q "$want"; do
            [ "$(date +%s%N)" -lt $deadline ] || break
        done
        lat+=("$(( ($(date +%s%N) - t1) / 1000000 ))")
        sleep 0.2
    done
    [ ${#lat[@]} = 0 ] || echo "keys while loading, send-keys → pane changed (includes tmux's own ~5-10 ms): $(printf '%s\n' "${lat[@]}" | stats), max $(printf '%s\n' "${lat[@]}" | sort -n | tail -1) ms"
    deadline=$(( $(date +%s) + 120 ))
    local grouped; grouped=$(echo "$total" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
    until tmux -L "$sock" capture-pane -p | tail -1 | grep -q "$grouped articles" \
        && ! tmux -L "$sock" capture-pane -p | tail -1 | grep -q loading; do
        [ "$(date +%s)" -lt $deadline ] || { echo "not all $total articles on screen within 120 s"; break; }
        sleep 0.02
    done
    echo "every article on screen after $(( ($(date +%s%N) - t0) / 1000000 )) ms (from starting tmux; target for the model's load: 10 s)"
    [ -z "$pid" ] || echo "peak memory of the dashboard process: $(grep VmHWM /proc/"$pid"/status | awk '{printf "%d MB", $2/1024}')"
    tmux -L "$sock" send-keys q 2>/dev/null || true
    sleep 0.3
    tmux -L "$sock" kill-server 2>/dev/null || true
    echo "trace: $(grep -E '^(first-frame|loaded)-ms' "$trace" | tr '\n' ' ')last digest-ms $(grep '^digest-ms' "$trace" | tail -1 | cut -d' ' -f2)"
    rm -f "$trace"
}
if [ $quick = 0 ] && command -v tmux >/dev/null && [ -d "$LARGE" ]; then
    echo "== the app on $LARGE under tmux (200x60)"
    big_app
fi

machine
