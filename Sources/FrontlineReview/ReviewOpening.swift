import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// What opening a review database gave: a connection (or none), and why it is read-only if it is.
struct OpenedReviewDatabase {
    var queue: DatabaseQueue?
    var readOnlyReason: String?
    /// The marks come from a copy in memory taken at open.
    var isSnapshot = false
    /// Why the marks read may be absent or incomplete (not a regular file, damaged, not a frontline
    /// database), or nil when the file is sound. Read-only files and locks are not problems.
    var problem: String?
}

/// Opens a review database for writing when it can, and otherwise for reading with a reason.
///
/// The order matters: a file or folder that is write-protected is never opened for writing
/// (even by root, who could), and a database that cannot be read in place is read from a copy.
enum ReviewOpening {
    static func open(path: String, busyTimeout: TimeInterval, readOnly asked: Bool) -> OpenedReviewDatabase {
        // SQLite's open(2) blocks on a named pipe and reads a device for ever: look first, without opening.
        if let what = notARegularFile(path) {
            let cause = Cause("review database is not a regular file (\(what))", advice: "give the path of a database file")
            return OpenedReviewDatabase(readOnlyReason: cause.reason("no marks can be read or saved", path: path),
                                        problem: cause.message(path: path))
        }
        if asked {
            var opened = readOnly(path: path, cause: Cause("review database opened for reading only"),
                                  inPlace: true, busyTimeout: busyTimeout)
            if opened.problem == nil, let queue = opened.queue, let damage = damage(in: queue) {
                opened.problem = Cause("review database is damaged (\(damage))").message(path: path)
            }
            return opened
        }
        let folder = folderOf(path)
        if let problem = makeFolder(folder) {
            return readOnly(path: path, cause: Cause("review folder cannot be created (\(problem))"),
                            inPlace: false, busyTimeout: busyTimeout)
        }
        if let blocker = writeBlocker(path: path, folder: folder) {
            return readOnly(path: path, cause: blocker.cause, inPlace: !blocker.folderReadOnly, busyTimeout: busyTimeout)
        }
        var attempt = 0
        while true {
            let start = ContinuousClock.now
            do {
                return OpenedReviewDatabase(queue: try openWritable(path: path, busyTimeout: busyTimeout))
            } catch {
                attempt += 1
                if attempt < 4, isCreationRace(error, waited: ContinuousClock.now - start, busyTimeout: busyTimeout) {
                    usleep(UInt32(20_000 * attempt))
                    continue
                }
                return readOnly(path: path, cause: describe(error), inPlace: true, busyTimeout: busyTimeout)
            }
        }
    }

    /// What stands at `path` when it is there and is not a regular file (a symlink to one is fine),
    /// for `path` and the write-ahead log and shared-memory files SQLite would open beside it.
    static func notARegularFile(_ path: String) -> String? {
        for (file, suffix) in [(path, ""), (path + "-wal", " as its write-ahead log"), (path + "-shm", " as its shared memory")] {
            var info = stat()
            guard stat(file, &info) == 0 else { continue }
            let what: String
            switch info.st_mode & S_IFMT {
            case S_IFREG: continue
            case S_IFDIR: what = "a folder"
            case S_IFIFO: what = "a named pipe"
            case S_IFCHR: what = "a character device"
            case S_IFBLK: what = "a block device"
            case S_IFSOCK: what = "a socket"
            default: what = "not a file"
            }
            return what + suffix
        }
        return nil
    }

    /// What `PRAGMA quick_check` finds wrong, or nil when the file is sound.
    static func damage(in queue: DatabaseQueue) -> String? {
        do {
            let check = try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check(1)") }
            if check == ["ok"] { return nil }
            return check.first.map(describeCheck) ?? "integrity check failed"
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED { return nil }
            return describeCheck(error.message ?? "\(error.resultCode)")
        } catch {
            return "\(error)"
        }
    }

    private static func describeCheck(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("***") }.joined(separator: "; ")
    }

    /// A database that already holds tables but not frontline's (another program's file given as
    /// --db), or frontline's with columns missing: nothing may be written into it, and nothing read
    /// from it is a mark. Throws a `ReviewStoreError` saying so.
    static func refuseForeignSchema(_ db: Database) throws {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        if tables.isEmpty { return }
        guard tables.contains("grdb_migrations") else {
            let shown = tables.prefix(4).joined(separator: ", ") + (tables.count > 4 ? ", …" : "")
            throw ReviewStoreError(kind: .wrongSchema,
                                   message: "review database has a wrong schema: not a frontline review database (its tables: \(shown))")
        }
        let expected: [String: Set<String>] = [
            "mark": ["claimID", "kind", "note", "user", "updatedAt"],
            "change": ["claimID", "kind", "note", "user", "changedAt"],
        ]
        // Tables a completed migration made must have their columns; an older file is migrated first.
        guard try ReviewSchema.migrator.hasCompletedMigrations(db) else { return }
        for (table, columns) in expected.sorted(by: { $0.key < $1.key }) {
            let have = Set(try db.columns(in: table).map(\.name))
            let missing = columns.subtracting(have).sorted()
            if !missing.isEmpty {
                throw ReviewStoreError(kind: .wrongSchema,
                                       message: "review database has a wrong schema: its \(table) table lacks \(missing.joined(separator: ", "))")
            }
        }
    }

    /// Two programs creating the same new file can see each other half-way (a file switching to
    /// write-ahead logging, GRDB's migrator reading what was applied outside its transactions,
    /// a busy answer SQLite gives without waiting): the one that loses finds the work done when
    /// it tries again. A lock that another program holds is not retried: it was waited for already.
    static func isCreationRace(_ error: any Error, waited: Duration, busyTimeout: TimeInterval) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        switch error.resultCode {
        case .SQLITE_ERROR, .SQLITE_SCHEMA:
            return true
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return waited < .milliseconds(Int(busyTimeout * 500))
        default:
            return false
        }
    }

    /// `mkdir -p`, with the system's short words for what failed (Foundation's are long), or nil.
    static func makeFolder(_ folder: String) -> String? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            return isFolder.boolValue ? nil : "a file of that name is in the way"
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder, let problem = makeFolder(parent) { return problem }
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { return String(cString: strerror(errno)) }
        return nil
    }

    static func folderOf(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Write protection that the file system shows before any SQLite call.
    /// Mode bits count even for root: a file or folder with no write bit was meant to stay as it is.
    static func writeBlocker(path: String, folder: String) -> (cause: Cause, folderReadOnly: Bool)? {
        var info = stat()
        if stat(folder, &info) == 0, access(folder, W_OK) != 0 || info.st_mode & 0o222 == 0 {
            return (Cause("review folder is read-only"), true)
        }
        if stat(path, &info) == 0, access(path, W_OK) != 0 || info.st_mode & 0o222 == 0 {
            return (Cause("review database is read-only (file permissions)"), false)
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
        // Before anything is written (even the journal mode): another program's database stays as it is.
        try queue.read(refuseForeignSchema)
        try queue.writeWithoutTransaction { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw ReviewStoreError(kind: .failed,
                                           message: "review database cannot switch to write-ahead logging")
                }
            }
            // A mark the screen called saved must survive a crash of the machine, not only of frontline.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        if try queue.read({ try ReviewSchema.migrator.hasBeenSuperseded($0) }) {
            throw ReviewStoreError(kind: .readOnly,
                                   message: "review database was written by a newer version of frontline")
        }
        try ReviewSchema.migrator.migrate(queue)
        try queue.read(refuseForeignSchema)
        // A damaged page can hide anywhere; writing into such a file can spread the damage.
        // The check reads the whole file: a few milliseconds for thousands of marks.
        let check = try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check(1)") }
        if check != ["ok"] {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: check.first ?? "integrity check failed")
        }
        // Opening and reading succeed while another program holds the write lock: ask for it now,
        // so that a locked database is reported at start rather than at the first save.
        try queue.inTransaction(.immediate) { _ in .commit }
        return queue
    }

    static func readOnly(path: String, cause: Cause, inPlace: Bool, busyTimeout: TimeInterval) -> OpenedReviewDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            return OpenedReviewDatabase(readOnlyReason: cause.reason("no marks can be saved", path: path))
        }
        let problem = cause.damaged || cause.wrongSchema ? cause.message(path: path) : nil
        var failure: (any Error)?
        if inPlace {
            do {
                let queue = try openInPlaceReadOnly(path: path, busyTimeout: busyTimeout)
                let shown = cause.damaged ? "the marks that could be read are shown" : "marks are shown"
                return OpenedReviewDatabase(queue: queue, readOnlyReason: cause.reason("\(shown) but cannot be changed", path: path),
                                            problem: problem)
            } catch {
                failure = error
            }
        }
        // A file that is not a frontline database is not copied and read as one.
        if let failure, describe(failure).wrongSchema {
            return unreadable(path: path, cause: cause, failure: failure)
        }
        do {
            let queue = try openSnapshot(path: path)
            return OpenedReviewDatabase(
                queue: queue,
                readOnlyReason: cause.reason("marks are shown as they were at start and cannot be changed", path: path),
                isSnapshot: true, problem: problem)
        } catch {
            return unreadable(path: path, cause: cause, failure: failure ?? error)
        }
    }

    /// No marks at all: the reason says why the file could not be read, when that is news.
    private static func unreadable(path: String, cause: Cause, failure: any Error) -> OpenedReviewDatabase {
        let why = describe(failure)
        let told = cause.damaged || cause.wrongSchema || why.text == cause.text ? cause : Cause("\(cause.text); \(why.text)", advice: why.advice)
        return OpenedReviewDatabase(readOnlyReason: told.reason("no marks could be read", path: path),
                                    problem: (cause.damaged || cause.wrongSchema ? cause : why).message(path: path))
    }

    /// Reading in place sees other programs' saves; it needs the current schema, since it cannot migrate.
    static func openInPlaceReadOnly(path: String, busyTimeout: TimeInterval) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "frontline.review.readonly"
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.read(refuseForeignSchema)
        let usable = try queue.read { db in
            try ReviewSchema.migrator.hasCompletedMigrations(db) || ReviewSchema.migrator.hasBeenSuperseded(db)
        }
        guard usable else {
            throw ReviewStoreError(kind: .failed, message: "review database has an older schema")
        }
        return queue
    }

    /// A private copy in memory, migrated to the current schema: what can be read when the
    /// original cannot be opened in place (read-only folder, exclusive lock, older schema in a
    /// read-only file). The file and its write-ahead log are copied to a temporary folder first,
    /// since SQLite must replay the log, and the copy is deleted at once.
    static func openSnapshot(path: String) throws -> DatabaseQueue {
        let fm = FileManager.default
        let folder = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("frontline-review-\(getpid())-\(UUID().uuidString)")
        defer { try? fm.removeItem(atPath: folder) }
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = (folder as NSString).appendingPathComponent("review.sqlite")
        try fm.copyItem(atPath: path, toPath: copy)
        if fm.fileExists(atPath: path + "-wal") {
            try fm.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        }
        let memory = try DatabaseQueue()
        do {
            let source = try DatabaseQueue(path: copy)
            try source.backup(to: memory)
            try source.close()
        }
        try memory.read(refuseForeignSchema)
        if try !memory.read({ try ReviewSchema.migrator.hasBeenSuperseded($0) }) {
            try ReviewSchema.migrator.migrate(memory)
        }
        _ = try memory.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM mark") }
        return memory
    }

    /// What went wrong, in plain words, and what the analyst can do about it.
    struct Cause {
        var text: String
        var advice: String?
        var damaged = false
        /// A database, but not one frontline wrote (or with columns missing).
        var wrongSchema = false

        init(_ text: String, advice: String? = nil, damaged: Bool = false, wrongSchema: Bool = false) {
            self.text = text
            self.advice = advice
            self.damaged = damaged
            self.wrongSchema = wrongSchema
        }

        /// Cause first and the path last, so that a status line cut short keeps what matters.
        func reason(_ consequence: String, path: String) -> String {
            "\(text); \(consequence)\(advice.map { "; " + $0 } ?? "") (\(path))"
        }

        func message(path: String) -> String {
            "\(text)\(advice.map { "; " + $0 } ?? "") (\(path))"
        }
    }

    static func describe(_ error: any Error) -> Cause {
        if let error = error as? ReviewStoreError {
            return Cause(error.message, wrongSchema: error.kind == .wrongSchema)
        }
        guard let error = error as? DatabaseError else {
            return Cause("review database cannot be opened (\(systemMessage(error)))")
        }
        // quick_check reports on several lines, headed "*** in database main ***".
        let detail = (error.message ?? "\(error.resultCode)")
            .split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("***") }
            .joined(separator: "; ")
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return Cause("review database is locked by another program")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return Cause("review database is read-only (\(detail))")
        case .SQLITE_CANTOPEN:
            return Cause("review database cannot be opened for writing (\(detail))")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return Cause("review database is damaged (\(detail))", advice: "move it aside to start a new one", damaged: true)
        case .SQLITE_FULL:
            return Cause("the disk holding the review database is full")
        case .SQLITE_IOERR:
            return Cause("review database could not be read or written (I/O error: \(detail))")
        default:
            return Cause("review database cannot be used (\(detail))")
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
