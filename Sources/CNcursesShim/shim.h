#ifndef FRONTLINE_NCURSES_SHIM_H
#define FRONTLINE_NCURSES_SHIM_H
// Wide-character ncurses needs these before the header, or wget_wch and friends are missing.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <sys/signalfd.h>
#include <sys/inotify.h>
#include <signal.h>

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
static inline void fl_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

#endif
