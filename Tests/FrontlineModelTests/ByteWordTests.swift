import Testing
@testable import FrontlineModel

/// The eight-bytes-at-once tests that decoding, JSON writing and place matching skip text with must
/// agree with the byte-by-byte answer, or they would skip a byte that matters.
@Suite("Eight-byte tests")
struct ByteWordTests {
    static func bytes(_ w: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: w >> (8 * UInt64($0))) } }

    /// Words that put each interesting byte value next to its neighbours, plus random ones.
    static var samples: [UInt64] {
        var generator = SystemRandomNumberGenerator()
        var words: [UInt64] = (0..<20_000).map { _ in generator.next() & 0x7F7F_7F7F_7F7F_7F7F }
        for b in 0..<256 { words.append(0x6161_6161_6161_6100 | UInt64(b)); words.append(UInt64(b) << 56 | 0x0061_6161_6161_6161) }
        return words
    }

    @Test func hasAgreesWithAByteLoop() {
        for w in Self.samples {
            for b: UInt8 in [0x00, 0x0A, 0x22, 0x5C, 0x7F, 0xC2, 0xE2] {
                #expect(ByteWord.has(w, b) == Self.bytes(w).contains(b))
            }
        }
    }

    @Test func hasBelowAgreesWithAByteLoop() {
        for w in Self.samples {
            #expect(ByteWord.hasBelow(w, 0x20) == Self.bytes(w).contains { $0 < 0x20 })
        }
    }

    @Test func hasBetweenAgreesWithAByteLoopOnASCII() {
        for w in Self.samples where w & ByteWord.highBits == 0 {
            #expect(ByteWord.hasBetween(w, 0x40, 0x5B) == Self.bytes(w).contains { $0 > 0x40 && $0 < 0x5B })
            #expect(ByteWord.hasBetween(w, 0x60, 0x7B) == Self.bytes(w).contains { $0 > 0x60 && $0 < 0x7B })
        }
    }

    @Test func zeroMaskAndLoweringAgreeWithAByteLoop() {
        for w in Self.samples {
            let mask = ByteWord.zeroMask(w)
            for (k, b) in Self.bytes(w).enumerated() {
                #expect((mask >> (8 * UInt64(k) + 7)) & 1 == (b == 0 ? 1 : 0))
            }
            guard w & ByteWord.highBits == 0 else { continue }
            let lowered = Self.bytes(ByteWord.lowerASCII(w))
            #expect(lowered == Self.bytes(w).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        }
    }

    /// Line folding (lower case, white space folded) with the eight-byte path, against one byte at a time.
    @Test func foldingALineAgreesWithAByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = [[0x20], [0x20], [0x09], [0x41], [0x5A], [0x61], [0x7A], [0x2E], [0x30], [0xC2, 0xA0],
                                   [0xC3, 0x89], [0xE2, 0x80, 0x9C], [0x40], [0x5B], [0x60], [0x7B]]
        for _ in 0..<3_000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 0...90, using: &generator) { line += alphabet.randomElement(using: &generator)! }
            let cap = Int.random(in: 1...100, using: &generator)
            let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(cap, line.count) + 8)
            defer { out.deallocate() }
            let count = line.withUnsafeBufferPointer { ArticleStructure.foldLower($0, 0, $0.count, into: out, cap: cap) }
            #expect(Array(out[0..<count]) == Self.foldLowerByBytes(line, cap: cap))
        }
    }

    static func foldLowerByBytes(_ bytes: [UInt8], cap: Int) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        var lastSpace = false
        while i < bytes.count && out.count < cap {
            var b = bytes[i]
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { b = 0x20; i += 1 }
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

    /// Whether a sentence's white space needs folding, with the eight-byte path, against one byte at a time.
    @Test func needsFoldingAgreesWithAByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [[UInt8]] = [[0x20], [0x20], [0x20], [0x09], [0x0A], [0x0D], [0x0B], [0x61], [0x41], [0x2E],
                                   [0xC2, 0xA0], [0xC3, 0x89], [0xE2, 0x80, 0x9C]]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...60, using: &generator) {
                bytes += Int.random(in: 0..<4, using: &generator) == 0 ? alphabet.randomElement(using: &generator)! : [0x62]
            }
            let expected: Bool = {
                var previousSpace = true
                for b in bytes {
                    if b == 0x20 { if previousSpace { return true }; previousSpace = true }
                    else if b == 0x09 || b == 0x0A || b == 0x0D || b == 0xC2 { return true }
                    else { previousSpace = false }
                }
                return previousSpace
            }()
            let got = bytes.withUnsafeBufferPointer { Extractor.needsFolding($0, 0..<$0.count) }
            #expect(got == expected, "\(bytes)")
        }
    }
    /// The furniture "contains" rules, looked for with a two-byte pre-test, find what a plain search finds.
    @Test func containsAnyAgreesWithAPlainSearch() {
        var needles = ArticleStructure.furnitureInside
        needles[Int(UInt8(ascii: "#"))].append([UInt8(ascii: "#")])   // a one-byte needle, even at the very end
        let pairs = ArticleStructure.pairSet(needles)
        let all = Array(needles.joined())
        var generator = SystemRandomNumberGenerator()
        let pieces = all + [Array("total ".utf8), Array("sign up".utf8), Array("the news".utf8), Array(" {{".utf8), [0x00], [0xC3, 0xA9]]
        for _ in 0..<3000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                line += Bool.random(using: &generator) ? pieces.randomElement(using: &generator)!.dropLast(Int.random(in: 0...1, using: &generator))
                                                       : (0..<Int.random(in: 1...8, using: &generator)).map { _ in UInt8.random(in: 0x20...0x7A, using: &generator) }
            }
            let plain = all.contains { needle in
                line.count >= needle.count && (0...(line.count - needle.count)).contains { Array(line[$0..<($0 + needle.count)]) == needle }
            }
            let fast = line.withUnsafeBufferPointer { ArticleStructure.containsAny($0, needles, pairs: pairs) }
            #expect(fast == plain, "\(String(decoding: line, as: UTF8.self))")
        }
    }
}
