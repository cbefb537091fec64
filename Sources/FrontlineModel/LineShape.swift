import Foundation

/// Lines that are page furniture by their shape, whatever their words: a timestamp or a phone number on its
/// own, a template marker or a bare address, a line of lower-case tags, the headline repeated, and runs of
/// link headlines cut off mid-word.
enum LineShape {
    static let monthsAndDays: Set<String> = Set(DataFiles.rows("timestamp-words.txt").map { String($0[0]).lowercased() })

    /// A line that holds no prose: "10 Sep, 2022 13:18", "5 November, 2024 Tuesday", "+49 40 593 61 953",
    /// "client/title.list_title", "https://…", "russia ukraine moscow world news".
    static func isNotProse(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !line.isEmpty else { return false }
        // One pass of byte tests: a line of prose (capitals, stops, spaces) is told apart with no String made.
        var spaces = 0
        var digits = 0
        var hasLetter = false
        var hasUpper = false
        var onlyPhone = true
        var hasPunctuation = false
        var hasPathMark = false
        for b in line {
            switch b {
            case 0x20: spaces += 1
            case 0x30...0x39: digits += 1
            case 0x41...0x5A: hasUpper = true; hasLetter = true; onlyPhone = false
            case 0x61...0x7A: hasLetter = true; onlyPhone = false
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): break
            case UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "{"): hasPathMark = true; onlyPhone = false
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"):
                hasPunctuation = true; onlyPhone = false
            default:
                if b >= 0x80 { hasPunctuation = true }
                onlyPhone = false
            }
        }
        // Digits and separators only, seven digits or more: a phone number.
        if onlyPhone { return digits >= 7 }
        // One long token with path or template marks: an address or a template marker.
        if spaces == 0 { return hasLetter && hasPathMark }
        // Lower-case tags: several words, no capital, no punctuation.
        if !hasUpper, !hasPunctuation, !hasPathMark, hasLetter, spaces >= 2, spaces <= 9 { return true }
        // Only dates, times, months and weekdays: short, with digits.
        guard digits > 0, line.count <= 40 else { return false }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "," })
        return words.allSatisfy { word in
            word.allSatisfy { $0.isNumber || $0 == ":" || $0 == "." || $0 == "/" || $0 == "-" }
                || monthsAndDays.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters))
        }
    }

    /// The headline repeated in the body, and three or more short lines in a row that end without punctuation
    /// with at least one cut off mid-word (a list of links to other stories).
    static func markRepeatsAndLinkLists(_ bytes: UnsafeBufferPointer<UInt8>, _ blocks: inout [Block]) {
        // A headline (no full stop) printed again above the text; a first sentence taken for the title may recur.
        if let title = blocks.first(where: { $0.kind == .title }), let last = title.range.last, bytes[last] != UInt8(ascii: ".") {
            let titleBytes = UnsafeBufferPointer(rebasing: bytes[title.range])
            for k in blocks.indices where blocks[k].kind == .body && blocks[k].range.count == title.range.count {
                if memcmp(titleBytes.baseAddress!, bytes.baseAddress! + blocks[k].range.lowerBound, title.range.count) == 0 {
                    blocks[k].kind = .furniture
                }
            }
        }
        var k = 0
        while k < blocks.count {
            guard blocks[k].kind == .body, isLinkLike(bytes, blocks[k].range) else { k += 1; continue }
            var end = k
            while end + 1 < blocks.count, blocks[end + 1].kind == .body, isLinkLike(bytes, blocks[end + 1].range) { end += 1 }
            if end - k >= 2 {
                for m in k...end { blocks[m].kind = .furniture }
            }
            k = end + 1
        }
    }

    /// A short line that does not end a sentence: no final stop, question or quote mark.
    static func isLinkLike(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 12, range.count <= 90, let last = range.last else { return false }
        let b = bytes[last]
        return Tokenizer.isLetter(b) || Tokenizer.isDigit(b)
    }
}
