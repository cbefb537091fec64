import Foundation

// The quantities stage: every number a sentence asserts, with value, unit and bound.
//
// One pass tokenises the sentence's UTF-8 bytes into words (hashed, lower-cased), numbers
// (value parsed) and punctuation; a second pass reads number expressions off the tokens.
// Words, units and bounds come from the tables in Data/ so that they grow without code.

// MARK: - Public API

public enum QuantityFinder {
    /// Every number the sentence asserts, in order, with normalised value, unit and bound.
    public static func quantities(in sentence: String) -> [Quantity] {
        var toks: [QTok] = []
        var s = sentence
        return s.withUTF8 { quantities(in: $0, reusing: &toks) }
    }

    /// The same on the sentence's UTF-8 bytes, tokenising into `toks` so that an article's sentences share
    /// one buffer, with the pre-filter's answer when the caller has it.
    static func quantities(in bytes: UnsafeBufferPointer<UInt8>, reusing toks: inout [QTok], mayHold: Bool? = nil) -> [Quantity] {
        guard mayHold ?? QuantityScanner.mayHoldNumber(bytes) else { return [] }
        var scanner = QuantityScanner(bytes: bytes)
        toks.removeAll(keepingCapacity: true)
        swap(&scanner.toks, &toks)
        let found = scanner.run()
        swap(&scanner.toks, &toks)
        return found
    }
}

/// Canonical units, their dimensions and conversions (Data/units.tsv, Data/unit-dimensions.tsv).
public enum UnitTable {
    /// "area", "length", "speed", "percent", "time", "mass", "money" or "count"; nil for an unknown unit.
    public static func dimension(of unit: String) -> String? {
        let t = QuantityTables.shared
        if let d = t.dimensions[unit] { return d.dimension }
        return t.units.contains(unit) ? "count" : nil
    }

    /// `value` in `from` expressed in `to`; nil when the units measure different things.
    /// Counted nouns and currencies convert only to themselves.
    public static func convert(_ value: Double, from: String, to: String) -> Double? {
        if from == to { return dimension(of: from) == nil ? nil : value }
        let t = QuantityTables.shared
        guard let a = t.dimensions[from], let b = t.dimensions[to], a.dimension == b.dimension,
              a.dimension != "money" else { return nil }
        return value * a.factor / b.factor
    }

    /// The canonical unit for an alias as written ("square kilometres" → "km2", "soldiers" → "troops").
    public static func canonical(_ alias: String) -> String? {
        let t = QuantityTables.shared
        let toks = QuantityScanner.hashes(of: alias)
        guard let first = toks.first, let options = t.unitPhrases[first] else { return nil }
        for p in options where p.words == toks && p.unit != "-" { return p.unit }
        return nil
    }

    /// Every canonical unit the tables know.
    public static var units: [String] { QuantityTables.shared.units.sorted() }
}

// MARK: - Tables

struct Phrase: Sendable {
    var words: [UInt64]
    var unit: String        // canonical unit, or the bound's raw value
    var before: Bool        // currency written before the number / bound phrase before the number
    var count = false       // a counted noun (or "-"): may follow modifiers
    var time = false
}

struct WordInfo: Sendable {
    enum Num: UInt8, Sendable { case plain, cardinal, scale, dozen, fraction, half, twice, article, ordinal }
    var num: Num = .plain
    var value: Double = 0
    var roles: UInt8 = 0

    static let month: UInt8 = 1, label: UInt8 = 2, labelCap: UInt8 = 4, determiner: UInt8 = 8, stop: UInt8 = 16
    static let age: UInt8 = 32
}

/// Open addressing on keys that are already hashes: much cheaper than `Dictionary`'s SipHash
/// for the several look-ups every token needs.
struct HashIndex<V: Sendable>: Sendable {
    private let keys: [UInt64]
    private let slots: [Int32]
    private let values: [V]
    private let mask: Int

    init(_ dict: [UInt64: V]) {
        var cap = 16
        while cap < dict.count * 3 { cap <<= 1 }
        var keys = [UInt64](repeating: 0, count: cap)
        var slots = [Int32](repeating: -1, count: cap)
        var values: [V] = []
        for (k, v) in dict {
            var i = Int(truncatingIfNeeded: k ^ (k >> 31)) & (cap - 1)
            while slots[i] >= 0 { i = (i + 1) & (cap - 1) }
            keys[i] = k
            slots[i] = Int32(values.count)
            values.append(v)
        }
        self.keys = keys
        self.slots = slots
        self.values = values
        self.mask = cap - 1
    }

    @inline(__always) subscript(_ k: UInt64) -> V? {
        var i = Int(truncatingIfNeeded: k ^ (k >> 31)) & mask
        while true {
            let slot = slots[i]
            if slot < 0 { return nil }
            if keys[i] == k { return values[Int(slot)] }
            i = (i + 1) & mask
        }
    }
}

final class QuantityTables: Sendable {
    let words: HashIndex<WordInfo>
    /// Unit phrases by their first token's hash, longest first.
    let unitPhrases: HashIndex<[Phrase]>
    /// Bound phrases before a number, by their last token's hash, longest first.
    let boundsBefore: HashIndex<[Phrase]>
    /// Bound phrases after a number, by their first token's hash, longest first.
    let boundsAfter: HashIndex<[Phrase]>
    let dimensions: [String: (dimension: String, factor: Double)]
    let units: Set<String>
    /// 1024-bit filter of the hashes of words that can start a number, for the quick reject.
    let trigger: [UInt64]
    /// The words themselves: a sentence whose only trigger is a false positive of the filter needs no scan.
    let triggerWords: HashSet

    /// Whether a word (its lower-case hash and length) can start a number. The filter lets about one
    /// word in twenty through: only then is the word looked up.
    @inline(__always) func isTrigger(_ hash: UInt64, length: Int) -> Bool {
        length >= 3 && length <= 9 && trigger[Int(hash & 1023) >> 6] & (1 << (hash & 63)) != 0 && triggerWords.contains(hash)
    }
    /// 4096-bit filter of every word in `words`: most words of a sentence need no look-up.
    let known: [UInt64]

    static let shared = QuantityTables()

    private init() {
        var words: [UInt64: WordInfo] = [:]
        var trigger = [UInt64](repeating: 0, count: 16)
        var triggerWords: [UInt64] = []
        for row in DataFiles.rows("number-words.tsv") where row.count >= 3 {
            let h = QuantityScanner.hash(row[0])
            var info = words[h] ?? WordInfo()
            switch row[1] {
            case "cardinal": info.num = .cardinal
            case "scale": info.num = .scale
            case "dozen": info.num = .dozen
            case "fraction": info.num = .fraction
            case "half": info.num = .half
            case "twice": info.num = .twice
            case "article": info.num = .article
            case "ordinal": info.num = .ordinal
            default: continue
            }
            info.value = Double(row[2]) ?? 0
            words[h] = info
            if info.num != .article && info.num != .ordinal {
                trigger[Int(h & 1023) >> 6] |= 1 << (h & 63)
                triggerWords.append(h)
            }
        }
        for row in DataFiles.rows("quantity-context.tsv") where row.count >= 2 {
            let h = QuantityScanner.hash(row[0])
            var info = words[h] ?? WordInfo()
            switch row[1] {
            case "month": info.roles |= WordInfo.month
            case "label": info.roles |= WordInfo.label
            case "label-cap": info.roles |= WordInfo.labelCap
            case "determiner": info.roles |= WordInfo.determiner
            case "stop": info.roles |= WordInfo.stop
            case "age": info.roles |= WordInfo.age
            default: continue
            }
            words[h] = info
        }
        var dimensions: [String: (dimension: String, factor: Double)] = [:]
        var units: Set<String> = []
        for row in DataFiles.rows("unit-dimensions.tsv") where row.count >= 3 {
            dimensions[String(row[0])] = (String(row[1]), Double(row[2]) ?? 1)
            units.insert(String(row[0]))
        }
        var unitPhrases: [UInt64: [Phrase]] = [:]
        for row in DataFiles.rows("units.tsv") where row.count >= 2 {
            let words = QuantityScanner.hashes(of: String(row[0]))
            guard let first = words.first else { continue }
            let unit = String(row[1])
            var p = Phrase(words: words, unit: unit, before: row.count > 2 && row[2] == "before")
            p.count = dimensions[unit] == nil
            p.time = dimensions[unit]?.dimension == "time"
            unitPhrases[first, default: []].append(p)
            if unit != "-" { units.insert(unit) }
        }
        for key in unitPhrases.keys { unitPhrases[key]!.sort { $0.words.count > $1.words.count } }
        var boundsBefore: [UInt64: [Phrase]] = [:]
        var boundsAfter: [UInt64: [Phrase]] = [:]
        for row in DataFiles.rows("bound-words.tsv") where row.count >= 3 {
            let words = QuantityScanner.hashes(of: String(row[0]))
            guard let first = words.first, let last = words.last else { continue }
            let p = Phrase(words: words, unit: String(row[1]), before: row[2] == "before")
            if p.before { boundsBefore[last, default: []].append(p) } else { boundsAfter[first, default: []].append(p) }
        }
        for key in boundsBefore.keys { boundsBefore[key]!.sort { $0.words.count > $1.words.count } }
        for key in boundsAfter.keys { boundsAfter[key]!.sort { $0.words.count > $1.words.count } }
        self.words = HashIndex(words)
        self.unitPhrases = HashIndex(unitPhrases)
        self.boundsBefore = HashIndex(boundsBefore)
        self.boundsAfter = HashIndex(boundsAfter)
        self.dimensions = dimensions
        self.units = units
        self.trigger = trigger
        self.triggerWords = HashSet(triggerWords)
        var known = [UInt64](repeating: 0, count: 64)
        for h in words.keys { known[Int(h & 4095) >> 6] |= 1 << (h & 63) }
        self.known = known
    }
}

// MARK: - Tokens

struct QTok {
    enum Kind: UInt8 { case word, number, punct }
    var start: Int
    var end: Int
    /// Lower-cased FNV-1a hash of a word; the scalar (with `punctTag`) of punctuation.
    var hash: UInt64
    var kind: Kind
    var flags: UInt8
    /// A number's value; a number word's value from the table.
    var value: Double
    var num: WordInfo.Num = .plain
    var roles: UInt8 = 0

    static let cap: UInt8 = 1, allCaps: UInt8 = 2, hasDigit: UInt8 = 4, grouped: UInt8 = 8
    static let decimal: UInt8 = 16, odd: UInt8 = 32

    func has(_ f: UInt8) -> Bool { flags & f != 0 }
}

private let punctTag: UInt64 = 0xFFFF_0000_0000_0000
private func P(_ s: Unicode.Scalar) -> UInt64 { punctTag | UInt64(s.value) }

private let pHyphen = P("-"), pEnDash = P("\u{2013}"), pEmDash = P("\u{2014}"), pMinus = P("\u{2212}")
private let pSlash = P("/"), pColon = P(":"), pHash = P("#"), pDot = P("."), pPlus = P("+")
private let pBracketOpen = P("["), pApos = P("'"), pRightQuote = P("\u{2019}"), pComma = P(",")

// MARK: - Scanner

struct QuantityScanner {
    let b: UnsafeBufferPointer<UInt8>
    /// nil only while the tables themselves are being read.
    let tables: QuantityTables?
    var t: QuantityTables { tables.unsafelyUnwrapped }
    let words: HashIndex<WordInfo>
    let known: [UInt64]
    var toks: [QTok] = []
    var out: [Quantity] = []
    /// A headline in title case: a capital before a number says nothing there.
    var titleCase = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.b = bytes
        let t = QuantityTables.shared
        self.tables = t
        self.words = t.words
        self.known = t.known
    }

    // MARK: Hashing and the quick reject

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in bytes {
            let l = (c >= 65 && c <= 90) ? c | 0x20 : c
            h = (h ^ UInt64(l)) &* 0x0000_0100_0000_01b3
        }
        return h
    }

    static func hash(_ s: Substring) -> UInt64 { hash(s.utf8) }

    /// Token hashes of a table phrase, tokenised the way sentences are.
    static func hashes(of phrase: String) -> [UInt64] {
        var s = phrase
        return s.withUTF8 { bytes in
            var sc = QuantityScanner(phrase: bytes)
            sc.tokenize()
            return sc.toks.map(\.hash)
        }
    }

    private init(phrase: UnsafeBufferPointer<UInt8>) {
        self.b = phrase
        self.tables = nil
        self.words = HashIndex([:])
        self.known = [UInt64](repeating: 0, count: 64)
    }

    /// `mayHoldNumber` from the sentence's tokens: a plain word's token hash is the hash looked up here,
    /// so only numbers and the few words with other bytes in them need the bytes.
    static func mayHoldNumber(_ tokens: [Token], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let tables = QuantityTables.shared
        for t in tokens {
            switch t.kind {
            case .number:
                return true
            case .word:
                if t.isPlainWord {
                    if tables.isTrigger(t.hash, length: t.end - t.start) { return true }
                } else if mayHoldNumber(UnsafeBufferPointer(rebasing: b[t.start..<t.end])) {
                    return true
                }
            case .punctuation, .quote, .possessive:
                continue
            }
        }
        return false
    }

    /// False when the sentence has no digit and no word that can start a number.
    static func mayHoldNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let tables = QuantityTables.shared
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c >= 48 && c <= 57 { return true }
            if (c | 0x20) >= 97 && (c | 0x20) <= 122 {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                let s = i
                while i < n {
                    let d = b[i]
                    let l = d | 0x20
                    guard l >= 97 && l <= 122 else { break }
                    h = (h ^ UInt64(l)) &* 0x0000_0100_0000_01b3
                    i += 1
                }
                if tables.isTrigger(h, length: i - s) { return true }
                continue
            }
            i += 1
        }
        return false
    }

    // MARK: Tokeniser

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }

    /// The scalar at `i` (a lead byte ≥ 0x80) and its length.
    func scalar(at i: Int) -> (UInt32, Int) {
        let c = b[i]
        let n = b.count
        if c >= 0xF0, i + 3 < n {
            return ((UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6)
                    | UInt32(b[i + 3] & 0x3F), 4)
        }
        if c >= 0xE0, i + 2 < n {
            return ((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        if c >= 0xC0, i + 1 < n { return ((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        return (UInt32(c), 1)
    }

    @inline(__always) static func isSpace(_ s: UInt32) -> Bool {
        s == 0xA0 || (s >= 0x2000 && s <= 0x200B) || s == 0x202F || s == 0x205F || s == 0x3000
    }

    /// Punctuation, symbols and currency signs; other non-ASCII scalars are letters (², é, Cyrillic).
    @inline(__always) static func isPunct(_ s: UInt32) -> Bool {
        (s >= 0xA1 && s <= 0xBF && s != 0xB2 && s != 0xB3 && s != 0xB9) || s == 0xD7
            || (s >= 0x2010 && s <= 0x206F) || (s >= 0x20A0 && s <= 0x20CF) || s == 0x2212
    }

    /// Width of a thousands separator at `j` (",", no-break or thin space), 0 if none.
    func separatorWidth(at j: Int) -> Int {
        let c = b[j]
        if c == 44 || c == 32 { return 1 }
        if c == 0xC2, j + 1 < b.count, b[j + 1] == 0xA0 { return 2 }
        if c == 0xE2, j + 2 < b.count, b[j + 1] == 0x80, b[j + 2] == 0x89 || b[j + 2] == 0xAF || b[j + 2] == 0x87 {
            return 3
        }
        return 0
    }

    mutating func tokenize() {
        let n = b.count
        // A token every three bytes covers most sentences without growing the array.
        toks.reserveCapacity(n / 3 + 4)
        var i = 0
        while i < n {
            let c = b[i]
            if c == 32 || c == 9 || c == 10 || c == 13 { i += 1; continue }
            if c < 0x80 {
                if Self.isAlpha(c) { i = word(from: i); continue }
                if Self.isDigit(c) { i = number(from: i); continue }
                toks.append(QTok(start: i, end: i + 1, hash: punctTag | UInt64(c), kind: .punct, flags: 0, value: 0))
                i += 1
                continue
            }
            let (s, len) = scalar(at: i)
            if Self.isSpace(s) { i += len; continue }
            if Self.isPunct(s) {
                toks.append(QTok(start: i, end: i + len, hash: punctTag | UInt64(s), kind: .punct, flags: 0, value: 0))
                i += len
                continue
            }
            i = word(from: i)
        }
    }

    mutating func word(from s: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var j = s
        var upper = 0, lower = 0, digit = false
        let n = b.count
        while j < n {
            let c = b[j]
            if c >= 97 && c <= 122 {
                lower += 1
                h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01b3
                j += 1
                continue
            }
            if c < 0x80 {
                if Self.isAlpha(c) {
                    if c <= 90 { upper += 1 } else { lower += 1 }
                } else if Self.isDigit(c) {
                    digit = true
                } else { break }
                h = (h ^ UInt64(c <= 90 && c >= 65 ? c | 0x20 : c)) &* 0x0000_0100_0000_01b3
                j += 1
            } else {
                let (sc, len) = scalar(at: j)
                if Self.isSpace(sc) || Self.isPunct(sc) { break }
                for k in j..<(j + len) { h = (h ^ UInt64(b[k])) &* 0x0000_0100_0000_01b3 }
                j += len
            }
        }
        var flags: UInt8 = 0
        if b[s] >= 65 && b[s] <= 90 { flags |= QTok.cap }
        if upper >= 2 && lower == 0 { flags |= QTok.allCaps }
        if digit { flags |= QTok.hasDigit }
        var tok = QTok(start: s, end: j, hash: h, kind: .word, flags: flags, value: 0)
        if known[Int(h & 4095) >> 6] & (1 << (h & 63)) != 0, let info = words[h] {
            tok.num = info.num
            tok.roles = info.roles
            tok.value = info.value
        }
        toks.append(tok)
        return j
    }

    /// Digits with thousands separators and a decimal part. Digit groups joined by "." or ","
    /// in other ways (11.11.2022, 1,2) are marked odd: versions, dates or foreign decimals.
    mutating func number(from s: Int) -> Int {
        let n = b.count
        var j = s
        var v: Double = 0
        var digits = 0
        while j < n, Self.isDigit(b[j]) { v = v * 10 + Double(b[j] - 48); j += 1; digits += 1 }
        var flags: UInt8 = 0
        if digits <= 3 {
            while j < n {
                let w = separatorWidth(at: j)
                let k = j + w
                guard w > 0, k + 3 <= n, Self.isDigit(b[k]), Self.isDigit(b[k + 1]), Self.isDigit(b[k + 2]),
                      k + 3 == n || !Self.isDigit(b[k + 3]) else { break }
                v = v * 1000 + Double(b[k] - 48) * 100 + Double(b[k + 1] - 48) * 10 + Double(b[k + 2] - 48)
                j = k + 3
                flags |= QTok.grouped
            }
        }
        if j + 1 < n, b[j] == 46, Self.isDigit(b[j + 1]) {
            j += 1
            var scale = 0.1
            while j < n, Self.isDigit(b[j]) { v += Double(b[j] - 48) * scale; scale /= 10; j += 1 }
            flags |= QTok.decimal
        }
        if j + 1 < n, b[j] == 46 || b[j] == 44, Self.isDigit(b[j + 1]) {
            flags |= QTok.odd
            while j < n, Self.isDigit(b[j]) || ((b[j] == 46 || b[j] == 44) && j + 1 < n && Self.isDigit(b[j + 1])) {
                j += 1
            }
        }
        if flags & (QTok.grouped | QTok.decimal) == 0 && digits > 9 { flags |= QTok.odd }
        toks.append(QTok(start: s, end: j, hash: UInt64(digits), kind: .number, flags: flags, value: v))
        return j
    }

    // MARK: Token helpers

    @inline(__always) func num(_ i: Int) -> WordInfo.Num {
        i >= 0 && i < toks.count ? toks[i].num : .plain
    }

    @inline(__always) func isWord(_ i: Int, _ w: UInt64) -> Bool {
        i >= 0 && i < toks.count && toks[i].kind == .word && toks[i].hash == w
    }

    @inline(__always) func isPunct(_ i: Int, _ p: UInt64) -> Bool {
        i >= 0 && i < toks.count && toks[i].kind == .punct && toks[i].hash == p
    }

    @inline(__always) func isDash(_ i: Int) -> Bool {
        isPunct(i, pHyphen) || isPunct(i, pEnDash) || isPunct(i, pEmDash) || isPunct(i, pMinus)
    }

    /// Tokens `i` and `i + 1` touch, with no space between.
    @inline(__always) func touching(_ i: Int) -> Bool {
        i >= 0 && i + 1 < toks.count && toks[i].end == toks[i + 1].start
    }

    func hasRole(_ i: Int, _ role: UInt8) -> Bool {
        i >= 0 && i < toks.count && toks[i].roles & role != 0
    }

    /// A word that ends a noun phrase, or a token that is no word at all.
    func isBoundary(_ i: Int) -> Bool {
        guard i < toks.count else { return true }
        if toks[i].kind != .word { return true }
        return hasRole(i, WordInfo.stop)
    }

    // MARK: Number expressions

    /// A number as written, before its unit: tokens `start..<end`.
    struct Core {
        var start: Int
        var end: Int
        var value: Double
        var unit: String? = nil
        var digits = false
        var bareOne = false
        /// A bare "m" suffix ("5m"): metres, or millions before a counted noun or after a currency.
        var pendingM = false
    }

    static let hK = hash("k".utf8), hM = hash("m".utf8), hBn = hash("bn".utf8), hMn = hash("mn".utf8)
    static let hB = hash("b".utf8), hMln = hash("mln".utf8)
    static let hSt = hash("st".utf8), hNd = hash("nd".utf8), hRd = hash("rd".utf8), hTh = hash("th".utf8)
    static let hS = hash("s".utf8), hAm = hash("am".utf8), hPm = hash("pm".utf8), hA = hash("a".utf8)
    static let hP = hash("p".utf8), hO = hash("o".utf8), hClock = hash("clock".utf8)
    static let hAnd = hash("and".utf8), hTo = hash("to".utf8), hOr = hash("or".utf8), hOut = hash("out".utf8)
    static let hOf = hash("of".utf8), hIn = hash("in".utf8), hBetween = hash("between".utf8)
    static let hThe = hash("the".utf8), hOne = hash("one".utf8), hWithin = hash("within".utf8)
    static let hFor = hash("for".utf8), hAn = hash("an".utf8), hPer = hash("per".utf8)

    func parseCore(at s: Int) -> Core? {
        let tok = toks[s]
        if tok.kind == .number { return parseDigits(at: s) }
        guard tok.kind == .word else { return nil }
        switch tok.num {
        case .cardinal: return parseWords(at: s, initial: nil)
        case .article:
            // "a" is a number only before a scale, dozen or fraction: "a dozen", "a fifth".
            let next = num(s + 1)
            if next == .scale || next == .dozen { return parseWords(at: s + 1, initial: 1, start: s) }
            // "an hour and a half" is no share.
            if next == .fraction || next == .half, !isWord(s - 1, Self.hAnd) {
                return fraction(numerator: 1, start: s, at: s + 1)
            }
            return nil
        case .half:
            return parseHalf(at: s)
        case .twice:
            return Core(start: s, end: s + 1, value: 2)
        default:
            return nil
        }
    }

    /// `v` times a scale word, without binary noise: 64.1bn is 64100000000, not 64099999999.99999.
    func scaled(_ v: Double, _ k: Double) -> Double {
        let r = v * k
        let whole = r.rounded()
        return abs(r - whole) < 1e-9 * abs(r) ? whole : r
    }

    func parseDigits(at s: Int) -> Core? {
        let tok = toks[s]
        if tok.has(QTok.odd) { return nil }
        var c = Core(start: s, end: s + 1, value: tok.value, digits: true)
        if touching(s), toks[s + 1].kind == .word {
            let w = toks[s + 1]
            if w.has(QTok.hasDigit) { return nil }   // 2S19, 9K720
            let h = w.hash
            if h == Self.hSt || h == Self.hNd || h == Self.hRd || h == Self.hTh || h == Self.hS
                || h == Self.hAm || h == Self.hPm { return nil }
            if h == Self.hK { c.value = scaled(c.value, 1e3); c.end += 1 }
            else if h == Self.hBn || h == Self.hB { c.value = scaled(c.value, 1e9); c.end += 1 }
            else if h == Self.hMn || h == Self.hMln { c.value = scaled(c.value, 1e6); c.end += 1 }
            else if h == Self.hM { c.pendingM = true }
            else if unitMatch(at: s + 1) == nil { return nil }  // letters glued to digits: a code ("5G")
        }
        if c.end < toks.count, num(c.end) == .scale, !c.pendingM {
            c.value = scaled(c.value, toks[c.end].value)
            c.end += 1
        }
        return c
    }

    /// Number words: "eleven thousand", "twenty-five", "two and a half", "two hundred and fifty".
    func parseWords(at s: Int, initial: Double?, start: Int? = nil) -> Core? {
        var total: Double = 0
        var current: Double = initial ?? 0
        var j = s
        var lastSmall: Double = -1   // the last cardinal read since a scale, -1 if none
        var words = 0
        while j < toks.count, toks[j].kind == .word || isDash(j) {
            if isDash(j) {
                // "two-and-a-half": hyphens may join the half.
                if words > 0, touching(j - 1), touching(j), let end = andAHalf(at: j + 1) {
                    current += 0.5
                    j = end
                    words += 3
                    break
                }
                // "twenty-five": a hyphen between a tens word and a unit word only.
                guard touching(j - 1), touching(j), lastSmall >= 20, lastSmall.truncatingRemainder(dividingBy: 10) == 0,
                      num(j + 1) == .cardinal, toks[j + 1].value < 10 else { break }
                j += 1
                continue
            }
            let inf = toks[j]
            if inf.num == .cardinal {
                if lastSmall >= 0 && !(lastSmall >= 20 && lastSmall.truncatingRemainder(dividingBy: 10) == 0
                                       && inf.value < 10 && inf.value > 0) { break }
                current += inf.value
                lastSmall = lastSmall >= 0 ? lastSmall + inf.value : inf.value
            } else if inf.num == .scale {
                if inf.value == 100 {
                    current = (current == 0 ? 1 : current) * 100
                } else {
                    total += (current == 0 ? 1 : current) * inf.value
                    current = 0
                }
                lastSmall = -1
            } else if inf.num == .dozen {
                current = (current == 0 ? 1 : current) * 12
                lastSmall = -1
            } else if toks[j].hash == Self.hAnd, words > 0 {
                if let end = andAHalf(at: j) {
                    current += 0.5
                    j = end
                    words += 3
                    break
                }
                // "two hundred and fifty", never "two and three".
                guard lastSmall < 0, num(j + 1) == .cardinal else { break }
            } else {
                break
            }
            j += 1
            words += 1
        }
        if words == 0 { return nil }
        let value = total + current
        // "one-fifth", "two thirds of": a small cardinal before a fraction word is a share.
        if words == 1, initial == nil, value >= 1, value <= 10 {
            let f = touching(j - 1) && isDash(j) && touching(j) ? j + 1 : j
            if num(f) == .fraction || (value == 1 && num(f) == .half) {
                return fraction(numerator: value, start: s, at: f)
            }
        }
        // "twenty-first" is an ordinal.
        if isDash(j), touching(j - 1), num(j + 1) == .ordinal || num(j + 1) == .fraction { return nil }
        var c = Core(start: start ?? s, end: j, value: value)
        c.bareOne = words == 1 && initial == nil && toks[s].hash == Self.hOne
        return c
    }

    /// The end of "and a half" or "and-a-half" starting at `i`, if it is there.
    func andAHalf(at i: Int) -> Int? {
        guard isWord(i, Self.hAnd) else { return nil }
        var j = i + 1
        if isDash(j), touching(j - 1), touching(j) { j += 1 }
        guard isWord(j, Self.hA) else { return nil }
        j += 1
        if isDash(j), touching(j - 1), touching(j) { j += 1 }
        return num(j) == .half ? j + 1 : nil
    }

    /// "a fifth", "one-fifth", "two thirds of": a share, given in percent. Only before "of",
    /// punctuation or a function word: "a third battalion" is an ordinal.
    func fraction(numerator: Double, start: Int, at f: Int) -> Core? {
        guard num(f) == .fraction || num(f) == .half else { return nil }
        let inf = toks[f]
        if numerator > 1, inf.num == .half { return nil }
        guard isBoundary(f + 1) else { return nil }
        var c = Core(start: start, end: f + 1, value: numerator / inf.value * 100)
        c.unit = "%"
        return c
    }

    /// "half of", "half the" (50 %), "half a million", "half a dozen".
    func parseHalf(at s: Int) -> Core? {
        // "the first half of 2024" is a period.
        if num(s - 1) == .ordinal || hasRole(s - 1, WordInfo.determiner) { return nil }
        if isWord(s + 1, Self.hA), num(s + 2) == .scale || num(s + 2) == .dozen {
            return Core(start: s, end: s + 3, value: 0.5 * toks[s + 2].value)
        }
        if isWord(s + 1, Self.hOf) || isWord(s + 1, Self.hThe) || (boundBefore(s) != nil && isBoundary(s + 1)
                                                                   && !isWord(s + 1, Self.hA) && !isWord(s + 1, Self.hAn)) {
            var c = Core(start: s, end: s + 1, value: 50)
            c.unit = "%"
            return c
        }
        return nil
    }

    // MARK: Units

    /// The longest unit phrase starting at token `i`: canonical unit and end token.
    typealias UnitHit = (unit: String, end: Int, count: Bool, time: Bool)

    func unitMatch(at i: Int) -> UnitHit? {
        guard i >= 0, i < toks.count, let options = t.unitPhrases[toks[i].hash] else { return nil }
        for p in options where !p.before && i + p.words.count <= toks.count {
            var ok = true
            for k in 1..<p.words.count where toks[i + k].hash != p.words[k] { ok = false; break }
            if ok { return (p.unit, i + p.words.count, p.count, p.time) }
        }
        return nil
    }


    /// The unit after a number: a measure directly after it ("6,000 square kilometers", "40%",
    /// "10-kilometre"), or a counted noun after up to two modifiers ("11,000 North Korean soldiers").
    /// A compound keeps its head noun: "1,300 artillery missile launchers" counts launchers.
    func unitAfter(_ e: Int) -> UnitHit? {
        if e < toks.count, isDash(e), touching(e - 1), touching(e), let m = unitMatch(at: e + 1) { return m }
        var i = e
        for p in 0..<3 {
            guard i < toks.count else { return nil }
            if var m = unitMatch(at: i), p == 0 || m.count {
                while m.unit != "-", m.count, let next = unitMatch(at: m.end), next.unit != "-", next.count { m = next }
                return m
            }
            let tok = toks[i]
            // Only plain words can be skipped as modifiers; an acronym ("ATACMS"), a hyphenated
            // compound ("counter-battery") or a model name ("Shahed-136", "F-16") is one modifier.
            if tok.kind == .word, !tok.has(QTok.hasDigit), !hasRole(i, WordInfo.stop), num(i) == .plain {
                i += 1
                while isDash(i), touching(i - 1), touching(i), i + 1 < toks.count, toks[i + 1].kind != .punct {
                    i += 2
                    while touching(i - 1), i < toks.count, toks[i].kind == .word { i += 1 }
                }
                // "Leopard 2 tanks": a capitalised name and its small number are one modifier.
                if toks[i - 1].has(QTok.cap), i < toks.count, toks[i].kind == .number, toks[i].hash <= 2,
                   toks[i].flags == 0 { i += 1 }
                continue
            }
            return nil
        }
        return nil
    }

    // MARK: Bounds

    /// The bound phrase that ends just before token `s`: its bound and first token.
    func boundBefore(_ s: Int) -> (bound: String, start: Int)? {
        guard s > 0, let options = t.boundsBefore[toks[s - 1].hash] else { return nil }
        for p in options where p.words.count <= s {
            let first = s - p.words.count
            var ok = true
            for k in 0..<p.words.count where toks[first + k].hash != p.words[k] { ok = false; break }
            if ok { return (p.unit, first) }
        }
        return nil
    }

    /// A bound phrase right after the number and its unit ("or more", "10,000+", "40-odd").
    func boundAfter(_ e: Int) -> (bound: String, end: Int)? {
        guard e < toks.count, let options = t.boundsAfter[toks[e].hash] else { return nil }
        for p in options where e + p.words.count <= toks.count {
            var ok = true
            for k in 0..<p.words.count where toks[e + k].hash != p.words[k] { ok = false; break }
            if !ok { continue }
            // Signs and hyphenated words must touch the number: "10,000+", "40-odd".
            if toks[e].kind == .punct, !touching(e - 1) { continue }
            return (p.unit, e + p.words.count)
        }
        return nil
    }

    // MARK: What is not a quantity

    /// Dates, years, times, codes and labels: a number that is part of a name, never a count.
    func isNotACount(_ c: Core, unit: String?, bounded: Bool, strict: Bool, rangeEnd: Bool = false) -> Bool {
        guard c.digits else { return false }
        let s = c.start
        let tok = toks[s]
        let whole = !tok.has(QTok.decimal) && !tok.has(QTok.grouped)
        // Times, dates and ratios: 10:30, 24/7, 11/11/2022, 1:0.
        if touching(s), isPunct(s + 1, pColon) || isPunct(s + 1, pSlash), s + 2 < toks.count,
           toks[s + 2].kind == .number, touching(s + 1) { return true }
        if s >= 2, touching(s - 1), isPunct(s - 1, pColon) || isPunct(s - 1, pSlash), touching(s - 2),
           toks[s - 2].kind == .number { return true }
        // "10 a.m.", "10 am", "10 o'clock".
        if isWord(c.end, Self.hA) || isWord(c.end, Self.hP), isPunct(c.end + 1, pDot) { return true }
        if isWord(c.end, Self.hAm) || isWord(c.end, Self.hPm) { return true }
        if isWord(c.end, Self.hO), isPunct(c.end + 1, pApos) || isPunct(c.end + 1, pRightQuote) { return true }
        // Dates and codes in dashed groups: "15-12-2023", "1-800-555".
        var e = c.end
        if !rangeEnd, isDash(e), touching(e - 1), touching(e), e + 1 < toks.count, toks[e + 1].kind == .number {
            e += 2
        }
        if e > c.end || rangeEnd, isDash(e), touching(e - 1), touching(e), e + 1 < toks.count,
           toks[e + 1].kind == .number { return true }
        // Codes: "Su-34", "F-16", "S-300", "#3", "[1]".
        // A second number after a dash is a range only when read with the first ("2024-11-21" is a date).
        if s >= 2, isDash(s - 1), touching(s - 1), touching(s - 2),
           toks[s - 2].kind == .word || (toks[s - 2].kind == .number && !rangeEnd) { return true }
        if s >= 1, touching(s - 1), isPunct(s - 1, pHash) || isPunct(s - 1, pBracketOpen) { return true }
        // Labels: "Route 66", "page 2", "No. 5".
        var l = s - 1
        if isPunct(l, pDot) { l -= 1 }
        if hasRole(l, WordInfo.label) { return true }
        if hasRole(l, WordInfo.labelCap), toks[l].has(QTok.cap) { return true }
        // Model names: "Leopard 2 tanks", "Nord Stream 2". Not in a headline, where every word has a capital.
        if whole, toks[s].hash <= 5, !bounded, l == s - 1, l >= 0, toks[l].kind == .word, toks[l].has(QTok.cap),
           !toks[l].has(QTok.allCaps), toks[l].roles == 0, toks[l].num == .plain, !titleCase { return true }
        // Dates: "November 11", "Nov. 11", "11 November".
        if whole, tok.value >= 1, tok.value <= 31, unit == nil {
            if hasRole(l, WordInfo.month), toks[l].has(QTok.cap) { return true }
            if c.end < toks.count, toks[c.end].has(QTok.cap), hasRole(c.end, WordInfo.month) { return true }
            if isWord(c.end, Self.hOf), toks.count > c.end + 1, toks[c.end + 1].has(QTok.cap),
               hasRole(c.end + 1, WordInfo.month) { return true }
        }
        // Years: "in 2014", "2022". A count of something ("2000 troops") or a number bounded on one
        // side ("more than 2000") stays; "around 2014" is still a year.
        if whole, toks[s].hash == 4, tok.value >= 1800, tok.value <= 2100, unit == nil, !strict { return true }
        return false
    }

    /// A person's age: "aged 62", "aged between 18 and 60" (`start` is where the number and its bound
    /// begin), or a small whole number set off by commas after a name ("Ivan Petrenko, 34, said").
    /// The "-year-old" forms are units of their own (units.tsv).
    func isAge(_ c: Core, start: Int, unit: String?, bounded: Bool, joined: Bool) -> Bool {
        if hasRole(start - 1, WordInfo.age) { return true }
        guard c.digits, unit == nil, !bounded, !joined, c.end == c.start + 1, c.start >= 2 else { return false }
        let tok = toks[c.start]
        guard !tok.has(QTok.decimal), !tok.has(QTok.grouped), tok.value >= 1, tok.value <= 120,
              isPunct(c.start - 1, pComma), isPunct(c.end, pComma) else { return false }
        let name = toks[c.start - 2]
        return name.kind == .word && name.has(QTok.cap) && !name.has(QTok.allCaps) && name.roles == 0
    }

    /// A bare "one" is a count only when something marks it as one: a bound ("at least one"),
    /// another number ("one out of five", "one or two"), a unit or an acronym right after it
    /// ("one tank", "one ATACMS strike"). Never the pronoun ("the one that", "one of the").
    func bareOneCounts(_ c: Core, unit: String?, bounded: Bool, joined: Bool) -> Bool {
        if hasRole(c.start - 1, WordInfo.determiner) { return false }
        if bounded || joined { return true }
        let next = c.end
        // "one of the drones" is one among them, not a count.
        if isWord(next, Self.hOf) { return false }
        if next < toks.count, toks[next].kind == .word, toks[next].has(QTok.allCaps) { return true }
        guard let u = unit, u != "-" else { return false }
        if let m = unitMatch(at: next), m.unit == u, m.time {
            // "one day" is mostly an idiom; "in one day", "within one hour" are counts.
            return isWord(c.start - 1, Self.hIn) || isWord(c.start - 1, Self.hWithin) || isWord(c.start - 1, Self.hFor)
        }
        // "one tank", "one Russian soldier"; never "one day later".
        return t.dimensions[u]?.dimension != "time"
    }

    // MARK: Main loop

    mutating func run() -> [Quantity] {
        tokenize()
        var capitals = 0, longWords = 0
        for tok in toks where tok.kind == .word && tok.end - tok.start >= 4 {
            longWords += 1
            if tok.has(QTok.cap) { capitals += 1 }
        }
        titleCase = longWords >= 3 && capitals * 10 >= longWords * 6
        var i = 0
        while i < toks.count {
            let kind = toks[i].kind
            if kind == .punct || (kind == .word && (toks[i].has(QTok.hasDigit) || num(i) == .plain)) {
                i += 1
                continue
            }
            if let next = expression(at: i) { i = max(next, i + 1) } else { i += 1 }
        }
        return out
    }

    /// Reads one number expression at `s` (with its range partner, unit and bounds) into `out`;
    /// the token after it, or nil when there is none.
    mutating func expression(at s: Int) -> Int? {
        guard var first = parseCore(at: s) else { return nil }
        var second: Core? = nil
        var unit: String? = first.unit
        var unitEnd = first.end
        var start = first.start

        // A currency sign before the number: "$61 billion", "€5m".
        if first.digits, s > 0, touching(s - 1), toks[s - 1].kind == .punct || toks[s - 1].kind == .word,
           let options = t.unitPhrases[toks[s - 1].hash], let cur = options.first(where: { $0.before && $0.words.count == 1 }) {
            unit = cur.unit
            start = s - 1
            if first.pendingM { first.value = scaled(first.value, 1e6); first.end += 1; first.pendingM = false }
            unitEnd = first.end
        }

        if unit == nil {
            if first.pendingM {
                if let m = unitAfter(first.end + 1), m.count {
                    first.value = scaled(first.value, 1e6)
                    first.end += 1
                } else {
                    unit = "m"
                    first.end += 1
                }
                first.pendingM = false
                unitEnd = first.end
            }
            if unit == nil, let m = unitAfter(first.end) {
                unit = m.unit
                unitEnd = m.end
            } else if unit == nil {
                // Ranges and pairs: "200-300", "200 to 300", "two or three", "nine out of twelve".
                var j = first.end
                var joiner = false
                if isDash(j), first.digits, j + 1 < toks.count, toks[j + 1].kind == .number { j += 1; joiner = true }
                else if isWord(j, Self.hTo) || isWord(j, Self.hOr) { j += 1; joiner = true }
                else if isWord(j, Self.hOut), isWord(j + 1, Self.hOf) { j += 2; joiner = true }
                else if isWord(j, Self.hOf), first.digits || !first.bareOne { j += 1; joiner = true }
                else if isWord(j, Self.hAnd), isWord(start - 1, Self.hBetween) { j += 1; joiner = true }
                else if isWord(j, Self.hIn), !first.digits { j += 1; joiner = true }
                if joiner, j < toks.count, var c2 = parseCore(at: j), c2.unit == nil || unit == nil {
                    if c2.pendingM {
                        if let m = unitAfter(c2.end + 1), m.count { c2.value = scaled(c2.value, 1e6) } else { c2.unit = "m" }
                        c2.end += 1
                        c2.pendingM = false
                    }
                    second = c2
                    unitEnd = c2.end
                    if let u = c2.unit { unit = u } else if let m = unitAfter(c2.end) { unit = m.unit; unitEnd = m.end }
                } else if isWord(first.end, Self.hOf), hasRole(first.end + 1, WordInfo.determiner),
                          let m = unitAfter(first.end + 2), m.count, m.unit != "-" {
                    // "18 of the drones": a part of a counted whole.
                    unit = m.unit
                    unitEnd = m.end
                }
            }
        }
        if let u = first.unit { unit = u }

        var bound = Quantity.Bound.exact
        var bounded = false
        if let bb = boundBefore(start) {
            bounded = true
            if let b = Quantity.Bound(rawValue: bb.bound) { bound = b }
            start = bb.start
        } else if isWord(start - 1, Self.hBetween), second != nil {
            start -= 1
        }
        var end = unitEnd
        if let ba = boundAfter(end) {
            bounded = true
            if bound == .exact, let b = Quantity.Bound(rawValue: ba.bound) { bound = b }
            end = ba.end
        }
        let next = max(unitEnd, second?.end ?? first.end)

        if unit == "-" { return next }
        let strict = bound == .moreThan || bound == .lessThan || bound == .atLeast
        if isNotACount(first, unit: unit, bounded: bounded, strict: strict) { return next }
        if let c2 = second, isNotACount(c2, unit: unit, bounded: bounded, strict: strict, rangeEnd: true) { return next }
        if isAge(first, start: start, unit: unit, bounded: bounded, joined: second != nil) { return next }
        if first.bareOne, !bareOneCounts(first, unit: unit, bounded: bounded, joined: second != nil) { return next }
        // "1 of 3": a picture or page counter, two bare digits opening the sentence or a part of it.
        if let c2 = second, isWord(first.end, Self.hOf), unit == nil, first.digits, c2.digits,
           first.start == 0 || toks[first.start - 1].kind == .punct { return next }

        let range = toks[start].start..<toks[end - 1].end
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
        out.append(Quantity(value: first.value, unit: unit, bound: bound, text: text, range: range))
        if let c2 = second {
            out.append(Quantity(value: c2.value, unit: unit, bound: bound, text: text, range: range))
        }
        return next
    }
}
