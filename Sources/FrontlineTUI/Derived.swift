import FrontlineModel

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
        if unit.contains("tank") || unit.contains("vehicle") { return .losses }
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

    static let maxFigures = 400

    init(corpus: Corpus, marks: [String: ReviewMark]) {
        let claims = corpus.claims
        let n = claims.count

        for (i, a) in corpus.articles.enumerated() { articleIndex[a.id] = i }
        articleClaims = Array(repeating: [], count: corpus.articles.count)

        // Fronts: the table's, then any other front a claim names, then "no front" and "all".
        for def in corpus.fronts.definitions where frontIndex[def.name] == nil {
            frontIndex[def.name] = fronts.count
            fronts.append(FrontInfo(name: def.name, kind: .defined))
        }
        var claimantCounts: [String: Int] = [:]
        for c in claims {
            if let name = c.claimant { claimantCounts[name, default: 0] += 1 }
            for f in c.fronts where frontIndex[f] == nil {
                frontIndex[f] = fronts.count
                fronts.append(FrontInfo(name: f, kind: .extra))
            }
        }
        let noFront = fronts.count
        fronts.append(FrontInfo(name: "no front", kind: .noFront))
        let all = fronts.count
        fronts.append(FrontInfo(name: "all", kind: .all))

        claimantNames = claimantCounts.keys.map { ($0.lowercased(), $0) }.sorted { $0 < $1 }.map(\.1)
        var claimantLookup: [String: Int32] = [:]
        for (i, name) in claimantNames.enumerated() { claimantLookup[name] = Int32(i) }
        claimantsByCount = claimantNames.indices.sorted {
            let a = claimantCounts[claimantNames[$0]]!, b = claimantCounts[claimantNames[$1]]!
            return a != b ? a > b : $0 < $1
        }.map { Int32($0) }

        claimArticle = Array(repeating: -1, count: n)
        hedged = Array(repeating: false, count: n)
        markCode = Array(repeating: 0, count: n)
        claimantID = Array(repeating: -1, count: n)
        frontRank = Array(repeating: Int32(fronts.count), count: n)
        var articleSeen = Array(repeating: Int32(-1), count: fronts.count)   // last article counted per front

        // One pass over the claims; no allocation per claim, and the article lookup is cached because
        // claims arrive article by article.
        var fr = fronts
        fronts = []
        var lastArticle = ""
        var lastA = -1
        var figureKinds: [Int] = []
        var claimantCountsByFront = Array(repeating: [Int32: Int](), count: fr.count)
        func add(_ fi: Int, _ i32: Int32, _ a: Int, _ isHedged: Bool) {
            if fi != all {
                fr[fi].claims.append(i32)
                let who = claimantID[Int(i32)]
                if who >= 0 { claimantCountsByFront[fi][who, default: 0] += 1 }
            }
            fr[fi].claimCount += 1
            if isHedged { fr[fi].hedged += 1 }
            if articleSeen[fi] != Int32(a) { articleSeen[fi] = Int32(a); fr[fi].articles += 1 }
            for (qi, kind) in figureKinds.enumerated() where kind >= 0 && fr[fi].figures[kind].count < Self.maxFigures {
                fr[fi].figures[kind].append(Figure(claim: i32, quantity: Int32(qi)))
            }
        }
        for i in 0..<n {
            let c = claims[i]
            let i32 = Int32(i)
            if lastA < 0 || c.article != lastArticle {
                lastArticle = c.article
                lastA = articleIndex[c.article] ?? -1
            }
            let a = lastA
            claimArticle[i] = Int32(a)
            if a >= 0 { articleClaims[a].append(i32) }
            if let name = c.claimant { claimantID[i] = claimantLookup[name]! }
            hedged[i] = c.hedged
            figureKinds.removeAll(keepingCapacity: true)
            for q in c.quantities { figureKinds.append(FigureKind.of(q)?.rawValue ?? -1) }
            if c.fronts.isEmpty {
                add(noFront, i32, a, c.hedged)
            } else {
                var first = Int32(fr.count)
                for (k, f) in c.fronts.enumerated() {
                    guard let fi = frontIndex[f], !c.fronts[..<k].contains(f) else { continue }
                    add(fi, i32, a, c.hedged)
                    first = min(first, Int32(fi))
                }
                frontRank[i] = first
            }
            add(all, i32, a, c.hedged)
        }
        for fi in fr.indices where fi != all {
            fr[fi].claimants = claimantCountsByFront[fi].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
        fr[all].claimants = claimantsByCount
        fronts = fr
        // Claims come article by article, but an article's claims may not be in text order.
        for a in articleClaims.indices where articleClaims[a].count > 1 && !isInTextOrder(articleClaims[a], claims) {
            articleClaims[a].sort { claims[Int($0)].range.lowerBound < claims[Int($1)].range.lowerBound }
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

        outlets = Self.outletRows(corpus: corpus, articleClaims: articleClaims, claimantID: claimantID, claimantNames: claimantNames)
        recountReviewed(corpus: corpus, marks: marks)
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

    static func outletRows(corpus: Corpus, articleClaims: [[Int32]], claimantID: [Int32], claimantNames: [String]) -> [OutletRow] {
        var rows: [OutletRow] = []
        var byName: [String: Int] = [:]
        var claimantCounts: [[Int32: Int]] = []
        for (ai, article) in corpus.articles.enumerated() {
            let key = article.outlet ?? "\u{0}" + article.id
            let r: Int
            if let existing = byName[key] { r = existing } else {
                r = rows.count
                byName[key] = r
                rows.append(OutletRow(name: article.outlet ?? article.id, isArticle: article.outlet == nil))
                claimantCounts.append([:])
            }
            rows[r].articles += 1
            for ci in articleClaims[ai] {
                rows[r].claims += 1
                if corpus.claims[Int(ci)].hedged { rows[r].hedged += 1 }
                let who = claimantID[Int(ci)]
                if who >= 0 { rows[r].attributed += 1; claimantCounts[r][who, default: 0] += 1 }
            }
        }
        for r in rows.indices {
            rows[r].topClaimants = claimantCounts[r].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(3).map { (claimantNames[Int($0.key)], $0.value) }
        }
        // Named outlets first, most claims first; then the articles of unknown outlet.
        return rows.sorted { a, b in
            if a.isArticle != b.isArticle { return !a.isArticle }
            return a.claims != b.claims ? a.claims > b.claims : a.name < b.name
        }
    }
}
