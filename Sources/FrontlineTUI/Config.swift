import Foundation

/// Everything a key can do; the raw value is the name used in the `[keys]` section of the config.
public enum Action: String, Sendable, Hashable, CaseIterable {
    case quit, help
    case nextPane = "next-pane", previousPane = "previous-pane"
    case frontsPane = "fronts-pane", claimsPane = "claims-pane", readerPane = "reader-pane", comparePane = "compare-pane"
    case down, up, pageDown = "page-down", pageUp = "page-up", halfDown = "half-down", halfUp = "half-up"
    case top, bottom, open, back
    case search, nextMatch = "next-match", previousMatch = "previous-match"
    case nextFront = "next-front", previousFront = "previous-front"
    case sort, claimantFilter = "claimant-filter", claimantPrompt = "claimant-prompt"
    case hedgedFilter = "hedged-filter", markFilter = "mark-filter", clearFilters = "clear-filters"
    case nextClaim = "next-claim", previousClaim = "previous-claim", toggleFurniture = "toggle-furniture"
    case markConfirmed = "mark-confirmed", markDisputed = "mark-disputed", markNeedsCheck = "mark-needs-check"
    case markFlagged = "mark-flagged", clearMark = "clear-mark", editNote = "edit-note"

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .quit: return "quit"
        case .help: return "show or hide this help"
        case .nextPane: return "next pane"
        case .previousPane: return "previous pane"
        case .frontsPane: return "Fronts pane"
        case .claimsPane: return "Claims pane"
        case .readerPane: return "Reader pane"
        case .comparePane: return "Compare pane"
        case .down: return "move down"
        case .up: return "move up"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .halfDown: return "half a page down"
        case .halfUp: return "half a page up"
        case .top: return "go to the top"
        case .bottom: return "go to the bottom"
        case .open: return "open: front → claims, claim → reader"
        case .back: return "back / cancel / clear the search"
        case .search: return "search claims (filters the list)"
        case .nextMatch: return "next match (reader: next claim)"
        case .previousMatch: return "previous match"
        case .nextFront: return "next front (all, each front, no front)"
        case .previousFront: return "previous front"
        case .sort: return "sort by article, claimant, front"
        case .claimantFilter: return "cycle the claimant filter"
        case .claimantPrompt: return "type a claimant to filter by"
        case .hedgedFilter: return "hedged claims only"
        case .markFilter: return "cycle the review-mark filter"
        case .clearFilters: return "clear all filters"
        case .nextClaim: return "reader: next claim"
        case .previousClaim: return "reader: previous claim"
        case .toggleFurniture: return "reader: show removed page furniture"
        case .markConfirmed: return "mark the claim confirmed"
        case .markDisputed: return "mark the claim disputed"
        case .markNeedsCheck: return "mark the claim needs-check"
        case .markFlagged: return "mark the claim flagged"
        case .clearMark: return "clear the claim's mark"
        case .editNote: return "write a note on the claim"
        }
    }
}

public enum KeyName {
    /// Parses "x", "ctrl-d", "tab", "shift-tab", "enter", "esc", "pgdn", "f1", "space", "up" …
    public static func parse(_ text: String) -> Key? {
        if text.count == 1, let c = text.first { return .char(c) }
        let t = text.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where t.hasPrefix(prefix) {
            let rest = t.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isLetter { return .ctrl(c) }
            return nil
        }
        switch t {
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup", "page-up": return .pageUp
        case "pgdn", "pagedown", "page-down": return .pageDown
        case "home": return .home
        case "end": return .end
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "tab": return .tab
        case "shift-tab", "backtab", "s-tab": return .backTab
        case "backspace": return .backspace
        case "delete", "del": return .delete
        case "space": return .char(" ")
        default: break
        }
        if t.hasPrefix("f"), let n = Int(t.dropFirst()), (1...24).contains(n) { return .function(n) }
        return nil
    }

    /// How a key is written in the help overlay.
    public static func describe(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(c)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        }
    }
}

/// Which keys do what. Every action may have several keys; a key does one action.
public struct KeyMap: Sendable {
    public private(set) var keys: [Action: [Key]]
    public private(set) var actions: [Key: Action]

    public init(_ keys: [Action: [Key]]) {
        self.keys = keys
        self.actions = [:]
        for action in Action.allCases { for key in keys[action] ?? [] { actions[key] = action } }
    }

    public func action(for key: Key) -> Action? { actions[key] }

    /// Gives `action` these keys instead of its defaults; the keys leave whatever action had them.
    public mutating func bind(_ action: Action, to newKeys: [Key]) {
        for key in newKeys {
            if let old = actions[key], old != action { keys[old]?.removeAll { $0 == key } }
        }
        keys[action] = newKeys
        actions = [:]
        for a in Action.allCases { for key in keys[a] ?? [] { actions[key] = a } }
    }

    public static let standard = KeyMap([
        .quit: [.char("q")],
        .help: [.char("?"), .function(1)],
        .nextPane: [.tab],
        .previousPane: [.backTab],
        .frontsPane: [.char("1")],
        .claimsPane: [.char("2")],
        .readerPane: [.char("3")],
        .comparePane: [.char("4")],
        .down: [.char("j"), .down],
        .up: [.char("k"), .up],
        .pageDown: [.pageDown, .char(" ")],
        .pageUp: [.pageUp],
        .halfDown: [.ctrl("d")],
        .halfUp: [.ctrl("u")],
        .top: [.char("g"), .home],
        .bottom: [.char("G"), .end],
        .open: [.enter],
        .back: [.escape],
        .search: [.char("/")],
        .nextMatch: [.char("n")],
        .previousMatch: [.char("N")],
        .nextFront: [.char("f")],
        .previousFront: [.char("b")],
        .sort: [.char("s")],
        .claimantFilter: [.char("c")],
        .claimantPrompt: [.char("C")],
        .hedgedFilter: [.char("h")],
        .markFilter: [.char("m")],
        .clearFilters: [.char("x")],
        .nextClaim: [.char("]")],
        .previousClaim: [.char("["), .char("p")],
        .toggleFurniture: [.char("d")],
        .markConfirmed: [.char("a")],
        .markDisputed: [.char("D")],
        .markNeedsCheck: [.char("e")],
        .markFlagged: [.char("F")],
        .clearMark: [.char("u")],
        .editNote: [.char("A"), .char(":")],
    ])
}

/// A line of the config file that could not be used.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) { self.line = line; self.message = message }
    public var description: String { "config line \(line): \(message)" }
}

/// The user's settings: a TOML subset with `[colors]`, `[keys]` and `[display]` sections.
public struct Config: Sendable {
    public var colors: [ColorRole: ColorSpec] = [:]
    public var keys: KeyMap = .standard
    /// `[display] theme = "monochrome"` forces attributes only (as NO_COLOR does).
    public var monochrome = false
    /// `[display] furniture = true` shows removed page furniture in the reader from the start.
    public var showFurniture = false

    public init() {}

    /// The theme to draw with; `noColor` is true when NO_COLOR is set or the terminal has no colours.
    public func theme(noColor: Bool = false) -> Theme {
        (noColor || monochrome) ? .monochrome : Theme.standard.applying(colors)
    }

    /// Parses the config text; bad lines are reported by line number and otherwise ignored, so defaults apply.
    public static func parse(_ text: String) -> (Config, [ConfigError]) {
        var config = Config()
        var errors: [ConfigError] = []
        var section = ""
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            // CRLF files and a leading byte-order mark are read like plain ones.
            var raw = rawLine
            if lineNumber == 1, raw.first == "\u{FEFF}" { raw = raw.dropFirst() }
            let line = stripComment(raw).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    errors.append(ConfigError(line: lineNumber, message: "section header needs a closing ]")); continue
                }
                section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces).lowercased()
                if !["colors", "colours", "keys", "display"].contains(section) {
                    errors.append(ConfigError(line: lineNumber, message: "unknown section [\(section)] (known: colors, keys, display)"))
                }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                errors.append(ConfigError(line: lineNumber, message: "expected name = value")); continue
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
            let rawValue = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let values: [String]
            switch parseValue(rawValue) {
            case .ok(let v): values = v
            case .bad(let why): errors.append(ConfigError(line: lineNumber, message: why)); continue
            }
            switch section {
            case "colors", "colours":
                guard let role = ColorRole(rawValue: name) else {
                    errors.append(ConfigError(line: lineNumber, message: "unknown colour role \"\(name)\" (known: \(ColorRole.allCases.map(\.rawValue).joined(separator: ", ")))"))
                    continue
                }
                guard values.count == 1, let spec = ColorSpec(parsing: values[0]) else {
                    errors.append(ConfigError(line: lineNumber, message: "\"\(values.joined(separator: ", "))\" is not a colour (use a name like \"red\", \"#rrggbb\" or \"default\")"))
                    continue
                }
                config.colors[role] = spec
            case "keys":
                guard let action = Action(rawValue: name) else {
                    errors.append(ConfigError(line: lineNumber, message: "unknown action \"\(name)\""))
                    continue
                }
                var keys: [Key] = []
                var bad: [String] = []
                for v in values { if let k = KeyName.parse(v) { keys.append(k) } else { bad.append(v) } }
                if !bad.isEmpty || keys.isEmpty {
                    errors.append(ConfigError(line: lineNumber, message: "\"\(bad.first ?? "")\" is not a key (use \"x\", \"ctrl-d\", \"tab\", \"pgdn\", \"f1\" …)"))
                    continue
                }
                config.keys.bind(action, to: keys)
            case "display":
                switch name {
                case "theme":
                    switch values.first?.lowercased() {
                    case "monochrome", "mono", "no-color": config.monochrome = true
                    case "standard", "color", "colour", "default": config.monochrome = false
                    default: errors.append(ConfigError(line: lineNumber, message: "theme is \"standard\" or \"monochrome\""))
                    }
                case "furniture":
                    switch values.first {
                    case "true": config.showFurniture = true
                    case "false": config.showFurniture = false
                    default: errors.append(ConfigError(line: lineNumber, message: "furniture is true or false"))
                    }
                default:
                    errors.append(ConfigError(line: lineNumber, message: "unknown display setting \"\(name)\""))
                }
            default:
                errors.append(ConfigError(line: lineNumber, message: "\"\(name)\" is outside a known section"))
            }
        }
        return (config, errors)
    }

    private enum ParsedValue { case ok([String]), bad(String) }

    /// Drops a `#` comment that is not inside a quoted string.
    private static func stripComment(_ line: Substring) -> Substring {
        var inString = false
        var escaped = false
        for i in line.indices {
            let c = line[i]
            if escaped { escaped = false; continue }
            if c == "\\" && inString { escaped = true; continue }
            if c == "\"" { inString.toggle() }
            if c == "#" && !inString { return line[..<i] }
        }
        return line
    }

    /// A quoted string, a bare word (true, false), or an array of quoted strings.
    private static func parseValue(_ raw: String) -> ParsedValue {
        if raw.isEmpty { return .bad("missing value after =") }
        if raw.hasPrefix("[") {
            guard raw.hasSuffix("]") else { return .bad("array needs a closing ]") }
            var out: [String] = []
            var rest = Substring(raw.dropFirst().dropLast())
            while true {
                rest = rest.drop { $0 == " " || $0 == "\t" }
                if rest.isEmpty { break }
                guard rest.first == "\"" else { return .bad("array items must be quoted strings") }
                guard let (s, after) = quoted(rest) else { return .bad("unterminated string") }
                out.append(s)
                rest = after.drop { $0 == " " || $0 == "\t" }
                if rest.first == "," { rest = rest.dropFirst() } else if !rest.isEmpty { return .bad("expected , between array items") }
            }
            return .ok(out)
        }
        if raw.hasPrefix("\"") {
            guard let (s, after) = quoted(Substring(raw)) else { return .bad("unterminated string") }
            guard after.allSatisfy({ $0 == " " || $0 == "\t" }) else { return .bad("unexpected text after the string") }
            return .ok([s])
        }
        if raw == "true" || raw == "false" { return .ok([raw]) }
        return .bad("value must be quoted, e.g. \"\(raw)\"")
    }

    /// Reads a basic TOML string starting at `text.first == "\""`; returns it and what follows.
    private static func quoted(_ text: Substring) -> (String, Substring)? {
        var out = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if c == "\"" { return (out, text[text.index(after: i)...]) }
            if c == "\\" {
                i = text.index(after: i)
                guard i < text.endIndex else { return nil }
                switch text[i] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                default: out.append(text[i])
                }
            } else {
                out.append(c)
            }
            i = text.index(after: i)
        }
        return nil
    }
}
