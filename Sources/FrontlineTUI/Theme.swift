import Foundation

/// A terminal colour as the config names it.
public enum ColorSpec: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the eight ANSI colours, 0 black … 7 white; `bright` adds 8 where the terminal has 16.
    case ansi(Int, bright: Bool)
    case rgb(UInt8, UInt8, UInt8)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// "red", "bright-blue", "#ff8800", "default".
    public init?(parsing text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "default" || t == "none" { self = .default; return }
        if t.hasPrefix("#"), t.count == 7, let n = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(n >> 16), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)); return
        }
        var name = Substring(t)
        var bright = false
        for prefix in ["bright-", "bright_", "bright"] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count); bright = true; break
        }
        if name == "grey" || name == "gray" { self = .ansi(bright ? 7 : 0, bright: !bright); return }
        guard let i = Self.names.firstIndex(of: String(name)) else { return nil }
        self = .ansi(i, bright: bright)
    }

    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi(let i, let bright): return (bright ? "bright-" : "") + Self.names[i]
        case .rgb(let r, let g, let b):
            let hex = [r, g, b].map { v -> String in let s = String(v, radix: 16); return s.count == 1 ? "0" + s : s }
            return "#" + hex.joined()
        }
    }
}

/// How one role looks: colours where the terminal has them, attributes always.
public struct Appearance: Sendable, Hashable {
    public var foreground: ColorSpec
    public var background: ColorSpec
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: ColorSpec = .default, background: ColorSpec = .default,
                bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }
}

/// Role → appearance. The backend asks `appearance(for:)` for each cell's style.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var usesColor: Bool
    public var roles: [ColorRole: Appearance]

    public init(name: String, usesColor: Bool, roles: [ColorRole: Appearance]) {
        self.name = name
        self.usesColor = usesColor
        self.roles = roles
    }

    /// The look of a cell: the role's appearance with the cell's own attributes added.
    public func appearance(for style: Style) -> Appearance {
        var a = roles[style.role] ?? Appearance()
        a.bold = a.bold || style.bold
        a.dim = a.dim || style.dim
        a.reverse = a.reverse != style.reverse   // a reversed role under the selection turns back, stays visible
        if style.reverse && (roles[style.role]?.reverse ?? false) { a.bold = true }
        a.underline = a.underline || style.underline
        if !usesColor { a.foreground = .default; a.background = .default }
        return a
    }

    /// Default colours: only foregrounds on the terminal's own background, and hues that stay readable on
    /// both dark and light backgrounds (no white, black or yellow text; blue/cyan/magenta/red/green only).
    public static let standard = Theme(name: "standard", usesColor: true, roles: [
        .text: Appearance(),
        .muted: Appearance(dim: true),
        .accent: Appearance(foreground: .ansi(6, bright: false), bold: true),
        .title: Appearance(foreground: .ansi(4, bright: false), bold: true),
        .border: Appearance(foreground: .ansi(4, bright: false)),
        .selection: Appearance(reverse: true),
        .number: Appearance(foreground: .ansi(5, bright: false), bold: true),
        .hedge: Appearance(foreground: .ansi(3, bright: false)),
        .claimant: Appearance(foreground: .ansi(6, bright: false)),
        .agree: Appearance(foreground: .ansi(2, bright: false), bold: true),
        .conflict: Appearance(foreground: .ansi(1, bright: false), bold: true),
        .warning: Appearance(foreground: .ansi(1, bright: false), bold: true),
        .furniture: Appearance(dim: true),
        .highlight: Appearance(underline: true),
        .status: Appearance(reverse: true),
        .mark: Appearance(foreground: .ansi(2, bright: false), bold: true),
    ])

    /// No colour at all (NO_COLOR, monochrome terminals): every role told apart by attributes.
    public static let monochrome = Theme(name: "monochrome", usesColor: false, roles: [
        .text: Appearance(),
        .muted: Appearance(dim: true),
        .accent: Appearance(bold: true),
        .title: Appearance(bold: true, underline: true),
        .border: Appearance(dim: true),
        .selection: Appearance(reverse: true),
        .number: Appearance(bold: true),
        .hedge: Appearance(underline: true),
        .claimant: Appearance(bold: true),
        .agree: Appearance(),
        .conflict: Appearance(bold: true, underline: true),
        .warning: Appearance(bold: true, reverse: true),
        .furniture: Appearance(dim: true),
        .highlight: Appearance(underline: true),
        .status: Appearance(reverse: true),
        .mark: Appearance(bold: true),
    ])

    /// The theme with the config's colour overrides applied.
    public func applying(_ colors: [ColorRole: ColorSpec]) -> Theme {
        var t = self
        guard usesColor else { return t }
        for (role, spec) in colors {
            var a = t.roles[role] ?? Appearance()
            a.foreground = spec
            t.roles[role] = a
        }
        return t
    }
}
