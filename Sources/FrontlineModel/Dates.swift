import Foundation

/// A calendar day, as days since 1970-01-01 (proleptic Gregorian), so that dates compare and subtract as integers.
public struct Day: Hashable, Comparable, Sendable {
    public var number: Int32

    public init(number: Int32) { self.number = number }

    /// nil for a day that does not exist (31 November).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.length(of: month, in: year), (1900...2199).contains(year) else { return nil }
        // Days from civil (H. Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = Int32(era * 146097 + doe - 719468)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(number) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 1 Monday … 7 Sunday.
    public var weekday: Int { Int(((Int(number) % 7) + 7 + 3) % 7) + 1 }

    /// "2024-11-23".
    public var iso: String {
        let c = components
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    public func adding(days: Int) -> Day { Day(number: number + Int32(days)) }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    static func length(of month: Int, in year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// When a claim says its fact holds: a day, or a week or month when the sentence says no more.
public struct ClaimDate: Hashable, Sendable {
    public enum Precision: UInt8, Sendable { case day, week, month }
    /// The first day of the span.
    public var day: Day
    public var precision: Precision

    public init(day: Day, precision: Precision = .day) {
        self.day = day
        self.precision = precision
    }

    /// "2024-11-23" for a day or a week (its first day), "2024-11" for a month.
    public var text: String { precision == .month ? String(day.iso.prefix(7)) : day.iso }

    /// The first day that fits the claim's 16 bits: 2000-01-01, and 16,382 days after it (2044).
    static let epoch: Int32 = 10957

    /// Sixteen bits for the claim's storage: days since 2000 plus one, then the precision; 0 for none
    /// (and for a date outside 2000–2044, which no report of this war has).
    var packed16: UInt16? {
        let offset = day.number - Self.epoch
        guard offset >= 0 && offset < 16382 else { return nil }
        return UInt16((offset + 1) << 2 | Int32(precision.rawValue))
    }
    init?(packed16: UInt16) {
        guard packed16 != 0 else { return nil }
        day = Day(number: Int32(packed16 >> 2) - 1 + Self.epoch)
        precision = Precision(rawValue: UInt8(packed16 & 3)) ?? .day
    }
}

/// A time word or date in a sentence, read before the article's date is known and resolved against it.
struct TimeMention: Sendable, Hashable {
    enum Kind: UInt8, Sendable { case date, monthDay, month, weekday, offsetDays, offsetMonths }
    var kind: Kind
    /// year/month/day for `date`; month/day for `monthDay`; month for `month`; weekday; offset.
    var a: Int16 = 0, b: Int16 = 0, c: Int16 = 0
    var precision: ClaimDate.Precision = .day

    /// The date the mention names in an article published on `published`; nil when it needs one and there is none.
    func resolve(published: Day?) -> ClaimDate? {
        switch kind {
        case .date:
            return Day(year: Int(a), month: Int(b), day: Int(c)).map { ClaimDate(day: $0) }
        case .monthDay:
            guard let published else { return nil }
            let year = published.components.year
            guard var day = Day(year: year, month: Int(a), day: Int(b)) else { return nil }
            // A date later than the article is last year's ("on December 30" in a January article).
            if day.number > published.number + 1, let earlier = Day(year: year - 1, month: Int(a), day: Int(b)) { day = earlier }
            return ClaimDate(day: day)
        case .month:
            guard let published else { return nil }
            let p = published.components
            let year = Int(a) > p.month ? p.year - 1 : p.year
            return Day(year: year, month: Int(a), day: 1).map { ClaimDate(day: $0, precision: .month) }
        case .weekday:
            guard let published else { return nil }
            // The latest such weekday on or before the article's day.
            let back = (published.weekday - Int(a) + 7) % 7
            return ClaimDate(day: published.adding(days: -back))
        case .offsetDays:
            guard let published else { return nil }
            return ClaimDate(day: published.adding(days: Int(a)), precision: precision)
        case .offsetMonths:
            guard let published else { return nil }
            let p = published.components
            var month = p.month + Int(a)
            var year = p.year
            while month < 1 { month += 12; year -= 1 }
            while month > 12 { month -= 12; year += 1 }
            return Day(year: year, month: month, day: 1).map { ClaimDate(day: $0, precision: .month) }
        }
    }
}

/// Reads dates: an article's publication date from its own text (never the file's time), and the time
/// words of a sentence (Data/date-words.tsv).
public struct DateReader: Sendable {
    enum Word: Sendable, Hashable {
        case month(Int)
        case weekday(Int)
        case offsetDays(Int, ClaimDate.Precision)
        case offsetMonths(Int)
        case cue
    }

    static let shared = DateReader()

    let words: PhraseTable<Word>
    /// Words that, before a date, make it the start of a span rather than the claim's date.
    let spanStarts: Set<UInt64>
    let timeZones: Set<UInt64>
    let inHash = Tokenizer.hash("in")
    let onHash = Tokenizer.hash("on")

    init() {
        var table = PhraseTable<Word>()
        for row in DataFiles.rows("date-words.tsv") where row.count >= 2 {
            let phrase = row[0].trimmingCharacters(in: .whitespaces)
            let value = row.count > 2 ? String(row[2]) : ""
            let parts = value.split(separator: ",")
            let number = parts.first.flatMap { Int($0) } ?? 0
            let word: Word
            switch row[1] {
            case "month": word = .month(number)
            case "weekday": word = .weekday(number)
            case "offset":
                let precision: ClaimDate.Precision = parts.count > 1 ? (parts[1] == "week" ? .week : parts[1] == "month" ? .month : .day) : .day
                word = .offsetDays(number, precision)
            case "month-offset": word = .offsetMonths(number)
            case "cue": word = .cue
            default: continue
            }
            table.add(phrase, word)
            // Abbreviations are written with a dot too ("Nov.", "Sept."), which stays in the word.
            if !phrase.contains(" ") { table.add(phrase + ".", word) }
        }
        words = table
        spanStarts = Set(["since", "from", "until", "till", "between", "before"].map(Tokenizer.hash))
        timeZones = Set(["gmt", "utc", "est", "edt", "cet", "cest", "eet", "eest", "msk", "bst", "pm", "am", "p.m.", "a.m.", "ist", "pt", "et", "kyiv"].map(Tokenizer.hash))
    }

    // MARK: The publication date

    /// How much of an article's start is searched for its date: headers, bylines, datelines.
    static let headBytes = 4096
    static let headLines = 40

    /// The article's publication date from its text: a front-matter or `date` line, a "Published …" or
    /// byline date, a date line of its own, a date with a time ("Nov. 23, 2024 10:15 GMT"), a URL with
    /// the date in it, a wire dateline ("KYIV, Nov 23 (Reuters) -"); nil when the text gives none.
    public static func published(in text: String) -> Day? {
        var copy = text
        return copy.withUTF8 { shared.published(in: $0) }
    }

    func published(in bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        let end = min(bytes.count, Self.headBytes)
        var lineStart = 0
        var lines = 0
        var dateline: (month: Int, day: Int)?
        var latestYear = 0
        while lineStart < end && lines < Self.headLines {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                lines += 1
                let tokens = Tokenizer.tokenize(line)
                if let day = strongDate(tokens, line) { return day }
                if dateline == nil, let d = wireDateline(tokens, line) { dateline = d }
                for t in tokens where t.kind == .number && t.end - t.start == 4 {
                    let y = Self.number(line, t)
                    if (1990...2199).contains(y) { latestYear = max(latestYear, y) }
                }
            }
            lineStart = lineEnd + 1
        }
        if let dateline, latestYear > 0 { return Day(year: latestYear, month: dateline.month, day: dateline.day) }
        return nil
    }

    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ t: Token) -> Int {
        var v = 0
        for k in t.start..<t.end {
            let b = bytes[k]
            guard b >= 0x30 && b <= 0x39 else { return -1 }
            v = v * 10 + Int(b - 0x30)
            if v > 100_000_000 { return -1 }
        }
        return v
    }

    /// A date in a header line that says it is the article's: announced, alone on its line, with a
    /// time of day, in a URL, or ISO-written.
    func strongDate(_ tokens: [Token], _ line: UnsafeBufferPointer<UInt8>) -> Day? {
        var i = 0
        var cueSeen = false
        while i < tokens.count {
            if let (word, _) = words.match(tokens, at: i), case .cue = word { cueSeen = true }
            if let (day, length, iso) = date(at: i, tokens, line) {
                let after = i + length
                let timed = hasTime(tokens, from: after, line)
                let others = tokens.count - length
                let url = i > 0 && tokens[i - 1].mark == UInt8(ascii: "/")
                if iso || url || cueSeen || timed || others <= 4 || (i > 0 && tokens[i - 1].hash == Tokenizer.hash("today")) {
                    return day
                }
                i = after
                continue
            }
            i += 1
        }
        return nil
    }

    /// "10:15", "6:44 PM", "GMT" just after a date.
    func hasTime(_ tokens: [Token], from i: Int, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = i
        while k < tokens.count && k < i + 3 {
            let t = tokens[k]
            if t.kind == .number, k + 2 < tokens.count, tokens[k + 1].mark == UInt8(ascii: ":"), tokens[k + 2].kind == .number { return true }
            if t.kind == .word, timeZones.contains(t.hash), t.isAllCaps || k > i { return true }
            if t.kind == .punctuation && t.mark != UInt8(ascii: ",") && t.mark != UInt8(ascii: "|") && t.mark != UInt8(ascii: "-") { return false }
            k += 1
        }
        return false
    }

    /// A full date at token `i`: "November 23, 2024", "Nov. 23, 2024", "23 November 2024", "2024-11-23",
    /// "20241123" (in a URL), a weekday before any of them. Its day, length in tokens and whether it is numeric.
    func date(at i: Int, _ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>) -> (Day, Int, Bool)? {
        let t = tokens[i]
        if t.kind == .number {
            let n = Self.number(bytes, t)
            // 2024-11-23, 2024/11/23
            if t.end - t.start == 4, (1990...2199).contains(n), i + 4 < tokens.count,
               tokens[i + 1].mark == UInt8(ascii: "-") || tokens[i + 1].mark == UInt8(ascii: "/"),
               tokens[i + 3].mark == tokens[i + 1].mark, tokens[i + 2].kind == .number, tokens[i + 4].kind == .number,
               tokens[i + 2].end - tokens[i + 2].start <= 2, tokens[i + 4].end - tokens[i + 4].start <= 2,
               let day = Day(year: n, month: Self.number(bytes, tokens[i + 2]), day: Self.number(bytes, tokens[i + 4])) {
                return (day, 5, true)
            }
            // 20241123 in a URL path
            if t.end - t.start == 8, i > 0, tokens[i - 1].mark == UInt8(ascii: "/"),
               let day = Day(year: n / 10000, month: n / 100 % 100, day: n % 100) {
                return (day, 1, true)
            }
            // 23 November 2024
            if t.end - t.start <= 2, i + 2 < tokens.count, case .month(let m)? = monthWord(tokens, i + 1),
               tokens[i + 2].kind == .number, tokens[i + 2].end - tokens[i + 2].start == 4,
               let day = Day(year: Self.number(bytes, tokens[i + 2]), month: m, day: n) {
                return (day, 3, false)
            }
            return nil
        }
        // Saturday, November 23, 2024
        if let (word, length) = words.match(tokens, at: i), case .weekday = word, t.isCapitalized {
            var k = i + length
            if k < tokens.count, tokens[k].mark == UInt8(ascii: ",") { k += 1 }
            if k < tokens.count, let (day, n, iso) = date(at: k, tokens, bytes) { return (day, k - i + n, iso) }
            return nil
        }
        // November 23, 2024
        if case .month(let m)? = monthWord(tokens, i) {
            var k = i + 1
            if k < tokens.count, tokens[k].mark == UInt8(ascii: ".") { k += 1 }
            guard k < tokens.count, tokens[k].kind == .number, tokens[k].end - tokens[k].start <= 2 else { return nil }
            let d = Self.number(bytes, tokens[k])
            k += 1
            if k < tokens.count, tokens[k].mark == UInt8(ascii: ",") { k += 1 }
            guard k < tokens.count, tokens[k].kind == .number, tokens[k].end - tokens[k].start == 4,
                  let day = Day(year: Self.number(bytes, tokens[k]), month: m, day: d) else { return nil }
            return (day, k + 1 - i, false)
        }
        return nil
    }

    /// A capitalised month name at `i` ("May", not "may").
    func monthWord(_ tokens: [Token], _ i: Int) -> Word? {
        guard i < tokens.count, tokens[i].kind == .word, tokens[i].isCapitalized,
              let (word, _) = words.match(tokens, at: i), case .month = word else { return nil }
        return word
    }

    /// "KYIV, Nov 23 (Reuters) -": an upper-case place, a comma, a month and day, then the agency or a dash.
    func wireDateline(_ tokens: [Token], _ line: UnsafeBufferPointer<UInt8>) -> (month: Int, day: Int)? {
        var i = 0
        while i < tokens.count && i < 4 && tokens[i].kind == .word && tokens[i].isAllCaps { i += 1 }
        guard i > 0, i + 2 < tokens.count, tokens[i].mark == UInt8(ascii: ","), case .month(let m)? = monthWord(tokens, i + 1) else { return nil }
        var k = i + 2
        if tokens[k].mark == UInt8(ascii: ".") { k += 1 }
        guard k + 1 < tokens.count, tokens[k].kind == .number, tokens[k].end - tokens[k].start <= 2,
              tokens[k + 1].mark == UInt8(ascii: "(") || tokens[k + 1].mark == UInt8(ascii: "-") else { return nil }
        let d = Self.number(line, tokens[k])
        return (1...31).contains(d) ? (m, d) : nil
    }

    // MARK: A sentence's time words

    /// The first time word or date in a sentence that dates what it says ("on Sunday", "yesterday",
    /// "last week", "in October", "on Nov. 23"); dates after "since", "from", "until" start or end a span instead.
    func mention(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>) -> TimeMention? {
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            guard t.kind == .word || t.kind == .number else { i += 1; continue }
            let spanned = i > 0 && spanStarts.contains(tokens[i - 1].hash)
            if let (day, length, _) = date(at: i, tokens, bytes) {
                if !spanned {
                    let c = day.components
                    return TimeMention(kind: .date, a: Int16(c.year), b: Int16(c.month), c: Int16(c.day))
                }
                i += length
                continue
            }
            guard t.kind == .word, let (word, length) = words.match(tokens, at: i) else { i += 1; continue }
            switch word {
            case .month(let m) where t.isCapitalized:
                var k = i + length
                if k < tokens.count, tokens[k].mark == UInt8(ascii: ".") { k += 1 }
                if k < tokens.count, tokens[k].kind == .number, tokens[k].end - tokens[k].start <= 2 {
                    let d = Self.number(bytes, tokens[k])
                    if (1...31).contains(d) && !spanned { return TimeMention(kind: .monthDay, a: Int16(m), b: Int16(d)) }
                } else if i > 0, tokens[i - 1].hash == inHash, !(k < tokens.count && tokens[k].kind == .number) {
                    // "in October"; "in May 2024" is a date range too wide to say more.
                    return TimeMention(kind: .month, a: Int16(m), precision: .month)
                }
            case .weekday(let w) where t.isCapitalized && t.end - t.start >= 6 && !spanned:
                return TimeMention(kind: .weekday, a: Int16(w))
            case .offsetDays(let n, let precision) where !spanned:
                return TimeMention(kind: .offsetDays, a: Int16(n), precision: precision)
            case .offsetMonths(let n) where !spanned:
                return TimeMention(kind: .offsetMonths, a: Int16(n), precision: .month)
            default:
                break
            }
            i += length
        }
        return nil
    }

    /// The date of a claim: the time words of its sentence read against the article's date, else the article's date.
    public static func claimDate(sentence: String, published: Day?) -> ClaimDate? {
        var copy = sentence
        let mention = copy.withUTF8 { bytes in shared.mention(Tokenizer.tokenize(bytes), bytes) }
        return resolve(mention, published: published)
    }

    static func resolve(_ mention: TimeMention?, published: Day?) -> ClaimDate? {
        if let mention, let date = mention.resolve(published: published) { return date }
        return published.map { ClaimDate(day: $0) }
    }
}
