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
}

public struct Cell: Sendable, Hashable {
    /// One grapheme, already made safe for the terminal; "" for the right half of a wide character.
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
}
