import FrontlineModel
import Glibc

/// The kinds of key figure a front shows, chosen by a quantity's canonical unit.
enum FigureKind: Int, CaseIterable, Sendable {
    case area, troops, advance, losses

    var title: String {
        switch self {
        case .area: return "Area held"
        case .troops: return "Troops"
        case .advance: return "Advance rate"
        case .losses: return "Losses"
        }
    }

    static let byUnit: [String: FigureKind] = {
        var t: [String: FigureKind] = [:]
        for u in ["km2", "sq mi", "ha", "hectares", "sq km", "acre"] { t[u] = .area }
        for u in ["troops", "soldiers", "personnel", "servicemen", "fighters", "men", "brigades", "battalions"] { t[u] = .troops }
        for u in ["m/day", "km/day", "km/week", "m/week", "mi/day"] { t[u] = .advance }
        for u in ["tanks", "vehicles", "armoured vehicles", "armored vehicles", "apcs", "ifvs", "artillery",
                  "artillery systems", "guns", "howitzers", "aircraft", "planes", "jets", "helicopters", "drones",
                  "uavs", "ships", "boats", "systems", "casualties", "killed", "wounded", "dead", "prisoners",
                  "pows", "losses", "launchers", "air defense systems"] { t[u] = .losses }
        return t
    }()

    /// By what the pipeline says the number measures when it says so, else by its unit.
    static func of(_ q: Quantity) -> FigureKind? {
        if let m = q.measure {
            if m == "advance-rate" { return .advance }
            if m.hasPrefix("troops-") { return .troops }
            if m == "casualties" || m == "prisoners" || m == "equipment-destroyed" { return .losses }
            if m.hasPrefix("territory-"), let u = q.unit, byUnit[u] == .area { return .area }
        }
        return of(unit: q.unit)
    }

    static func of(unit: String?) -> FigureKind? {
        guard let unit else { return nil }
        if let k = byUnit[unit] { return k }
        // On the bytes: Foundation's `contains` would go through NSString for every unit.
        if unit.utf8.firstRange(of: "tank".utf8) != nil || unit.utf8.firstRange(of: "vehicle".utf8) != nil { return .losses }
        return nil
    }
}

/// One number a front's claims state: claim index and which of its quantities.
struct Figure: Sendable, Hashable {
    var claim: Int32
    var quantity: Int32
}

struct FrontInfo: Sendable {
    enum Kind: Sendable { case defined, extra, noFront, all }
    var name: String
    var kind: Kind
    /// Claim indices in corpus order; empty for `.all` (every claim).
    var claims: [Int32] = []
    var claimCount = 0
    var articles = 0
    var hedged = 0
    var conflicts = 0
    var comparisons = 0
    var reviewed = 0
    /// Claimant ids on this front, most claims first: the order `c` cycles through.
    var claimants: [Int32] = []
    var figures: [[Figure]] = Array(repeating: [], count: FigureKind.allCases.count)
}

struct OutletRow: Sendable {
    var name: String
    /// True when the outlet is unknown and the row stands for one article.
    var isArticle: Bool
    var articles = 0
    var claims = 0
    var attributed = 0
    var hedged = 0
    var topClaimants: [(String, Int)] = []
}

/// Names (claimants and fronts) numbered once, so that digests hold integers, not strings.
typealias NameTable = Numbering<String>

/// What the dashboard reads from one article's claims, with names as small local ids. Computed once
/// per article and kept while the article's claims stay the same, so that a refresh reads only changed
/// claims; it needs nothing but the claims, so a big batch of articles is digested on every core.
/// Immutable; a class only so that passing 10,000 of them around costs one reference each.
final class ClaimDigest: Sendable {
    let count: Int
    /// The claimants and fronts these claims name, each once: the ids below index this.
    let names: [String]
    /// Per claim: local name id of the claimant, -1 for the article's own voice.
    let claimant: [Int32]
    let hedged: [Bool]
    /// Per claim, the end of its distinct fronts (local name ids, in order) in `fronts`.
    let frontEnds: [Int32]
    let fronts: [Int32]
    /// Per claim, the end of its quantities' figure kinds (-1 for none) in `kinds`.
    let kindEnds: [Int32]
    let kinds: [Int8]
    /// Positions of the claims in text order; nil when they already are.
    let textOrder: [Int32]?
    /// For the outlet rows: hedged and attributed claims, and claims per claimant (local name id, count).
    let hedgedCount: Int
    let attributedCount: Int
    let claimantCounts: [(name: Int32, count: Int)]

    init(claims: [Claim], range: Range<Int>) {
        count = range.count
        var names: [String] = []
        // An article names a handful of people and fronts: a linear search beats hashing each name.
        func id(of name: String) -> Int32 {
            if let k = names.firstIndex(of: name) { return Int32(k) }
            names.append(name)
            return Int32(names.count - 1)
        }
        // And a few kinds of number: the same measure and unit give the same figure kind.
        var kindsSeen: [(measure: String?, unit: String?, kind: Int8)] = []
        func kind(of q: Quantity) -> Int8 {
            if let seen = kindsSeen.first(where: { $0.measure == q.measure && $0.unit == q.unit }) { return seen.kind }
            let kind = Int8(FigureKind.of(q)?.rawValue ?? -1)
            kindsSeen.append((q.measure, q.unit, kind))
            return kind
        }
        var claimant: [Int32] = [], hedged: [Bool] = [], frontEnds: [Int32] = [], fronts: [Int32] = []
        var kindEnds: [Int32] = [], kinds: [Int8] = [], starts: [Int] = []
        claimant.reserveCapacity(count)
        hedged.reserveCapacity(count)
        frontEnds.reserveCapacity(count)
        kindEnds.reserveCapacity(count)
        starts.reserveCapacity(count)
        for i in range {
            claimant.append(claims[i].claimant.map(id(of:)) ?? -1)
            hedged.append(claims[i].hedged)
            let named = claims[i].fronts
            for (k, f) in named.enumerated() where !named[..<k].contains(f) { fronts.append(id(of: f)) }
            frontEnds.append(Int32(fronts.count))
            for q in claims[i].quantities { kinds.append(kind(of: q)) }
            kindEnds.append(Int32(kinds.count))
            starts.append(claims[i].range.lowerBound)
        }
        self.names = names
        (self.claimant, self.hedged, self.frontEnds, self.fronts, self.kindEnds, self.kinds) = (claimant, hedged, frontEnds, fronts, kindEnds, kinds)
        hedgedCount = hedged.count { $0 }
        attributedCount = claimant.count { $0 >= 0 }
        var counts = [Int](repeating: 0, count: names.count)
        for who in claimant where who >= 0 { counts[Int(who)] += 1 }
        claimantCounts = counts.indices.filter { counts[$0] > 0 }.map { (Int32($0), counts[$0]) }
        // Claims come article by article, but an article's claims may not be in text order.
        if zip(starts, starts.dropFirst()).contains(where: { $0 > $1 }) {
            textOrder = (0..<Int32(count)).sorted { starts[Int($0)] < starts[Int($1)] }
        } else {
            textOrder = nil
        }
    }

    /// Whether `old` claims give the same digest as `new` ones.
    static func sameInputs(_ old: [Claim], _ oldStart: Int, _ new: [Claim], _ newRange: Range<Int>) -> Bool {
        // Claims kept from one corpus to the next are bit for bit the same values (same storage): one
        // memcmp, without touching the strings and arrays they point to. Anything else is compared field by field.
        let stride = MemoryLayout<Claim>.stride
        let identical = old.withUnsafeBytes { o in
            new.withUnsafeBytes { n in
                guard let o = o.baseAddress, let n = n.baseAddress else { return false }
                return memcmp(o + oldStart * stride, n + newRange.lowerBound * stride, newRange.count * stride) == 0
            }
        }
        if identical { return true }
        for (j, i) in zip(oldStart..., newRange) {
            guard old[j].hedged == new[i].hedged, old[j].range.lowerBound == new[i].range.lowerBound,
                  old[j].claimant == new[i].claimant, old[j].fronts == new[i].fronts,
                  old[j].quantities == new[i].quantities else { return false }
        }
        return true
    }
}

/// Indexes computed once per corpus so that every key and frame is cheap.
struct Derived: Sendable {
    var fronts: [FrontInfo] = []
    var frontIndex: [String: Int] = [:]
    var claimArticle: [Int32] = []
    var articleIndex: [String: Int] = [:]
    /// Per article, its claim indices by position in the text.
    var articleClaims: [[Int32]] = []
    /// Per claim: index into `claimantNames` (alphabetical), -1 for the article's own voice.
    var claimantID: [Int32] = []
    var claimantNames: [String] = []
    /// Claimant ids, most claims first: the order `c` cycles through.
    var claimantsByCount: [Int32] = []
    /// Per claim: index of its first front, fronts.count when none.
    var frontRank: [Int32] = []
    var outlets: [OutletRow] = []
    var orphans: [String] = []
    /// Per claim, so that filters read a byte instead of the whole claim.
    var hedged: [Bool] = []
    /// Per claim: 0 not reviewed, 1 note only, 2 + the kind's index otherwise.
    var markCode: [UInt8] = []
    /// The claims `markCode` marks, to reset them cheaply.
    var markedClaims: [Int32] = []
    var conflicts = 0
    var agreements = 0
    /// Per article: the digest of its claims and where they start, when they are one run of the claims.
    var digests: [ClaimDigest?] = []
    var digestStart: [Int] = []
    /// Per article with a digest: where the global ids of its digest's names start in `globalNames`.
    var digestNames: [Int32] = []
    var globalNames: [Int32] = []
    var names = NameTable()

    static let maxFigures = 400

    /// A run of claims of one article, in corpus order; `article` is -1 when no article has the id.
    /// The global ids of its digest's names start at `names` in `globalNames`.
    struct Run {
        var article: Int
        var range: Range<Int>
        var digest: ClaimDigest
        var names = 0
    }

    /// `previous` is the state's last corpus and its indexes: digests of unchanged articles are kept.
    init(corpus: Corpus, marks: [String: ReviewMark], previous: (derived: Derived, corpus: Corpus)? = nil) {
        let claims = corpus.claims
        let n = claims.count
        if let previous { names = previous.derived.names }

        articleIndex.reserveCapacity(corpus.articles.count)
        for (i, a) in corpus.articles.enumerated() { articleIndex[a.id] = i }

        var runs = Self.runs(of: corpus, articleIndex: articleIndex, previous: previous)

        // Each digest's own names to the global ones: a few per article, not one per claim.
        globalNames.reserveCapacity(runs.count * 4)
        for r in runs.indices {
            runs[r].names = globalNames.count
            for name in runs[r].digest.names { globalNames.append(names.id(of: name)) }
        }
        var runsOfArticle = [Int32](repeating: 0, count: corpus.articles.count)
        for run in runs where run.article >= 0 { runsOfArticle[run.article] += 1 }
        digests = Array(repeating: nil, count: corpus.articles.count)
        digestStart = Array(repeating: -1, count: corpus.articles.count)
        digestNames = Array(repeating: -1, count: corpus.articles.count)
        for run in runs where run.article >= 0 && runsOfArticle[run.article] == 1 {
            digests[run.article] = run.digest
            digestStart[run.article] = run.range.lowerBound
            digestNames[run.article] = Int32(run.names)
        }


        // Fronts: the table's, then any other front a claim names, then "no front" and "all".
        var frontOfName = [Int32](repeating: -1, count: names.count)
        for def in corpus.fronts.definitions where frontIndex[def.name] == nil {
            let id = Int(names.id(of: def.name))
            if id >= frontOfName.count { frontOfName.append(contentsOf: repeatElement(-1, count: id + 1 - frontOfName.count)) }
            frontOfName[id] = Int32(fronts.count)
            frontIndex[def.name] = fronts.count
            fronts.append(FrontInfo(name: def.name, kind: .defined))
        }
        var claimantCounts = [Int](repeating: 0, count: names.count)
        if frontOfName.count < names.count { frontOfName.append(contentsOf: repeatElement(-1, count: names.count - frontOfName.count)) }
        for run in runs {
            let d = run.digest
            for (who, count) in d.claimantCounts { claimantCounts[Int(globalNames[run.names + Int(who)])] += count }
            for local in d.fronts {
                let f = Int(globalNames[run.names + Int(local)])
                guard frontOfName[f] < 0 else { continue }
                frontOfName[f] = Int32(fronts.count)
                frontIndex[names.values[f]] = fronts.count
                fronts.append(FrontInfo(name: names.values[f], kind: .extra))
            }
        }
        let noFront = fronts.count
        fronts.append(FrontInfo(name: "no front", kind: .noFront))
        let all = fronts.count
        fronts.append(FrontInfo(name: "all", kind: .all))

        // Claimants alphabetically; each name id's place in that order.
        let present = claimantCounts.indices.filter { claimantCounts[$0] > 0 }
        let alphabetical = present.map { (names.values[$0].lowercased(), names.values[$0], $0) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        claimantNames = alphabetical.map(\.1)
        var rankOfName = [Int32](repeating: -1, count: names.count)
        for (rank, entry) in alphabetical.enumerated() { rankOfName[entry.2] = Int32(rank) }
        let countOfRank = alphabetical.map { claimantCounts[$0.2] }
        claimantsByCount = claimantNames.indices.sorted {
            let a = countOfRank[$0], b = countOfRank[$1]
            return a != b ? a > b : $0 < $1
        }.map { Int32($0) }


        claimArticle = Array(repeating: -1, count: n)
        hedged = Array(repeating: false, count: n)
        markCode = Array(repeating: 0, count: n)
        claimantID = Array(repeating: -1, count: n)
        frontRank = Array(repeating: Int32(fronts.count), count: n)
        articleClaims = Array(repeating: [], count: corpus.articles.count)
        var articleSeen = Array(repeating: Int32(-1), count: fronts.count)   // last article counted per front

        // One pass over the claims, through the digests: integers only, no claim is read.
        var fr = fronts
        fronts = []
        let claimantCount = claimantNames.count
        var claimantCountsByFront = [Int](repeating: 0, count: fr.count * claimantCount)
        var allFiguresFull = false
        for run in runs {
            let d = run.digest
            let a = run.article
            if a >= 0 {
                if articleClaims[a].isEmpty {
                    articleClaims[a] = Array(Int32(run.range.lowerBound)..<Int32(run.range.upperBound))
                } else {
                    articleClaims[a] += Int32(run.range.lowerBound)..<Int32(run.range.upperBound)
                }
            }
            // "all" counts whole runs; it keeps no claim list, and its figures stop once every list is full.
            fr[all].claimCount += d.count
            fr[all].hedged += d.hedgedCount
            if articleSeen[all] != Int32(a) { articleSeen[all] = Int32(a); fr[all].articles += 1 }
            // Read once per run: each read of a class's array field retains and releases it.
            let claimantOf = d.claimant, hedgedOf = d.hedged, kindEnds = d.kindEnds, kinds = d.kinds
            let frontEnds = d.frontEnds, frontsOf = d.fronts
            var frontAt = 0, kindAt = 0
            for local in 0..<d.count {
                let i = run.range.lowerBound + local
                let i32 = Int32(i)
                let isHedged = hedgedOf[local]
                let who = claimantOf[local] >= 0 ? rankOfName[Int(globalNames[run.names + Int(claimantOf[local])])] : -1
                let kindEnd = Int(kindEnds[local])
                claimArticle[i] = Int32(a)
                claimantID[i] = who
                hedged[i] = isHedged
                func addFigures(_ fi: Int) {
                    for k in kindAt..<kindEnd where kinds[k] >= 0 && fr[fi].figures[Int(kinds[k])].count < Self.maxFigures {
                        fr[fi].figures[Int(kinds[k])].append(Figure(claim: i32, quantity: Int32(k - kindAt)))
                    }
                }
                func add(_ fi: Int) {
                    fr[fi].claims.append(i32)
                    if who >= 0 { claimantCountsByFront[fi * claimantCount + Int(who)] += 1 }
                    fr[fi].claimCount += 1
                    if isHedged { fr[fi].hedged += 1 }
                    if articleSeen[fi] != Int32(a) { articleSeen[fi] = Int32(a); fr[fi].articles += 1 }
                    if kindAt < kindEnd { addFigures(fi) }
                }
                let frontEnd = Int(frontEnds[local])
                if frontAt == frontEnd {
                    add(noFront)
                } else {
                    var first = Int32(fr.count)
                    for k in frontAt..<frontEnd {
                        let fi = frontOfName[Int(globalNames[run.names + Int(frontsOf[k])])]
                        add(Int(fi))
                        first = min(first, fi)
                    }
                    frontRank[i] = first
                }
                if !allFiguresFull && kindAt < kindEnd {
                    addFigures(all)
                    allFiguresFull = fr[all].figures.allSatisfy { $0.count >= Self.maxFigures }
                }
                frontAt = frontEnd
                kindAt = kindEnd
            }
        }
        for fi in fr.indices where fi != all {
            var counted: [(key: Int32, value: Int)] = []
            for who in 0..<claimantCount where claimantCountsByFront[fi * claimantCount + who] > 0 {
                counted.append((Int32(who), claimantCountsByFront[fi * claimantCount + who]))
            }
            fr[fi].claimants = counted.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
        fr[all].claimants = claimantsByCount
        fronts = fr

        for a in articleClaims.indices where articleClaims[a].count > 1 {
            if let d = digests[a] {
                if let order = d.textOrder { articleClaims[a] = order.map { Int32(digestStart[a]) + $0 } }
            } else if !isInTextOrder(articleClaims[a], claims) {
                articleClaims[a].sort { claims[Int($0)].range.lowerBound < claims[Int($1)].range.lowerBound }
            }
        }


        for comp in corpus.comparisons {
            let isConflict = comp.verdict == .conflict
            if isConflict { conflicts += 1 } else { agreements += 1 }
            var targets = [all]
            if let f = comp.front { if let fi = frontIndex[f] { targets.append(fi) } } else { targets.append(noFront) }
            for fi in targets {
                fronts[fi].comparisons += 1
                if isConflict { fronts[fi].conflicts += 1 }
            }
        }

        outlets = outletRows(corpus: corpus, rankOfName: rankOfName)

        recountReviewed(corpus: corpus, marks: marks)

    }

    /// The claims cut into runs of one article, each with its digest: the previous one when the
    /// article's claims are unchanged, else computed.
    private static func runs(of corpus: Corpus, articleIndex: [String: Int], previous: (derived: Derived, corpus: Corpus)?) -> [Run] {
        let claims = corpus.claims
        let articles = corpus.articles
        let uniqueIDs = articleIndex.count == articles.count
        var found: [(article: Int, range: Range<Int>, digest: ClaimDigest?)] = []
        found.reserveCapacity(articles.count)
        if uniqueIDs, let starts = corpus.claimStarts, starts.count == articles.count + 1 {
            // The load says where each article's claims are: no need to read every claim's article id.
            for a in articles.indices where starts[a] < starts[a + 1] { found.append((a, starts[a]..<starts[a + 1], nil)) }
        } else {
            // Claims come article by article: the next article is nearly always the right guess, and an
            // equal id costs less than a hash.
            var start = 0, lastArticle = -1
            while start < claims.count {
                let id = claims[start].article
                var end = start + 1
                while end < claims.count && claims[end].article == id { end += 1 }
                let a: Int
                if uniqueIDs && lastArticle + 1 < articles.count && articles[lastArticle + 1].id == id { a = lastArticle + 1 } else { a = articleIndex[id] ?? -1 }
                lastArticle = a
                found.append((a, start..<end, nil))
                start = end
            }
        }
        // The article after the last one matched in the previous corpus is nearly always the right guess too.
        if let previous {
            var lastOld = -1
            let before = previous.corpus.articles
            for k in found.indices where found[k].article >= 0 {
                let id = articles[found[k].article].id
                let old: Int?
                if lastOld + 1 < before.count && before[lastOld + 1].id == id { old = lastOld + 1 } else { old = previous.derived.articleIndex[id] }
                guard let old else { continue }
                lastOld = old
                found[k].digest = reusable(old: old, range: found[k].range, of: corpus, previous: previous)
            }
        }
        let missing = found.indices.filter { found[$0].digest == nil }
        let digested = digests(of: missing.map { found[$0].range }, in: claims)
        for (k, r) in missing.enumerated() { found[r].digest = digested[k] }
        return found.map { Run(article: $0.article, range: $0.range, digest: $0.digest!) }
    }

    /// Digests of the given runs of claims: on every core when there are many, as after a big loading step.
    static func digests(of ranges: [Range<Int>], in claims: [Claim], parallelFrom: Int = 20_000) -> [ClaimDigest] {
        let claimCount = ranges.reduce(0) { $0 + $1.count }
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        guard claimCount >= parallelFrom, cores > 1 else { return ranges.map { ClaimDigest(claims: claims, range: $0) } }
        return Parallel.map(ranges.count) { ClaimDigest(claims: claims, range: ranges[$0]) }
    }

    /// The previous digest of the article at `old`, when its claims are the same as those in `range` now.
    /// Only the claims decide: which article they came from does not matter.
    private static func reusable(old: Int, range: Range<Int>, of corpus: Corpus,
                                 previous: (derived: Derived, corpus: Corpus)) -> ClaimDigest? {
        guard old < previous.derived.digests.count, let digest = previous.derived.digests[old],
              digest.count == range.count,
              ClaimDigest.sameInputs(previous.corpus.claims, previous.derived.digestStart[old], corpus.claims, range)
        else { return nil }
        return digest
    }

    private func isInTextOrder(_ list: [Int32], _ claims: [Claim]) -> Bool {
        var previous = Int.min
        for i in list {
            let start = claims[Int(i)].range.lowerBound
            if start < previous { return false }
            previous = start
        }
        return true
    }

    /// Reviewed counts per front and marks whose claim is gone; cheap: walks the marks, not the claims.
    mutating func recountReviewed(corpus: Corpus, marks: [String: ReviewMark]) {
        for i in fronts.indices { fronts[i].reviewed = 0 }
        let all = fronts.count - 1, noFront = fronts.count - 2
        var orphans: [String] = []
        var resolved: [(Int32, ReviewMark)] = []
        var unresolved: [String: ReviewMark] = [:]
        for ci in markedClaims { markCode[Int(ci)] = 0 }
        markedClaims.removeAll(keepingCapacity: true)
        for (id, mark) in marks {
            guard mark.kind != nil || !(mark.note ?? "").isEmpty else { continue }
            switch quickIndex(ofClaim: id, corpus: corpus) {
            case .found(let ci): resolved.append((ci, mark))
            case .gone: orphans.append(id)
            case .unknown: unresolved[id] = mark
            }
        }
        // Ids not of the form "article#…": one pass over the claims finds them all.
        if !unresolved.isEmpty {
            for (i, c) in corpus.claims.enumerated() where unresolved[c.id] != nil {
                resolved.append((Int32(i), unresolved.removeValue(forKey: c.id)!))
            }
            orphans += unresolved.keys
        }
        for (ci, mark) in resolved {
            markCode[Int(ci)] = Self.code(mark.kind)
            markedClaims.append(ci)
            let c = corpus.claims[Int(ci)]
            fronts[all].reviewed += 1
            if c.fronts.isEmpty { fronts[noFront].reviewed += 1 }
            var seen: Set<Int> = []
            for f in c.fronts { if let fi = frontIndex[f], seen.insert(fi).inserted { fronts[fi].reviewed += 1 } }
        }
        self.orphans = orphans.sorted()
    }

    enum Lookup { case found(Int32), gone, unknown }

    /// Finds a claim by id through its article ("article#hash") without a million-entry dictionary.
    func quickIndex(ofClaim id: String, corpus: Corpus) -> Lookup {
        guard let hash = id.lastIndex(of: "#"), let a = articleIndex[String(id[..<hash])] else { return .unknown }
        for ci in articleClaims[a] where corpus.claims[Int(ci)].id == id { return .found(ci) }
        return .gone
    }

    /// The claim's index now, or nil when it is no longer in the corpus.
    func index(ofClaim id: String, corpus: Corpus) -> Int? {
        switch quickIndex(ofClaim: id, corpus: corpus) {
        case .found(let ci): return Int(ci)
        case .gone: return nil
        case .unknown: return corpus.claims.firstIndex { $0.id == id }
        }
    }

    static func code(_ kind: ReviewMark.Kind?) -> UInt8 {
        guard let kind else { return 1 }
        return 2 + UInt8(ReviewMark.Kind.allCases.firstIndex(of: kind)!)
    }

    /// One row per outlet, one per article of unknown outlet; from the digests' sums where an article has one.
    func outletRows(corpus: Corpus, rankOfName: [Int32]) -> [OutletRow] {
        var rows: [OutletRow] = []
        var byName: [String: Int] = [:]
        var rowOfArticle = [Int](repeating: 0, count: corpus.articles.count)
        // An article of unknown outlet is a row of its own, unless another article has its id.
        let uniqueIDs = articleIndex.count == corpus.articles.count
        for ai in corpus.articles.indices {
            let outlet = corpus.articles[ai].outlet
            if outlet != nil || !uniqueIDs {
                let key = outlet ?? "\u{0}" + corpus.articles[ai].id
                if let existing = byName[key] { rowOfArticle[ai] = existing; continue }
                byName[key] = rows.count
            }
            rowOfArticle[ai] = rows.count
            rows.append(OutletRow(name: outlet ?? corpus.articles[ai].id, isArticle: outlet == nil))
        }
        // Each row's articles together, so that one scratch array counts the claimants of a row at a time.
        var starts = [Int](repeating: 0, count: rows.count + 1)
        for r in rowOfArticle { starts[r + 1] += 1 }
        for r in rows.indices { starts[r + 1] += starts[r] }
        var next = starts
        var byRow = [Int](repeating: 0, count: corpus.articles.count)
        for (ai, r) in rowOfArticle.enumerated() { byRow[next[r]] = ai; next[r] += 1 }
        var counts = [Int](repeating: 0, count: claimantNames.count)
        var touched: [Int32] = []
        func count(_ who: Int32, _ n: Int) {
            if counts[Int(who)] == 0 { touched.append(who) }
            counts[Int(who)] += n
        }
        for r in rows.indices {
            for ai in byRow[starts[r]..<starts[r + 1]] {
                rows[r].articles += 1
                if let d = digests[ai] {
                    rows[r].claims += d.count
                    rows[r].hedged += d.hedgedCount
                    rows[r].attributed += d.attributedCount
                    let names = Int(digestNames[ai])
                    for (name, n) in d.claimantCounts { count(rankOfName[Int(globalNames[names + Int(name)])], n) }
                    continue
                }
                for ci in articleClaims[ai] {
                    rows[r].claims += 1
                    if hedged[Int(ci)] { rows[r].hedged += 1 }
                    let who = claimantID[Int(ci)]
                    guard who >= 0 else { continue }
                    rows[r].attributed += 1
                    count(who, 1)
                }
            }
            let counted: [(key: Int32, value: Int)] = touched.map { ($0, counts[Int($0)]) }
            let top = counted.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
            rows[r].topClaimants = top.map { (claimantNames[Int($0.key)], $0.value) }
            for who in touched { counts[Int(who)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        // Named outlets first, most claims first; then the articles of unknown outlet. Sorting
        // positions moves plain integers, not rows.
        let order = rows.indices.sorted { i, j in
            if rows[i].isArticle != rows[j].isArticle { return !rows[i].isArticle }
            return rows[i].claims != rows[j].claims ? rows[i].claims > rows[j].claims : rows[i].name < rows[j].name
        }
        return order.map { rows[$0] }
    }
}
