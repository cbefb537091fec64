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
