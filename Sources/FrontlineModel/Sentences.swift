/// Splits a paragraph into sentences, by UTF-8 byte offsets into the article text.
///
/// A sentence ends at . ! ? or … (with any closing quotes or brackets) when what follows
/// starts a new sentence, or at a full stop glued to the next capitalised word ("troops.The").
/// Abbreviations (Gen., U.S., No. 5) and decimals do not end a sentence; quotations that run
/// over several sentences are split like any other text, so each sentence stays a claim.
public enum SentenceSplitter {
    /// Sentences longer than this are cut at a space, so one unpunctuated megabyte stays cheap downstream.
    public static let maximumLength = 4_000

    static let abbreviations = HashSet(DataFiles.rows("abbreviations.txt").map {
        Tokenizer.hash(String($0[0]).replacingOccurrences(of: ".", with: ""))
    })

    /// . ! ? the first byte of … and the space a long sentence is cut at.
    static let splitBytes: [Bool] = (0..<256).map { [0x2E, 0x21, 0x3F, 0xE2, 0x20].contains($0) }

    public static func split(_ text: String, range: Range<Int>) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { split($0, range: range) }
    }

    public static func split(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        split(bytes, range: range, into: &result)
        return result
    }

    /// `split`, appending to `result` (emptied first) so that one buffer serves every paragraph.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, into result: inout [Range<Int>]) {
        result.removeAll(keepingCapacity: true)
        var start = skipSpace(bytes, range.lowerBound, range.upperBound)
        var i = start
        let end = range.upperBound
        let splitBytes = Self.splitBytes
        while i < end {
            // Eight bytes with no mark that can end a sentence, and no space where a long one may be cut.
            if i + 8 <= end, let base = bytes.baseAddress {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !ByteWord.has(w, 0x2E), !ByteWord.has(w, 0x21), !ByteWord.has(w, 0x3F), !ByteWord.has(w, 0xE2),
                   i + 7 - start <= maximumLength || !ByteWord.has(w, 0x20) {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            // Most bytes neither end a sentence nor allow a cut: one look-up skips them.
            if !splitBytes[Int(b)] { i += 1; continue }
            var markLength = 0
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                markLength = 1
            } else if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA6 {
                markLength = 3
            }
            if markLength > 0 {
                var j = i + markLength
                // Runs of marks ("?!", "...") and closing quotes or brackets belong to this sentence.
                while j < end {
                    let c = bytes[j]
                    if c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || c == UInt8(ascii: "\"")
                        || c == UInt8(ascii: "'") || c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { j += 1; continue }
                    if c == 0xE2, j + 2 < end, bytes[j + 1] == 0x80, [0x99, 0x9D, 0xA6].contains(bytes[j + 2]) { j += 3; continue }
                    break
                }
                if isSentenceEnd(bytes, mark: i, after: j, end: end) {
                    result.append(start..<j)
                    start = skipSpace(bytes, j, end)
                    i = start
                    continue
                }
                i = j
                continue
            }
            if i - start > maximumLength, b == UInt8(ascii: " ") {
                result.append(start..<i)
                start = skipSpace(bytes, i, end)
                i = start
                continue
            }
            i += 1
        }
        let tail = trimEnd(bytes, start, end)
        if tail > start { result.append(start..<tail) }
    }

    static func isSentenceEnd(_ bytes: UnsafeBufferPointer<UInt8>, mark: Int, after j: Int, end: Int) -> Bool {
        if j >= end { return true }
        let next = skipSpace(bytes, j, end)
        if next >= end { return true }
        let glued = next == j
        let isPeriod = bytes[mark] == UInt8(ascii: ".")
        if glued {
            // "troops.The" ends a sentence; "U.S.-supplied", "3.5" and "foxnews.com" do not.
            guard isPeriod || bytes[mark] == UInt8(ascii: "?") || bytes[mark] == UInt8(ascii: "!") else { return false }
            guard isUpper(bytes[next]), next + 1 < end, isLower(bytes[next + 1]) else { return false }
            var k = mark - 1
            var letters = 0
            while k >= 0, isLower(bytes[k]) { letters += 1; k -= 1 }
            return letters >= 2
        }
        guard startsSentence(bytes, next, end) else { return false }
        if isPeriod && j == mark + 1 {
            return !endsWithAbbreviation(bytes, mark: mark, next: next, end: end)
        }
        return true
    }

    static func endsWithAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, mark: Int, next: Int, end: Int) -> Bool {
        var k = mark - 1
        var h = Tokenizer.fnvOffset
        var word: [UInt8] = []
        while k >= 0 {
            let c = bytes[k]
            if Tokenizer.isLetter(c) { word.append(c | 0x20); k -= 1; continue }
            if c == UInt8(ascii: "."), k - 1 >= 0, Tokenizer.isLetter(bytes[k - 1]) { k -= 1; continue }
            break
        }
        if word.isEmpty { return false }
        // A single capital letter is an initial ("J. Smith"), unless it is a word of its own like "I".
        if word.count == 1 { return bytes[mark - 1] != UInt8(ascii: "I") }
        for c in word.reversed() { h = Tokenizer.mix(h, c) }
        if abbreviations.contains(h) {
            // "No." is an abbreviation only before a number.
            if word == [UInt8(ascii: "o"), UInt8(ascii: "n")] { return Tokenizer.isDigit(bytes[next]) }
            return true
        }
        return false
    }

    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }

    static func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        let b = bytes[i]
        if isUpper(b) || Tokenizer.isDigit(b) { return true }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "(") || b == UInt8(ascii: "[") {
            return i + 1 < end && !isLower(bytes[i + 1])
        }
        if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, [0x98, 0x9C, 0x94, 0x93].contains(bytes[i + 2]) { return true }
        // Cyrillic and other non-ASCII capitals: accept any non-ASCII letter start.
        if b >= 0xC3 { return true }
        return false
    }

    @inline(__always)
    static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var i = from
        while i < end {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { i += 2; continue }
            if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x80, bytes[i + 2] <= 0x8B || bytes[i + 2] == 0xAF { i += 3; continue }
            break
        }
        return i
    }

    static func trimEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start {
            let b = bytes[e - 1]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { e -= 1; continue }
            if b == 0xA0, e - 2 >= start, bytes[e - 2] == 0xC2 { e -= 2; continue }
            break
        }
        return e
    }
}
