#!/usr/bin/env bash
# End-to-end tests of the dashboard in a real terminal: tmux, detached, on a private socket.
# Runs without a terminal or stdin (CI). Prints PASS/FAIL per test and "N passed, M failed".
# FRONTLINE_BIN overrides the binary (default .build/debug/frontline); E2E_ONLY=name runs one test.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${FRONTLINE_BIN:-$ROOT/.build/debug/frontline}
[ -x "$BIN" ] || { echo "no binary at $BIN: run swift build first" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is missing" >&2; exit 2; }

SOCK_BASE="frontline-e2e-$$"
SOCK_N=0
SOCK="$SOCK_BASE-0"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/frontline-e2e.XXXXXX")
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The app must not pick up the user's configuration or review database.
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
PASSED=0
FAILED=0
FAILED_NAMES=()

t() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() {
    local sock
    for sock in $(cat "$WORK/sockets" 2>/dev/null); do tmux -L "$sock" kill-server >/dev/null 2>&1; done
    rm -rf "$WORK"
}
# Each session gets its own server: reusing a socket while the old server shuts down races.
new_server() {
    t kill-server >/dev/null 2>&1
    SOCK_N=$((SOCK_N + 1))
    # Tests run in subshells: BASHPID keeps their sockets apart.
    SOCK="$SOCK_BASE-$BASHPID-$SOCK_N"
    echo "$SOCK" >> "$WORK/sockets"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

# --- driving the app -------------------------------------------------------------------------------

# start_app W H FOLDER [VAR=value ...]: runs the binary in a fresh session. The inner shell records the
# app's pid (exec keeps it) and the outer one, once the app is gone, prints its exit status and whether
# the tty modes came back as they were.
start_app() {
    local w=$1 h=$2 folder=$3; shift 3
    new_server
    rm -f "$WORK/pid" "$WORK/stderr"
    local envs="LANG=C.UTF-8 TERM=tmux-256color $*"
    t -u new-session -d -x "$w" -y "$h" -s app \
        "S0=\$(stty -g); sh -c 'echo \$\$ > $WORK/pid; exec env $envs $BIN $folder 2>$WORK/stderr'; echo EXIT:\$?; [ \"\$(stty -g)\" = \"\$S0\" ] && echo STTY:same || echo STTY:changed; exec sleep 600"
    t set-option -t app remain-on-exit on >/dev/null 2>&1
    wait_file "$WORK/pid" 5000
}

app_pid() { cat "$WORK/pid" 2>/dev/null; }
screen() { t capture-pane -p -t app "$@" 2>/dev/null; }

wait_file() {
    local deadline=$(( $(now_ms) + $2 ))
    while [ ! -s "$1" ]; do
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.02
    done
}

# wait_for TEXT [TIMEOUT_MS]: polls the screen until the fixed string shows.
wait_for() {
    local deadline=$(( $(now_ms) + ${2:-5000} ))
    while ! screen | grep -qF -- "$1"; do
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.02
    done
}

# wait_gone TEXT [TIMEOUT_MS]: polls until the fixed string is no longer on screen.
wait_gone() {
    local deadline=$(( $(now_ms) + ${2:-5000} ))
    while screen | grep -qF -- "$1"; do
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.02
    done
}

keys() { t send-keys -t app "$@"; }

# The screen once the app has exited: the shell's lines, no alternate screen, cursor shown,
# no mouse or keypad modes left on, tty modes as before, no escape debris printed as text.
check_restored() {
    local expect_code=$1
    wait_for "STTY:" 5000 || { echo "  app did not exit"; screen | sed 's/^/  | /' | head -40; return 1; }
    local flags; flags=$(t display -p -t app '#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_flag}')
    [ "$flags" = "0 1 0 0" ] || { echo "  terminal modes left on (alternate cursor mouse keypad): $flags"; return 1; }
    screen | grep -qF "STTY:same" || { echo "  tty modes not restored"; return 1; }
    local code; code=$(screen | sed -n 's/^EXIT:\([0-9]*\).*/\1/p' | tail -1)
    [ "$code" = "$expect_code" ] || { echo "  exit code $code, expected $expect_code"; return 1; }
    if screen | grep -qE '\[\?[0-9]+[hl]|\^\[|\[[0-9;]*m'; then echo "  escape debris on screen"; return 1; fi
    return 0
}

run_test() {
    local name=$1
    if [ -n "${E2E_ONLY:-}" ] && [ "$E2E_ONLY" != "$name" ]; then return; fi
    local out
    if out=$("test_$name" 2>&1); then
        echo "PASS $name"
        [ -n "$out" ] && echo "$out" | sed 's/^/  /'
        PASSED=$((PASSED + 1))
    else
        echo "FAIL $name"
        [ -n "$out" ] && echo "$out" | sed 's/^/  /'
        FAILED=$((FAILED + 1))
        FAILED_NAMES+=("$name")
    fi
}

# A pane whose command waits for Enter, so pipe-pane records every byte the app writes.
run_recorded() {
    new_server
    rm -f "$WORK/raw"
    t -u new-session -d -x 100 -y 30 -s app "read _; $1; echo EXIT:\$?; exec sleep 600"
    t pipe-pane -t app -o "cat >> $WORK/raw"
    keys Enter
    wait_for "EXIT:" 5000
}

has_escape() { [ -f "$1" ] && LC_ALL=C grep -q $'\x1b' "$1"; }

# --- refusing to start -----------------------------------------------------------------------------

test_refuse_not_a_tty() {
    "$BIN" seeds </dev/null >"$WORK/out" 2>"$WORK/err"
    local code=$?
    [ "$code" -ne 0 ] || { echo "exit code 0 without a terminal"; return 1; }
    [ ! -s "$WORK/out" ] || { echo "wrote to stdout"; return 1; }
    grep -q "frontline export" "$WORK/err" || { echo "message does not point to export: $(cat "$WORK/err")"; return 1; }
    ! has_escape "$WORK/err" || { echo "escape bytes in the message"; return 1; }
}

test_refuse_stdout_not_a_tty() {
    run_recorded "$BIN seeds > $WORK/piped" || { echo "did not exit"; return 1; }
    screen | grep -q "^EXIT:[1-9]" || { echo "exit code 0 with stdout redirected"; return 1; }
    [ ! -s "$WORK/piped" ] || { echo "wrote into the redirected stdout"; return 1; }
    screen | grep -q "frontline export" || { echo "no message pointing to export"; return 1; }
    ! has_escape "$WORK/raw" || { echo "escape bytes written"; return 1; }
}

refuse_term() {
    run_recorded "$1 $BIN seeds" || { echo "did not exit"; return 1; }
    screen | grep -q "^EXIT:[1-9]" || { echo "exit code 0"; screen | head; return 1; }
    screen | grep -q "frontline export" || { echo "no message pointing to export"; screen | head; return 1; }
    screen | grep -q "TERM" || { echo "message does not name TERM"; return 1; }
    ! has_escape "$WORK/raw" || { echo "escape bytes written:"; od -c "$WORK/raw" | head -5; return 1; }
}
test_refuse_term_dumb() { refuse_term "env TERM=dumb"; }
test_refuse_term_unset() { refuse_term "env -u TERM"; }
test_refuse_term_unknown() { refuse_term "env TERM=no-such-terminal-xyz"; }

# --- quitting always restores the terminal ---------------------------------------------------------

# Starts on the seeds and waits until the first frame is on screen.
start_seeds() {
    rm -f "$WORK/trace"
    start_app "${1:-100}" "${2:-30}" "$ROOT/seeds" "FRONTLINE_TRACE=$WORK/trace" "${@:3}" || return 1
    wait_file "$WORK/trace" 5000 || { echo "no first frame"; return 1; }
}

test_quit_q() { start_seeds && keys q && check_restored 0; }
test_quit_ctrl_c() { start_seeds && keys C-c && check_restored 0; }
test_quit_sigterm() { start_seeds && kill -TERM "$(app_pid)" && check_restored 143; }
test_quit_sighup() { start_seeds && kill -HUP "$(app_pid)" && check_restored 129; }
test_quit_crash() {
    start_app 100 30 "$ROOT/seeds" FRONTLINE_CRASH_AFTER_START=1 || return 1
    wait_for "STTY:" 10000 || { echo "did not crash"; return 1; }
    local code; code=$(screen | sed -n 's/^EXIT:\([0-9]*\).*/\1/p' | tail -1)
    # SIGILL (x86 trap), SIGTRAP (arm64 trap), SIGABRT or SIGSEGV: any death by a fault signal.
    case "$code" in 132|133|134|139) ;; *) echo "exit code $code, expected death by a fault signal"; return 1 ;; esac
    check_restored "$code"
}

# --- run -------------------------------------------------------------------------------------------

ALL_TESTS=(
    refuse_not_a_tty refuse_stdout_not_a_tty refuse_term_dumb refuse_term_unset refuse_term_unknown
    quit_q quit_ctrl_c quit_sigterm quit_sighup quit_crash
)
for name in "${ALL_TESTS[@]}"; do run_test "$name"; done
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
