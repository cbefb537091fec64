/// The encoding a file turned out to be in.
public enum TextEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case utf32LE = "UTF-32LE"
    case utf32BE = "UTF-32BE"
    /// UTF-8 where it is valid, Windows-1252 for every byte that is not.
    case windows1252 = "Windows-1252"
}

public struct DecodedText: Sendable, Hashable {
    /// Line ends normalised to "\n", control characters other than tab replaced, byte order mark removed.
    public var text: String
    public var encoding: TextEncoding
}

/// Why bytes were not taken as text.
public struct DecodeFailure: Error, Sendable, Hashable {
    public var reason: String
}

/// Turns the bytes of a file into text: byte order marks, UTF-8/16/32, Windows-1252 fallback, line ends.
public enum TextDecoding {
    /// How much of the start of a file the binary check looks at.
    static let sniffLength = 8192

    public static func decode(_ bytes: [UInt8]) -> Result<DecodedText, DecodeFailure> {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DecodedText, DecodeFailure> {
        if bytes.isEmpty { return .failure(DecodeFailure(reason: "empty file")) }
        switch ByteOrderMark(bytes) {
        case .utf8:
            return .success(DecodedText(text: utf8OrWindows1252(rebase(bytes.dropFirst(3))).text, encoding: .utf8))
        case .utf32LE:
            return .success(DecodedText(text: utf32(rebase(bytes.dropFirst(4)), bigEndian: false), encoding: .utf32LE))
        case .utf32BE:
            return .success(DecodedText(text: utf32(rebase(bytes.dropFirst(4)), bigEndian: true), encoding: .utf32BE))
        case .utf16LE:
            return .success(DecodedText(text: utf16(rebase(bytes.dropFirst(2)), bigEndian: false), encoding: .utf16LE))
        case .utf16BE:
            return .success(DecodedText(text: utf16(rebase(bytes.dropFirst(2)), bigEndian: true), encoding: .utf16BE))
        case nil:
            break
        }
        switch sniff(rebase(bytes.prefix(sniffLength))) {
        case .text:
            let decoded = utf8OrWindows1252(bytes)
            return .success(DecodedText(text: decoded.text, encoding: decoded.usedFallback ? .windows1252 : .utf8))
        case .utf16LE:
            return .success(DecodedText(text: utf16(bytes, bigEndian: false), encoding: .utf16LE))
        case .utf16BE:
            return .success(DecodedText(text: utf16(bytes, bigEndian: true), encoding: .utf16BE))
        case .binary(let why):
            return .failure(DecodeFailure(reason: "binary file (\(why))"))
        }
    }

    private static func rebase(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: slice)
    }

    // MARK: byte order marks

    private enum ByteOrderMark {
        case utf8, utf16LE, utf16BE, utf32LE, utf32BE

        init?(_ b: UnsafeBufferPointer<UInt8>) {
            let n = b.count
            if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { self = .utf8 }
            // UTF-32LE starts like UTF-16LE, so it is tested first.
            else if n >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { self = .utf32LE }
            else if n >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { self = .utf32BE }
            else if n >= 2, b[0] == 0xFF, b[1] == 0xFE { self = .utf16LE }
            else if n >= 2, b[0] == 0xFE, b[1] == 0xFF { self = .utf16BE }
            else { return nil }
        }
    }

    // MARK: binary check

    private enum Sniff: Equatable {
        case text, utf16LE, utf16BE
        case binary(String)
    }

    /// Looks at the start of a file without a byte order mark: NUL bytes mean binary, unless they sit
    /// in every other byte the way ASCII does in UTF-16; many control bytes mean binary too.
    private static func sniff(_ b: UnsafeBufferPointer<UInt8>) -> Sniff {
        var zerosEven = 0, zerosOdd = 0, controls = 0
        guard let base = b.baseAddress else { return .text }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i < b.count {
            // Eight bytes at a time past runs with no byte below 0x20 and no DEL: most of any text.
            if i + 8 <= b.count {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if !ByteWord.hasBelow(w, 0x20) && !ByteWord.has(w, 0x7F) { i += 8; continue }
            }
            let c = b[i]
            defer { i += 1 }
            if c == 0 {
                if i & 1 == 0 { zerosEven += 1 } else { zerosOdd += 1 }
            } else if c < 0x20 {
                // Tab, line feed, vertical tab, form feed and carriage return belong in text.
                if c < 0x09 || c > 0x0D { controls += 1 }
            } else if c == 0x7F {
                controls += 1
            }
        }
        if zerosEven + zerosOdd > 0 {
            let pairs = b.count / 2
            if pairs >= 2, zerosOdd * 3 >= pairs, zerosEven * 10 <= zerosOdd { return .utf16LE }
            if pairs >= 2, zerosEven * 3 >= pairs, zerosOdd * 10 <= zerosEven { return .utf16BE }
            return .binary("NUL bytes")
        }
        // More than one byte in ten a control character: no article looks like that.
        if controls * 10 > b.count { return .binary("control bytes") }
        return .text
    }

    // MARK: UTF-8 with Windows-1252 fallback

    /// Code points of Windows-1252 bytes 0x80–0x9F; the five unassigned bytes become U+FFFD rather than
    /// C1 control characters, which some terminals act on.
    static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// Decodes UTF-8, taking every byte that does not start a well-formed sequence as Windows-1252;
    /// turns CRLF, lone CR, vertical tab, form feed and NEL into "\n"; and replaces every other control
    /// character but tab (C0, DEL, C1: ESC and CSI above all) with U+FFFD, so that no article text can
    /// drive a terminal. One pass; text that needs none of this is taken as is.
    static func utf8OrWindows1252(_ src: UnsafeBufferPointer<UInt8>) -> (text: String, usedFallback: Bool) {
        let scan = quickScan(src)
        if scan.rewrites == 0 {
            if scan.high == 0 { return (String(decoding: src, as: UTF8.self), false) }
            // Without C2 there can be no C1 control; the standard library's validator is much faster than the loop below.
            if !scan.hasC2, let text = String(validating: src, as: UTF8.self) { return (text, false) }
        }
        var usedFallback = false
        // A fallback byte grows to at most 3 bytes, a C1 control from 2 to 3, a C0 control from 1 to 3.
        let capacity = src.count + 2 * scan.high + 2 * scan.rewrites
        let text = String(unsafeUninitializedCapacity: capacity) { out in
            var i = 0, o = 0
            let n = src.count
            let input = UnsafeRawPointer(src.baseAddress!)
            let output = UnsafeMutableRawPointer(out.baseAddress!)
            while i < n {
                // Runs of printable ASCII go eight bytes at a time.
                while i + 8 <= n {
                    let w = input.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if w & ByteWord.highBits != 0 || ByteWord.hasBelow(w, 0x20) || ByteWord.has(w, 0x7F) { break }
                    output.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                    i += 8; o += 8
                }
                if i >= n { break }
                let b0 = src[i]
                if b0 < 0x80 {
                    i += 1
                    switch b0 {
                    case 0x09, 0x0A, 0x20..<0x7F:
                        out[o] = b0; o += 1
                    case 0x0D:
                        out[o] = 0x0A; o += 1
                        if i < n && src[i] == 0x0A { i += 1 }
                    case 0x0B, 0x0C:
                        out[o] = 0x0A; o += 1
                    default:
                        o += writeUTF8(0xFFFD, into: out, at: o)
                    }
                    continue
                }
                let length = wellFormedLength(src, at: i)
                if length == 2 && b0 == 0xC2 && src[i + 1] < 0xA0 {
                    // C1 control: NEL is a line end, the rest (CSI, OSC, …) terminal commands.
                    if src[i + 1] == 0x85 { out[o] = 0x0A; o += 1 } else { o += writeUTF8(0xFFFD, into: out, at: o) }
                    i += 2
                    continue
                }
                if length > 0 {
                    for k in 0..<length { out[o + k] = src[i + k] }
                    o += length; i += length
                    continue
                }
                usedFallback = true
                let scalar = b0 < 0xA0 ? windows1252High[Int(b0 - 0x80)] : UInt32(b0)
                o += writeUTF8(scalar, into: out, at: o)
                i += 1
            }
            return o
        }
        return (text, usedFallback)
    }

    /// Bytes at or above 0x80; bytes to rewrite (controls other than tab and line feed, DEL); and
    /// whether there is a C2 byte, which C1 controls start with. Eight bytes at a time.
    private static func quickScan(_ src: UnsafeBufferPointer<UInt8>) -> (high: Int, rewrites: Int, hasC2: Bool) {
        guard let base = src.baseAddress else { return (0, 0, false) }
        let raw = UnsafeRawPointer(base)
        let n = src.count
        var high = 0, rewrites = 0
        var hasC2 = false
        @inline(__always) func needsRewrite(_ c: UInt8) -> Bool {
            (c < 0x20 && c != 0x09 && c != 0x0A) || c == 0x7F
        }
        var i = 0
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let highs = w & ByteWord.highBits
            if highs != 0 {
                high &+= highs.nonzeroBitCount
                hasC2 = hasC2 || ByteWord.has(w, 0xC2)
            }
            // Line feeds make this true once a line; only then are the eight bytes looked at one by one.
            if ByteWord.hasBelow(w, 0x20) || ByteWord.has(w, 0x7F) {
                for k in i..<(i + 8) where needsRewrite(src[k]) { rewrites += 1 }
            }
            i += 8
        }
        while i < n {
            let c = src[i]
            if c >= 0x80 { high += 1; hasC2 = hasC2 || c == 0xC2 } else if needsRewrite(c) { rewrites += 1 }
            i += 1
        }
        return (high, rewrites, hasC2)
    }

    /// Length of the well-formed UTF-8 sequence starting at `i`, or 0 (Unicode table 3-7).
    @inline(__always)
    private static func wellFormedLength(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = s.count
        let b0 = s[i]
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < n && s[i + k] >= lo && s[i + k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// Writes a scalar below U+10000 as UTF-8; returns the number of bytes.
    @inline(__always)
    private static func writeUTF8(_ v: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at o: Int) -> Int {
        if v < 0x80 { out[o] = UInt8(v); return 1 }
        if v < 0x800 {
            out[o] = UInt8(0xC0 | (v >> 6)); out[o + 1] = UInt8(0x80 | (v & 0x3F)); return 2
        }
        out[o] = UInt8(0xE0 | (v >> 12))
        out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
        out[o + 2] = UInt8(0x80 | (v & 0x3F))
        return 3
    }

    // MARK: UTF-16 and UTF-32

    /// Unpaired surrogates become U+FFFD; a dangling odd byte is dropped.
    private static func utf16(_ b: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> String {
        let count = b.count / 2
        let units = [UInt16](unsafeUninitializedCapacity: count) { buf, initialized in
            for k in 0..<count {
                let lo = UInt16(b[2 * k + (bigEndian ? 1 : 0)]), hi = UInt16(b[2 * k + (bigEndian ? 0 : 1)])
                buf[k] = hi << 8 | lo
            }
            initialized = count
        }
        return normalizeLineEnds(String(decoding: units, as: UTF16.self))
    }

    /// Values that are not Unicode scalars become U+FFFD.
    private static func utf32(_ b: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> String {
        let count = b.count / 4
        let units = [UInt32](unsafeUninitializedCapacity: count) { buf, initialized in
            for k in 0..<count {
                var v: UInt32 = 0
                for j in 0..<4 {
                    let byte = UInt32(b[4 * k + (bigEndian ? j : 3 - j)])
                    v = v << 8 | byte
                }
                buf[k] = v
            }
            initialized = count
        }
        return normalizeLineEnds(String(decoding: units, as: UTF32.self))
    }

    /// Line ends and control characters as for UTF-8 (text that needs neither comes back as is).
    static func normalizeLineEnds(_ s: String) -> String {
        var s = s
        return s.withUTF8 { utf8OrWindows1252($0).text }
    }
}

/// Tests on eight bytes at once, for loops that skip over the bytes that need nothing.
enum ByteWord {
    static let oneBits: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `w` equals `byte` (the classic zero-byte test on `w` XOR the byte repeated).
    @inline(__always)
    static func has(_ w: UInt64, _ byte: UInt8) -> Bool {
        let x = w ^ (oneBits &* UInt64(byte))
        return (x &- oneBits) & ~x & highBits != 0
    }

    /// 0x80 in each byte of `w` that is zero, 0 in every other: exact, unlike the `has` tests.
    @inline(__always)
    static func zeroMask(_ w: UInt64) -> UInt64 {
        let low7 = oneBits &* 0x7F
        return ~(((w & low7) &+ low7) | w) & highBits
    }

    /// `w` with A–Z made a–z; every byte must be ASCII.
    @inline(__always)
    static func lowerASCII(_ w: UInt64) -> UInt64 {
        let atLeastA = w &+ oneBits &* (0x80 - 0x41)
        let pastZ = w &+ oneBits &* (0x80 - 0x5B)
        return w | ((atLeastA & ~pastZ & highBits) >> 2)
    }

    /// Whether any byte of `w` lies strictly between `low` and `high` (bytes below 0x80, bounds at most 0x80).
    @inline(__always)
    static func hasBetween(_ w: UInt64, _ low: UInt8, _ high: UInt8) -> Bool {
        let low7 = w & (oneBits &* 0x7F)
        return (oneBits &* (127 + UInt64(high)) &- low7) & ~w & (low7 &+ oneBits &* (127 - UInt64(low))) & highBits != 0
    }

    /// Whether any byte of `w` is below `limit` (at most 0x80).
    @inline(__always)
    static func hasBelow(_ w: UInt64, _ limit: UInt8) -> Bool {
        (w &- oneBits &* UInt64(limit)) & ~w & highBits != 0
    }
}
