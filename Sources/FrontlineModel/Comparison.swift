import Foundation

/// What makes two numbers the same fact: the measure, whose it is, where, when, and the base unit.
struct FactKey: Hashable, Sendable {
    var front: String?
    var measure: String
    var unit: String
    /// Whose forces a count is of ("north-korea", "russia"; Data/fact-sides.tsv), nil when the sentence does not say.
    var side: String? = nil
    /// For a claim on no front, the first place it names that is not a whole country or capital.
    var place: String? = nil
    /// A time word that makes it another fact than the present figure: "peak", "initial", "since-start",
    /// "each", "forecast" (Data/fact-times.tsv), or the span it totals ("week", "month+0", "month=10", "since").
    var when: String = ""
    /// A figure the source converted into another unit ("1,000 km² (386 sq mi)"): compared in that unit.
    var converted = false
}

/// The words of fact identity: sides and time words (Data/fact-sides.tsv, Data/fact-times.tsv).
struct FactWords: Sendable {
    static let shared = FactWords()
    let sides: PhraseTable<String>
    let times: PhraseTable<String>
    let neutralPlaces: Set<String>
    let since = Tokenizer.hash("since")
    static let sideNames = ["north-korea": "North Korean", "russia": "Russian", "ukraine": "Ukrainian", "enemy": "enemy"]
    /// How many tokens either side of a count its side word may stand.
    static let sideWindow = 3

    init() {
        var sides = PhraseTable<String>()
        for row in DataFiles.rows("fact-sides.tsv") where row.count >= 2 { sides.add(row[0].trimmingCharacters(in: .whitespaces), String(row[1])) }
        var times = PhraseTable<String>()
        for row in DataFiles.rows("fact-times.tsv") where row.count >= 2 { times.add(row[0].trimmingCharacters(in: .whitespaces), String(row[1])) }
        self.sides = sides
        self.times = times
        neutralPlaces = Set(DataFiles.rows("neutral-places.txt").map { $0[0].trimmingCharacters(in: .whitespaces) })
    }

    /// The side word nearest the count at token range `from..<to`.
    func side(_ tokens: [Token], from: Int, to: Int) -> String? {
        var best: (Int, String)?
        var i = max(0, from - Self.sideWindow)
        while i < min(tokens.count, to + Self.sideWindow) {
            if let (side, length) = sides.match(tokens, at: i) {
                let distance = i < from ? from - i : max(0, i - to)
                if best == nil || distance < best!.0 { best = (distance, side) }
                i += length
            } else { i += 1 }
        }
        return best?.1
    }

    /// The sentence's time word ("at its peak", "since the start of the war", "each") or the span
    /// its time words name ("last week", "this month", "in October", "since November 1").
    func when(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        for i in tokens.indices {
            if let (phase, _) = times.match(tokens, at: i) { return phase }
        }
        for i in tokens.indices where tokens[i].hash == since && i + 1 < tokens.count {
            if DateReader.shared.date(at: i + 1, tokens, bytes) != nil || DateReader.shared.monthWord(tokens, i + 1) != nil { return "since" }
        }
        guard let mention = DateReader.shared.mention(tokens, bytes) else { return "" }
        switch mention.kind {
        case .offsetDays where mention.precision == .week: return "week"
        case .offsetMonths: return "month\(mention.a)"
        case .month: return "month=\(mention.a)"
        default: return ""
        }
    }
}

/// Fact keys numbered in the order they were first seen, so that grouping compares integers, not strings.
typealias FactKeyTable = Numbering<FactKey>

/// What `Comparer` needs from one article's claims, computed once per article so that a refresh
/// recomputes it only for the articles that changed.
struct ArticleFacts: Sendable {
    struct Fact: Sendable {
        /// The claim's position among the article's claims.
        var claim: Int32
        /// Index into `keys`.
        var key: Int32
        var value: Double
        var low: Double
        var high: Double
        /// `Day.number` of the claim's date, `Int32.min` for none.
        var day: Int32 = Int32.min
        var precision: ClaimDate.Precision = .day
    }
    /// In claim order; a claim gives at most one fact per key, its first.
    var facts: [Fact] = []
    /// The distinct keys of `facts`, in the order they first occur.
    var keys: [FactKey] = []
    /// The claims' sentence fingerprints, sorted and unique (see `WireCopies`).
    var sentences: [UInt64] = []

    init() {}

    init(claims: ArraySlice<Claim>) {
        var seen: [FactKey] = []
        for index in claims.indices {
            sentences.append(WireCopies.fingerprint(claims[index]))
            // Read only the fields needed: copying a whole Claim costs more than the rest.
            guard !claims[index].quantities.isEmpty && claims[index].fronts.count <= 1,
                  claims[index].quantities.contains(where: { $0.measure != nil }) else { continue }
            seen.removeAll(keepingCapacity: true)
            var sentence = claims[index].sentence
            let date = claims[index].date
            let front = claims[index].fronts.first
            let place = front == nil ? claims[index].places.first { !FactWords.shared.neutralPlaces.contains($0) } : nil
            sentence.withUTF8 { bytes in
                let tokens = Tokenizer.tokenize(bytes)
                let when = FactWords.shared.when(tokens, bytes)
                // The first unit of each dimension is the figure; a later one in another unit is its conversion.
                var firstUnit: [String: String] = [:]
                for q in claims[index].quantities {
                    guard let measure = q.measure, let unit = q.unit, let dimension = UnitTable.dimension(of: unit) else { continue }
                    let converted = dimension != "count" && dimension != "money" && (firstUnit[dimension].map { $0 != unit } ?? false)
                    if firstUnit[dimension] == nil { firstUnit[dimension] = unit }
                    let base = converted ? unit : Comparer.baseUnit(dimension, unit)
                    guard let value = UnitTable.convert(q.value, from: unit, to: base),
                          let interval = Comparer.interval(q, base: base) else { continue }
                    let from = tokens.firstIndex { $0.start >= q.range.lowerBound } ?? tokens.count
                    let to = tokens.firstIndex { $0.start >= q.range.upperBound } ?? tokens.count
                    let side = dimension == "count" ? FactWords.shared.side(tokens, from: from, to: to) : nil
                    let key = FactKey(front: front, measure: measure, unit: base, side: side, place: place, when: when,
                                      converted: converted)
                    guard !seen.contains(key) else { continue }
                    seen.append(key)
                    let k: Int
                    if let known = keys.firstIndex(of: key) { k = known } else { k = keys.count; keys.append(key) }
                    facts.append(Fact(claim: Int32(index - claims.startIndex), key: Int32(k), value: value,
                                      low: interval.lowerBound, high: interval.upperBound,
                                      day: date?.day.number ?? Int32.min, precision: date?.precision ?? .day))
                }
            }
        }
        sentences = WireCopies.sortedUnique(sentences)
    }
}

/// One article's facts placed in the corpus: where its claims start and whose they count as.
struct FactSource: Sendable {
    var facts: ArticleFacts
    /// `facts.keys` numbered by the corpus's `FactKeyTable`.
    var keyIDs: [Int32]
    /// Index of the article's first claim in `Corpus.claims`.
    var start: Int
    /// The index of the first article with this id: claims are told apart by article id.
    var owner: Int

    init(facts: ArticleFacts, table: inout FactKeyTable, start: Int = 0, owner: Int = 0) {
        self.facts = facts
        self.keyIDs = facts.keys.map { table.id(of: $0) }
        self.start = start
        self.owner = owner
    }
}

/// Groups claims from different articles that state the same fact, and says whether they agree.
///
/// A fact is a measure (Data/measures.tsv) on a front, or on no front for war-wide claims.
/// Grouping is one pass over the facts with integer keys, so 10,000 copies of one
/// article cost 10,000 steps, not 10,000²; the facts of each article are computed once
/// (`ArticleFacts`), so `CorpusStore` regroups after a change without reading every claim again.
public enum Comparer {
    public static func compare(articles: [Article], claims: [Claim]) -> [Comparison] {
        let articleIndex = Dictionary(articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var table = FactKeyTable()
        var sources: [FactSource] = []
        var sentences = [[UInt64]](repeating: [], count: articles.count)
        var merged = Set<Int>()
        // Claims of unknown articles still count as distinct articles, one per id.
        var strangers: [String: Int] = [:]
        var start = 0
        while start < claims.count {
            let id = claims[start].article
            var end = start + 1
            while end < claims.count && claims[end].article == id { end += 1 }
            let facts = ArticleFacts(claims: claims[start..<end])
            let owner: Int
            if let known = articleIndex[id] {
                owner = known
                if !sentences[owner].isEmpty { merged.insert(owner) }
                sentences[owner] += facts.sentences
            } else {
                owner = strangers[id] ?? articles.count + strangers.count
                strangers[id] = owner
            }
            sources.append(FactSource(facts: facts, table: &table, start: start, owner: owner))
            start = end
        }
        // An article whose claims came in several runs: one sorted list again.
        for a in merged { sentences[a] = WireCopies.sortedUnique(sentences[a]) }
        return compare(sources: sources, keys: table.values, clusters: WireCopies.clusters(sentences: sentences))
    }

    /// Groups the facts of `sources` (in claim order) by key; `clusters` gives each owner's wire cluster, -1 for none.
    static func compare(sources: [FactSource], keys: [FactKey], clusters: [Int32]) -> [Comparison] {
        struct Entry { var claim: Int; var owner: Int; var value: Double; var low: Double; var high: Double; var day: Int32; var precision: ClaimDate.Precision }
        // Two passes: count each group, then place every entry, so no group needs an array of its own.
        var slotOfKey = [Int32](repeating: -1, count: keys.count)
        var order: [Int32] = []
        var counts: [Int] = []
        for k in sources.indices {
            let ids = sources[k].keyIDs
            for f in sources[k].facts.facts {
                let key = Int(ids[Int(f.key)])
                if slotOfKey[key] < 0 {
                    slotOfKey[key] = Int32(order.count)
                    order.append(Int32(key))
                    counts.append(0)
                }
                counts[Int(slotOfKey[key])] += 1
            }
        }
        var offsets = [Int](repeating: 0, count: counts.count + 1)
        for g in counts.indices { offsets[g + 1] = offsets[g] + counts[g] }
        var fill = offsets
        var entries = [Entry](repeating: Entry(claim: 0, owner: 0, value: 0, low: 0, high: 0, day: 0, precision: .day), count: offsets[counts.count])
        for k in sources.indices {
            let (ids, start, owner) = (sources[k].keyIDs, sources[k].start, sources[k].owner)
            for f in sources[k].facts.facts {
                let g = Int(slotOfKey[Int(ids[Int(f.key)])])
                entries[fill[g]] = Entry(claim: start + Int(f.claim), owner: owner, value: f.value, low: f.low, high: f.high,
                                         day: f.day, precision: f.precision)
                fill[g] += 1
            }
        }
        var result: [Comparison] = []
        var conversions: [Comparison] = []
        for (g, keyID) in order.enumerated() {
          // The same fact at one time: claims whose dates fall within a window of each other; the rest
          // of the key's claims are the same fact at other times (a trajectory, `Comparer.trajectories`).
          for window in windows(entries[offsets[g]..<offsets[g + 1]].map { ($0.day, $0.precision) }) {
            let group = window.map { entries[offsets[g] + $0] }
            let firstOwner = group.first!.owner
            guard group.contains(where: { $0.owner != firstOwner }) else { continue }
            var low = -Double.infinity
            var high = Double.infinity
            for e in group {
                low = max(low, e.low)
                high = min(high, e.high)
            }
            let verdict: Verdict = low <= high * (1 + 1e-9) ? .agree : .conflict
            let key = keys[Int(keyID)]
            let subject = Comparer.subject(key, day: group.first!.day, precision: group.first!.precision)
            var byCluster: [Int32: [Int]] = [:]
            for (position, e) in group.enumerated() where e.owner < clusters.count && clusters[e.owner] >= 0 {
                byCluster[clusters[e.owner], default: []].append(position)
            }
            let wire = byCluster.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
            let comparison = Comparison(subject: subject, front: key.front, unit: key.unit,
                                        claims: group.map(\.claim), values: group.map(\.value),
                                        verdict: verdict, wireCopies: wire)
            // Conversions first: a pair that converts one figure two ways is judged on the conversion.
            if key.converted { conversions.append(comparison) } else { result.append(comparison) }
          }
        }
        return conversions + result
    }

    /// How many days apart two claims' dates may be and still state the fact at one time.
    static func windowDays(_ precision: ClaimDate.Precision) -> Int32 {
        switch precision {
        case .day: return 3
        case .week: return 7
        case .month: return 31
        }
    }

    /// Positions of `dates` split into runs of dates close together (sorted by date, a gap wider than
    /// the window starts a new run); undated claims are one run of their own. n log n in the group's size.
    static func windows(_ dates: [(Int32, ClaimDate.Precision)]) -> [[Int]] {
        let undated = dates.indices.filter { dates[$0].0 == Int32.min }
        let dated = dates.indices.filter { dates[$0].0 != Int32.min }.sorted { (dates[$0].0, $0) < (dates[$1].0, $1) }
        var runs: [[Int]] = []
        for i in dated {
            if let last = runs.last?.last, dates[i].0 - dates[last].0 <= max(windowDays(dates[i].1), windowDays(dates[last].1)) {
                runs[runs.count - 1].append(i)
            } else {
                runs.append([i])
            }
        }
        if !undated.isEmpty { runs.append(undated) }
        // Claim order within a run, as before dates were known.
        return runs.map { $0.sorted() }
    }

    /// The fact in words: what, whose, where, when ("Troops deployed · North Korean · Kursk · 2024-11-05").
    static func subject(_ key: FactKey, day: Int32, precision: ClaimDate.Precision) -> String {
        var subject = MeasureTable.shared.description(of: key.measure) ?? key.measure
        if let front = key.front { subject += " (\(front))" }
        if let side = key.side { subject += " · " + (FactWords.sideNames[side] ?? side) }
        if let place = key.place { subject += " · " + place }
        if !key.when.isEmpty { subject += " · " + key.when }
        if key.converted { subject += " · in \(key.unit)" }
        if day != Int32.min { subject += " · " + ClaimDate(day: Day(number: day), precision: precision).text }
        return subject
    }

    static func baseUnit(_ dimension: String, _ unit: String) -> String {
        switch dimension {
        case "area": return "km2"
        case "length": return "km"
        case "speed": return "m/day"
        default: return unit
        }
    }

    /// The values a stated number allows: its rounding (the last non-zero digit, at most ±5 %) and its bound.
    static func interval(_ q: Quantity, base: String) -> ClosedRange<Double>? {
        guard let unit = q.unit, let value = UnitTable.convert(q.value, from: unit, to: base) else { return nil }
        var half = halfStep(of: q) * abs(value / (q.value == 0 ? 1 : q.value))
        half = min(half, abs(value) * 0.05)
        if q.bound == .about { half = max(half, abs(value) * 0.05) }
        half = max(half, abs(value) * 1e-9)
        switch q.bound {
        case .moreThan, .atLeast: return (value - half)...Double.infinity
        case .lessThan, .upTo: return 0...(value + half)
        case .exact, .about: return (value - half)...(value + half)
        }
    }

    /// Half the place value of the last significant digit written ("6,000" → 500, "2,320" → 5, "2.5" → 0.05).
    static func halfStep(of q: Quantity) -> Double {
        // The digits, separators and their positions, read as bytes.
        var digits: [UInt8] = []
        for b in q.text.utf8 where (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") { digits.append(b) }
        while let last = digits.last, last == UInt8(ascii: ".") || last == UInt8(ascii: ",") { digits.removeLast() }
        while let first = digits.first, first == UInt8(ascii: ".") || first == UInt8(ascii: ",") { digits.removeFirst() }
        guard digits.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else {
            // Words ("a fifth", "nine"): the word is the precision.
            return max(abs(q.value) * 0.05, 0.5)
        }
        // A dot followed by other than three digits is a decimal point ("1.376" is a thousands separator).
        if let dot = digits.lastIndex(of: UInt8(ascii: ".")) {
            let decimals = digits.count - dot - 1
            if decimals > 0 && decimals != 3 { return 0.5 * pow(10, -Double(decimals)) }
        }
        var zeros = 0
        for c in digits.reversed() {
            if c == UInt8(ascii: "0") { zeros += 1 } else if c == UInt8(ascii: ",") || c == UInt8(ascii: ".") { continue } else { break }
        }
        return 0.5 * pow(10, Double(zeros))
    }
}

/// Recognises copies of one wire story: articles that share most of their claim sentences.
public enum WireCopies {
    /// Share of claim sentences two articles must have in common to be copies.
    public static let threshold = 0.5

    /// The cluster of each article, -1 when it has no copy, from each article's sorted unique
    /// sentence hashes: comparing two is a merge, no hashing again.
    static func clusters(sentences: [[UInt64]]) -> [Int32] {
        let count = sentences.count
        // Bucket by the two smallest fingerprints, compare only with the bucket's first article: linear.
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var bucketOwner = HashMap<Int>(capacity: count * 2)
        for a in 0..<count where sentences[a].count >= 2 {
            for key in sentences[a].prefix(2) {
                if let owner = bucketOwner[key] {
                    if find(owner) != find(a), similarity(sentences[owner], sentences[a]) >= threshold {
                        parent[find(a)] = find(owner)
                    }
                } else {
                    bucketOwner[key] = a
                }
            }
        }
        var sizes = [Int](repeating: 0, count: count)
        for a in 0..<count { sizes[find(a)] += 1 }
        var result = [Int32](repeating: -1, count: count)
        for a in 0..<count where sizes[find(a)] > 1 { result[a] = Int32(find(a)) }
        return result
    }

    static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
        guard hashes.count > 1 else { return hashes }
        var out = hashes.sorted()
        var unique = 1
        for i in 1..<out.count where out[unique - 1] != out[i] {
            out[unique] = out[i]
            unique += 1
        }
        out.removeLast(out.count - unique)
        return out
    }

    /// Shared sentences over the smaller article's sentences, by merging two sorted lists.
    static func similarity(_ x: [UInt64], _ y: [UInt64]) -> Double {
        var i = 0, j = 0, shared = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { shared += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(max(1, min(x.count, y.count)))
    }

    /// The sentence hash the claim carries; for claims made elsewhere without one, the hash in its id.
    static func fingerprint(_ claim: Claim) -> UInt64 {
        if claim.sentenceHash != 0 { return claim.sentenceHash }
        var h: UInt64 = 0
        var seenHash = false
        var digits = 0
        for b in claim.id.utf8 {
            if !seenHash { seenHash = b == UInt8(ascii: "#"); continue }
            let v: UInt64
            switch b {
            case 0x30...0x39: v = UInt64(b - 0x30)
            case 0x61...0x66: v = UInt64(b - 0x61 + 10)
            default: return digits == 16 ? h : fallback(claim.text)
            }
            h = h << 4 | v
            digits += 1
            if digits == 16 { return h }
        }
        return digits == 16 ? h : fallback(claim.text)
    }

    static func fallback(_ text: String) -> UInt64 {
        var h = Tokenizer.fnvOffset
        for b in text.utf8 where Tokenizer.isLetter(b) || Tokenizer.isDigit(b) { h = Tokenizer.mix(h, b | 0x20) }
        return h
    }
}
