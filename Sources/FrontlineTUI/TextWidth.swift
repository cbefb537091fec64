import Glibc

/// Display widths and terminal safety, decided here rather than by wcwidth or ncurses so that
/// the grid, the tests and the terminal agree on where every character lands.
public enum TextWidth {
    /// East Asian Wide/Fullwidth and emoji-presentation ranges (Unicode 15), sorted, inclusive.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
        0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
        0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
        0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
        0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
        0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
        0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF,
        0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0,
        0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Columns a scalar takes when it starts a grapheme: 0, 1 or 2.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if v < 0x1100 { return 1 }
        return isWide(v) ? 2 : 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        var lo = 0, hi = wide.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wide[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    /// Marks that draw on the previous character.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return false }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }  // Hangul vowels/finals
        if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return true } // variation selectors
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// What to draw instead of a scalar the terminal could act on or that would be invisible; nil when safe.
    public static func neutralised(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + v)!)   // ␀…␟, ESC as ␛
        case 0x7F: return "␡"
        case 0x80...0x9F: return "¿"                                    // C1 controls (CSI, OSC, …)
        case 0x202A...0x202E, 0x2066...0x2069, 0x061C: return "¿"      // bidi overrides and isolates
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x2028, 0x2029: return "¿"  // zero-width, invisible, separators
        case 0xFFF9...0xFFFB, 0xE0000...0xE007F: return "¿"            // annotation and tag characters
        case 0xD800...0xDFFF: return "¿"
        case 0x00AD: return nil                                        // soft hyphen: dropped, see isDropped
        default:
            // Other invisible format characters (Arabic number signs, Mongolian vowel separator, …).
            if v >= 0x600 && scalar.properties.generalCategory == .format { return "¿" }
            return nil
        }
    }

    /// Characters the grid leaves out: a soft hyphen only marks where a word may break.
    @inline(__always)
    public static func isDropped(_ scalar: Unicode.Scalar) -> Bool { scalar.value == 0xAD }

    /// Display width of a whole string as the grid draws it.
    public static func width(of text: some StringProtocol) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F { total += 1; continue }
            if neutralised(scalar) != nil { total += 1; continue }
            if isDropped(scalar) { continue }
            total += width(of: scalar)
        }
        return total
    }

    /// The prefix of `text` that fits in `columns`, with "…" when cut; never splits a wide character.
    public static func truncate(_ text: String, to columns: Int) -> String {
        if columns <= 0 { return "" }
        if width(of: text) <= columns { return text }
        var out = ""
        var used = 0
        for scalar in text.unicodeScalars where !isDropped(scalar) {
            let w = neutralised(scalar) != nil ? 1 : width(of: scalar)
            if used + w > columns - 1 { break }
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out + "…"
    }
}

/// Text for a message on standard error: what came from outside (a folder argument, a front's name,
/// a path) may hold escapes that would drive the terminal, so every character the grid would
/// neutralise is shown the same way here. Line breaks of the message itself are kept.
public enum MessageText {
    public static func neutralised(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" { out.append(scalar); continue }
            if let shown = TextWidth.neutralised(scalar) { out.append(contentsOf: shown.unicodeScalars) }
            else { out.append(scalar) }
        }
        return String(out)
    }

    /// Writes `text` and a line break to standard error, neutralised.
    public static func printError(_ text: String) {
        let line = neutralised(text) + "\n"
        var bytes = Array(line.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
    }
}
