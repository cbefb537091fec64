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
# tmux sockets live in the work folder, so nothing is left behind in /tmp/tmux-UID.
export TMUX_TMPDIR="$WORK"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The app must not pick up the user's configuration or review database.
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
# How long to wait for the screen to answer a key: generous, CI machines can be very busy.
KEY_WAIT=${E2E_KEY_WAIT_MS:-8000}
# The limit for a file write to show on screen.
WRITE_LIMIT=${E2E_WRITE_LIMIT_MS:-1000}
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
    rm -f "$WORK/pid" "$WORK/stderr" "$WORK/stty-after"
    local envs="LANG=C.UTF-8 TERM=tmux-256color $*"
    t -u new-session -d -x "$w" -y "$h" -s app \
        "S0=\$(stty -g); sh -c 'echo \$\$ > $WORK/pid; exec env $envs $BIN $folder 2>$WORK/stderr'; echo EXIT:\$?; stty -a > $WORK/stty-after; [ \"\$(stty -g)\" = \"\$S0\" ] && echo STTY:same || echo STTY:changed; exec sleep 600"
    t set-option -t app remain-on-exit on >/dev/null 2>&1
    wait_file "$WORK/pid" 5000 || { echo "the app did not start"; return 1; }
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

# wait_re REGEX [TIMEOUT_MS]: polls the screen until the extended regex matches.
wait_re() {
    local deadline=$(( $(now_ms) + ${2:-5000} ))
    while ! screen | grep -qE -- "$1"; do
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.01
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

# The pane's terminal modes as tmux sees them: alternate screen, cursor shown, mouse, keypad.
pane_modes() { t display -p -t app '#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{keypad_flag}'; }

# The screen once the app has exited: the shell's lines, no alternate screen, cursor shown,
# no mouse or keypad modes left on, tty modes as before, no escape debris printed as text.
check_restored() {
    local expect_code=$1
    wait_for "STTY:" 5000 || { echo "  app did not exit"; screen | sed 's/^/  | /' | head -40; return 1; }
    local flags; flags=$(pane_modes)
    [ "$flags" = "0 1 0 0" ] || { echo "  terminal modes left on (alternate cursor mouse keypad): $flags"; return 1; }
    screen | grep -qF "STTY:same" || { echo "  tty modes not restored"; return 1; }
    # `stty -a` as the shell sees it afterwards: line editing, echo and signal keys back on.
    if [ -f "$WORK/stty-after" ]; then
        local mode
        for mode in icanon echo isig icrnl opost; do
            grep -qE "(^| )$mode( |;|\$)" "$WORK/stty-after" || { echo "  stty -a after exit shows -$mode"; return 1; }
        done
    fi
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

# The first load is over when the status line counts articles and no longer says "loading"
# (a slow machine may show the dashboard first, still loading).
wait_loaded() {
    local deadline=$(( $(now_ms) + ${1:-10000} )) status
    while :; do
        status=$(screen | tail -1)
        if screen | grep -qF "Fronts —" && echo "$status" | grep -qE ' [1-9][0-9,]* articles' &&
            ! echo "$status" | grep -qF "loading"; then
            return 0
        fi
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.02
    done
}

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

test_refuse_stdin_not_a_tty() {
    run_recorded "$BIN seeds < /dev/null" || { echo "did not exit"; return 1; }
    screen | grep -q "^EXIT:[1-9]" || { echo "exit code 0 with stdin redirected"; return 1; }
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

test_refuse_missing_folder() {
    run_recorded "$BIN $WORK/no-such-folder" || { echo "did not exit"; return 1; }
    screen | grep -q "^EXIT:[1-9]" || { echo "exit code 0 for a missing folder"; return 1; }
    screen | grep -q "no such folder" || { echo "no message naming the problem"; screen | head -3; return 1; }
    ! has_escape "$WORK/raw" || { echo "escape bytes written"; return 1; }
}

# --- quitting always restores the terminal ---------------------------------------------------------

# Starts on the seeds and waits until the first frame is on screen.
start_seeds() {
    rm -f "$WORK/trace"
    start_app "${1:-100}" "${2:-30}" "$ROOT/seeds" "FRONTLINE_TRACE=$WORK/trace" "${@:3}" || { echo "the app did not start"; return 1; }
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

# --- job control -----------------------------------------------------------------------------------

# The process state letter from /proc (T: stopped).
proc_state() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1; }

# Shell-like modes: `stty -a` in the interactive shell shows icanon and echo switched on.
shell_tty_sane() {
    rm -f "$WORK/stty"
    keys -l "stty -a > $WORK/stty"; keys Enter
    wait_file "$WORK/stty" 5000 || { echo "  stty did not run: no shell prompt?"; screen | tail -5; return 1; }
    grep -qE '(^| )icanon( |;|$)' "$WORK/stty" && grep -qE '(^| )echo( |;|$)' "$WORK/stty" ||
        { echo "  tty modes not restored: $(grep -oE '(^| )-?(icanon|echo)( |;|$)' "$WORK/stty" | tr -d '\n')"; return 1; }
}

# Ctrl-Z in an interactive shell gives the shell back with the terminal restored; `fg` brings the
# dashboard back whole, at the window's new size, and it answers keys and folder changes again.
test_suspend_resume() {
    local folder="$WORK/suspend"
    rm -rf "$folder"; mkdir -p "$folder"; cp "$ROOT"/seeds/* "$folder/"
    new_server
    rm -f "$WORK/pid"
    t -u new-session -d -x 100 -y 30 -s app "env TERM=tmux-256color HISTFILE=/dev/null PS1='shell> ' bash --norc --noprofile -i"
    wait_re "^shell> ?$" 5000 || { echo "no shell prompt"; screen; return 1; }
    keys -l "sh -c 'echo \$\$ > $WORK/pid; exec $BIN $folder'"; keys Enter
    wait_file "$WORK/pid" 5000 || { echo "the app did not start"; return 1; }
    local pid; pid=$(app_pid)
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    local running; running=$(pane_modes)

    keys C-z
    wait_for "Stopped" "$KEY_WAIT" || { echo "Ctrl-Z did not give the shell back"; screen | tail -5; return 1; }
    wait_re '^shell> ?$' "$KEY_WAIT" || { echo "no prompt after Ctrl-Z"; screen | tail -5; return 1; }
    [ "$(proc_state "$pid")" = T ] || { echo "the app is not stopped (state $(proc_state "$pid"))"; return 1; }
    [ "$(pane_modes)" = "0 1 0 0" ] || { echo "terminal modes left on after Ctrl-Z (alternate cursor mouse keypad): $(pane_modes)"; return 1; }
    shell_tty_sane || return 1

    # While it is stopped: the window shrinks (the SIGWINCH goes to the shell) and an article arrives.
    t resize-window -t app -x 90 -y 28
    printf '%s' "$NEW_ARTICLE" > "$folder/zz_huliaipole.txt"
    keys -l "fg"; keys Enter
    wait_for "Fronts —" "$KEY_WAIT" || { echo "fg did not bring the dashboard back"; screen | tail -5; return 1; }
    wait_re ' 5 articles' "$KEY_WAIT" || { echo "the article written while stopped did not show"; screen | tail -2; return 1; }
    [ "$(proc_state "$pid")" != T ] || { echo "the app is still stopped"; return 1; }
    [ "$(pane_modes)" = "$running" ] || { echo "terminal modes after fg: $(pane_modes), expected $running as before Ctrl-Z"; return 1; }
    local deadline=$(( $(now_ms) + KEY_WAIT ))
    until [ "$(screen_width)" = 90 ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "not redrawn at the new size of 90 columns (width $(screen_width))"; return 1; }
        sleep 0.02
    done
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "keys not answered after fg"; return 1; }
    local row; row=$(selected_row)
    keys Down
    wait_gone_row "$row" || { echo "the Down arrow did not move the selection after fg"; return 1; }
    rm "$folder/zz_huliaipole.txt"
    wait_re ' 4 articles' "$KEY_WAIT" || { echo "live refresh stopped after fg"; screen | tail -2; return 1; }

    # A second round trip without a resize, an arrow key the first thing after fg: the screen comes
    # back exactly as it was, and the key is read as an arrow (keypad mode is on again in time).
    local before; before=$(screen | head -n -1)
    keys C-z
    wait_re '^shell> ?$' "$KEY_WAIT" || { echo "the second Ctrl-Z did not give the shell back"; screen | tail -5; return 1; }
    keys -l "fg"; keys Enter
    deadline=$(( $(now_ms) + KEY_WAIT ))
    until [ "$(screen | head -n -1)" = "$before" ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "the second fg did not redraw the whole screen:"; screen | sed 's/^/  | /'; return 1; }
        sleep 0.02
    done
    row=$(selected_row)
    keys Up
    wait_gone_row "$row" || { echo "the Up arrow did not move the selection after the second fg"; return 1; }
    screen | grep -qF "Claims —" || { echo "the arrow key was read as something else"; screen | head -3; return 1; }
    keys q
    wait_re '^shell> ?$' "$KEY_WAIT" || { echo "no prompt after q"; screen | tail -5; return 1; }
    keys -l 'echo EXIT:$?'; keys Enter
    wait_for "EXIT:0" 5000 || { echo "exit code: $(screen | grep EXIT:)"; return 1; }
    [ "$(pane_modes)" = "0 1 0 0" ] || { echo "terminal modes left on after q: $(pane_modes)"; return 1; }
    shell_tty_sane
}

# Without a job-control shell (the panes of start_app) nothing can continue a stopped process: Ctrl-Z
# must not leave the dashboard stopped for ever.
test_ctrl_z_without_job_control() {
    start_ui || return 1
    keys C-z
    sleep 0.3
    [ "$(proc_state "$(app_pid)")" != T ] || { echo "the app stopped with no shell to continue it"; kill -CONT "$(app_pid)"; return 1; }
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "keys not answered after Ctrl-Z"; return 1; }
    keys q; check_restored 0
}

# --- panes -----------------------------------------------------------------------------------------

# "claim N of M" from the reader's title line.
reader_position() { screen | sed -n 's/.*claim \([0-9]*\) of \([0-9]*\).*/\1 \2/p' | head -1; }
# The text of the highlighted (reverse video) row of a list, escapes removed.
selected_row() {
    t capture-pane -p -e -t app 2>/dev/null | sed -n '3,$p' | grep -m1 $'^\x1b\\[[0-9;]*7m' |
        sed 's/\x1b\[[0-9;]*m//g' | sed 's/ *$//'
}

start_ui() {
    start_seeds "${1:-100}" "${2:-30}" "${@:3}" || return 1
    wait_loaded || { echo "no Fronts pane with the seeds loaded"; screen | head; return 1; }
}

test_navigate_panes() {
    start_ui || return 1
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "2 did not open Claims"; return 1; }
    keys 3; wait_for "Reader —" "$KEY_WAIT" || { echo "3 did not open Reader"; return 1; }
    keys 4; wait_for "Compare —" "$KEY_WAIT" || { echo "4 did not open Compare"; return 1; }
    keys 1; wait_for "Fronts —" "$KEY_WAIT" || { echo "1 did not open Fronts"; return 1; }
    keys Tab; wait_for "Claims —" "$KEY_WAIT" || { echo "Tab did not move to Claims"; return 1; }
    keys BTab; wait_for "Fronts —" "$KEY_WAIT" || { echo "Shift-Tab did not move back to Fronts"; return 1; }
    keys Enter; wait_for "Claims —" "$KEY_WAIT" || { echo "Enter on a front did not open its claims"; return 1; }
    keys q; check_restored 0
}

test_navigate_claims() {
    # Wide enough for the reader's title to keep its "claim N of M".
    start_ui 200 30 || return 1
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "no \"Claims —\" on screen"; screen | tail -3; return 1; }
    keys j j Enter; wait_for "Reader —" "$KEY_WAIT" || { echo "Enter did not open the reader"; return 1; }
    local pos; pos=$(reader_position)
    [ "${pos%% *}" = 3 ] || { echo "after j j: reader at claim '$pos', expected 3"; return 1; }
    # Esc alone: Esc followed at once by a key reads as Alt+key, as in any terminal program.
    keys Escape; wait_for "Claims —" "$KEY_WAIT" || { echo "Esc did not go back to Claims"; return 1; }
    keys G Enter; wait_for "Reader —" "$KEY_WAIT" || { echo "no \"Reader —\" on screen"; screen | tail -3; return 1; }
    pos=$(reader_position)
    [ -n "$pos" ] && [ "${pos%% *}" = "${pos##* }" ] || { echo "after G: reader at '$pos', expected the last claim"; return 1; }
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "no \"Claims —\" on screen"; screen | tail -3; return 1; }
    keys g Enter; wait_for "Reader —" "$KEY_WAIT" || { echo "no \"Reader —\" on screen"; screen | tail -3; return 1; }
    pos=$(reader_position)
    [ "${pos%% *}" = 1 ] || { echo "after g: reader at '$pos', expected claim 1"; return 1; }
    keys 2 C-d; sleep 0.05
    local before; before=$(selected_row)
    keys C-u
    wait_gone_row "$before" || { echo "Ctrl-u did not move the selection"; return 1; }
    keys NPage PPage End Home Down Up
    keys q; check_restored 0
}

# Waits until the highlighted row is no longer TEXT.
wait_gone_row() {
    local deadline=$(( $(now_ms) + KEY_WAIT ))
    while [ "$(selected_row)" = "$1" ]; do
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.02
    done
}

test_search() {
    start_ui || return 1
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "no \"Claims —\" on screen"; screen | tail -3; return 1; }
    local total; total=$(screen | sed -n 's/.*Claims — .* \([0-9]*\) of \([0-9]*\).*/\2/p' | head -1)
    keys / ; keys -l "Zelenskyy"; keys Enter
    local deadline=$(( $(now_ms) + KEY_WAIT )) shown
    while :; do
        shown=$(screen | sed -n 's/.*Claims — .* \([0-9]*\) of \([0-9]*\).*/\1/p' | head -1)
        [ -n "$shown" ] && [ "$shown" -lt "$total" ] && break
        [ "$(now_ms)" -gt "$deadline" ] && { echo "search did not narrow the list ($shown of $total)"; screen | head -8; return 1; }
        sleep 0.02
    done
    [ "$shown" -gt 0 ] || { echo "search found nothing"; return 1; }
    local rows; rows=$(screen | sed -n '3,$p' | grep -c "Zelensk")
    [ "$rows" -gt 0 ] || { echo "no listed claim shows the search word"; return 1; }
    keys Escape
    wait_for "of $total" "$KEY_WAIT" || { echo "Esc did not clear the search"; return 1; }
    keys q; check_restored 0
}

test_reader() {
    start_ui 200 30 || return 1
    keys 2 Enter; wait_for "Reader —" "$KEY_WAIT" || { echo "no reader"; return 1; }
    local pos; pos=$(reader_position)
    keys ']'
    local deadline=$(( $(now_ms) + KEY_WAIT ))
    while [ "$(reader_position)" = "$pos" ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "] did not move to the next claim ($pos)"; return 1; }
        sleep 0.02
    done
    keys NPage; keys q; check_restored 0
}

test_compare() {
    start_ui || return 1
    keys 4; wait_for "Compare —" "$KEY_WAIT" || { echo "no compare pane"; return 1; }
    wait_for "Outlets" "$KEY_WAIT" || { echo "no outlets table"; return 1; }
    keys j k; keys q; check_restored 0
}

test_help() {
    start_ui || return 1
    keys '?'; wait_for "show or hide this help" "$KEY_WAIT" || { echo "no help"; return 1; }
    keys '?'; wait_gone "show or hide this help" "$KEY_WAIT" || { echo "help did not close"; return 1; }
    keys q; check_restored 0
}

# The widest line of the screen: the tab row reaches the right edge.
screen_width() { screen | head -1 | sed 's/ *$//' | awk '{ print length($0) }'; }

test_resize() {
    start_ui 100 30 || return 1
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "no \"Claims —\" on screen"; screen | tail -3; return 1; }
    t resize-window -t app -x 140 -y 40
    local deadline=$(( $(now_ms) + KEY_WAIT ))
    until [ "$(screen_width)" = 140 ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "not redrawn at 140 columns (width $(screen_width))"; return 1; }
        sleep 0.02
    done
    t resize-window -t app -x 80 -y 24
    deadline=$(( $(now_ms) + KEY_WAIT ))
    until [ "$(screen_width)" = 80 ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "not redrawn at 80 columns (width $(screen_width))"; return 1; }
        sleep 0.02
    done
    wait_for "Claims —" "$KEY_WAIT" || { echo "pane lost after resize"; return 1; }
    keys q; check_restored 0
}

test_too_small() {
    start_ui 100 30 || return 1
    t resize-window -t app -x 50 -y 12
    wait_for "too small" "$KEY_WAIT" || { echo "no too-small message at 50x12"; screen; return 1; }
    keys 2
    t resize-window -t app -x 100 -y 30
    wait_for "Claims —" "$KEY_WAIT" || { echo "did not come back at 100x30"; return 1; }
    keys q; check_restored 0
}

# Mouse reports as the terminal sends them for TERM=tmux-256color (kmous=\E[M: X10 encoding,
# button+32, column+33, row+33).
mouse() {
    local button=$1 x=$2 y=$3
    keys -l "$(printf '\033[M%b%b%b' "\\$(printf '%03o' $((button + 32)))" "\\$(printf '%03o' $((x + 33)))" "\\$(printf '%03o' $((y + 33)))")"
}

test_mouse() {
    start_ui 120 30 || return 1
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "no \"Claims —\" on screen"; screen | tail -3; return 1; }
    local target; target=$(screen | sed -n 9p | sed 's/ *$//')
    mouse 0 20 8; mouse 3 20 8
    local deadline=$(( $(now_ms) + KEY_WAIT ))
    until [ "$(selected_row)" = "$target" ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "click on row 8 did not select it"; return 1; }
        sleep 0.02
    done
    local top; top=$(screen | sed -n 3p)
    mouse 65 20 8; mouse 65 20 8
    deadline=$(( $(now_ms) + KEY_WAIT ))
    while [ "$(screen | sed -n 3p)" = "$top" ]; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "the wheel did not scroll the list"; return 1; }
        sleep 0.02
    done
    keys q; check_restored 0
}

UKRAINIAN_ARTICLE='Генштаб ЗСУ: біля Покровська відбито 42 атаки

Генеральний штаб ЗСУ повідомив у вечірньому зведенні, що за минулу добу на Покровському напрямку сили оборони відбили 42 атаки російських військ.

乌克兰总统泽连斯基表示，乌军在哈尔科夫州收复了约6000平方公里领土。
'

# Cyrillic and wide CJK characters draw whole and in place even when the locale is plain C
# (the app falls back to C.UTF-8).
test_unicode_in_c_locale() {
    local folder="$WORK/unicode"
    rm -rf "$folder"; mkdir -p "$folder"
    printf '%s' "$UKRAINIAN_ARTICLE" > "$folder/pokrovsk.txt"
    start_app 100 30 "$folder" LANG=C LC_ALL=C || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    keys 3; wait_for "Reader —" "$KEY_WAIT" || { echo "no \"Reader —\" on screen"; screen | tail -3; return 1; }
    wait_for "Генштаб ЗСУ: біля Покровська відбито 42 атаки" "$KEY_WAIT" || { echo "Cyrillic garbled"; screen | head -5; return 1; }
    wait_for "乌克兰总统泽连斯基表示，乌军在哈尔科夫州收复了约6000平方公里领土。" "$KEY_WAIT" || { echo "CJK garbled"; screen | head -9; return 1; }
    local widest; widest=$(screen | LC_ALL=C.UTF-8 wc -L)
    [ "$widest" -le 100 ] || { echo "a line is $widest columns wide on a 100-column screen"; return 1; }
    keys q; check_restored 0
}

# A big folder: the dashboard is up at once, shows progress, answers keys while the rest loads.
test_big_folder() {
    local folder="$WORK/big" i f
    rm -rf "$folder"; mkdir -p "$folder"
    for i in $(seq 1 300); do for f in "$ROOT"/seeds/*; do cp "$f" "$folder/$(printf %03d "$i")_$(basename "$f")"; done; done
    rm -f "$WORK/trace"
    start_app 120 36 "$folder" "FRONTLINE_TRACE=$WORK/trace" || return 1
    wait_for "Fronts —" "$KEY_WAIT" || { echo "no dashboard while loading"; return 1; }
    wait_for "loading" "$KEY_WAIT" || { echo "no progress shown"; screen | tail -1; return 1; }
    local t0; t0=$(now_ms)
    keys 2
    wait_for "Claims —" "$KEY_WAIT" || { echo "keys not answered while loading"; return 1; }
    local answered=$(( $(now_ms) - t0 ))
    local still_loading=no
    screen | grep -q "loading" && still_loading=yes
    wait_for "1,200 articles" 60000 || { echo "the load did not finish"; screen | tail -1; return 1; }
    echo "key answered in ${answered} ms (polled) while loading: $still_loading; $(grep -E 'first-frame|loaded' "$WORK/trace" | tr '\n' ' ')"
    keys q; check_restored 0
}

# --- live refresh ----------------------------------------------------------------------------------

NEW_ARTICLE='Ukrainian forces repel assault near Huliaipole

Zaporizhzhia regional governor Ivan Fedorov said on Tuesday that Russian troops shelled Huliaipole 112 times over the past day.

"The enemy lost at least 40 soldiers near Huliaipole," the Ukrainian General Staff said in its evening report.
'

test_live_refresh() {
    local folder="$WORK/live"
    rm -rf "$folder"; mkdir -p "$folder"; cp "$ROOT"/seeds/* "$folder/"
    rm -f "$WORK/trace"
    start_app 120 36 "$folder" "FRONTLINE_TRACE=$WORK/trace" || return 1
    wait_loaded || { echo "no first frame"; return 1; }
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "no \"Claims —\" on screen"; screen | tail -3; return 1; }
    keys j j j; sleep 0.1
    local chosen; chosen=$(selected_row)
    [ -n "$chosen" ] || { echo "no selected row"; return 1; }

    local t0; t0=$(now_ms)
    printf '%s' "$NEW_ARTICLE" > "$folder/zz_huliaipole.txt"
    # The status line counts the new article; the list may show its claims below the fold.
    wait_re 'Huliaipole|\+1 article' "$KEY_WAIT" || { echo "the new article did not show"; screen | tail -3; return 1; }
    local shown_ms=$(( $(now_ms) - t0 ))
    [ "$shown_ms" -le "$WRITE_LIMIT" ] || { echo "the write took ${shown_ms} ms to show (limit $WRITE_LIMIT)"; return 1; }
    echo "write → screen: ${shown_ms} ms (polled), $(grep refresh-ms "$WORK/trace" | tail -1)"
    [ "$(selected_row)" = "$chosen" ] || { echo "selection moved: '$chosen' → '$(selected_row)'"; return 1; }

    keys / ; keys -l "Huliaipole"; keys Enter
    wait_re 'Claims — .* [1-9][0-9]* of [0-9]+' "$KEY_WAIT" || { echo "search does not find the new claims"; screen | head -4; return 1; }
    rm "$folder/zz_huliaipole.txt"
    wait_re 'Claims — .* 0 of [0-9]+' "$KEY_WAIT" || { echo "the deleted article's claims did not vanish"; screen | head -8; return 1; }
    keys Escape

    # A new subfolder with an article in it.
    mkdir "$folder/zaporizhzhia"
    printf '%s' "$NEW_ARTICLE" > "$folder/zaporizhzhia/huliaipole.md"
    keys / ; keys -l "Huliaipole"; keys Enter
    wait_re 'Claims — .* [1-9][0-9]* of [0-9]+' "$KEY_WAIT" || { echo "an article in a new subfolder did not show"; screen | head -4; return 1; }
    keys Escape q; check_restored 0
}

test_live_burst() {
    local folder="$WORK/burst"
    rm -rf "$folder" "$WORK/more"; mkdir -p "$folder" "$WORK/more"; cp "$ROOT"/seeds/* "$folder/"
    local i f
    for i in $(seq 1 10); do for f in "$ROOT"/seeds/*; do cp "$f" "$WORK/more/${i}_$(basename "$f")"; done; done
    rm -f "$WORK/trace"
    start_app 120 36 "$folder" "FRONTLINE_TRACE=$WORK/trace" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    cp "$WORK"/more/* "$folder/"
    wait_for "44 articles" 5000 || { echo "the burst of 40 files did not all show"; screen | tail -1; return 1; }
    local refreshes; refreshes=$(grep -c refresh-ms "$WORK/trace")
    [ "$refreshes" -le 5 ] || { echo "40 files took $refreshes refreshes: bursts are not coalesced"; return 1; }
    echo "40 files → $refreshes refresh(es)"
    keys q; check_restored 0
}

test_folder_deleted() {
    local folder="$WORK/doomed"
    rm -rf "$folder"; mkdir -p "$folder"; cp "$ROOT"/seeds/* "$folder/"
    rm -f "$WORK/trace"
    start_app 120 36 "$folder" "FRONTLINE_TRACE=$WORK/trace" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    mv "$folder" "$folder-renamed"
    wait_for "renamed" "$KEY_WAIT" || { echo "no status message when the folder went"; screen | tail -2; return 1; }
    rm -rf "$folder-renamed"
    keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "keys stopped working"; return 1; }
    keys q; check_restored 0
}

# --- review marks and config -----------------------------------------------------------------------

# The claims pane of a second dashboard in the same tmux server.
other_screen() { t capture-pane -p -t other 2>/dev/null; }

test_review_marks() {
    local db="$WORK/review-$RANDOM.sqlite"
    rm -f "$WORK/trace"
    start_app 120 30 "$ROOT/seeds --db $db" "FRONTLINE_TRACE=$WORK/trace" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    keys 2 j a
    wait_for "saved" "$KEY_WAIT" || { echo "no 'saved' after marking"; screen | tail -1; return 1; }
    screen | grep -q "^✓" || { echo "the mark does not show in the list"; return 1; }

    # A second dashboard on the same database sees the mark, and the first sees the second's.
    t new-window -d -n other -t app "env LANG=C.UTF-8 TERM=tmux-256color $BIN $ROOT/seeds --db $db; sleep 600"
    local deadline=$(( $(now_ms) + 5000 ))
    until other_screen | tail -1 | grep -qE ' [1-9][0-9,]* articles'; do
        [ "$(now_ms)" -gt "$deadline" ] && { echo "second dashboard did not start"; return 1; }
        sleep 0.02
    done
    t send-keys -t other 2 j j j D
    local t0; t0=$(now_ms)
    wait_re "^✗" "$KEY_WAIT" || { echo "the other process's mark did not reach the first"; return 1; }
    echo "other process's mark shown after $(( $(now_ms) - t0 )) ms"
    t send-keys -t other q
    keys q; check_restored 0 || return 1

    # Marks outlive the process.
    start_app 120 30 "$ROOT/seeds --db $db" || return 1
    keys 2
    wait_re "^✓" 5000 && wait_re "^✗" 1000 || { echo "marks not loaded at the next start"; return 1; }
    keys q; check_restored 0
}

test_review_unusable_db() {
    local db="$WORK/broken-$RANDOM.sqlite"
    printf 'this is not a SQLite database, just a text file that someone saved here\n%.0s' {1..200} > "$db"
    start_app 120 30 "$ROOT/seeds --db $db" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    wait_for "read-only" "$KEY_WAIT" || { echo "no read-only message"; screen | tail -2; return 1; }
    keys 2 j a
    wait_re "cannot save|read-only" "$KEY_WAIT" || { echo "no message when saving is impossible"; return 1; }
    keys q; check_restored 0
}

test_config_errors() {
    mkdir -p "$WORK/cfg"
    printf '[colors]\nnumber = "ultraviolet"\n' > "$WORK/cfg/bad.toml"
    start_app 120 30 "$ROOT/seeds --config $WORK/cfg/bad.toml" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    wait_for "line 2" "$KEY_WAIT" || { echo "config error not on the status line"; screen | tail -1; return 1; }
    keys q; check_restored 0
}

test_no_color() {
    start_app 100 30 "$ROOT/seeds" NO_COLOR=1 || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    if t capture-pane -p -e -t app | grep -qE $'\x1b\\[[0-9;]*(3[0-7]|9[0-7]|38;5;[0-9]+)m'; then
        echo "colours drawn although NO_COLOR is set"; return 1
    fi
    keys q; check_restored 0
}

# Article text that tries to drive the terminal: OSC 52 (clipboard), OSC 0/2 (title), screen clears,
# cursor moves, C1 controls, bidirectional overrides and zero-width characters. The pane's title and
# tmux's paste buffers (which OSC 52 fills when set-clipboard is on) must stay as they were.
test_hostile_text() {
    local folder="$WORK/hostile"
    rm -rf "$folder"; mkdir -p "$folder"
    printf 'Hostile headline about Kharkiv\n\nRussian troops left Izium\033]52;c;cHduZWQ=\007 and\033]2;PWNED-TITLE\007 moved\033[2J\033[H east, the General Staff said.\n\nUkraine\302\233 says 40 tanks\342\200\256 were lost near\342\200\213 Kupiansk\033]0;PWNED-AGAIN\033\\ last week.\n' > "$folder/hostile.txt"
    start_app 120 30 "$folder" || return 1
    t set-option -t app set-clipboard on >/dev/null 2>&1
    t set-option -g allow-rename on >/dev/null 2>&1
    local before; before=$(t display -p -t app '#{pane_title}')
    wait_loaded || { echo "the dashboard did not finish loading"; screen | tail -2; return 1; }
    keys 3
    wait_for "Izium" "$KEY_WAIT" || { echo "the article is not shown"; screen | head; return 1; }
    keys 2
    wait_for "Kupiansk" "$KEY_WAIT" || { echo "the claims are not shown"; return 1; }
    local after; after=$(t display -p -t app '#{pane_title}')
    [ "$after" = "$before" ] || { echo "pane title changed: '$before' -> '$after'"; return 1; }
    [ -z "$(t list-buffers 2>/dev/null)" ] || { echo "a paste buffer was set: $(t list-buffers)"; return 1; }
    if screen | grep -q $'\u202e\|\u200b'; then echo "bidi override or zero-width character drawn raw"; return 1; fi
    screen | grep -q "PWNED" && echo "  (the title text shows as plain text, neutralised)"
    keys q; check_restored 0
}

# A storm of window-size changes while a big folder loads: the screen keeps up and the terminal comes back.
test_winch_storm() {
    local folder="$WORK/storm" i f
    rm -rf "$folder"; mkdir -p "$folder"
    for i in $(seq 1 150); do for f in "$ROOT"/seeds/*; do cp "$f" "$folder/$(printf %03d "$i")_$(basename "$f")"; done; done
    start_app 120 36 "$folder" || return 1
    wait_for "Fronts —" "$KEY_WAIT" || { echo "no dashboard while loading"; return 1; }
    for i in $(seq 1 40); do
        t resize-window -t app -x $((70 + (i * 13) % 90)) -y $((16 + (i * 7) % 30))
    done
    t resize-window -t app -x 100 -y 30
    wait_for "600 articles" 60000 || { echo "the load did not finish"; screen | tail -1; return 1; }
    keys 2
    wait_for "Claims —" "$KEY_WAIT" || { echo "keys not answered after the storm"; return 1; }
    [ "$(t display -p -t app '#{window_width}')" = 100 ] || { echo "window not resized"; return 1; }
    keys q; check_restored 0
}

# A terminal smaller than any useful screen: a clear message, a non-zero exit, no escape codes.
test_refuse_tiny_terminal() {
    new_server
    rm -f "$WORK/raw"
    t -u new-session -d -x 10 -y 5 -s app "read _; LANG=C.UTF-8 TERM=tmux-256color $BIN $ROOT/seeds; echo EXIT:\$? > $WORK/tiny-exit; exec sleep 600"
    t pipe-pane -t app -o "cat >> $WORK/raw"
    keys Enter
    wait_file "$WORK/tiny-exit" 5000 || { echo "did not exit"; return 1; }
    grep -q "^EXIT:[1-9]" "$WORK/tiny-exit" || { echo "exit code 0"; return 1; }
    grep -q "too small" "$WORK/raw" || { echo "no message saying the terminal is too small"; return 1; }
    ! has_escape "$WORK/raw" || { echo "escape bytes written"; return 1; }
}

# --- hostile use (issue 17) ------------------------------------------------------------------------

# Messages on stderr quote the folder argument, a front's name, an unknown option: none of their
# escapes may reach the terminal.
test_stderr_neutralised() {
    local evil=$'\033]2;PWNED\007\033[31m'
    "$BIN" export "$WORK/no-folder$evil" >/dev/null 2>"$WORK/err1"
    [ $? -ne 0 ] || { echo "export of a missing folder exited 0"; return 1; }
    grep -q "no such folder" "$WORK/err1" || { echo "no message for the missing folder"; return 1; }
    ! has_escape "$WORK/err1" || { echo "escape bytes from the folder argument on stderr"; return 1; }
    mkdir -p "$WORK/evil-fronts"
    printf '[{"name": "Evil\\u001b]2;PWNED\\u0007", "regions": ["x"], "latitude": 1, "longitude": 2, "radiusKm": -3}]' > "$WORK/evil-fronts/fronts.json"
    "$BIN" export --fronts "$WORK/evil-fronts/fronts.json" "$ROOT/seeds" >/dev/null 2>"$WORK/err2"
    grep -q "Evil" "$WORK/err2" || { echo "no message naming the bad front"; cat "$WORK/err2"; return 1; }
    ! has_escape "$WORK/err2" || { echo "escape bytes from a front's name on stderr"; return 1; }
    "$BIN" export "--bogus$evil" >/dev/null 2>"$WORK/err3"
    [ -s "$WORK/err3" ] || { echo "no message for an unknown option"; return 1; }
    ! has_escape "$WORK/err3" || { echo "escape bytes from an unknown option on stderr"; return 1; }
    # The dashboard's refusal, seen by a terminal.
    run_recorded "$BIN '$WORK/gone$evil'" || { echo "did not exit"; return 1; }
    screen | grep -q "no such folder" || { echo "no message from the dashboard"; return 1; }
    ! has_escape "$WORK/raw" || { echo "escape bytes reached the terminal"; return 1; }
}

# A review database that is not a regular file, not a database, damaged or another program's: the
# export says so on stderr and exits non-zero unless --ignore-db-errors; a pipe never blocks it.
make_review_db() {
    # A real review database with marks, made by the dashboard's own store (through a save in tmux
    # would be slow): sqlite3 is not needed, the export reads what the dashboard wrote.
    local db=$1
    start_app 120 30 "$ROOT/seeds --db $db" || return 1
    wait_loaded || return 1
    keys 2 j a; wait_for "saved" "$KEY_WAIT" || return 1
    keys j D; wait_re "^✗" "$KEY_WAIT" || return 1
    keys q; check_restored 0
}

test_export_unusable_db() {
    local d="$WORK/baddb"
    rm -rf "$d"; mkdir -p "$d/folder"
    mkfifo "$d/fifo"
    head -c 8192 /dev/urandom > "$d/garbage.sqlite"
    make_review_db "$d/good.sqlite" || { echo "could not make a review database"; return 1; }
    local size; size=$(stat -c %s "$d/good.sqlite")
    head -c $((size / 2)) "$d/good.sqlite" > "$d/truncated.sqlite"
    # Another program's database: a valid SQLite file (the good one with frontline's tables renamed away).
    python3 - "$d/good.sqlite" "$d/foreign.sqlite" <<'PY'
import shutil, sqlite3, sys
shutil.copy(sys.argv[1], sys.argv[2])
c = sqlite3.connect(sys.argv[2])
for t in ["mark", "change", "grdb_migrations"]: c.execute(f'ALTER TABLE "{t}" RENAME TO "other_{t}"')
c.commit()
PY
    local good_marks; good_marks=$("$BIN" export --db "$d/good.sqlite" "$ROOT/seeds" 2>/dev/null | grep -c '"review":')
    [ "$good_marks" -eq 2 ] || { echo "the sound database exported $good_marks marks, expected 2"; return 1; }
    local db code
    for db in "$d/fifo" "$d/folder" /dev/zero "$d/garbage.sqlite" "$d/truncated.sqlite" "$d/foreign.sqlite"; do
        timeout 20 "$BIN" export --db "$db" "$ROOT/seeds" >"$WORK/out" 2>"$WORK/err"
        code=$?
        [ "$code" -ne 124 ] || { echo "export hung on $db"; return 1; }
        [ "$code" -ne 0 ] || { echo "exit code 0 for $db"; return 1; }
        grep -q "review marks cannot be exported" "$WORK/err" || { echo "no message for $db: $(cat "$WORK/err")"; return 1; }
        [ ! -s "$WORK/out" ] || { echo "an export without its marks was written for $db"; return 1; }
        timeout 20 "$BIN" export --ignore-db-errors --db "$db" "$ROOT/seeds" >"$WORK/out" 2>"$WORK/err"
        code=$?
        [ "$code" -eq 0 ] || { echo "exit code $code with --ignore-db-errors for $db"; return 1; }
        grep -q '"claims"' "$WORK/out" || { echo "no export with --ignore-db-errors for $db"; return 1; }
        grep -q "warning" "$WORK/err" || { echo "no warning with --ignore-db-errors for $db"; return 1; }
    done
    echo "fifo, folder, /dev/zero, garbage, truncated, foreign: refused (exit 3), exported with --ignore-db-errors"
}

# The dashboard with a pipe as --db starts at once, says the marks cannot be saved, and quits cleanly;
# with another program's database it warns at open, before any save.
test_dashboard_unusable_db() {
    local d="$WORK/baddb2"
    rm -rf "$d"; mkdir -p "$d"; mkfifo "$d/fifo"
    start_app 120 30 "$ROOT/seeds --db $d/fifo" || return 1
    wait_loaded || { echo "the dashboard did not start with a pipe as --db"; screen | tail -2; return 1; }
    wait_for "read-only" "$KEY_WAIT" || { echo "no read-only message"; screen | tail -2; return 1; }
    keys q; check_restored 0 || return 1
    python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table users(id int)"); c.commit()' "$d/foreign.sqlite"
    start_app 140 30 "$ROOT/seeds --db $d/foreign.sqlite" || return 1
    wait_loaded || { echo "the dashboard did not start"; return 1; }
    wait_for "wrong schema" "$KEY_WAIT" || { echo "no wrong-schema warning at open"; screen | tail -2; return 1; }
    keys q; check_restored 0
}

# Every signal whose default would end the process: those that mean "stop" (Ctrl-\, SIGQUIT, SIGXCPU)
# end it with the terminal given back, the faults (SIGSYS) restore it and die of the signal, the rest
# are ignored and the dashboard carries on. `stty -a` is checked after each (check_restored).
test_signals_restore_or_ignore() {
    local sig code
    start_ui || return 1
    keys 'C-\'
    check_restored 131 || { echo "  after Ctrl-\\"; return 1; }
    if grep -qiE "backtrace|crashed" "$WORK/stderr" 2>/dev/null || screen | grep -qiE "backtrace|crashed"; then
        echo "the runtime's backtrace prompt was printed"; return 1
    fi
    for sig in QUIT:131 XCPU:152 SYS:159; do
        start_ui || return 1
        kill -"${sig%%:*}" "$(app_pid)"
        check_restored "${sig##*:}" || { echo "  after SIG${sig%%:*}"; return 1; }
        screen | grep -qiE "backtrace|crashed" && { echo "a backtrace prompt after SIG${sig%%:*}"; return 1; }
    done
    start_ui || return 1
    for sig in USR1 USR2 ALRM PIPE VTALRM PROF XFSZ; do
        kill -"$sig" "$(app_pid)"
        keys 2; wait_for "Claims —" "$KEY_WAIT" || { echo "the dashboard did not survive SIG$sig"; screen | tail -3; return 1; }
        keys 1; wait_for "Fronts —" "$KEY_WAIT" || { echo "the dashboard did not survive SIG$sig"; return 1; }
        [ "$(pane_modes)" != "0 1 0 0" ] || { echo "the screen was given up after SIG$sig"; return 1; }
    done
    keys q; check_restored 0
}

# Ids come from the path in the folder: two files of one name in two subfolders have their own claims,
# and a mark on one does not mark the other. A mark saved when the file sat at the top (or when ids
# came from the file name alone) follows it into a subfolder.
claim_ids() { python3 -c 'import json,sys; d=json.load(sys.stdin); ids=[c["id"] for c in d["claims"]]; print(len(ids), len(set(ids)), sum(1 for c in d["claims"] if "review" in c))'; }

test_claim_ids_by_path() {
    local folder="$WORK/ids" db="$WORK/ids-$RANDOM.sqlite" seed
    seed=$(ls "$ROOT"/seeds/*.txt | head -1)
    rm -rf "$folder"; mkdir -p "$folder/reuters" "$folder/ap"
    cp "$seed" "$folder/reuters/kharkiv.txt"; cp "$seed" "$folder/ap/kharkiv.txt"
    local counts; counts=$("$BIN" export "$folder" --db "$db" 2>/dev/null | claim_ids)
    set -- $counts
    [ "$1" -gt 0 ] && [ "$1" = "$2" ] || { echo "claim ids collide: $1 claims, $2 ids"; return 1; }
    start_app 120 30 "$folder --db $db" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; return 1; }
    keys 2 a; wait_for "saved" "$KEY_WAIT" || { echo "no 'saved' after marking"; return 1; }
    keys q; check_restored 0 || return 1
    counts=$("$BIN" export "$folder" --db "$db" 2>/dev/null | claim_ids); set -- $counts
    [ "$3" = 1 ] || { echo "a mark on one claim shows on $3 claims"; return 1; }

    # A mark made on a file at the top, then the file moved into a subfolder.
    local flat="$WORK/flat" db2="$WORK/flat-$RANDOM.sqlite"
    rm -rf "$flat"; mkdir -p "$flat"; cp "$seed" "$flat/kharkiv.txt"
    start_app 120 30 "$flat --db $db2" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; return 1; }
    keys 2 a; wait_for "saved" "$KEY_WAIT" || { echo "no 'saved' after marking"; return 1; }
    keys q; check_restored 0 || return 1
    counts=$("$BIN" export "$flat" --db "$db2" 2>/dev/null | claim_ids); set -- $counts
    [ "$3" = 1 ] || { echo "the mark on the top-level file does not export"; return 1; }
    mkdir -p "$flat/2024"; mv "$flat/kharkiv.txt" "$flat/2024/kharkiv.txt"
    counts=$("$BIN" export "$flat" --db "$db2" 2>/dev/null | claim_ids); set -- $counts
    [ "$3" = 1 ] || { echo "the export lost the mark when the file moved into a subfolder"; return 1; }
    start_app 120 30 "$flat --db $db2" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; return 1; }
    keys 2; wait_re "^✓" "$KEY_WAIT" || { echo "the dashboard lost the mark when the file moved"; screen | head -5; return 1; }
    keys q; check_restored 0 || return 1
    # The dashboard moved it in the database: the claim's id is now the new one.
    python3 -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute("select claimID from mark").fetchall(); sys.exit(0 if len(r)==1 and r[0][0].startswith("2024/kharkiv#") else 1)' "$db2" ||
        { echo "the mark was not moved to the new id in the database"; return 1; }
}

# An interactive shell in a fresh session, for job-control tests.
start_shell() {
    new_server
    rm -f "$WORK/pid"
    t -u new-session -d -x 100 -y 30 -s app "env TERM=tmux-256color HISTFILE=/dev/null PS1='shell> ' bash --norc --noprofile -i"
    wait_re "^shell> ?$" 5000 || { echo "no shell prompt"; screen; return 1; }
}

wait_state() {
    local pid=$1 want=$2 deadline=$(( $(now_ms) + ${3:-$KEY_WAIT} ))
    until [ "$(proc_state "$pid")" = "$want" ]; do
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.02
    done
}

wait_dead() {
    local pid=$1 deadline=$(( $(now_ms) + ${2:-$KEY_WAIT} ))
    while [ -e "/proc/$pid" ] && [ "$(proc_state "$pid")" != Z ]; do
        [ "$(now_ms)" -gt "$deadline" ] && return 1
        sleep 0.02
    done
}

# Started with `&`: it waits stopped, the terminal untouched, until `fg`; `kill %1` ends it, and so does
# a kill after Ctrl-Z and `bg`. `stty -a` in the shell is checked after each.
test_background_start() {
    start_shell || return 1
    keys -l "sh -c 'echo \$\$ > $WORK/pid; exec $BIN $ROOT/seeds' &"; keys Enter
    wait_file "$WORK/pid" 5000 || { echo "the app did not start"; return 1; }
    local pid; pid=$(app_pid)
    wait_state "$pid" T || { echo "started in the background, it is not stopped (state $(proc_state "$pid"))"; return 1; }
    [ "$(pane_modes)" = "0 1 0 0" ] || { echo "the background job took the screen: $(pane_modes)"; return 1; }
    shell_tty_sane || return 1
    keys -l "kill %1"; keys Enter
    wait_dead "$pid" || { echo "kill %1 did not end it (state $(proc_state "$pid"))"; kill -9 "$pid"; return 1; }
    shell_tty_sane || return 1

    # & then fg: the dashboard comes up and quits cleanly.
    rm -f "$WORK/pid"
    keys -l "sh -c 'echo \$\$ > $WORK/pid; exec $BIN $ROOT/seeds' &"; keys Enter
    wait_file "$WORK/pid" 5000 || { echo "the app did not start"; return 1; }
    pid=$(app_pid)
    wait_state "$pid" T || { echo "not stopped in the background"; return 1; }
    keys -l "fg"; keys Enter
    wait_loaded || { echo "fg did not bring the dashboard up"; screen | tail -3; return 1; }

    # Ctrl-Z, bg: it stops again rather than fight for the terminal, and a kill ends it.
    keys C-z
    wait_re '^shell> ?$' "$KEY_WAIT" || { echo "no prompt after Ctrl-Z"; return 1; }
    keys -l "bg"; keys Enter
    # bash says "[1]+ … &" once it has continued the job.
    wait_re '^\[1\]\+ sh -c' "$KEY_WAIT" || { echo "bg did not answer"; screen | tail -3; return 1; }
    wait_state "$pid" T || { echo "after bg it runs in the background (state $(proc_state "$pid"))"; return 1; }
    [ "$(pane_modes)" = "0 1 0 0" ] || { echo "after bg the screen was taken: $(pane_modes)"; return 1; }
    shell_tty_sane || return 1
    keys -l "kill %1"; keys Enter
    wait_dead "$pid" || { echo "kill %1 after bg did not end it (state $(proc_state "$pid"))"; kill -9 "$pid"; return 1; }
    shell_tty_sane
}

# Ctrl-Z pressed right after Esc (within the escape delay, as separate keys): the suspend is never
# dropped, ten times over, with the shell's tty modes back each time.
test_ctrl_z_after_esc() {
    start_shell || return 1
    keys -l "sh -c 'echo \$\$ > $WORK/pid; exec $BIN $ROOT/seeds'"; keys Enter
    wait_file "$WORK/pid" 5000 || { echo "the app did not start"; return 1; }
    local pid i; pid=$(app_pid)
    wait_loaded || { echo "the dashboard did not finish loading"; return 1; }
    for i in $(seq 1 10); do
        keys Escape; keys C-z
        wait_state "$pid" T || { echo "round $i: Ctrl-Z after Esc was dropped (state $(proc_state "$pid"))"; return 1; }
        wait_re '^shell> ?$' "$KEY_WAIT" || { echo "round $i: no prompt"; return 1; }
        shell_tty_sane || return 1
        keys -l "fg"; keys Enter
        wait_re "Fronts —|Claims —" "$KEY_WAIT" || { echo "round $i: fg did not bring it back"; return 1; }
        [ "$(proc_state "$pid")" != T ] || { echo "round $i: still stopped after fg"; return 1; }
    done
    keys q
    wait_re '^shell> ?$' "$KEY_WAIT" || { echo "no prompt after q"; return 1; }
    shell_tty_sane
}

# Pasting text with ESC in it: into the note editor it is text (the ESC left out), never commands;
# outside a prompt it does nothing. tmux's paste-buffer -p brackets it as a terminal does, and only
# when the app asked for bracketed paste (so without it the ESC would cancel the editor and q quit).
test_bracketed_paste() {
    local db="$WORK/paste-$RANDOM.sqlite"
    start_app 120 30 "$ROOT/seeds --db $db" || return 1
    wait_loaded || { echo "the dashboard did not finish loading"; return 1; }
    keys 2; wait_for "Claims —" "$KEY_WAIT" || return 1
    keys A; wait_for "Note:" "$KEY_WAIT" || { echo "no note editor"; return 1; }
    t set-buffer -b evil -- "$(printf 'seen in\033 two\nsources\033qD\033[A end')"
    t paste-buffer -p -d -b evil -t app
    wait_for "end" "$KEY_WAIT" || { echo "the pasted text did not reach the editor"; screen | tail -2; return 1; }
    keys Enter; wait_for "saved" "$KEY_WAIT" || { echo "the note was not saved"; screen | tail -2; return 1; }
    # Outside a prompt a paste is not keys either: "q" must not quit, "D" must not mark.
    t set-buffer -b evil2 -- "$(printf 'q\033D')"
    t paste-buffer -p -d -b evil2 -t app
    keys 1; wait_for "Fronts —" "$KEY_WAIT" || { echo "the dashboard did not survive a paste outside the editor"; return 1; }
    keys q; check_restored 0 || return 1
    local notes; notes=$("$BIN" export --db "$db" "$ROOT/seeds" 2>/dev/null |
        python3 -c 'import json,sys; print("|".join(c["review"].get("note") or "" for c in json.load(sys.stdin)["claims"] if "review" in c))')
    [ "$notes" = "seen in two sourcesqD[A end" ] || { echo "note saved as '$notes'"; return 1; }
}

# --- run -------------------------------------------------------------------------------------------

ALL_TESTS=(
    refuse_not_a_tty refuse_stdin_not_a_tty refuse_stdout_not_a_tty refuse_term_dumb refuse_term_unset refuse_term_unknown refuse_missing_folder
    refuse_tiny_terminal
    quit_q quit_ctrl_c quit_sigterm quit_sighup quit_crash
    suspend_resume ctrl_z_without_job_control
    navigate_panes navigate_claims search reader compare help resize too_small mouse
    unicode_in_c_locale hostile_text big_folder winch_storm
    live_refresh live_burst folder_deleted
    review_marks review_unusable_db config_errors no_color
    stderr_neutralised export_unusable_db dashboard_unusable_db signals_restore_or_ignore
    claim_ids_by_path background_start ctrl_z_after_esc bracketed_paste
)
for name in "${ALL_TESTS[@]}"; do run_test "$name"; done
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
