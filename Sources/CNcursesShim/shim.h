#ifndef FRONTLINE_NCURSES_SHIM_H
#define FRONTLINE_NCURSES_SHIM_H
// Wide-character ncurses needs these before the header, or wget_wch and friends are missing.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <sys/signalfd.h>
#include <sys/inotify.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

// Swift 6 rejects C globals and function-like macros: expose them as functions.
static inline WINDOW *fl_stdscr(void) { return stdscr; }
static inline int fl_lines(void) { return LINES; }
static inline int fl_cols(void) { return COLS; }
static inline FILE *fl_stdin(void) { return stdin; }
static inline FILE *fl_stdout(void) { return stdout; }
static inline attr_t fl_a_normal(void) { return A_NORMAL; }
static inline attr_t fl_a_bold(void) { return A_BOLD; }
static inline attr_t fl_a_dim(void) { return A_DIM; }
static inline attr_t fl_a_reverse(void) { return A_REVERSE; }
static inline attr_t fl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t fl_a_italic(void) { return A_ITALIC; }
static inline int fl_color_pair(int n) { return COLOR_PAIR(n); }
static inline int fl_colors(void) { return COLORS; }
static inline int fl_color_pairs(void) { return COLOR_PAIRS; }
static inline void fl_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

// Mouse masks are macros built from shifts; Swift does not import them.
static inline mmask_t fl_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t fl_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t fl_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t fl_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t fl_button5_pressed(void) { return BUTTON5_PRESSED; }

/// 1 when the current terminal description has the string capability, 0 when not.
static inline int fl_has_string_cap(const char *name) {
    char *value = tigetstr(name);
    return value != NULL && value != (char *)-1 && value[0] != '\0';
}
/// The capability's string, or NULL.
static inline const char *fl_string_cap(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}
static inline void fl_del_curterm(void) { if (cur_term) { del_curterm(cur_term); cur_term = NULL; } }

static inline int fl_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/// The terminal's size from the kernel (ioctl is variadic, so Swift cannot call it).
static inline int fl_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

/// Draws one cell: a grapheme (up to CCHARW_MAX - 1 code points) with attributes and a colour pair.
static inline int fl_put_cell(WINDOW *w, int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cc;
    if (setcchar(&cc, text, attrs, (short)pair, NULL) != OK) return ERR;
    return mvwadd_wch(w, y, x, &cc);
}
// The window size the terminal reports, without writing to it; -1 when it reports none.
static inline int fl_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

#endif
