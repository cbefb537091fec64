import Foundation
import FrontlineModel
import Glibc
import Testing
@testable import FrontlineTUI

/// The worker reads on its own queue; the tests wait on its eventfd as the loop does.
@Suite struct ModelWorkerTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "frontline-worker-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func copySeeds(times: Int = 1) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixture.seedsFolder) {
            for i in 0..<times {
                try FileManager.default.copyItem(atPath: Fixture.seedsFolder + "/" + name, toPath: folder + "/\(i)_" + name)
            }
        }
    }

    /// Waits (up to a generous limit, not a timing assertion) until the worker has posted `count` outputs.
    func outputs(_ worker: ModelWorker, until done: ([WorkerOutput]) -> Bool) -> [WorkerOutput] {
        var all: [WorkerOutput] = []
        let deadline = Date().addingTimeInterval(60)
        while !done(all), Date() < deadline {
            var fd = pollfd(fd: worker.wakeFD, events: Int16(POLLIN), revents: 0)
            if poll(&fd, 1, 1000) > 0 { all += worker.take() }
        }
        return all
    }

    static func finishedLoading(_ outputs: [WorkerOutput]) -> Bool {
        outputs.contains { if case .loading(_, _, let loaded, let total) = $0 { return loaded == total }; return false }
    }

    static func lastCorpus(_ outputs: [WorkerOutput]) -> (Corpus, ChangeSummary)? {
        for output in outputs.reversed() {
            switch output {
            case .loading(let corpus, let summary, _, _), .changed(let corpus, let summary, _): return (corpus, summary)
            default: continue
            }
        }
        return nil
    }

    @Test func loadsTheSeedsInOneStep() throws {
        try copySeeds()
        let worker = ModelWorker(folder: folder)
        worker.loadAll()
        let got = outputs(worker, until: Self.finishedLoading)
        #expect(got.count == 1)
        let (corpus, summary) = try #require(Self.lastCorpus(got))
        #expect(corpus.articles.count == 4)
        #expect(summary.added.count == 4)
        #expect(!corpus.claims.isEmpty)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func loadsABigFolderInGrowingBatches() throws {
        try copySeeds(times: 100)
        let worker = ModelWorker(folder: folder)
        worker.loadAll()
        let got = outputs(worker, until: Self.finishedLoading)
        let steps = got.compactMap { output -> Int? in
            if case .loading(_, _, let loaded, let total) = output, total == 400 { return loaded }
            return nil
        }
        // 32, then 128 more, then the rest: panes fill in before the whole folder is read.
        #expect(steps == [32, 160, 400])
        #expect(Self.lastCorpus(got)?.0.articles.count == 400)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func aBigFolderReportsTheFilesItSkips() throws {
        try copySeeds(times: 20)
        try Data([0xFF, 0xD8, 0xFF, 0xE0]).write(to: URL(fileURLWithPath: folder + "/map.jpg"))
        try "x".write(toFile: folder + "/notes.txt~", atomically: false, encoding: .utf8)
        let worker = ModelWorker(folder: folder)
        worker.loadAll()
        let got = outputs(worker, until: Self.finishedLoading)
        let issues = try #require(Self.lastCorpus(got)).0.report.issues.map(\.path)
        #expect(issues == ["map.jpg", "notes.txt~"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func aFolderWithNoArticlesStillReportsWhatItSkipped() throws {
        try Data([0xFF, 0xD8, 0xFF, 0xE0]).write(to: URL(fileURLWithPath: folder + "/map.jpg"))
        let worker = ModelWorker(folder: folder)
        worker.loadAll()
        let got = outputs(worker, until: Self.finishedLoading)
        #expect(got.count == 1)
        let (corpus, _) = try #require(Self.lastCorpus(got))
        #expect(corpus.articles.isEmpty)
        #expect(corpus.report.issues.map(\.path) == ["map.jpg"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func watchesBeforeListing() throws {
        try copySeeds(times: 20)
        let worker = ModelWorker(folder: folder)
        worker.loadAll(watch: true)
        let got = outputs(worker, until: Self.finishedLoading)
        guard case .watching(let handoff)? = got.first else {
            Issue.record("the first output is not the watcher: \(got.first.map { "\($0)" } ?? "none")")
            return
        }
        let watcher = try #require(handoff?.watcher)
        try "Ukrainian forces repelled 12 assaults near Pokrovsk, the General Staff said.".write(
            toFile: folder + "/new.txt", atomically: false, encoding: .utf8)
        #expect(watcher.drain().paths == ["new.txt"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func readProgressIsPostedAtMostTenTimesASecond() {
        let counter = ReadCounter()
        #expect(counter.tick() == (1, true))
        #expect(counter.tick() == (2, false))
        #expect(counter.tick() == (3, false))
    }

    @Test func refreshReadsChangedFilesAndNewFolders() throws {
        try copySeeds()
        let worker = ModelWorker(folder: folder)
        worker.loadAll()
        _ = outputs(worker, until: Self.finishedLoading)

        try FileManager.default.createDirectory(atPath: folder + "/zaporizhzhia", withIntermediateDirectories: false)
        let text = "Zaporizhzhia regional governor Ivan Fedorov said Russian troops shelled Huliaipole 112 times over the past day.\n"
        try text.write(toFile: folder + "/zaporizhzhia/huliaipole.txt", atomically: false, encoding: .utf8)
        worker.refresh(WatchBatch(newFolders: ["zaporizhzhia"]), requestedAt: 0)
        var got = outputs(worker, until: { !$0.isEmpty })
        var (corpus, summary) = try #require(Self.lastCorpus(got))
        #expect(summary.added == ["zaporizhzhia/huliaipole"])
        #expect(corpus.articles.count == 5)

        try FileManager.default.removeItem(atPath: folder + "/zaporizhzhia")
        worker.refresh(WatchBatch(goneFolders: ["zaporizhzhia"]), requestedAt: 0)
        got = outputs(worker, until: { !$0.isEmpty })
        (corpus, summary) = try #require(Self.lastCorpus(got))
        #expect(summary.removed == ["zaporizhzhia/huliaipole"])
        #expect(corpus.articles.count == 4)
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func mergedSummariesCountFromFirstToLast() {
        var first = ChangeSummary()
        first.added = ["a"]
        first.claimsBefore = 10
        first.claimsAfter = 14
        var second = ChangeSummary()
        second.removed = ["b"]
        second.claimsBefore = 14
        second.claimsAfter = 12
        let both = first.merged(with: second)
        #expect(both.added == ["a"] && both.removed == ["b"])
        #expect(both.claimsBefore == 10 && both.claimsAfter == 12)
        #expect(both.description == "+1 article, -1 removed, +2 claims")
        second.claimsAfter = 15
        #expect(first.merged(with: second).description == "+1 article, -1 removed, +5 claims")
        first.claimsAfter = 11
        #expect(first.description == "+1 article, +1 claim")
    }
}
