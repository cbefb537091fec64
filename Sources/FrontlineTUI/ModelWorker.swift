import CNcursesShim
import Dispatch
import FrontlineModel
import Foundation
import Glibc
import Synchronization

/// What the model worker hands back to the loop.
enum WorkerOutput: Sendable {
    /// A batch of the first load arrived: `loaded` of `total` files read so far.
    case loading(Corpus, ChangeSummary, loaded: Int, total: Int)
    /// Files read so far while a batch of the first load is being read: for the status line.
    case progress(read: Int, total: Int)
    /// Files changed on disk were read again.
    case changed(Corpus, ChangeSummary, requestedAt: Double)
    /// The folder is being watched (nil: it cannot be), from before it was listed.
    case watching(WatcherHandoff?)
    case failed(String)
}

/// A watcher made on the worker's queue, used only by the loop from the moment it takes it.
struct WatcherHandoff: @unchecked Sendable {
    let watcher: FolderWatcher
}

/// Counts files read by the loading threads, and lets one of them post the count now and then.
final class ReadCounter: Sendable {
    let read = Atomic<Int>(0)
    let lastPost = Atomic<UInt64>(0)
    /// Ten updates a second are plenty for a status line, and cost nothing next to reading.
    static let interval: UInt64 = 100_000_000

    /// The new count, and whether it is time to post it.
    func tick() -> (count: Int, post: Bool) {
        let count = read.add(1, ordering: .relaxed).newValue
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nanos = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        let last = lastPost.load(ordering: .relaxed)
        guard nanos >= last + Self.interval else { return (count, false) }
        return (count, lastPost.compareExchange(expected: last, desired: nanos, ordering: .relaxed).exchanged)
    }
}

/// Owns the CorpusStore and does all reading and extraction off the loop, on one serial queue,
/// so keys stay answered while a big folder loads. Results come back through `outbox`,
/// and a write to `wakeFD` (an eventfd the loop polls) says there is something to take.
final class ModelWorker: @unchecked Sendable {
    // `store` is only touched on `queue`: that is what makes the unchecked Sendable sound.
    private var store: CorpusStore
    private let queue = DispatchQueue(label: "frontline.model", qos: .userInitiated)
    private let outbox = Mutex<[WorkerOutput]>([])
    let wakeFD: Int32
    let folder: String

    init(folder: String, fronts: FrontTable = .standard) {
        self.folder = folder
        store = CorpusStore(folder: folder, fronts: fronts)
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    }

    deinit { Glibc.close(wakeFD) }

    private func post(_ output: WorkerOutput) {
        outbox.withLock { $0.append(output) }
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// Everything posted since the last call, oldest first.
    func take() -> [WorkerOutput] {
        var count: UInt64 = 0
        _ = read(wakeFD, &count, 8)
        return outbox.withLock { items in
            let out = items
            items.removeAll()
            return out
        }
    }

    /// Reads the whole folder: all at once when small, else in growing batches so panes fill in as it goes.
    /// With `watch`, the watcher is made first, so that nothing written while the folder is listed is missed.
    func loadAll(watch: Bool = false) {
        queue.async { [self] in
            if watch { post(.watching(FolderWatcher(root: folder).map(WatcherHandoff.init))) }
            let listing: (paths: [String], skipped: [LoadIssue])
            do {
                listing = try FolderLoader.listArticles(in: folder)
            } catch {
                post(.failed("\(error)"))
                return
            }
            let total = listing.paths.count
            // A small folder comes in one step, a big one in batches that grow fourfold: each batch
            // reassembles the corpus and the dashboard digests it again, so the whole costs about 1.6 times
            // one assembly, and the first screenful comes at once. An empty folder is one empty step, which
            // still reports the files it skipped.
            let counter = ReadCounter()
            let tick: @Sendable () -> Void = { [self] in
                let (read, due) = counter.tick()
                if due { post(.progress(read: read, total: total)) }
            }
            let oneStep = total <= 64
            var start = 0, size = oneStep ? total : 32
            repeat {
                let end = min(total, start + size)
                let summary = store.add(listed: Array(listing.paths[start..<end]), skipped: start == 0 ? listing.skipped : [],
                                        onRead: oneStep ? nil : tick)
                post(.loading(store.corpus, summary, loaded: end, total: total))
                start = end
                size *= 4
            } while start < total
        }
    }

    /// Re-reads what the watcher saw change: files, new folders (scanned), gone folders (dropped).
    func refresh(_ batch: WatchBatch, requestedAt: Double) {
        queue.async { [self] in
            if batch.newFolders.contains("") {
                // The event queue overflowed: only a full reload is safe.
                do {
                    let summary = try store.reloadAll()
                    post(.changed(store.corpus, summary, requestedAt: requestedAt))
                } catch {
                    post(.failed("\(error)"))
                }
                return
            }
            var paths = batch.paths
            for sub in batch.newFolders {
                if let found = try? FolderLoader.listArticles(in: folder + "/" + sub).paths {
                    paths.formUnion(found.map { sub + "/" + $0 })
                }
            }
            for sub in batch.goneFolders {
                for article in store.corpus.articles where article.path.hasPrefix(sub + "/") {
                    paths.insert(article.path)
                }
            }
            guard !paths.isEmpty else { return }
            let summary = store.refresh(paths: paths)
            post(.changed(store.corpus, summary, requestedAt: requestedAt))
        }
    }
}
