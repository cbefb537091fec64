import Foundation
import FrontlineModel
@testable import FrontlineTUI

/// A small corpus written by hand, so that the tests do not depend on how well extraction works.
enum Fixture {
    static let fronts = FrontTable(definitions: [
        FrontDefinition(name: "Kharkiv", regions: ["Kharkiv Oblast"], latitude: 49.99, longitude: 36.23, radiusKm: 150),
        FrontDefinition(name: "Kursk", regions: ["Kursk Oblast"], latitude: 51.73, longitude: 36.19, radiusKm: 120),
        FrontDefinition(name: "Kurakhove", regions: ["Donetsk Oblast"], latitude: 47.98, longitude: 37.28, radiusKm: 60),
    ])

    struct ClaimSpec {
        var sentence: String
        var claimant: String?
        var fronts: [String]
        var quantities: [(String, Double, String?, Quantity.Bound)]
        var hedged = false
    }

    /// Builds an article whose claims point at their sentences by byte offsets, as the extractor's do.
    static func article(id: String, outlet: String?, title: String, lines: [String], furniture: [String] = [],
                        claims specs: [ClaimSpec]) -> (Article, [Claim]) {
        var text = title + "\n"
        var blocks = [Block(kind: .title, range: 0..<title.utf8.count)]
        for line in lines {
            let start = text.utf8.count
            text += line + "\n"
            blocks.append(Block(kind: .body, range: start..<(start + line.utf8.count)))
        }
        for line in furniture {
            let start = text.utf8.count
            text += line + "\n"
            blocks.append(Block(kind: .furniture, range: start..<(start + line.utf8.count)))
        }
        var claims: [Claim] = []
        for (n, spec) in specs.enumerated() {
            let r = byteRange(of: spec.sentence, in: text)!
            let qs = spec.quantities.map { q in
                Quantity(value: q.1, unit: q.2, bound: q.3, text: q.0, range: byteRange(of: q.0, in: spec.sentence)!)
            }
            claims.append(Claim(id: "\(id)#\(n)", article: id, ordinal: n, text: spec.sentence, range: r,
                                claimant: spec.claimant, fronts: spec.fronts, quantities: qs, hedged: spec.hedged, places: []))
        }
        let article = Article(id: id, path: id + ".txt", title: title, outlet: outlet, text: text, blocks: blocks)
        return (article, claims)
    }

    static func byteRange(of needle: String, in text: String) -> Range<Int>? {
        guard let r = text.range(of: needle) else { return nil }
        let lo = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
        return lo..<(lo + needle.utf8.count)
    }

    static let kyivIndependent = article(
        id: "001_kyiv_independent", outlet: "Kyiv Independent",
        title: "Ukraine retakes thousands of square kilometres in Kharkiv Oblast",
        lines: [
            "Ukrainian forces have liberated more than 6,000 square kilometers in Kharkiv Oblast since the start of September, President Volodymyr Zelensky said.",
            "Russian troops were reportedly advancing at about 500 metres a day near Kurakhove.",
        ],
        furniture: ["Subscribe to our newsletter for daily updates"],
        claims: [
            ClaimSpec(sentence: "Ukrainian forces have liberated more than 6,000 square kilometers in Kharkiv Oblast since the start of September, President Volodymyr Zelensky said.",
                      claimant: "Volodymyr Zelensky", fronts: ["Kharkiv"],
                      quantities: [("more than 6,000 square kilometers", 6000, "km2", .moreThan)]),
            ClaimSpec(sentence: "Russian troops were reportedly advancing at about 500 metres a day near Kurakhove.",
                      claimant: nil, fronts: ["Kurakhove"], quantities: [("about 500 metres a day", 500, "m/day", .about)], hedged: true),
        ])

    static let isw = article(
        id: "002_isw", outlet: nil, title: "Russian Offensive Campaign Assessment",
        lines: [
            "The Institute for the Study of War said Ukrainian forces held about 1,000 square kilometres in Kursk Oblast.",
            "Russian milbloggers claimed that Ukraine lost 40 tanks near Sudzha.",
            "The Ukrainian General Staff said Kyiv controls 6,500 km² in the Kharkiv region.",
        ],
        claims: [
            ClaimSpec(sentence: "The Institute for the Study of War said Ukrainian forces held about 1,000 square kilometres in Kursk Oblast.",
                      claimant: "Institute for the Study of War", fronts: ["Kursk"],
                      quantities: [("about 1,000 square kilometres", 1000, "km2", .about)]),
            ClaimSpec(sentence: "Russian milbloggers claimed that Ukraine lost 40 tanks near Sudzha.",
                      claimant: "Russian milbloggers", fronts: ["Kursk"], quantities: [("40 tanks", 40, "tanks", .exact)], hedged: true),
            ClaimSpec(sentence: "The Ukrainian General Staff said Kyiv controls 6,500 km² in the Kharkiv region.",
                      claimant: "Ukrainian General Staff", fronts: ["Kharkiv"], quantities: [("6,500 km²", 6500, "km2", .exact)]),
        ])

    static let unplaced = article(
        id: "003_reuters", outlet: "Reuters", title: "Talks stall",
        lines: ["Diplomats said no date had been set for new talks."],
        claims: [ClaimSpec(sentence: "Diplomats said no date had been set for new talks.", claimant: "Diplomats", fronts: [], quantities: [])])

    static func corpus(extra: [(Article, [Claim])] = []) -> Corpus {
        let parts = extra + [kyivIndependent, isw, unplaced]
        let sorted = parts.sorted { $0.0.id < $1.0.id }
        let articles = sorted.map(\.0)
        let claims = sorted.flatMap(\.1)
        let zelensky = claims.firstIndex { $0.id == "001_kyiv_independent#0" }!
        let staff = claims.firstIndex { $0.id == "002_isw#2" }!
        let comparisons = [Comparison(subject: "area held", front: "Kharkiv", unit: "km2", claims: [zelensky, staff],
                                      values: [6000, 6500], verdict: .conflict)]
        return Corpus(folder: "/data/articles", fronts: fronts, articles: articles, claims: claims,
                      comparisons: comparisons, report: LoadReport(loaded: articles.count, issues: [
                        LoadIssue(path: ".draft.md.swp", kind: .skipped, reason: "editor leftover"),
                        LoadIssue(path: "notes.pdf", kind: .skipped, reason: "not an article type"),
                      ]))
    }

    static func state(width: Int = 80, height: Int = 24) -> DashboardState {
        var s = DashboardState(corpus: corpus(), user: "tester")
        _ = update(&s, .resize(width: width, height: height))
        return s
    }

    static func draw(_ state: DashboardState) -> CellGrid {
        var grid = CellGrid(width: state.width, height: state.height)
        render(state, into: &grid)
        return grid
    }

    @discardableResult
    static func keys(_ state: inout DashboardState, _ text: String) -> [Effect] {
        var effects: [Effect] = []
        for c in text { effects += update(&state, .key(.char(c))) }
        return effects
    }

    /// The repository: the seeds and the scripts are found from here.
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var seedsFolder: String { repoRoot.appendingPathComponent("seeds").path }
}
