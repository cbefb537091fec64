import FrontlineModel
import Glibc

/// Case-insensitive search over UTF-8 bytes, no Regex and no per-claim allocation for ASCII needles.
enum TextSearch {
    /// The text to search for `needle` (already lower-cased): as it is for an ASCII needle, whose case
    /// the scan folds itself; lower-cased for others (Cyrillic, accents) when that keeps every byte offset.
    static func folded(_ text: String, for needle: [UInt8]) -> String {
        guard needle.contains(where: { $0 >= 0x80 }) else { return text }
        let lower = text.lowercased()
        return lower.utf8.count == text.utf8.count ? lower : text
    }

    /// ASCII case-insensitive byte search; `needle` is already lower-cased.
    static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
        firstMatch(in: haystack.utf8, from: 0, needle) != nil
    }

    /// UTF-8 offset of the first match at or after `from`.
    static func firstMatch(in utf8: String.UTF8View, from: Int, _ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return nil }
        if let result = utf8.withContiguousStorageIfAvailable({ scan($0, from: from, needle) }) { return result }
        return Array(utf8).withUnsafeBufferPointer { scan($0, from: from, needle) }
    }

    /// Every match's start within `bytes[range]`.
    static func matches(in utf8: String.UTF8View, range: Range<Int>, _ needle: [UInt8]) -> [Int] {
        guard !needle.isEmpty else { return [] }
        var out: [Int] = []
        var from = range.lowerBound
        while let m = firstMatch(in: utf8, from: from, needle), m < range.upperBound {
            out.append(m)
            from = m + 1
        }
        return out
    }

    @inline(__always)
    static func fold(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }

    /// Jumps between candidate first bytes with memchr (vectorised in libc), once for each case of a
    /// letter, keeping both next positions so the text is read about once: a million claims stay fast.
    static func scan(_ hay: UnsafeBufferPointer<UInt8>, from: Int, _ needle: [UInt8]) -> Int? {
        let m = needle.count
        guard let base = hay.baseAddress, hay.count - from >= m, from >= 0 else { return nil }
        let first = needle[0]
        let upper: UInt8 = (first >= 97 && first <= 122) ? first - 32 : first
        let last = hay.count - m
        func next(_ byte: UInt8, after i: Int) -> Int {
            guard i <= last, let p = memchr(base + i, Int32(byte), last - i + 1) else { return Int.max }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        var nextLower = next(first, after: from)
        var nextUpper = upper == first ? Int.max : next(upper, after: from)
        while true {
            let i = min(nextLower, nextUpper)
            if i == Int.max || i > last { return nil }
            var j = 1
            while j < m && fold(hay[i + j]) == needle[j] { j += 1 }
            if j == m { return i }
            if i == nextLower { nextLower = next(first, after: i + 1) } else { nextUpper = next(upper, after: i + 1) }
        }
    }
}

/// Every claim's text, ASCII letters folded to lower case, in one buffer searched with memmem:
/// one pass over contiguous bytes instead of a call per claim, so a million claims answer in tens of ms.
/// Built on the first search after the corpus changes; non-ASCII needles use the per-claim scan.
struct SearchIndex: Sendable {
    private var bytes: [UInt8] = []
    /// Start of claim i's text in `bytes`; one more entry marks the end.
    private var starts: [Int] = []

    init(claims: [Claim]) {
        var total = 0
        for claim in claims { total += claim.text.utf8.count + 1 }
        bytes.reserveCapacity(total)
        starts.reserveCapacity(claims.count + 1)
        for claim in claims {
            starts.append(bytes.count)
            for b in claim.text.utf8 { bytes.append(TextSearch.fold(b)) }
            // A separator no needle contains, so a match never spans two claims.
            bytes.append(0)
        }
        starts.append(bytes.count)
    }

    /// Which claims contain the (lower-case ASCII) needle.
    func matches(_ needle: [UInt8]) -> [Bool] {
        var found = [Bool](repeating: false, count: max(0, starts.count - 1))
        guard !needle.isEmpty, !bytes.isEmpty else { return found }
        bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let base = hay.baseAddress, let p = pin.baseAddress else { return }
                var offset = 0
                var claim = 0
                while offset <= hay.count - needle.count,
                      let at = Self.find(base, from: offset, count: hay.count, p, needle.count) {
                    // Matches come in order: walk the claim starts forward (bisect when far).
                    if at >= starts[min(claim + 64, starts.count - 1)] {
                        var low = claim, high = starts.count - 1
                        while low + 1 < high { let mid = (low + high) / 2; if starts[mid] <= at { low = mid } else { high = mid } }
                        claim = low
                    }
                    while starts[claim + 1] <= at { claim += 1 }
                    found[claim] = true
                    // Skip to the next claim: one match is enough.
                    offset = starts[claim + 1]
                }
            }
        }
        return found
    }

    /// memchr to each candidate first byte (vectorised in libc), then memcmp for the rest.
    static func find(_ base: UnsafePointer<UInt8>, from: Int, count: Int, _ needle: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        var i = from
        let last = count - length
        while i <= last {
            guard let p = memchr(base + i, Int32(needle[0]), last - i + 1) else { return nil }
            let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
            if length == 1 || memcmp(base + at + 1, needle + 1, length - 1) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}
