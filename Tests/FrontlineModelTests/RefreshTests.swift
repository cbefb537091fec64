import Foundation
import Testing
@testable import FrontlineModel

/// A refresh keeps comparison inputs and splices articles in; whatever it does, the corpus must be
/// the one a fresh load of the folder gives, to the byte.
@Suite("Refresh equals a full load")
struct RefreshTests {
    /// Everything a corpus holds, written out: two corpora are the same when these are equal.
    static func dump(_ corpus: Corpus, skipped: Bool = true) -> [String] {
        var lines: [String] = []
        for a in corpus.articles { lines.append(String(reflecting: a)) }
        for c in corpus.claims {
            lines.append([c.id, c.article, String(c.ordinal), c.text, String(reflecting: c.range), c.claimant ?? "-",
                          String(reflecting: c.fronts), String(reflecting: c.quantities), String(c.hedged),
                          String(reflecting: c.places), String(c.sentenceHash)].joined(separator: "|"))
        }
        for comparison in corpus.comparisons { lines.append(String(reflecting: comparison)) }
        lines.append("loaded \(corpus.report.loaded)")
        for issue in corpus.report.issues where skipped || issue.kind != .skipped { lines.append(String(reflecting: issue)) }
        return lines
    }

    static func expectSameAsFreshLoad(_ store: CorpusStore, _ label: String, skipped: Bool = true) throws {
        let fresh = try Corpus.load(folder: store.folder)
        let mine = dump(store.corpus, skipped: skipped), theirs = dump(fresh, skipped: skipped)
        #expect(mine.count == theirs.count, "\(label): \(mine.count) lines, a fresh load gives \(theirs.count)")
        if let i = zip(mine, theirs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(label): first difference at line \(i):\n  refreshed: \(mine[i].prefix(300))\n  fresh:     \(theirs[i].prefix(300))")
        }
        // The static comparison over the refreshed claims agrees with the kept facts as well.
        let regrouped = Comparer.compare(articles: store.corpus.articles, claims: store.corpus.claims)
        #expect(regrouped.map { String(reflecting: $0) } == store.corpus.comparisons.map { String(reflecting: $0) }, "\(label)")
    }

    /// A generated folder: wire copies and comparisons, as in the benchmark corpus.
    static func generatedFolder(articles: Int) throws -> TestFolder {
        let folder = TestFolder("refresh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.root.appendingPathComponent("scripts/generate_corpus.py").path,
                             "--articles", String(articles), "--seed", "1", folder.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "generate_corpus.py failed")
        return folder
    }

    static func articlePaths(_ store: CorpusStore) -> [String] { store.corpus.articles.map(\.path) }

    @Test func changesAddsAndRemovalsMatchAFreshLoad() throws {
        let folder = try Self.generatedFolder(articles: 400)
        var store = CorpusStore(folder: folder.path)
        try store.reloadAll()
        #expect(store.corpus.articles.count == 400)
        #expect(store.corpus.comparisons.count >= 3, "the folder should give comparisons")
        #expect(store.corpus.comparisons.contains { !$0.wireCopies.isEmpty }, "and wire copies among them")
        try Self.expectSameAsFreshLoad(store, "after the first load")

        let paths = Self.articlePaths(store)
        let middle = paths[paths.count / 2]
        let added = "\n\nUkrainian forces pushed back a Russian assault near Kupiansk, the General Staff said on Friday. "
            + "Russia now holds about 18% of Ukraine's territory, officials said.\n"

        // One file changed: a sentence with a number that joins a comparison.
        folder.write(middle, String(decoding: Seeds.bytesAt(folder.full(middle)), as: UTF8.self) + added)
        var summary = store.refresh(paths: [middle])
        #expect(summary.updated.count == 1)
        try Self.expectSameAsFreshLoad(store, "one changed file")

        // A new wire copy of the first article, sorting before everything; and the last file removed.
        let first = paths[0], last = paths[paths.count - 1]
        folder.write("0000/copy.txt", bytes: Seeds.bytesAt(folder.full(first)))
        folder.remove(last)
        summary = store.refresh(paths: ["0000/copy.txt", last])
        #expect(summary.added == ["0000/copy"] && summary.removed.count == 1)
        try Self.expectSameAsFreshLoad(store, "an added copy and a removal")

        // The same file name with another extension beside it: two articles with one id.
        let twin = (first as NSString).deletingPathExtension + (first.hasSuffix(".md") ? ".txt" : ".md")
        folder.write(twin, bytes: Seeds.bytesAt(folder.full(paths[1])))
        store.refresh(paths: [twin])
        try Self.expectSameAsFreshLoad(store, "two articles with one id")

        // Several at once: an edit, a file emptied of claims, a removal and a path never there.
        folder.write(paths[3], "A headline\n\nNothing to see here.\n")
        folder.remove(paths[5])
        folder.write(paths[7], String(decoding: Seeds.bytesAt(folder.full(paths[7])), as: UTF8.self) + added)
        store.refresh(paths: [paths[3], paths[5], paths[7], "gone/never.txt"])
        try Self.expectSameAsFreshLoad(store, "a batch")
        folder.remove(twin)
        folder.remove("0000/copy.txt")
        store.refresh(paths: [twin, "0000/copy.txt"])
        try Self.expectSameAsFreshLoad(store, "the twin and the copy removed")

        // A reload from scratch after all that is the same as well.
        try store.reloadAll()
        try Self.expectSameAsFreshLoad(store, "reloadAll")
    }

    @Test func loadingInBatchesMatchesOneLoad() throws {
        let folder = try Self.generatedFolder(articles: 150)
        let listing = try FolderLoader.listArticles(in: folder.path)
        #expect(!listing.skipped.isEmpty, "the generated folder holds files that are not articles")
        var store = CorpusStore(folder: folder.path)
        // As the dashboard's worker loads a big folder: growing batches, in listing order.
        var start = 0, size = 7
        while start < listing.paths.count {
            let end = min(listing.paths.count, start + size)
            store.add(listed: Array(listing.paths[start..<end]), skipped: start == 0 ? listing.skipped : [])
            start = end
            size *= 4
        }
        try Self.expectSameAsFreshLoad(store, "batches")
    }

    @Test func addingOutOfOrderAndTwiceMatchesOneLoad() throws {
        let folder = try Self.generatedFolder(articles: 60)
        let listing = try FolderLoader.listArticles(in: folder.path)
        var store = CorpusStore(folder: folder.path)
        let shuffled = listing.paths.reversed() + listing.paths.prefix(10)
        let summary = store.add(listed: Array(shuffled), skipped: listing.skipped)
        #expect(summary.added.count == listing.paths.count)
        try Self.expectSameAsFreshLoad(store, "out of order")
        // Read again, every file is an update, and one that vanished is a removal.
        try FileManager.default.removeItem(atPath: folder.path + "/" + listing.paths[3])
        let again = store.add(listed: listing.paths)
        #expect(again.updated.count == listing.paths.count - 1)
        #expect(again.removed.count == 1)
        #expect(store.corpus.articles.count == listing.paths.count - 1)
    }

    @Test func articlesSharingAnIdCountAsOne() throws {
        let folder = TestFolder("refresh-ids")
        let story = """
        Russian forces have advanced near Pokrovsk, Ukraine's General Staff said on Monday.

        The General Staff said Russian troops were advancing at a rate of 200-300 metres per day near Kurakhove.
        """
        // Ids come from the path without the extension: the same name in one folder, .txt beside .md.
        folder.write("a/report.txt", story)
        folder.write("a/report.md", story.replacingOccurrences(of: "200-300", with: "900"))
        folder.write("c/other.txt", story)
        var store = CorpusStore(folder: folder.path)
        try store.reloadAll()
        try Self.expectSameAsFreshLoad(store, "shared id")
        folder.remove("c/other.txt")
        store.refresh(paths: ["c/other.txt"])
        // The two "report" articles are one article to the comparison: nothing left to compare.
        #expect(store.corpus.comparisons.isEmpty)
        try Self.expectSameAsFreshLoad(store, "shared id, other removed")
    }
}

extension Seeds {
    static func bytesAt(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }
}
