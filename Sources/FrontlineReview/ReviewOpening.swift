import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// What opening a review database gave: a connection (or none), and why it is read-only if it is.
struct OpenedReviewDatabase {
    var queue: DatabaseQueue?
    var readOnlyReason: String?
    /// Set when the marks come from a private copy in this temporary folder.
    var snapshotFolder: String?
}

/// Opens a review database for writing when it can, and otherwise for reading with a reason.
///
/// The order matters: a file or folder that is write-protected is never opened for writing
/// (even by root, who could), and a database that cannot be read in place is read from a copy.
enum ReviewOpening {
    static func open(path: String, busyTimeout: TimeInterval) -> OpenedReviewDatabase {
        let folder = folderOf(path)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return readOnly(path: path, cause: "the folder \(folder) cannot be created (\(systemMessage(error)))",
                            inPlace: false, busyTimeout: busyTimeout)
        }
        if let blocker = writeBlocker(path: path, folder: folder) {
            return readOnly(path: path, cause: blocker.cause, inPlace: !blocker.folderReadOnly, busyTimeout: busyTimeout)
        }
        do {
            return OpenedReviewDatabase(queue: try openWritable(path: path, busyTimeout: busyTimeout))
        } catch {
            return readOnly(path: path, cause: describe(error, path: path), inPlace: true, busyTimeout: busyTimeout)
        }
    }

    static func folderOf(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Write protection that the file system shows before any SQLite call.
    /// Mode bits count even for root: a file or folder with no write bit was meant to stay as it is.
    static func writeBlocker(path: String, folder: String) -> (cause: String, folderReadOnly: Bool)? {
        var info = stat()
        if stat(folder, &info) == 0, access(folder, W_OK) != 0 || info.st_mode & 0o222 == 0 {
            return ("the folder \(folder) is read-only, so review database \(path) cannot be written", true)
        }
        if stat(path, &info) == 0, access(path, W_OK) != 0 || info.st_mode & 0o222 == 0 {
            return ("review database \(path) is read-only (file permissions)", false)
        }
        return nil
    }

    static func writableConfiguration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "frontline.review"
        return config
    }

    static func openWritable(path: String, busyTimeout: TimeInterval) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: path, configuration: writableConfiguration(busyTimeout: busyTimeout))
        try queue.writeWithoutTransaction { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw ReviewStoreError(kind: .failed,
                                           message: "review database \(path) cannot switch to write-ahead logging")
                }
            }
            // A mark the screen called saved must survive a crash of the machine, not only of frontline.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        if try queue.read({ try ReviewSchema.migrator.hasBeenSuperseded($0) }) {
            throw ReviewStoreError(kind: .readOnly,
                                   message: "review database \(path) was written by a newer version of frontline")
        }
        try migrate(queue)
        // Opening and reading succeed while another program holds the write lock: ask for it now,
        // so that a locked database is reported at start rather than at the first save.
        try queue.inTransaction(.immediate) { _ in .commit }
        return queue
    }

    /// GRDB's migrator reads what was applied outside its transactions, so two programs creating
    /// the same new file can collide; the one that loses finds the work done when it tries again.
    static func migrate(_ queue: DatabaseQueue) throws {
        var attempt = 0
        while true {
            do {
                try ReviewSchema.migrator.migrate(queue)
                return
            } catch {
                attempt += 1
                if attempt >= 3 { throw error }
            }
        }
    }

    static func readOnly(path: String, cause: String, inPlace: Bool, busyTimeout: TimeInterval) -> OpenedReviewDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            return OpenedReviewDatabase(readOnlyReason: "\(cause); no marks can be saved")
        }
        if inPlace, let queue = try? openInPlaceReadOnly(path: path, busyTimeout: busyTimeout) {
            return OpenedReviewDatabase(queue: queue, readOnlyReason: "\(cause); marks are shown but cannot be changed")
        }
        if let (queue, folder) = try? openSnapshot(path: path) {
            return OpenedReviewDatabase(
                queue: queue,
                readOnlyReason: "\(cause); marks are shown as they were when it was opened and cannot be changed",
                snapshotFolder: folder)
        }
        return OpenedReviewDatabase(readOnlyReason: "\(cause); no marks could be read")
    }

    /// Reading in place sees other programs' saves; it needs the current schema, since it cannot migrate.
    static func openInPlaceReadOnly(path: String, busyTimeout: TimeInterval) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "frontline.review.readonly"
        let queue = try DatabaseQueue(path: path, configuration: config)
        let usable = try queue.read { db in
            try ReviewSchema.migrator.hasCompletedMigrations(db) || ReviewSchema.migrator.hasBeenSuperseded(db)
        }
        guard usable else {
            throw ReviewStoreError(kind: .failed, message: "review database \(path) has an older schema")
        }
        return queue
    }

    /// A private copy of the file and its write-ahead log, migrated to the current schema: what
    /// can be read when the original cannot be opened in place (read-only folder, exclusive lock,
    /// older schema in a read-only file).
    static func openSnapshot(path: String) throws -> (DatabaseQueue, String) {
        let fm = FileManager.default
        let folder = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("frontline-review-\(getpid())-\(UUID().uuidString)")
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let copy = (folder as NSString).appendingPathComponent("review.sqlite")
            try fm.copyItem(atPath: path, toPath: copy)
            if fm.fileExists(atPath: path + "-wal") {
                try fm.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
            }
            let queue = try DatabaseQueue(path: copy)
            if try !queue.read({ try ReviewSchema.migrator.hasBeenSuperseded($0) }) {
                try ReviewSchema.migrator.migrate(queue)
            }
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM mark") }
            return (queue, folder)
        } catch {
            try? fm.removeItem(atPath: folder)
            throw error
        }
    }

    /// A plain sentence for what went wrong, naming the file.
    static func describe(_ error: any Error, path: String) -> String {
        if let error = error as? ReviewStoreError { return error.message }
        guard let error = error as? DatabaseError else {
            return "review database \(path) cannot be opened (\(systemMessage(error)))"
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "review database \(path) is locked by another program"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return "review database \(path) is read-only (\(detail))"
        case .SQLITE_CANTOPEN:
            return "review database \(path) cannot be opened for writing (\(detail))"
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return "review database \(path) is damaged (\(detail)); move it aside to start a new one"
        case .SQLITE_FULL:
            return "the disk holding review database \(path) is full"
        case .SQLITE_IOERR:
            return "review database \(path) could not be read or written (I/O error: \(detail))"
        default:
            return "review database \(path) cannot be used (\(detail))"
        }
    }

    static func kind(of error: any Error) -> ReviewStoreError.Kind {
        if let error = error as? ReviewStoreError { return error.kind }
        guard let error = error as? DatabaseError else { return .failed }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_CANTOPEN: return .readOnly
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .damaged
        default: return .failed
        }
    }

    static func systemMessage(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
