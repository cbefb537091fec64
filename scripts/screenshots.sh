#!/usr/bin/env bash
# Screenshots of the real dashboard on the seeds: runs the binary in tmux, visits each pane,
# captures it with colours, and renders PNGs into screenshots/ with scripts/screenshots.py.
# FRONTLINE_BIN overrides the binary (default .build/debug/frontline); COLS/ROWS the size (120x36).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${FRONTLINE_BIN:-$ROOT/.build/debug/frontline}
COLS=${COLS:-120}
ROWS=${ROWS:-36}
[ -x "$BIN" ] || { echo "no binary at $BIN: run swift build first" >&2; exit 2; }

python3 -c 'import pyte, PIL' 2>/dev/null || python3 -m pip install --quiet pyte pillow
if [ ! -d /usr/share/fonts/truetype/dejavu ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-dejavu-core fonts-wqy-microhei >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/frontline-shots.XXXXXX")
# tmux sockets live in the work folder, so nothing is left behind in /tmp/tmux-UID.
export TMUX_TMPDIR="$WORK"
SOCK="frontline-shots-$$"
t() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 't kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
now_ms() { date +%s%3N; }

# Waits until the screen stops changing (the frame after a key is drawn), at most 3 s.
settle() {
    local deadline=$(( $(now_ms) + 3000 )) last="" cur
    while [ "$(now_ms)" -lt "$deadline" ]; do
        cur=$(t capture-pane -p -e -N -t shots)
        [ -n "$last" ] && [ "$cur" = "$last" ] && return 0
        last=$cur
        sleep 0.1
    done
}

t -u new-session -d -x "$COLS" -y "$ROWS" -s shots \
    "env LANG=C.UTF-8 TERM=tmux-256color XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data FRONTLINE_TRACE=$WORK/trace $BIN $ROOT/seeds; sleep 600"
deadline=$(( $(now_ms) + 10000 ))
until [ -s "$WORK/trace" ]; do
    [ "$(now_ms)" -gt "$deadline" ] && { echo "the dashboard did not start" >&2; exit 1; }
    sleep 0.05
done

shot() {
    local name=$1; shift
    for k in "$@"; do t send-keys -t shots "$k"; done
    settle
    t capture-pane -p -e -N -t shots > "$WORK/$name.ans"
}

shot fronts 1
shot claims 2 j j
shot reader Enter
shot compare 4
shot help '?'
t send-keys -t shots q

mkdir -p screenshots
args=()
for name in fronts claims reader compare help; do args+=("$WORK/$name.ans" "screenshots/$name.png"); done
python3 scripts/screenshots.py "$COLS" "$ROWS" "${args[@]}"
