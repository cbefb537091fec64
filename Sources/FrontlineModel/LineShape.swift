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
        var hasSpace = false
        var hasLetter = false
        var hasUpper = false
        var onlyPhone = true
        var hasPunctuation = false
        for b in line {
            if b == 0x20 { hasSpace = true }
            if Tokenizer.isLetter(b) { hasLetter = true; onlyPhone = false }
            if b >= 0x41 && b <= 0x5A { hasUpper = true }
            if !(Tokenizer.isDigit(b) || b == 0x20 || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "(")
                 || b == UInt8(ascii: ")")) { onlyPhone = false }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
                || b == UInt8(ascii: ":") || b == UInt8(ascii: ";") || b >= 0x80 { hasPunctuation = true }
        }
        let text = String(decoding: line, as: UTF8.self)
        // Digits and separators only, seven digits or more: a phone number.
        if onlyPhone, line.filter({ Tokenizer.isDigit($0) }).count >= 7 { return true }
        // One long token with path or template punctuation: an address or a template marker.
        if !hasSpace, hasLetter, text.contains("/") || text.contains("_") || text.contains("{") { return true }
        if text.hasPrefix("http://") || text.hasPrefix("https://") { return !hasSpace }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        // Only dates, times, months and weekdays.
        if !words.isEmpty, words.contains(where: { $0.contains(where: \.isNumber) }), words.allSatisfy({ word in
            word.allSatisfy { $0.isNumber || $0 == ":" || $0 == "." || $0 == "/" || $0 == "-" }
                || monthsAndDays.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters))
        }) { return true }
        // Lower-case tags: several words, no capital, no punctuation.
        if !hasUpper, !hasPunctuation, words.count >= 3, words.count <= 10, hasLetter { return true }
        return false
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
