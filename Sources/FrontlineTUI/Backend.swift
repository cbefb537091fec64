import CNcursesShim
import Glibc

/// How one cell style looks on this terminal: attributes and a colour pair (0 = terminal default).
struct CellLook {
    var attrs: attr_t
    var pair: Int32
}

/// The theme's appearances turned into curses attributes and colour pairs, made as styles are met.
struct Palette {
    private(set) var theme: Theme
    let colors: Int
    private var looks: [Style: CellLook] = [:]
    private var pairs: [PairKey: Int32] = [:]
    private let maxPairs: Int

    private struct PairKey: Hashable { var fg: Int32; var bg: Int32 }

    /// `colors` is 0 when drawing without colour (NO_COLOR or a monochrome terminal).
    init(theme: Theme, colors: Int) {
        self.theme = theme
        self.colors = colors
        maxPairs = min(Int(fl_color_pairs()), 32767)
    }

    mutating func setTheme(_ theme: Theme) {
        guard theme != self.theme else { return }
        self.theme = theme
        looks = [:]
    }

    mutating func look(_ style: Style) -> CellLook {
        if let known = looks[style] { return known }
        let a = theme.appearance(for: style)
        var attrs = fl_a_normal()
        if a.bold { attrs |= fl_a_bold() }
        if a.dim { attrs |= fl_a_dim() }
        if a.reverse { attrs |= fl_a_reverse() }
        if a.underline { attrs |= fl_a_underline() }
        var pair: Int32 = 0
        if colors > 0, theme.usesColor {
            let key = PairKey(fg: Self.number(a.foreground, colors: colors), bg: Self.number(a.background, colors: colors))
            if key.fg != -1 || key.bg != -1 {
                if let known = pairs[key] {
                    pair = known
                } else if pairs.count + 1 < maxPairs {
                    pair = Int32(pairs.count + 1)
                    init_pair(Int16(pair), Int16(key.fg), Int16(key.bg))
                    pairs[key] = pair
                }
            }
        }
        let look = CellLook(attrs: attrs, pair: pair)
        looks[style] = look
        return look
    }

    /// The curses colour number for a theme colour on a terminal with `colors` colours (-1: default).
    static func number(_ spec: ColorSpec, colors: Int) -> Int32 {
        switch spec {
        case .default: return -1
        case .ansi(let i, let bright): return Int32(bright && colors >= 16 ? i + 8 : i)
        case .rgb(let r, let g, let b):
            if colors >= 256 {
                // The 6×6×6 cube of the 256-colour palette.
                func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
                return Int32(16 + 36 * level(r) + 6 * level(g) + level(b))
            }
            // Nearest of the eight: each channel on or off.
            return Int32((r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0))
        }
    }
}

/// The ncurses screen: started with newterm, drawn from CellGrids, closed with endwin on every path.
final class CursesScreen {
    private let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    private(set) var palette: Palette
    private var previous: CellGrid?
    private var wideBuffer = [wchar_t](repeating: 0, count: 8)
    private(set) var isOpen = true

    /// nil when the terminal cannot be started; nothing is written in that case.
    /// Colours are used when the terminal has them and `noColor` (NO_COLOR) is false.
    init?(noColor: Bool) {
        guard let screen = newterm(nil, fl_stdout(), fl_stdin()) else { return nil }
        self.screen = screen
        set_term(screen)
        window = fl_stdscr()
        set_escdelay(25)
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        curs_set(0)
        mouseinterval(0)
        mousemask(fl_button1_pressed() | fl_button4_pressed() | fl_button5_pressed(), nil)
        var colors = 0
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            colors = Int(fl_colors())
        }
        palette = Palette(theme: colors > 0 ? .standard : .monochrome, colors: colors)
        // Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~, which ncurses then
        // reports as two key codes of frontline's own, so a pasted ESC cannot start commands.
        define_key("\u{1B}[200~", Self.pasteStartCode)
        define_key("\u{1B}[201~", Self.pasteEndCode)
        Self.writeToTerminal(Self.pasteOn)
    }

    /// Key codes above ncurses' own (KEY_MAX is 0777) for the two ends of a bracketed paste.
    static let pasteStartCode: Int32 = 0o1001
    static let pasteEndCode: Int32 = 0o1002
    static let pasteOn = "\u{1B}[?2004h"
    static let pasteOff = "\u{1B}[?2004l"

    /// Straight to the terminal, after whatever ncurses has buffered.
    static func writeToTerminal(_ text: String) {
        fflush(fl_stdout())
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
    }

    /// False on monochrome terminals and under NO_COLOR: the state must then pick an attribute-only theme.
    var usesColor: Bool { palette.colors > 0 }

    /// A new theme repaints everything on the next flush.
    func setTheme(_ theme: Theme) {
        guard theme != palette.theme else { return }
        palette.setTheme(theme)
        previous = nil
    }

    var size: (width: Int, height: Int) {
        var h: Int32 = 0, w: Int32 = 0
        fl_getmaxyx(window, &h, &w)
        return (Int(w), Int(h))
    }

    /// Asks the kernel for the size and tells ncurses (SIGWINCH arrives on the signalfd, not as a handler).
    func syncSizeWithTerminal() {
        var rows: Int32 = 0, cols: Int32 = 0
        if fl_winsize(STDOUT_FILENO, &rows, &cols) == 0 {
            let now = size
            if Int(rows) != now.height || Int(cols) != now.width { resize_term(rows, cols) }
        }
        previous = nil
    }

    /// Draws only the cells that differ from the last frame, then updates the terminal.
    func flush(_ grid: CellGrid) {
        let (width, height) = size
        let full = previous == nil || previous!.width != grid.width || previous!.height != grid.height
        if full {
            werase(window)
            // Repaint everything: the terminal may hold anything after a resize.
            clearok(window, true)
        }
        let cols = min(width, grid.width), rows = min(height, grid.height)
        for y in 0..<rows {
            for x in 0..<cols {
                let cell = grid.cells[y * grid.width + x]
                if !full, let prev = previous, prev.cells[y * prev.width + x] == cell { continue }
                // The right half of a wide character: drawn with its left half.
                if cell.text.isEmpty { continue }
                draw(cell, x: Int32(x), y: Int32(y))
            }
        }
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    private func draw(_ cell: Cell, x: Int32, y: Int32) {
        var n = 0
        for scalar in cell.text.unicodeScalars {
            if n == 4 { break }
            wideBuffer[n] = wchar_t(bitPattern: scalar.value)
            n += 1
        }
        wideBuffer[n] = 0
        let look = palette.look(cell.style)
        wideBuffer.withUnsafeBufferPointer { buf in
            _ = fl_put_cell(window, y, x, buf.baseAddress, look.attrs, look.pair)
        }
    }

    /// Forces a full repaint on the next flush (after a resize or a redraw request).
    func invalidate() { previous = nil }

    /// Gives the terminal back for a job-control stop: tty modes, cursor, main screen, no mouse
    /// reports. The next flush takes it again (doupdate after endwin does).
    func suspend() {
        endwin()
        Self.writeToTerminal(Self.pasteOff)
    }

    /// After a stop the shell may have reset the tty modes and drawn over the screen: take the
    /// modes back and repaint everything.
    func resume() {
        if !isendwin() { reset_prog_mode() }
        Self.writeToTerminal(Self.pasteOn)
        // endwin switched keypad transmit off and only the next read would switch it on: too late
        // for an arrow key that is that read.
        keypad(window, true)
        previous = nil
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        mousemask(0, nil)
        curs_set(1)
        endwin()
        Self.writeToTerminal(Self.pasteOff)
        delscreen(screen)
    }
}
