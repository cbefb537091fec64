import CNcursesShim
import Glibc

/// How one colour role looks on this terminal: attributes and a colour pair (0 = terminal default).
struct RoleLook {
    var attrs: attr_t
    var pair: Int32
}

/// Role → look for the running terminal, built once the screen has started.
struct Palette {
    private var looks: [ColorRole: RoleLook] = [:]
    let usesColor: Bool

    /// Colours when the terminal has them and NO_COLOR is unset; otherwise attributes alone.
    init(useColor: Bool) {
        usesColor = useColor
        let colors = useColor ? Int(fl_colors()) : 0
        for (index, role) in ColorRole.allCases.enumerated() {
            let spec = RoleColors.spec(for: role, colors: colors)
            var pair: Int32 = 0
            if useColor, spec.fg != -1 || spec.bg != -1, index + 1 < Int(fl_color_pairs()) {
                pair = Int32(index + 1)
                init_pair(Int16(pair), Int16(spec.fg), Int16(spec.bg))
            }
            looks[role] = RoleLook(attrs: useColor ? spec.attrs : spec.monoAttrs, pair: pair)
        }
    }

    func look(_ style: Style) -> RoleLook {
        var look = looks[style.role] ?? RoleLook(attrs: fl_a_normal(), pair: 0)
        if style.bold { look.attrs |= fl_a_bold() }
        if style.dim { look.attrs |= fl_a_dim() }
        if style.reverse { look.attrs |= fl_a_reverse() }
        if style.underline { look.attrs |= fl_a_underline() }
        return look
    }
}

/// Default colours per role.
/// ADAPTER POINT: the `tui` branch's Theme replaces this table once it lands.
enum RoleColors {
    struct Spec {
        var fg: Int32
        var bg: Int32
        var attrs: attr_t
        /// Used without colours (NO_COLOR, monochrome terminals): attributes must carry the meaning.
        var monoAttrs: attr_t
    }

    static func spec(for role: ColorRole, colors: Int) -> Spec {
        let none = fl_a_normal(), bold = fl_a_bold(), dim = fl_a_dim(), rev = fl_a_reverse(), under = fl_a_underline()
        let grey: Int32 = colors >= 16 ? 8 : -1
        switch role {
        case .text: return Spec(fg: -1, bg: -1, attrs: none, monoAttrs: none)
        case .muted: return Spec(fg: grey, bg: -1, attrs: grey == -1 ? dim : none, monoAttrs: dim)
        case .accent: return Spec(fg: Int32(COLOR_CYAN), bg: -1, attrs: none, monoAttrs: bold)
        case .title: return Spec(fg: -1, bg: -1, attrs: bold, monoAttrs: bold)
        case .border: return Spec(fg: Int32(COLOR_BLUE), bg: -1, attrs: none, monoAttrs: none)
        case .selection: return Spec(fg: Int32(COLOR_BLACK), bg: Int32(COLOR_CYAN), attrs: none, monoAttrs: rev)
        case .number: return Spec(fg: Int32(COLOR_YELLOW), bg: -1, attrs: none, monoAttrs: bold)
        case .hedge: return Spec(fg: Int32(COLOR_MAGENTA), bg: -1, attrs: none, monoAttrs: under)
        case .claimant: return Spec(fg: Int32(COLOR_GREEN), bg: -1, attrs: none, monoAttrs: bold)
        case .agree: return Spec(fg: Int32(COLOR_GREEN), bg: -1, attrs: bold, monoAttrs: bold)
        case .conflict: return Spec(fg: Int32(COLOR_RED), bg: -1, attrs: bold, monoAttrs: bold | under)
        case .warning: return Spec(fg: Int32(COLOR_YELLOW), bg: -1, attrs: bold, monoAttrs: bold)
        case .furniture: return Spec(fg: Int32(COLOR_BLUE), bg: -1, attrs: none, monoAttrs: dim)
        case .highlight: return Spec(fg: Int32(COLOR_BLACK), bg: Int32(COLOR_YELLOW), attrs: none, monoAttrs: rev | bold)
        case .status: return Spec(fg: Int32(COLOR_BLACK), bg: Int32(COLOR_WHITE), attrs: none, monoAttrs: rev)
        case .mark: return Spec(fg: Int32(COLOR_MAGENTA), bg: -1, attrs: bold, monoAttrs: bold)
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
        var color = false
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            color = true
        }
        palette = Palette(useColor: color)
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

    func close() {
        guard isOpen else { return }
        isOpen = false
        mousemask(0, nil)
        curs_set(1)
        endwin()
        delscreen(screen)
    }
}
