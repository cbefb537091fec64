/// What a cell means, not which colour it is: the theme maps roles to colours or attributes.
public enum ColorRole: String, Sendable, Hashable, CaseIterable {
    case text, muted, accent, title, border, selection, number, hedge, claimant
    case agree, conflict, warning, furniture, highlight, status, mark
}

public struct Style: Sendable, Hashable {
    public var role: ColorRole
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(_ role: ColorRole = .text, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()

    /// The same style with the attributes of `other` added (used to lay the selection over a row).
    public func adding(bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) -> Style {
        var s = self
        s.bold = s.bold || bold
        s.dim = s.dim || dim
        s.reverse = s.reverse || reverse
        s.underline = s.underline || underline
        return s
    }
}

public struct Cell: Sendable, Hashable {
    /// One character with any marks drawn on it, already made safe for the terminal;
    /// "" for the right half of a wide character (the backend skips such cells).
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// The screen as plain values: drawing writes here, tests read here, the backend flushes it.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// The row as text, wide characters once, for tests.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var out = ""
        for x in 0..<width { out += cells[y * width + x].text }
        return out
    }

    /// The whole grid as text lines, for tests.
    public var lines: [String] { (0..<height).map(row) }

    /// Every line joined, for tests that look for text anywhere.
    public var text: String { lines.joined(separator: "\n") }

    /// The first (x, y) where `needle` starts on a row, counting columns (wide characters take two).
    public func find(_ needle: String) -> (x: Int, y: Int)? {
        for y in 0..<height {
            var columns: [Int] = []   // column of each character of the row text
            var rowText = ""
            for x in 0..<width where !cells[y * width + x].text.isEmpty {
                for _ in cells[y * width + x].text { columns.append(x) }
                rowText += cells[y * width + x].text
            }
            if let r = rowText.range(of: needle) {
                let offset = rowText.distance(from: rowText.startIndex, to: r.lowerBound)
                return (offset < columns.count ? columns[offset] : 0, y)
            }
        }
        return nil
    }

    // MARK: Drawing

    /// Blanks the whole grid.
    public mutating func clear(style: Style = .plain) {
        let blank = Cell(" ", style: style)
        for i in cells.indices { cells[i] = blank }
    }

    /// Fills a rectangle with blanks in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .plain, with text: String = " ") {
        let blank = Cell(text, style: style)
        let x0 = max(0, x), x1 = min(width, x + w)
        let y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            unwedge(x: x0, y: row)
            unwedge(x: x1, y: row)
            for col in x0..<x1 { cells[row * width + col] = blank }
        }
    }

    /// Changes the style of cells already drawn (used to mark the selected row).
    public mutating func restyle(x: Int, y: Int, width w: Int, _ change: (Style) -> Style) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) {
            cells[y * width + col].style = change(cells[y * width + col].style)
        }
    }

    /// Writes `text` from column x, at most `maxWidth` columns (to the right edge when nil), and returns
    /// the columns used. Anything a terminal could act on is drawn as a visible stand-in; text that
    /// does not fit ends in "…"; a wide character is never split. `styleAt` styles by UTF-8 offset in `text`.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain,
                             styleAt: ((Int, Style) -> Style)? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let fits = TextWidth.width(of: text) <= limit
        let budget = fits ? limit : limit - 1
        var col = x
        var offset = 0
        var lastCell = -1          // index of the last cell written by this call, for marks
        var marksOnLast = 0
        for scalar in text.unicodeScalars {
            let byteCount = scalar.utf8.count
            defer { offset += byteCount }
            let v = scalar.value
            let cellStyle = styleAt?(offset, style) ?? style
            if v >= 0x20 && v < 0x7F {
                guard col + 1 <= x + budget else { break }
                if col >= 0 { setCell(col, y, Cell(Self.ascii[Int(v - 0x20)], style: cellStyle)) ; lastCell = y * width + col; marksOnLast = 0 }
                col += 1
                continue
            }
            if let stand = TextWidth.neutralised(scalar) {
                guard col + 1 <= x + budget else { break }
                if col >= 0 { setCell(col, y, Cell(stand, style: Style(.warning, bold: cellStyle.bold, reverse: cellStyle.reverse))); lastCell = y * width + col; marksOnLast = 0 }
                col += 1
                continue
            }
            if TextWidth.isDropped(scalar) { continue }
            let w = TextWidth.width(of: scalar)
            if w == 0 {
                // A mark joins the character before it; a few at most, as ncurses keeps only five per cell.
                if lastCell >= 0, marksOnLast < 4 {
                    cells[lastCell].text.unicodeScalars.append(scalar)
                    marksOnLast += 1
                }
                continue
            }
            guard col + w <= x + budget else { break }
            if col >= 0 {
                setCell(col, y, Cell(String(Character(scalar)), style: cellStyle))
                lastCell = y * width + col
                marksOnLast = 0
                if w == 2 { setCell(col + 1, y, Cell("", style: cellStyle)) }
            }
            col += w
        }
        if !fits {
            // Pad a gap left by a wide character that did not fit, then the ellipsis in the last column.
            while col < x + limit - 1 { setCell(col, y, Cell(" ", style: style)); col += 1 }
            setCell(col, y, Cell("…", style: style))
            col += 1
        }
        return col - x
    }

    /// Writes `text` and pads with blanks to exactly `width` columns.
    public mutating func putPadded(_ text: some StringProtocol, x: Int, y: Int, width w: Int, style: Style = .plain,
                                   styleAt: ((Int, Style) -> Style)? = nil) {
        let used = put(text, x: x, y: y, maxWidth: w, style: style, styleAt: styleAt)
        if used < w { fill(x: x + used, y: y, width: w - used, height: 1, style: style) }
    }

    /// Writes `text` so that it ends at column `right` (exclusive).
    @discardableResult
    public mutating func putRight(_ text: some StringProtocol, right: Int, y: Int, maxWidth: Int, style: Style = .plain) -> Int {
        let w = min(TextWidth.width(of: text), maxWidth)
        return put(text, x: right - w, y: y, maxWidth: w, style: style)
    }

    /// A horizontal line.
    public mutating func hline(x: Int, y: Int, width w: Int, style: Style = Style(.border)) {
        fill(x: x, y: y, width: w, height: 1, style: style, with: "─")
    }

    /// A vertical line.
    public mutating func vline(x: Int, y: Int, height h: Int, style: Style = Style(.border)) {
        fill(x: x, y: y, width: 1, height: h, style: style, with: "│")
    }

    /// A box outline.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, style: Style = Style(.border)) {
        guard w >= 2, h >= 2 else { return }
        hline(x: x + 1, y: y, width: w - 2, style: style)
        hline(x: x + 1, y: y + h - 1, width: w - 2, style: style)
        vline(x: x, y: y + 1, height: h - 2, style: style)
        vline(x: x + w - 1, y: y + 1, height: h - 2, style: style)
        self[x, y] = Cell("┌", style: style)
        self[x + w - 1, y] = Cell("┐", style: style)
        self[x, y + h - 1] = Cell("└", style: style)
        self[x + w - 1, y + h - 1] = Cell("┘", style: style)
    }

    /// Writes one cell, blanking the other half of any wide character it overlaps.
    private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        unwedge(x: x, y: y)
        let i = y * width + x
        if x + 1 < width, cells[i + 1].text.isEmpty {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Before writing at x: if x is the right half of a wide character, blank its left half.
    private mutating func unwedge(x: Int, y: Int) {
        guard x > 0, x < width, y >= 0, y < height else { return }
        let i = y * width + x
        if cells[i].text.isEmpty { cells[i - 1] = Cell(" ", style: cells[i - 1].style); cells[i] = Cell(" ", style: cells[i].style) }
    }

    private static let ascii: [String] = (0x20..<0x7F).map { String(Character(Unicode.Scalar($0)!)) }
}
