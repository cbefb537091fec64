import Foundation

/// Splits an article into title, body lines and page furniture, and finds the outlet when the text names it.
public enum ArticleStructure {
    public struct Parsed: Sendable {
        public var title: String?
        public var outlet: String?
        public var blocks: [Block]
    }

    struct Rule: Sendable {
        enum Kind: String { case prefix, exact, contains, suffix, short }
        var kind: Kind
        var pattern: [UInt8]
    }

    static let furnitureRules: [Rule] = DataFiles.rows("furniture.tsv").compactMap { row in
        guard row.count >= 2, let kind = Rule.Kind(rawValue: String(row[0])) else { return nil }
        return Rule(kind: kind, pattern: Array(String(row[1]).lowercased().utf8))
    }

    static let outletRules: [(prefix: [UInt8], suffix: [UInt8])] = DataFiles.rows("outlets.tsv").map { row in
        (Array(String(row[0]).lowercased().utf8), row.count > 1 ? Array(String(row[1]).lowercased().utf8) : [])
    }

    /// How much of a line furniture and outlet patterns look at.
    static let foldLimit = 200

    /// A headline is a short first line that does not read as a sentence of the body.
    public static let maximumTitleLength = 220

    public static func parse(_ text: String) -> Parsed {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        var blocks: [Block] = []
        var outlet: String?
        var title: String?
        var lineStart = 0
        var isFirstTextLine = true
        var datelineOutlet: String?
        let n = bytes.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var start = SentenceSplitter.skipSpace(bytes, lineStart, lineEnd)
            // Markdown headings and quotes: "## Heading" reads as "Heading".
            while start < lineEnd, bytes[start] == UInt8(ascii: "#") || bytes[start] == UInt8(ascii: ">") {
                start = SentenceSplitter.skipSpace(bytes, start + 1, lineEnd)
            }
            let end = SentenceSplitter.trimEnd(bytes, start, lineEnd)
            if end > start {
                // Patterns are short: fold only the start of a long line.
                let folded = foldedLower(bytes, start, min(end, start + foldLimit))
                if let name = outletNamed(in: bytes, start, end, folded: folded), outlet == nil {
                    outlet = name
                    blocks.append(Block(kind: .furniture, range: start..<end))
                } else if isFurniture(folded, bytes, start, end, isFirstLine: isFirstTextLine) || isByline(bytes, start, end) {
                    blocks.append(Block(kind: .furniture, range: start..<end))
                } else if isFirstTextLine && looksLikeHeadline(bytes, start, end) {
                    title = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                    blocks.append(Block(kind: .title, range: start..<end))
                    isFirstTextLine = false
                } else {
                    if datelineOutlet == nil, !blocks.contains(where: { $0.kind == .body }) {
                        datelineOutlet = wireInDateline(bytes, start, end)
                    }
                    blocks.append(Block(kind: .body, range: start..<end))
                    isFirstTextLine = false
                }
            }
            lineStart = lineEnd + 1
        }
        if let t = title { title = foldSpace(t) }
        return Parsed(title: title, outlet: outlet ?? datelineOutlet, blocks: blocks)
    }

    /// "By Tom Balmforth and Max Hunder": a short line of capitalised names after "By".
    static func isByline(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= 60, end - start > 3, bytes[start] == UInt8(ascii: "B"), bytes[start + 1] == UInt8(ascii: "y"),
              bytes[start + 2] == UInt8(ascii: " ") else { return false }
        let words = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 3)..<end]), as: UTF8.self).split(separator: " ")
        guard !words.isEmpty, words.count <= 7 else { return false }
        return words.allSatisfy { $0.first!.isUppercase || $0 == "and" || $0 == "in" || $0 == "|" || $0 == "," }
    }

    /// The wire named in a dateline: "KYIV, Nov 20 (Reuters) - …", "KYIV, Ukraine (AP) — …".
    static func wireInDateline(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        let limit = min(end, start + 80)
        guard let open = (start..<limit).first(where: { bytes[$0] == UInt8(ascii: "(") }),
              let close = (open..<limit).first(where: { bytes[$0] == UInt8(ascii: ")") }), close > open + 1 else { return nil }
        let after = SentenceSplitter.skipSpace(bytes, close + 1, end)
        guard after < end, bytes[after] == UInt8(ascii: "-") || bytes[after] == 0xE2 else { return nil }
        // The place before the bracket is written in capitals.
        guard open > start + 2, SentenceSplitter.isUpper(bytes[start]), SentenceSplitter.isUpper(bytes[start + 1]) else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
        return SpeakerTable.shared.knownName(name, kind: "media")
    }

    static func looksLikeHeadline(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= maximumTitleLength else { return false }
        let sentences = SentenceSplitter.split(bytes, range: start..<end)
        if sentences.count > 1 { return false }
        let last = bytes[end - 1]
        // Headlines rarely end with a full stop; a short line that does is still a headline if it is not a quote.
        if last == UInt8(ascii: ".") { return end - start <= 90 }
        var words = 0
        var i = start
        var inWord = false
        while i < end {
            let isSpace = bytes[i] == 0x20
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
            i += 1
        }
        return words >= 3
    }

    /// The line in lower case with white space folded, for pattern matching.
    static func foldedLower(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        var lastSpace = false
        while i < end {
            var b = bytes[i]
            if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { b = 0x20; i += 1 }
            if b == 0x20 || b == 0x09 {
                if !lastSpace { out.append(0x20) }
                lastSpace = true
            } else {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                lastSpace = false
            }
            i += 1
        }
        return out
    }

    static func isFurniture(_ folded: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, isFirstLine: Bool) -> Bool {
        let whole = end - start < foldLimit
        guard let first = folded.first else { return false }
        for rule in furnitureRules where rule.pattern.first == first {
            switch rule.kind {
            case .prefix:
                if folded.starts(with: rule.pattern) { return true }
            case .short:
                // "Comments" the heading, not "Comments by the minister suggest…".
                if folded.count <= 40, folded.starts(with: rule.pattern) { return true }
            case .exact:
                if whole, folded == rule.pattern { return true }
            case .contains, .suffix:
                break
            }
        }
        if whole {
            for rule in furnitureRules {
                switch rule.kind {
                case .contains:
                    if contains(folded, rule.pattern) { return true }
                case .suffix:
                    if folded.count >= rule.pattern.count, folded[(folded.count - rule.pattern.count)...].elementsEqual(rule.pattern) { return true }
                default:
                    break
                }
            }
        }
        // Related-link headlines are shouted in capitals; a capitalised first line is the headline instead.
        if !isFirstLine && isShouted(bytes, start, end) { return true }
        return false
    }

    static func isShouted(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var upper = 0
        var lower = 0
        var spaces = 0
        for i in start..<end {
            let b = bytes[i]
            if b >= 0x41 && b <= 0x5A { upper += 1 } else if b >= 0x61 && b <= 0x7A { lower += 1 } else if b == 0x20 { spaces += 1 }
        }
        return upper >= 12 && spaces >= 2 && lower * 20 < upper
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    static func outletNamed(in bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, folded: [UInt8]) -> String? {
        guard end - start < 160, folded.count < 160 else { return nil }
        for rule in outletRules where folded.starts(with: rule.prefix) {
            var tail = Array(folded[rule.prefix.count...])
            // Keep the original capitals: find the same stretch in the line as written.
            let original = Array(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                .replacingOccurrences(of: "\u{00A0}", with: " ").utf8)
            var originalTail = Array(original.suffix(tail.count))
            if originalTail.count != tail.count { originalTail = tail }
            if !rule.suffix.isEmpty {
                guard tail.count >= rule.suffix.count, Array(tail.suffix(rule.suffix.count)) == rule.suffix else { continue }
                tail.removeLast(rule.suffix.count)
                originalTail.removeLast(rule.suffix.count)
            }
            var name = String(decoding: originalTail, as: UTF8.self)
            for separator in [" | ", " - ", " – ", " — ", ":", " · "] {
                if let r = name.range(of: separator) { name = String(name[..<r.lowerBound]) }
            }
            name = name.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            // "© 2024 Reuters": the year is not the name.
            name = name.split(separator: " ").drop { $0.allSatisfy(\.isNumber) }.joined(separator: " ")
            let words = name.split(separator: " ")
            guard !words.isEmpty, words.count <= 6, name.count >= 2 else { continue }
            if name.hasPrefix("the ") || name.hasPrefix("The ") { name.removeFirst(4) }
            return SpeakerTable.shared.knownName(name, kind: "media") ?? titleCased(name)
        }
        return nil
    }

    /// "FOX NEWS" reads as "Fox News"; short acronyms such as "BBC" stay as they are.
    static func titleCased(_ name: String) -> String {
        let letters = name.filter(\.isLetter)
        guard !letters.isEmpty, letters.allSatisfy(\.isUppercase) else { return name }
        return name.split(separator: " ").map { word -> String in
            if word.count <= 3 { return String(word) }
            return word.prefix(1) + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    static func foldSpace(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\t" }).joined(separator: " ")
    }
}
