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
}
