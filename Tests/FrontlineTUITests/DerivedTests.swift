import Foundation
import FrontlineModel
import Testing
@testable import FrontlineTUI

/// After a change the dashboard keeps the digests of unchanged articles; its indexes must be the
/// ones a fresh state of the new corpus builds.
@Suite struct DerivedTests {
    /// Every index the panes read (the kept digests and name numbers are bookkeeping, left out).
    static func dump(_ d: Derived) -> [String] {
        var lines = d.fronts.map { String(reflecting: $0) }
        lines.append(String(reflecting: d.frontIndex.sorted { $0.key < $1.key }))
        lines.append(String(reflecting: d.articleIndex.sorted { $0.key < $1.key }))
        lines += [d.claimArticle, d.claimantID, d.claimantsByCount, d.frontRank, d.markedClaims.sorted()].map { String(reflecting: $0) }
        lines += [String(reflecting: d.articleClaims), String(reflecting: d.claimantNames), String(reflecting: d.hedged),
                  String(reflecting: d.markCode), String(reflecting: d.orphans), "\(d.conflicts) \(d.agreements)"]
        lines += d.outlets.map { String(reflecting: $0) }
        return lines
    }

    static func expectFresh(_ state: DashboardState, _ label: String) {
        let fresh = DashboardState(corpus: state.corpus, marks: state.marks)
        let mine = dump(state.derived), theirs = dump(fresh.derived)
        #expect(mine.count == theirs.count, "\(label)")
        for (i, (a, b)) in zip(mine, theirs).enumerated() where a != b {
            Issue.record("\(label): index line \(i) differs:\n  kept:  \(a.prefix(400))\n  fresh: \(b.prefix(400))")
            break
        }
    }

    @Test func unitsNamingTanksOrVehiclesCountAsLosses() {
        #expect(FigureKind.of(unit: "main battle tanks") == .losses)
        #expect(FigureKind.of(unit: "utility vehicle") == .losses)
        #expect(FigureKind.of(unit: "km2") == .area)
        #expect(FigureKind.of(unit: "TANKS") == nil)
        #expect(FigureKind.of(unit: "km") == nil)
        #expect(FigureKind.of(unit: nil) == nil)
    }

    @Test func claimStartsGiveTheIndexesThatReadingEveryClaimGives() throws {
        let corpus = try Corpus.load(folder: Fixture.seedsFolder)
        #expect(corpus.claimStarts?.count == corpus.articles.count + 1)
        var scanned = corpus
        scanned.claims = corpus.claims   // any change to the claims forgets where articles start
        #expect(scanned.claimStarts == nil)
        #expect(Self.dump(Derived(corpus: corpus, marks: [:])) == Self.dump(Derived(corpus: scanned, marks: [:])))
    }

    @Test func digestsOnEveryCoreMatchDigestsOnOne() throws {
        let corpus = try Corpus.load(folder: Fixture.seedsFolder)
        // Each article's claims as one run, and the whole corpus repeated so that there is work to share.
        var ranges: [Range<Int>] = []
        var start = 0
        while start < corpus.claims.count {
            var end = start + 1
            while end < corpus.claims.count && corpus.claims[end].article == corpus.claims[start].article { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        ranges = Array(repeatElement(ranges, count: 50).joined())
        let one = Derived.digests(of: ranges, in: corpus.claims, parallelFrom: .max)
        let all = Derived.digests(of: ranges, in: corpus.claims, parallelFrom: 0)
        func describe(_ d: ClaimDigest) -> String {
            String(reflecting: (d.count, d.names, d.claimant, d.hedged, d.frontEnds, d.fronts, d.kindEnds, d.kinds, d.textOrder,
                                d.hedgedCount, d.attributedCount, d.claimantCounts.map { [$0.name, Int32($0.count)] }))
        }
        #expect(one.count == ranges.count)
        #expect(one.map(describe) == all.map(describe))
        #expect(one.contains { !$0.names.isEmpty && $0.kinds.contains { $0 >= 0 } }, "the seeds name claimants and key figures")
    }

    @Test func indexesAfterChangesMatchAFreshState() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("derived-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixture.repoRoot.appendingPathComponent("scripts/generate_corpus.py").path,
                             "--articles", "200", "--seed", "1", folder]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)

        var store = CorpusStore(folder: folder)
        try store.reloadAll()
        let first = store.corpus.claims[0]
        let marks = [first.id: ReviewMark(claimID: first.id, kind: .confirmed, note: nil, user: "t", updatedAt: Date(timeIntervalSince1970: 0))]
        var state = DashboardState(corpus: store.corpus, marks: marks)
        _ = update(&state, .resize(width: 160, height: 40))
        let paths = store.corpus.articles.map(\.path)
        func write(_ path: String, _ text: String) {
            _ = FileManager.default.createFile(atPath: folder + "/" + path, contents: Data(text.utf8))
        }
        func read(_ path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: folder + "/" + path) ?? Data(), as: UTF8.self)
        }
        func refresh(_ changed: Set<String>, _ label: String) {
            let summary = store.refresh(paths: changed)
            _ = update(&state, .corpusChanged(store.corpus, summary, at: 0))
            Self.expectFresh(state, label)
        }

        // A new claimant and a front no other claim names, in an article in the middle.
        let middle = paths[paths.count / 2]
        write(middle, read(middle) + "\n\nThe Zorya Observers Group said 40 tanks were lost near Vovchansk, reportedly.\n")
        refresh([middle], "a new claimant and front")
        // The first article's claims gone (its claimant counts drop), a new article first of all.
        write(paths[0], "Nothing here\n\nNo claims at all.\n")
        write("0000/first.txt", read(paths[1]))
        refresh([paths[0], "0000/first.txt"], "an emptied article and a copy first")
        // A removal and the edit undone.
        try FileManager.default.removeItem(atPath: folder + "/" + paths[5])
        write(middle, read(middle).replacingOccurrences(of: "The Zorya Observers Group", with: "Officials"))
        refresh([paths[5], middle], "a removal and an edit")
        // The same corpus again: every digest kept.
        _ = update(&state, .corpusChanged(store.corpus, ChangeSummary(), at: 0))
        Self.expectFresh(state, "the same corpus")
    }

    @Test func fixtureCorporaWithClaimsChangedUnderTheSameArticle() {
        var state = Fixture.state(width: 120, height: 30)
        var corpus = Fixture.corpus()
        // Same articles, but a claim's claimant, fronts and hedging change: the digest must not be kept.
        corpus.claims[1].claimant = "Somebody Else"
        corpus.claims[1].fronts = ["Kursk", "Pokrovsk", "Kursk"]
        corpus.claims[2].hedged.toggle()
        _ = update(&state, .corpusChanged(corpus, ChangeSummary(), at: 0))
        Self.expectFresh(state, "claims changed in place")
        _ = update(&state, .corpusChanged(Fixture.corpus(), ChangeSummary(), at: 0))
        Self.expectFresh(state, "and back")
    }
}
