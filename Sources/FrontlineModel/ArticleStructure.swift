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

    /// Prefix, short and exact rules by their first byte; contains and suffix rules apart.
    static let furnitureByFirst: [[Rule]] = {
        var table = [[Rule]](repeating: [], count: 256)
        for rule in furnitureRules where rule.kind != .contains && rule.kind != .suffix {
            if let first = rule.pattern.first { table[Int(first)].append(rule) }
        }
        return table
    }()
    static let furnitureSuffixes: [[UInt8]] = furnitureRules.filter { $0.kind == .suffix }.map(\.pattern)
    /// Contains rules by their first byte, so one pass over the line tries them all.
    static let furnitureInside: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for rule in furnitureRules where rule.kind == .contains {
            if let first = rule.pattern.first { table[Int(first)].append(rule.pattern) }
        }
        return table
    }()
    static let furnitureInsidePairs = pairSet(furnitureInside)

    /// The first two bytes of every needle as bits of a 65,536-bit set: "t", "n", "s" and "a" start
    /// half the words of a line, but few positions also have a needle's second byte after them.
    static func pairSet(_ needles: [[[UInt8]]]) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1024)
        func set(_ pair: Int) { bits[pair >> 6] |= 1 << UInt64(pair & 63) }
        for needle in needles.joined() {
            guard let first = needle.first else { continue }
            if needle.count == 1 {
                for second in 0..<256 { set(Int(first) << 8 | second) }
            } else {
                set(Int(first) << 8 | Int(needle[1]))
            }
        }
        return bits
    }

    /// How much of a line of `foldLimit` bytes or more is folded: enough for every prefix and short
    /// pattern, and one more than a short line (40) so that a long line never passes for one.
    static let longLineFold = furnitureRules.filter { $0.kind == .prefix || $0.kind == .short }
        .map(\.pattern.count).reduce(41, max)

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
        var seenBody = false
        // One buffer for every line's folded form (never longer than the stretch folded).
        let foldBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: foldLimit)
        defer { foldBuffer.deallocate() }
        let n = bytes.count
        while lineStart < n {
            var lineEnd = n
            if let base = bytes.baseAddress, let found = memchr(base + lineStart, 0x0A, n - lineStart) {
                lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var start = SentenceSplitter.skipSpace(bytes, lineStart, lineEnd)
            // Markdown headings and quotes: "## Heading" reads as "Heading".
            while start < lineEnd, bytes[start] == UInt8(ascii: "#") || bytes[start] == UInt8(ascii: ">") {
                start = SentenceSplitter.skipSpace(bytes, start + 1, lineEnd)
            }
            let end = SentenceSplitter.trimEnd(bytes, start, lineEnd)
            if end > start {
                // Patterns are short: fold only the start of a long line.
                // A long line is only ever matched on its first bytes (prefix and short rules).
                let cap = end - start < foldLimit ? foldLimit : longLineFold
                let foldedCount = foldLower(bytes, start, min(end, start + foldLimit), into: foldBuffer, cap: cap)
                let folded = UnsafeBufferPointer(rebasing: foldBuffer[0..<foldedCount])
                if outlet == nil, let name = outletNamed(in: bytes, start, end, folded: folded) {
                    outlet = name
                    blocks.append(Block(kind: .furniture, range: start..<end))
                } else if isFurniture(folded, bytes, start, end, isFirstLine: isFirstTextLine) || isByline(bytes, start, end) {
                    blocks.append(Block(kind: .furniture, range: start..<end))
                } else if isFirstTextLine && looksLikeHeadline(bytes, start, end) {
                    title = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                    blocks.append(Block(kind: .title, range: start..<end))
                    isFirstTextLine = false
                } else {
                    if datelineOutlet == nil, !seenBody {
                        datelineOutlet = wireInDateline(bytes, start, end)
                    }
                    blocks.append(Block(kind: .body, range: start..<end))
                    seenBody = true
                    isFirstTextLine = false
                }
            }
            lineStart = lineEnd + 1
        }
        if let t = title { title = foldSpace(t) }
        LineShape.markRepeatsAndLinkLists(bytes, &blocks)
        let named = outlet ?? datelineOutlet ?? SelfReference.outlet(bytes, blocks: blocks)
        return Parsed(title: title, outlet: named, blocks: blocks)
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
        return SpeakerTable.shared.knownName(name, kind: .media)
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
    /// Writes the folded line into `out` (at least `end - start` long) and returns its length.
    static func foldLower(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                          into out: UnsafeMutableBufferPointer<UInt8>, cap: Int) -> Int {
        var count = 0
        var i = start
        var lastSpace = false
        guard let base = UnsafeRawPointer(bytes.baseAddress), let outBase = UnsafeMutableRawPointer(out.baseAddress) else { return 0 }
        while i < end && count < cap {
            // Eight ASCII bytes with no tab and no second space in a row are lowered all at once.
            if i + 8 <= end, count + 8 <= cap {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let spaces = ByteWord.zeroMask(w ^ (ByteWord.oneBits &* 0x20))
                if w & ByteWord.highBits == 0, !ByteWord.has(w, 0x09), spaces & (spaces << 8) == 0,
                   !(lastSpace && spaces & 0x80 != 0) {
                    outBase.storeBytes(of: ByteWord.lowerASCII(w), toByteOffset: count, as: UInt64.self)
                    lastSpace = spaces >> 63 != 0
                    count += 8
                    i += 8
                    continue
                }
            }
            var b = bytes[i]
            if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { b = 0x20; i += 1 }
            if b == 0x20 || b == 0x09 {
                if !lastSpace { out[count] = 0x20; count += 1 }
                lastSpace = true
            } else {
                out[count] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                count += 1
                lastSpace = false
            }
            i += 1
        }
        return count
    }

    @inline(__always) static func starts(_ text: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
        let n = prefix.count
        guard n <= text.count else { return false }
        var k = 0
        while k < n {
            if text[k] != prefix[k] { return false }
            k += 1
        }
        return true
    }

    static func isFurniture(_ folded: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, isFirstLine: Bool) -> Bool {
        let whole = end - start < foldLimit
        guard let first = folded.first else { return false }
        for rule in furnitureByFirst[Int(first)] {
            switch rule.kind {
            case .prefix:
                if starts(folded, with: rule.pattern) { return true }
            case .short:
                // "Comments" the heading, not "Comments by the minister suggest…".
                if folded.count <= 40, starts(folded, with: rule.pattern) { return true }
            case .exact:
                if whole, folded.count == rule.pattern.count, starts(folded, with: rule.pattern) { return true }
            case .contains, .suffix:
                break
            }
        }
        if whole {
            for pattern in furnitureSuffixes {
                if folded.count >= pattern.count,
                   starts(UnsafeBufferPointer(rebasing: folded[(folded.count - pattern.count)...]), with: pattern) { return true }
            }
            if containsAny(folded, furnitureInside, pairs: furnitureInsidePairs) { return true }
        }
        // Related-link headlines are shouted in capitals; a capitalised first line is the headline instead.
        if !isFirstLine && isShouted(bytes, start, end) { return true }
        if end - start <= 120, LineShape.isNotProse(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return true }
        return false
    }

    static func isShouted(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var upper = 0
        var lower = 0
        var spaces = 0
        // upper never exceeds the length: enough lower case letters settle it early.
        let length = end - start
        for i in start..<end {
            let b = bytes[i]
            if b >= 0x41 && b <= 0x5A { upper += 1 } else if b >= 0x61 && b <= 0x7A {
                lower += 1
                if lower * 20 >= length { return false }
            } else if b == 0x20 { spaces += 1 }
        }
        return upper >= 12 && spaces >= 2 && lower * 20 < upper
    }

    /// Whether any of the needles (grouped by first byte; `pairs` from `pairSet`) occurs in the haystack.
    static func containsAny(_ h: UnsafeBufferPointer<UInt8>, _ needles: [[[UInt8]]], pairs: [UInt64]) -> Bool {
        pairs.withUnsafeBufferPointer { pairs in
            let n = h.count
            for i in 0..<n {
                // Past the end the second byte reads as 0, which only a one-byte needle's pairs include.
                let pair = Int(h[i]) << 8 | Int(i + 1 < n ? h[i + 1] : 0)
                guard pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                for needle in needles[Int(h[i])] where needle.count <= n - i {
                    var k = 1
                    while k < needle.count, h[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
            }
            return false
        }
    }

    static func outletNamed(in bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, folded: UnsafeBufferPointer<UInt8>) -> String? {
        guard end - start < 160, folded.count < 160 else { return nil }
        for rule in outletRules where starts(folded, with: rule.prefix) {
            var tail = Array(folded[rule.prefix.count...])
            // Keep the original capitals: find the same stretch in the line as written.
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let written = String(decoding: line, as: UTF8.self)
            let original = Array(hasNoBreakSpace(line) ? written.replacingOccurrences(of: "\u{00A0}", with: " ").utf8 : written.utf8)
            var originalTail = Array(original.suffix(tail.count))
            if originalTail.count != tail.count { originalTail = tail }
            if !rule.suffix.isEmpty {
                guard tail.count >= rule.suffix.count, Array(tail.suffix(rule.suffix.count)) == rule.suffix else { continue }
                tail.removeLast(rule.suffix.count)
                originalTail.removeLast(rule.suffix.count)
            }
            var name = String(decoding: originalTail, as: UTF8.self)
            if originalTail.allSatisfy({ $0 < 0x80 }) {
                // ASCII text holds none of the other separators, and a search in it is a search for bytes.
                for separator in asciiSeparators {
                    if let cut = firstOccurrence(of: separator, in: Array(name.utf8)) {
                        name = String(decoding: Array(name.utf8)[..<cut], as: UTF8.self)
                    }
                }
            } else {
                for separator in [" | ", " - ", " – ", " — ", ":", " · "] {
                    if let r = name.range(of: separator) { name = String(name[..<r.lowerBound]) }
                }
            }
            name = name.trimmingCharacters(in: outletTrim)
            // "© 2024 Reuters": the year is not the name.
            name = name.split(separator: " ").drop { $0.allSatisfy(\.isNumber) }.joined(separator: " ")
            let words = name.split(separator: " ")
            guard !words.isEmpty, words.count <= 6, name.count >= 2 else { continue }
            if name.hasPrefix("the ") || name.hasPrefix("The ") { name.removeFirst(4) }
            return SpeakerTable.shared.knownName(name, kind: .media) ?? titleCased(name)
        }
        return nil
    }

    static let asciiSeparators: [[UInt8]] = [" | ", " - ", ":"].map { Array($0.utf8) }
    static let outletTrim = CharacterSet.whitespaces.union(.punctuationCharacters)

    static func hasNoBreakSpace(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < line.count {
            if line[i] == 0xC2 && line[i + 1] == 0xA0 { return true }
            i += 1
        }
        return false
    }

    static func firstOccurrence(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            var k = 1
            while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
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
        var text = s
        if let folded = text.withUTF8({ foldSpaceBytes($0) }) { return folded }
        return s.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\t" }).joined(separator: " ")
    }

    /// `foldSpace` on bytes, or nil when a separator touches a non-ASCII byte: only then can it be
    /// part of a larger Character (a space with a combining mark), which the Character split keeps.
    static func foldSpaceBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            var width = 0
            if b == 0x20 || b == 0x09 { width = 1 } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { width = 2 }
            if width > 0 {
                if i > 0, bytes[i - 1] >= 0x80, !(i >= 2 && bytes[i - 1] == 0xA0 && bytes[i - 2] == 0xC2) { return nil }
                if i + width < n, bytes[i + width] >= 0x80, !(bytes[i + width] == 0xC2 && i + width + 1 < n && bytes[i + width + 1] == 0xA0) { return nil }
            }
            i += max(width, 1)
        }
        return String(unsafeUninitializedCapacity: n) { out in
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < n {
                let b = bytes[i]
                if b == 0x20 || b == 0x09 { pendingSpace = true; i += 1; continue }
                if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { pendingSpace = true; i += 2; continue }
                if pendingSpace && count > 0 { out[count] = 0x20; count += 1 }
                pendingSpace = false
                out[count] = b
                count += 1
                i += 1
            }
            return count
        }
    }
}
