import Foundation
import Testing
@testable import FrontlineModel

@Suite("Corpus, comparison and export")
struct CorpusTests {
    @Test func seedsScoreAboveTheBar() throws {
        let scorer = Repo.shared.appendingPathComponent("eval/score.py")
        let gold = Repo.shared.appendingPathComponent("eval/gold/seeds.json")
        try #require(FileManager.default.fileExists(atPath: scorer.path), "../shared/eval is beside the repository")
        let corpus = try Corpus.load(folder: Repo.seeds)
        let out = Repo.temporaryFolder().appendingPathComponent("claims.json")
        try Exporter.json(corpus).write(to: out, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scorer.path, gold.path, out.path, "--require",
                             "f1=0.95,claimant=0.95,fronts=0.95,values_recall=0.97,values_precision=0.97,hedged=0.90,outlet=1.0,facts=1.0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }

    func claim(_ article: String, _ text: String, fronts: [String] = [], value: Double, unit: String, bound: Quantity.Bound = .exact,
               written: String, measure: String) -> Claim {
        Claim(id: article + text, article: article, ordinal: 0, text: text, range: 0..<0, claimant: nil, fronts: fronts,
              quantities: [Quantity(value: value, unit: unit, bound: bound, text: written, range: 0..<1, measure: measure)],
              hedged: false, places: [])
    }

    func articles(_ ids: [String]) -> [Article] {
        ids.map { Article(id: $0, path: $0, title: nil, outlet: nil, text: "", blocks: []) }
    }

    @Test func unitsAreConvertedAndRoundingAgrees() {
        let claims = [
            claim("a", "Ukraine has retaken 6,000 square kilometers", fronts: ["Kharkiv"], value: 6000, unit: "km2", written: "6,000 square kilometers", measure: "territory-retaken"),
            claim("b", "Ukraine has retaken 2,400 square miles", fronts: ["Kharkiv"], value: 2400, unit: "sq mi", written: "2,400 square miles", measure: "territory-retaken"),
        ]
        let result = Comparer.compare(articles: articles(["a", "b"]), claims: claims)
        #expect(result.count == 1)
        #expect(result.first?.verdict == .agree)
        #expect(result.first?.unit == "km2")
    }

    @Test func statedPrecisionDecidesConflict() {
        let claims = [
            claim("a", "x", value: 2400, unit: "sq mi", written: "2,400 square miles", measure: "territory-retaken"),
            claim("b", "y", value: 2320, unit: "sq mi", written: "2,320 square miles", measure: "territory-retaken"),
        ]
        #expect(Comparer.compare(articles: articles(["a", "b"]), claims: claims).first?.verdict == .conflict)
    }

    @Test func boundsWidenTheRange() {
        let claims = [
            claim("a", "x", fronts: ["Kursk"], value: 40, unit: "%", bound: .moreThan, written: "more than 40%", measure: "territory-lost"),
            claim("b", "y", fronts: ["Kursk"], value: 45, unit: "%", written: "45%", measure: "territory-lost"),
        ]
        #expect(Comparer.compare(articles: articles(["a", "b"]), claims: claims).first?.verdict == .agree)
    }

    @Test func differentFrontsOrOneArticleAreNotCompared() {
        let claims = [
            claim("a", "x", fronts: ["Kursk"], value: 40, unit: "%", written: "40%", measure: "territory-lost"),
            claim("b", "y", fronts: ["Kharkiv"], value: 40, unit: "%", written: "40%", measure: "territory-lost"),
            claim("a", "z", fronts: ["Kursk"], value: 45, unit: "%", written: "45%", measure: "territory-lost"),
        ]
        #expect(Comparer.compare(articles: articles(["a", "b"]), claims: claims).isEmpty)
    }

    @Test func wireCopiesAreRecognisedInLinearTime() throws {
        let story = """
        Russian forces have advanced near Pokrovsk, Ukraine's General Staff said on Monday.

        The General Staff said Russian troops were advancing at a rate of 200-300 metres per day near Kurakhove.

        Ukrainian forces repelled 40 attacks along the Pokrovsk front over the past day, it said.
        """
        var items: [AnalyzedArticle] = []
        for i in 0..<2_000 { items.append(Repo.article(story, id: "copy\(i)")) }
        let claims = items.flatMap(\.claims)
        let result = Comparer.compare(articles: items.map(\.article), claims: claims)
        let rate = try #require(result.first { $0.subject.hasPrefix("Rate of advance") })
        #expect(rate.verdict == .agree)
        #expect(Set(rate.claims.map { claims[$0].article }).count == 2_000)
        #expect(rate.wireCopies.count == 1 && rate.wireCopies[0].count == rate.claims.count)
    }

    @Test func refreshRereadsOnlyChangedFiles() throws {
        let folder = Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.seeds) {
            try FileManager.default.copyItem(atPath: Repo.seeds + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        var store = CorpusStore(folder: folder.path)
        try store.reloadAll()
        let before = store.corpus.claims.count
        #expect(store.corpus.articles.count == 4)
        try "Russian troops captured 3 villages near Kupiansk, the General Staff said.\n".write(
            to: folder.appendingPathComponent("new.txt"), atomically: true, encoding: .utf8)
        var summary = store.refresh(paths: ["new.txt"])
        #expect(summary.added == ["new"])
        #expect(store.corpus.claims.count == before + 1)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("000_77f9a711cfe1bc4a.txt"))
        summary = store.refresh(paths: ["000_77f9a711cfe1bc4a.txt"])
        #expect(summary.removed == ["000_77f9a711cfe1bc4a"])
        #expect(!store.corpus.claims.contains { $0.article == "000_77f9a711cfe1bc4a" })
    }

    @Test func exportsAreWellFormed() throws {
        let corpus = try Corpus.load(folder: Repo.seeds)
        let json = Exporter.json(corpus)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let claims = try #require(object?["claims"] as? [[String: Any]])
        #expect(claims.count == corpus.claims.count)
        #expect(claims.allSatisfy { ($0["id"] as? String)?.isEmpty == false })
        let csv = Exporter.csv(corpus)
        #expect(csv.split(separator: "\n").first == "id,article,outlet,claimant,fronts,hedged,quantities,mark,note,text")
        let markdown = Exporter.markdown(corpus)
        #expect(markdown.contains("## Kharkiv"))
        #expect(markdown.contains("## Kursk"))
        #expect(markdown.contains("Share of Ukraine under Russian control"))
    }

    @Test func marksTravelWithExportsAndOrphansAreListed() throws {
        let corpus = try Corpus.load(folder: Repo.seeds)
        let first = corpus.claims[0]
        let marks = [
            first.id: ReviewMark(claimID: first.id, kind: .confirmed, note: "seen on video", user: "ana", updatedAt: Date(timeIntervalSince1970: 0)),
            "gone#1": ReviewMark(claimID: "gone#1", kind: .disputed, note: nil, user: "ana", updatedAt: Date(timeIntervalSince1970: 0)),
        ]
        let json = Exporter.json(corpus, marks: marks)
        #expect(json.contains("\"mark\": \"confirmed\""))
        #expect(json.contains("\"orphaned_marks\""))
        #expect(json.contains("seen on video"))
        #expect(Exporter.csv(corpus, marks: marks).contains("confirmed,seen on video"))
    }
}
