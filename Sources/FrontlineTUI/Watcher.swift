import FrontlineModel
import CNcursesShim
import Foundation
import Glibc

/// What one read of the inotify queue says changed, as paths relative to the watched folder.
struct WatchBatch: Sendable, Equatable {
    /// Article files created, written, deleted or moved.
    var paths: Set<String> = []
    /// Folders that appeared (created or moved in): their articles must be read.
    var newFolders: Set<String> = []
    /// Folders that went away (deleted or moved out): their articles must be dropped.
    var goneFolders: Set<String> = []
    /// The watched folder itself was deleted or renamed.
    var rootGone = false

    var isEmpty: Bool { paths.isEmpty && newFolders.isEmpty && goneFolders.isEmpty && !rootGone }

    mutating func merge(_ other: WatchBatch) {
        paths.formUnion(other.paths)
        newFolders.formUnion(other.newFolders)
        goneFolders.formUnion(other.goneFolders)
        rootGone = rootGone || other.rootGone
    }
}

/// Files the watcher reports: exactly what the loader would list (any case of .txt/.md, no hidden
/// folders, no editor leftovers), so the two never disagree.
func isArticlePath(_ path: String) -> Bool { FolderLoader.isArticlePath(path) }

/// inotify on a folder and every folder under it; new subfolders are watched as they appear.
final class FolderWatcher {
    let fd: Int32
    let root: String
    /// Watch descriptor → folder path relative to root ("" for root).
    private var folders: [Int32: String] = [:]
    private var rootWD: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    private static let dirMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    init?(root: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.root = root
        rootWD = addTree("")
        if rootWD < 0 { Glibc.close(fd); return nil }
    }

    deinit { Glibc.close(fd) }

    var watchCount: Int { folders.count }

    private func fullPath(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    /// Watches `relative` and every folder below it; returns the top folder's watch descriptor.
    /// A folder reached a second time (through a symlink to it or to an ancestor) gets the same
    /// descriptor back from inotify: it keeps its first name and is not walked again, so loops end.
    @discardableResult
    private func addTree(_ relative: String) -> Int32 {
        let top = inotify_add_watch(fd, fullPath(relative), Self.dirMask)
        guard top >= 0, folders[top] == nil else { return top }
        folders[top] = relative
        // An explicit stack: a deep tree cannot exhaust the thread's stack.
        var pending = [relative]
        while let folder = pending.popLast() {
            for name in FolderLoader.subfolders(of: fullPath(folder)) {
                let child = folder.isEmpty ? name : folder + "/" + name
                let wd = inotify_add_watch(fd, fullPath(child), Self.dirMask)
                guard wd >= 0, folders[wd] == nil else { continue }
                folders[wd] = child
                pending.append(child)
            }
        }
        return top
    }

    /// Forgets `relative` and the folders below it (moved away: their watches would report old names).
    private func dropTree(_ relative: String) {
        for (wd, path) in folders where path == relative || path.hasPrefix(relative + "/") {
            inotify_rm_watch(fd, wd)
            folders[wd] = nil
        }
    }

    /// Reads every queued event.
    func drain() -> WatchBatch {
        var batch = WatchBatch()
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            parse(count: n, into: &batch)
        }
        return batch
    }

    private func parse(count: Int, into batch: inout WatchBatch) {
        var events: [(wd: Int32, mask: UInt32, name: String)] = []
        buffer.withUnsafeBytes { raw in
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let wd = raw.load(fromByteOffset: offset, as: Int32.self)
                let mask = raw.load(fromByteOffset: offset + 4, as: UInt32.self)
                let len = Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                var name = ""
                if len > 0 {
                    let bytes = raw[(offset + header)..<(offset + header + len)]
                    name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                events.append((wd, mask, name))
                offset += header + len
            }
        }
        for event in events { handle(event.wd, event.mask, event.name, &batch) }
    }

    private func handle(_ wd: Int32, _ mask: UInt32, _ name: String, _ batch: inout WatchBatch) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: re-read everything under the root.
            batch.newFolders.insert("")
            return
        }
        if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil; return }
        if wd == rootWD, mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            batch.rootGone = true
            return
        }
        guard let folder = folders[wd], !name.isEmpty else { return }
        let path = folder.isEmpty ? name : folder + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 {
            if name.hasPrefix(".") { return }
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                addTree(path)
                batch.newFolders.insert(path)
                batch.goneFolders.remove(path)
            } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                dropTree(path)
                batch.goneFolders.insert(path)
                batch.newFolders.remove(path)
            }
            return
        }
        if isArticlePath(path) { batch.paths.insert(path) }
    }
}
