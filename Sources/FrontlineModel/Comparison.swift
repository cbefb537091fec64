import Foundation

/// Groups claims from different articles that state the same fact, and says whether they agree.
///
/// A fact is a measure (Data/measures.tsv) on a front, or on no front for war-wide claims.
/// Grouping is one pass over the claims with a dictionary, so 10,000 copies of one
/// article cost 10,000 steps, not 10,000².
public enum Comparer {
    public static func compare(articles: [Article], claims: [Claim]) -> [Comparison] {
        let articleIndex = Dictionary(articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let copies = WireCopies.clusters(articles: articles, claims: claims, articleIndex: articleIndex)
        struct Entry { var claim: Int; var value: Double; var interval: ClosedRange<Double>; var unit: String }
        struct FactKey: Hashable { var front: String?; var measure: String; var unit: String }
        var groups: [FactKey: [Entry]] = [:]
        var order: [FactKey] = []
        // Index the claims and read only the fields needed: copying a whole Claim costs more than the rest.
        for index in claims.indices where !claims[index].quantities.isEmpty && claims[index].fronts.count <= 1 {
            var seen: [FactKey] = []
            for q in claims[index].quantities {
                guard let measure = q.measure, let unit = q.unit, let dimension = UnitTable.dimension(of: unit) else { continue }
                let base = baseUnit(dimension, unit)
                guard let value = UnitTable.convert(q.value, from: unit, to: base),
                      let interval = interval(q, base: base) else { continue }
                let key = FactKey(front: claims[index].fronts.first, measure: measure, unit: base)
                guard !seen.contains(key) else { continue }
                seen.append(key)
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(Entry(claim: index, value: value, interval: interval, unit: base))
            }
        }
        var result: [Comparison] = []
        for key in order {
            let entries = groups[key]!
            var articlesInGroup = Set<String>()
            for e in entries { articlesInGroup.insert(claims[e.claim].article) }
            guard articlesInGroup.count >= 2 else { continue }
            var low = -Double.infinity
            var high = Double.infinity
            for e in entries {
                low = max(low, e.interval.lowerBound)
                high = min(high, e.interval.upperBound)
            }
            let verdict: Verdict = low <= high * (1 + 1e-9) ? .agree : .conflict
            let front = key.front
            let measure = key.measure
            var subject = MeasureTable.shared.description(of: measure) ?? measure
            if let front { subject += " (\(front))" }
            var byCluster: [Int: [Int]] = [:]
            for (position, e) in entries.enumerated() {
                if let cluster = copies[articleIndex[claims[e.claim].article] ?? -1] {
                    byCluster[cluster, default: []].append(position)
                }
            }
            let wire = byCluster.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
            result.append(Comparison(subject: subject, front: front, unit: entries[0].unit,
                                     claims: entries.map(\.claim), values: entries.map(\.value),
                                     verdict: verdict, wireCopies: wire))
        }
        return result
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

    /// Cluster number for every article that has a copy elsewhere, by index into `articles`.
    public static func clusters(articles: [Article], claims: [Claim], articleIndex: [String: Int]) -> [Int: Int] {
        // Each article's sentence hashes, sorted and unique: comparing two is a merge, no hashing again.
        var sentences = [[UInt64]](repeating: [], count: articles.count)
        var current = -1
        var currentID = ""
        for i in claims.indices {
            if claims[i].article != currentID {
                currentID = claims[i].article
                current = articleIndex[currentID] ?? -1
            }
            guard current >= 0 else { continue }
            sentences[current].append(fingerprint(claims[i]))
        }
        for a in sentences.indices where sentences[a].count > 1 {
            sentences[a].sort()
            var unique = 0
            for h in sentences[a] where unique == 0 || sentences[a][unique - 1] != h {
                sentences[a][unique] = h
                unique += 1
            }
            sentences[a].removeLast(sentences[a].count - unique)
        }
        // Bucket by the two smallest fingerprints, compare only with the bucket's first article: linear.
        var parent = Array(0..<articles.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var bucketOwner = HashMap<Int>(capacity: articles.count * 2)
        for a in articles.indices where sentences[a].count >= 2 {
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
        var sizes = [Int](repeating: 0, count: articles.count)
        for a in articles.indices { sizes[find(a)] += 1 }
        var result: [Int: Int] = [:]
        for a in articles.indices where sizes[find(a)] > 1 { result[a] = find(a) }
        return result
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
