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
    /// Files changed on disk were read again.
    case changed(Corpus, ChangeSummary, requestedAt: Double)
    case failed(String)
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
    func loadAll() {
        queue.async { [self] in
            let listing: [String]
            do {
                listing = try FolderLoader.listArticles(in: folder).paths
            } catch {
                post(.failed("\(error)"))
                return
            }
            if listing.count <= 64 {
                do {
                    let summary = try store.reloadAll()
                    post(.loading(store.corpus, summary, loaded: listing.count, total: listing.count))
                } catch {
                    post(.failed("\(error)"))
                }
                return
            }
            // Each refresh reassembles the corpus, so batches double: the total stays near linear.
            var start = 0, size = 32
            while start < listing.count {
                let end = min(listing.count, start + size)
                let summary = store.refresh(paths: Set(listing[start..<end]))
                post(.loading(store.corpus, summary, loaded: end, total: listing.count))
                start = end
                size = min(size * 2, 2048)
            }
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
