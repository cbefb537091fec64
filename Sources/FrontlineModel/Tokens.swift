/// A word, number or mark in a sentence, by UTF-8 byte offsets.
///
/// Tokens carry a hash of their folded form (lower case, no abbreviation dots, straight
/// apostrophes) so that tables are looked up without allocating a String per word.
public struct Token: Sendable, Hashable {
    public enum Kind: UInt8, Sendable {
        case word, number, punctuation, quote, possessive
    }
    public var start: Int
    public var end: Int
    public var kind: Kind
    public var hash: UInt64
    /// The first letter is upper case.
    public var isCapitalized: Bool
    /// Every letter is upper case (acronyms, shouted headlines).
    public var isAllCaps: Bool
    /// The byte (for punctuation and quotes) or 0.
    public var mark: UInt8
    /// A word of ASCII letters only: its hash is FNV-1a over its letters in lower case, nothing else.
    public var isPlainWord = false

    public var range: Range<Int> { start..<end }
}

public enum Tokenizer {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3

    @inline(__always) static func mix(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* fnvPrime }

    /// The folded hash of a word as the tokenizer would compute it ("U.K." and "uk" agree).
    public static func hash(_ word: String) -> UInt64 {
        let tokens = tokenize(Array(word.utf8))
        return tokens.first?.hash ?? 0
    }

    /// Hashes of every token of a phrase ("Ukraine's General Staff" → ukraine, 's, general, staff).
    public static func hashes(_ phrase: String) -> [UInt64] {
        tokenize(Array(phrase.utf8)).map(\.hash)
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Length of a multi-byte punctuation sequence at `i` (curly quotes, dashes, ellipsis, no-break space), else 0.
    @inline(__always) static func punctuationLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt8) {
        let b = bytes[i]
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
            switch bytes[i + 2] {
            case 0x98, 0x99, 0x9B: return (3, UInt8(ascii: "'"))
            case 0x9C, 0x9D, 0x9E, 0x9F: return (3, UInt8(ascii: "\""))
            case 0x93, 0x94, 0x92, 0x91, 0x90: return (3, UInt8(ascii: "-"))
            case 0xA6: return (3, UInt8(ascii: "."))
            case 0xA8, 0xA9, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F, 0xAF: return (3, UInt8(ascii: " "))
            default: return (0, 0)
            }
        }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x88, bytes[i + 2] == 0x92 { return (3, UInt8(ascii: "-")) }
        if b == 0xC2, i + 1 < bytes.count {
            if bytes[i + 1] == 0xA0 { return (2, UInt8(ascii: " ")) }
            if bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB { return (2, UInt8(ascii: "\"")) }
        }
        return (0, 0)
    }

    public static func tokenize(_ bytes: [UInt8]) -> [Token] {
        bytes.withUnsafeBufferPointer { tokenize($0) }
    }

    public static func tokenize(_ s: String) -> [Token] {
        var s = s
        return s.withUTF8 { tokenize($0) }
    }

    public static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokenize(bytes, into: &tokens)
        return tokens
    }

    /// The same into `tokens`, emptied first, so that one array serves sentence after sentence.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        tokens.removeAll(keepingCapacity: true)
        // Enough for most sentences at once (a token every three bytes), so the array rarely grows.
        tokens.reserveCapacity(bytes.count / 3 + 4)
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1; continue }
            // Only E2 and C2 start the marks punctuationLength knows: skip the call for every other byte.
            let (plen, pmark) = b == 0xE2 || b == 0xC2 ? punctuationLength(bytes, i) : (0, 0)
            if plen > 0 {
                if pmark != UInt8(ascii: " ") {
                    let kind: Token.Kind = pmark == UInt8(ascii: "\"") ? .quote : .punctuation
                    if pmark == UInt8(ascii: "'"), let last = tokens.last, last.end == i, last.kind == .word,
                       i + plen < n, (bytes[i + plen] | 0x20) == UInt8(ascii: "s"),
                       i + plen + 1 >= n || !isLetter(bytes[i + plen + 1]) && bytes[i + plen + 1] < 0x80 {
                        tokens.append(Token(start: i, end: i + plen + 1, kind: .possessive, hash: possessiveHash,
                                            isCapitalized: false, isAllCaps: false, mark: 0))
                        i += plen + 1
                        continue
                    }
                    // A curly apostrophe inside a word ("don’t") stays in the word.
                    if pmark == UInt8(ascii: "'"), var last = tokens.last, last.end == i, last.kind == .word,
                       i + plen < n, isLetter(bytes[i + plen]) {
                        let next = extendWord(bytes, from: i, &last)
                        // extendWord declines some apostrophes ("’s" before a non-ASCII letter): then it is a mark.
                        if next > i { tokens[tokens.count - 1] = last; i = next; continue }
                    }
                    tokens.append(Token(start: i, end: i + plen, kind: kind, hash: mix(fnvOffset, pmark),
                                        isCapitalized: false, isAllCaps: false, mark: pmark))
                }
                i += plen
                continue
            }
            if isDigit(b) {
                var j = i + 1
                while j < n {
                    let c = bytes[j]
                    if isDigit(c) { j += 1; continue }
                    if (c == UInt8(ascii: ",") || c == UInt8(ascii: ".")), j + 1 < n, isDigit(bytes[j + 1]) { j += 2; continue }
                    break
                }
                // Codes such as "IV14" or "Su-34" are words; "14km" splits later in the quantities stage.
                var h = fnvOffset
                for k in i..<j { h = mix(h, bytes[k]) }
                tokens.append(Token(start: i, end: j, kind: .number, hash: h, isCapitalized: false, isAllCaps: false, mark: 0))
                i = j
                continue
            }
            if isLetter(b) {
                // The common word: ASCII letters up to a byte that surely ends it (space, comma, …).
                // Anything else (digits, hyphens, apostrophes, dots, other scripts) goes the long way.
                var h = mix(fnvOffset, b | 0x20)
                var j = i + 1
                var lower = b >= 0x61
                while j < n {
                    let c = bytes[j]
                    guard isLetter(c) else { break }
                    if c >= 0x61 { lower = true }
                    h = mix(h, c | 0x20)
                    j += 1
                }
                if j == n || endsPlainWord(bytes[j]) {
                    tokens.append(Token(start: i, end: j, kind: .word, hash: h, isCapitalized: b < 0x61, isAllCaps: !lower,
                                        mark: 0, isPlainWord: true))
                    i = j
                    continue
                }
            }
            if isLetter(b) || b >= 0x80 {
                var word = Token(start: i, end: i, kind: .word, hash: fnvOffset, isCapitalized: false, isAllCaps: true, mark: 0,
                                 isPlainWord: true)
                let next = extendWord(bytes, from: i, &word)
                if next > i { tokens.append(word); i = next } else { i += 1 }
                continue
            }
            if b == UInt8(ascii: "'"), let last = tokens.last, last.end == i, last.kind == .word,
               i + 1 < n, (bytes[i + 1] | 0x20) == UInt8(ascii: "s"), i + 2 >= n || !isLetter(bytes[i + 2]) && bytes[i + 2] < 0x80 {
                tokens.append(Token(start: i, end: i + 2, kind: .possessive, hash: possessiveHash,
                                    isCapitalized: false, isAllCaps: false, mark: 0))
                i += 2
                continue
            }
            let kind: Token.Kind = b == UInt8(ascii: "\"") ? .quote : .punctuation
            tokens.append(Token(start: i, end: i + 1, kind: kind, hash: mix(fnvOffset, b), isCapitalized: false, isAllCaps: false, mark: b))
            i += 1
        }
    }

    /// Bytes after which `extendWord` surely stops: ASCII, neither letter nor digit, and not a hyphen,
    /// apostrophe or dot, which can continue a word.
    @inline(__always) static func endsPlainWord(_ c: UInt8) -> Bool {
        c < 0x80 && !isLetter(c) && !isDigit(c) && c != UInt8(ascii: "-") && c != UInt8(ascii: "'") && c != UInt8(ascii: ".")
    }

    static let possessiveHash: UInt64 = mix(mix(fnvOffset, UInt8(ascii: "'")), UInt8(ascii: "s"))

    /// Extends a word token from `i`: letters, digits, inner hyphens, inner apostrophes, abbreviation dots.
    @inline(__always)
    static func extendWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ token: inout Token) -> Int {
        var h = token.hash
        var i = start
        let n = bytes.count
        var letters = token.end > token.start ? 1 : 0
        var upper = token.isAllCaps
        var first = token.end == token.start
        var plain = true
        while i < n {
            let b = bytes[i]
            // A run of lower-case ASCII letters after the first character: the common case, in a tight loop.
            if !first, b &- 0x61 < 26 {
                var j = i
                repeat {
                    h = mix(h, bytes[j])
                    j += 1
                } while j < n && bytes[j] &- 0x61 < 26
                letters += j - i
                upper = false
                i = j
                continue
            }
            if isLetter(b) {
                let isUpper = b < 0x61
                if first { token.isCapitalized = isUpper; first = false }
                if !isUpper { upper = false }
                letters += 1
                h = mix(h, b | 0x20)
                i += 1
                continue
            }
            if isDigit(b) { h = mix(h, b); first = false; plain = false; i += 1; continue }
            if b >= 0x80 {
                let (plen, pmark) = punctuationLength(bytes, i)
                if plen > 0 {
                    if pmark == UInt8(ascii: "'"), i + plen < n, isLetter(bytes[i + plen]),
                       !((bytes[i + plen] | 0x20) == UInt8(ascii: "s") && (i + plen + 1 >= n || !isLetter(bytes[i + plen + 1]))) {
                        h = mix(h, UInt8(ascii: "'"))
                        plain = false
                        i += plen
                        continue
                    }
                    break
                }
                // Non-ASCII letters: Cyrillic capitals are D0 80–D0 AF; hash the bytes as they are.
                if first {
                    token.isCapitalized = b == 0xD0 && i + 1 < n && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0xAF
                    first = false
                }
                letters += 1
                h = mix(h, b)
                plain = false
                i += 1
                continue
            }
            if b == UInt8(ascii: "-"), i + 1 < n, isLetter(bytes[i + 1]) || isDigit(bytes[i + 1]) || bytes[i + 1] >= 0xC0 {
                h = mix(h, b); plain = false; i += 1; continue
            }
            if b == UInt8(ascii: "'"), i + 1 < n, isLetter(bytes[i + 1]),
               !((bytes[i + 1] | 0x20) == UInt8(ascii: "s") && (i + 2 >= n || !isLetter(bytes[i + 2]))) {
                h = mix(h, b); plain = false; i += 1; continue
            }
            // "U.K." and "U.S.": a dot between single letters belongs to the word, and is not hashed.
            if b == UInt8(ascii: "."), i + 1 < n, isLetter(bytes[i + 1]), i + 2 >= n || !isLetter(bytes[i + 2]),
               i - 1 >= 0, isLetter(bytes[i - 1]), i - 2 < 0 || !isLetter(bytes[i - 2]) {
                plain = false
                i += 1
                continue
            }
            if b == UInt8(ascii: "."), i + 1 <= n, i - 2 >= 0, bytes[i - 2] == UInt8(ascii: "."), isLetter(bytes[i - 1]) {
                // The closing dot of "U.K."
                plain = false
                i += 1
                break
            }
            break
        }
        token.end = i
        token.hash = h
        if !plain { token.isPlainWord = false }
        token.isAllCaps = upper && letters > 0
        if !token.isCapitalized && letters == 0 { token.isAllCaps = false }
        return i
    }
}

/// A map from token hashes to values with open addressing.
///
/// The keys are already FNV hashes, so hashing them again (as Dictionary does, with SipHash)
/// is wasted work on the hottest path of extraction.
public struct HashMap<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    public private(set) var count = 0

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }
    // 0 marks an empty slot; a real hash of 0 is stored as 1.
    @inline(__always) static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    public subscript(key: UInt64) -> Value? {
        @inline(__always) get {
            let k = Self.stored(key)
            var i = Self.slot(k, mask)
            while true {
                let found = keys[i]
                if found == k { return values[i] }
                if found == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            let k = Self.stored(key)
            var i = Self.slot(k, mask)
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
            if keys[i] == 0 { count += 1 }
            keys[i] = k
            values[i] = newValue
        }
    }

    private mutating func grow() {
        var bigger = HashMap(capacity: keys.count)
        for (i, key) in keys.enumerated() where key != 0 { bigger[key] = values[i] }
        self = bigger
    }
}

/// A set of token hashes (word lists).
public struct HashSet: Sendable {
    private var map = HashMap<Bool>()
    public init<S: Sequence>(_ hashes: S) where S.Element == UInt64 { for h in hashes { map[h] = true } }
    @inline(__always) public func contains(_ hash: UInt64) -> Bool { map[hash] != nil }
}

/// Phrases (sequences of folded tokens) mapped to a payload, matched longest first.
public struct PhraseTable<Payload: Sendable>: Sendable {
    /// A phrase with its length and second hash at hand: most candidates fail on the second token,
    /// and "ukrainian" alone starts dozens of speakers' names.
    struct Candidate: Sendable {
        var count: Int
        var second: UInt64
        var hashes: [UInt64]
        var payload: Payload
    }
    private var byFirst = HashMap<[Candidate]>()
    /// 4096-bit filter of first hashes: most tokens start no phrase and need no probe.
    private var firsts = [UInt64](repeating: 0, count: 64)
    public private(set) var maxLength = 0

    public init() {}

    @inline(__always) func mayStart(_ hash: UInt64) -> Bool {
        firsts.withUnsafeBufferPointer { $0[Int(hash & 4095) >> 6] & (1 << (hash & 63)) != 0 }
    }

    public mutating func add(_ phrase: String, _ payload: Payload) {
        let hashes = Tokenizer.hashes(phrase)
        guard let first = hashes.first else { return }
        firsts[Int(first & 4095) >> 6] |= 1 << (first & 63)
        var list = byFirst[first] ?? []
        list.append(Candidate(count: hashes.count, second: hashes.count > 1 ? hashes[1] : 0, hashes: hashes, payload: payload))
        list.sort { $0.count > $1.count }
        byFirst[first] = list
        maxLength = max(maxLength, hashes.count)
    }

    /// The longest phrase starting at token `i`: its payload and how many tokens it spans.
    @inline(__always)
    public func match(_ tokens: [Token], at i: Int) -> (payload: Payload, length: Int)? {
        guard mayStart(tokens[i].hash), let candidates = byFirst[tokens[i].hash] else { return nil }
        for c in candidates.indices where Self.matches(tokens, at: i, candidates, c) {
            return (candidates[c].payload, candidates[c].count)
        }
        return nil
    }

    /// Whether candidate `c` (which starts with token `i`'s hash) matches the tokens from `i` on.
    @inline(__always)
    private static func matches(_ tokens: [Token], at i: Int, _ candidates: [Candidate], _ c: Int) -> Bool {
        let count = candidates[c].count
        if i + count > tokens.count { return false }
        if count > 1 && candidates[c].second != tokens[i + 1].hash { return false }
        var k = 2
        while k < count {
            if tokens[i + k].hash != candidates[c].hashes[k] { return false }
            k += 1
        }
        return true
    }

    public func contains(_ tokens: [Token]) -> Bool {
        for i in tokens.indices where match(tokens, at: i) != nil { return true }
        return false
    }

    /// Every phrase starting at token `i`, not only the longest: for tables that merge several lists.
    @inline(__always)
    func forEachMatch(_ tokens: [Token], at i: Int, _ body: (Payload) -> Void) {
        guard mayStart(tokens[i].hash), let candidates = byFirst[tokens[i].hash] else { return }
        for c in candidates.indices where Self.matches(tokens, at: i, candidates, c) { body(candidates[c].payload) }
    }
}

extension PhraseTable {
    /// Adds every phrase of a word list (one per line, `#` comments), each with `payload`.
    mutating func addList(_ file: String, _ payload: Payload) {
        for row in DataFiles.rows(file) {
            let phrase = row[0].trimmingCharacters(in: .whitespaces)
            if !phrase.isEmpty { add(phrase, payload) }
        }
    }
}
