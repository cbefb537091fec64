import Foundation
import FrontlineModel
import GRDB
import Synchronization

/// One change to a claim's review, as kept in the history: what it became, who changed it and when.
public struct ReviewChange: Sendable, Hashable {
    public var claimID: String
    public var kind: ReviewMark.Kind?
    public var note: String?
    public var user: String
    public var changedAt: Date
    /// The change removed the mark and its note.
    public var isClear: Bool { kind == nil && note == nil }

    public init(claimID: String, kind: ReviewMark.Kind?, note: String?, user: String, changedAt: Date) {
        self.claimID = claimID
        self.kind = kind
        self.note = note
        self.user = user
        self.changedAt = changedAt
    }
}

/// Why a mark could not be saved, in words fit for the status line.
public struct ReviewStoreError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable, Hashable {
        case readOnly   // the store was opened read-only, or the file refuses writes
        case locked     // another program held the database longer than the busy timeout
        case damaged    // the file is not a valid SQLite database
        case wrongSchema // a database, but not one frontline wrote
        case failed     // anything else (disk full, I/O error, empty path)
    }
    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// Analysts' marks and notes on claims, kept in a SQLite file that several frontline processes share.
///
/// Every call is synchronous and short, made for the dashboard's event loop. `save` returns only once
/// the change is committed (and synced) to disk. Trouble at open never throws: the store opens
/// read-only and `readOnlyReason` says why.
public final class ReviewStore: Sendable {
    /// The database file this store was asked to open (with `~` expanded).
    public let path: String
    /// Why marks cannot be saved (read-only file or folder, damaged, locked, newer version), or nil.
    public let readOnlyReason: String?
    public var isReadOnly: Bool { readOnlyReason != nil }
    /// The marks come from a copy taken at open, so other programs' later saves will not show.
    public let isSnapshot: Bool
    /// Why the marks read may be absent or incomplete: not a regular file, damaged, not a frontline
    /// database. Nil for a sound file, and for one that is merely read-only or locked.
    public let problem: String?

    private let queue: DatabaseQueue?
    private let lastDataVersion: Mutex<Int?>
    private let lastMarks = Mutex<[String: ReviewMark]>([:])

    /// Opens (creating folders and file as needed) the database at `path`.
    /// `busyTimeout` is how long a save waits for another program's write to finish.
    /// `readOnly` opens for reading only (for exports): nothing is created, migrated or written.
    /// Throws only for an empty path; every other problem gives a read-only store.
    public init(path: String, busyTimeout: TimeInterval = 2, readOnly: Bool = false) throws {
        guard !path.isEmpty else {
            throw ReviewStoreError(kind: .failed, message: "no path given for the review database")
        }
        let path = (path as NSString).expandingTildeInPath
        let opened = ReviewOpening.open(path: path, busyTimeout: busyTimeout, readOnly: readOnly)
        self.path = path
        self.queue = opened.queue
        self.readOnlyReason = opened.readOnlyReason
        self.isSnapshot = opened.isSnapshot
        self.problem = opened.problem
        self.lastDataVersion = Mutex(Self.dataVersion(opened.queue))
    }

    /// Whether anything at all (a file, folder, pipe, device, or a broken symlink) has the name.
    public static func somethingIsThere(_ path: String) -> Bool {
        var info = stat()
        return lstat((path as NSString).expandingTildeInPath, &info) == 0
    }

    /// `$XDG_DATA_HOME/frontline/review.sqlite`, else `~/.local/share/frontline/review.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        // The XDG spec says to ignore a relative XDG_DATA_HOME.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return (data as NSString).appendingPathComponent("frontline/review.sqlite")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/frontline/review.sqlite")
    }

    /// The name marks are saved under: `$USER`, else `$LOGNAME`, else "analyst".
    public static func currentUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["USER", "LOGNAME"] {
            if let name = environment[key], !name.isEmpty { return name }
        }
        return "analyst"
    }

    // MARK: Writing

    /// Sets the claim's mark and note, and records the change. A mark with neither kind nor a
    /// non-blank note clears the claim. Notes are stored trimmed. Returns only after the change is committed.
    public func save(_ mark: ReviewMark) throws {
        let queue = try writableQueue()
        var stored = mark
        stored.note = Self.normalised(note: mark.note)
        let cleared = stored.kind == nil && stored.note == nil
        do {
            try queue.inTransaction(.immediate) { db in
                if cleared {
                    try db.execute(sql: "DELETE FROM mark WHERE claimID = ?", arguments: [stored.claimID])
                    // Clearing what is not there changes nothing worth recording.
                    if db.changesCount == 0 { return .commit }
                } else {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO mark (claimID, kind, note, user, updatedAt) VALUES (?, ?, ?, ?, ?)",
                        arguments: [stored.claimID, stored.kind?.rawValue, stored.note, stored.user,
                                    stored.updatedAt.timeIntervalSince1970])
                }
                try db.execute(
                    sql: "INSERT INTO change (claimID, kind, note, user, changedAt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [stored.claimID, stored.kind?.rawValue, stored.note, stored.user,
                                stored.updatedAt.timeIntervalSince1970])
                return .commit
            }
        } catch {
            throw ReviewStoreError(kind: ReviewOpening.kind(of: error),
                                   message: ReviewOpening.describe(error).message(path: path))
        }
    }

    /// Moves marks and their history to new claim ids ([old: new]), for marks saved under ids made
    /// the old way (see `ReviewMark.legacyRenames`). A mark already under the new id is left alone.
    public func rename(_ renames: [String: String]) throws {
        guard !renames.isEmpty else { return }
        let queue = try writableQueue()
        do {
            try queue.inTransaction(.immediate) { db in
                for (old, new) in renames.sorted(by: { $0.key < $1.key }) {
                    guard try Int.fetchOne(db, sql: "SELECT count(*) FROM mark WHERE claimID = ?", arguments: [new]) == 0 else { continue }
                    try db.execute(sql: "UPDATE mark SET claimID = ? WHERE claimID = ?", arguments: [new, old])
                    try db.execute(sql: "UPDATE change SET claimID = ? WHERE claimID = ?", arguments: [new, old])
                }
                return .commit
            }
        } catch {
            throw ReviewStoreError(kind: ReviewOpening.kind(of: error),
                                   message: ReviewOpening.describe(error).message(path: path))
        }
    }

    /// Removes the claim's mark and note; the history keeps who cleared it and when.
    public func clear(claimID: String, user: String, at date: Date = Date()) throws {
        try save(ReviewMark(claimID: claimID, kind: nil, note: nil, user: user, updatedAt: date))
    }

    // MARK: Reading

    /// The current mark of every marked claim, by claim id. On a damaged file, what could be read;
    /// while another program keeps the file busy, the last marks read.
    public func marks() -> [String: ReviewMark] { reading().marks }

    /// The marks, and how far they can be trusted.
    public struct Reading: Sendable {
        public var marks: [String: ReviewMark]
        /// Every mark was read: from the mark table, or rebuilt from an intact history.
        public var complete: Bool
        /// The mark table could not be read whole, and the marks were rebuilt from the history.
        public var rebuiltFromHistory: Bool
    }

    /// The current marks (see `marks()`), saying whether any may be missing.
    public func reading() -> Reading {
        guard let queue else { return Reading(marks: [:], complete: problem == nil, rebuiltFromHistory: false) }
        do {
            let fresh = try queue.inDatabase { try Self.readMarks($0) }
            lastMarks.withLock { $0 = fresh.marks }
            return fresh
        } catch {
            return Reading(marks: lastMarks.withLock { $0 }, complete: true, rebuiltFromHistory: false)
        }
    }

    private static func readMarks(_ db: Database) throws -> Reading {
        var marks: [String: ReviewMark] = [:]
        do {
            let rows = try Row.fetchCursor(db, sql: "SELECT claimID, kind, note, user, updatedAt FROM mark")
            while let row = try rows.next() {
                let mark = Self.mark(from: row)
                marks[mark.claimID] = mark
            }
            return Reading(marks: marks, complete: true, rebuiltFromHistory: false)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw error
        } catch {
            // A damaged page stops the scan. Every save also went into the history: when that reads
            // whole, the marks are its last entry per claim. Otherwise keep the rows read before the damage.
            // The history must agree with every mark read before the damage, or it is not the whole story
            // (emptied by hand, or older than the marks).
            if let rebuilt = try? marksFromHistory(db),
               marks.values.allSatisfy({ rebuilt[$0.claimID]?.kind == $0.kind && rebuilt[$0.claimID]?.note == $0.note }) {
                return Reading(marks: rebuilt, complete: true, rebuiltFromHistory: true)
            }
            return Reading(marks: marks, complete: false, rebuiltFromHistory: false)
        }
    }

    /// The marks as the history leaves them: each claim's last change, unless it cleared the claim.
    static func marksFromHistory(_ db: Database) throws -> [String: ReviewMark] {
        var marks: [String: ReviewMark] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT claimID, kind, note, user, changedAt FROM change ORDER BY id")
        while let row = try rows.next() {
            let claimID: String = row["claimID"]
            let kind = Self.kind(row["kind"])
            let note: String? = row["note"]
            if kind == nil && note == nil {
                marks[claimID] = nil
            } else {
                marks[claimID] = ReviewMark(claimID: claimID, kind: kind, note: note, user: row["user"],
                                            updatedAt: Date(timeIntervalSince1970: row["changedAt"]))
            }
        }
        return marks
    }

    /// Every change to one claim's review, oldest first.
    public func history(claimID: String) -> [ReviewChange] {
        guard let queue else { return [] }
        let read = try? queue.inDatabase { db in
            try Row.fetchAll(db, sql: """
                SELECT claimID, kind, note, user, changedAt FROM change WHERE claimID = ? ORDER BY id
                """, arguments: [claimID])
        }
        return (read ?? []).map { row in
            ReviewChange(claimID: row["claimID"], kind: Self.kind(row["kind"]), note: row["note"],
                         user: row["user"], changedAt: Date(timeIntervalSince1970: row["changedAt"]))
        }
    }

    /// Marks whose claim is no longer in the corpus: kept, never dropped, oldest first.
    public func orphans(knownClaimIDs: Set<String>) -> [ReviewMark] {
        Self.orphans(in: marks(), knownClaimIDs: knownClaimIDs)
    }

    public static func orphans(in marks: [String: ReviewMark], knownClaimIDs: Set<String>) -> [ReviewMark] {
        ReviewMark.orphans(in: marks, knownClaimIDs: knownClaimIDs)
    }

    /// Whether another process committed a change since the last call (or since open).
    /// Cheap enough to call on every tick of the event loop; this store's own saves do not count.
    public func changedSinceLastCheck() -> Bool {
        guard let version = Self.dataVersion(queue) else { return false }
        return lastDataVersion.withLock { last in
            defer { last = version }
            return last != nil && last != version
        }
    }

    // MARK: Helpers

    private func writableQueue() throws -> DatabaseQueue {
        if let readOnlyReason { throw ReviewStoreError(kind: .readOnly, message: readOnlyReason) }
        guard let queue else { throw ReviewStoreError(kind: .failed, message: "review database is not open (\(path))") }
        return queue
    }

    private static func dataVersion(_ queue: DatabaseQueue?) -> Int? {
        guard let queue else { return nil }
        return (try? queue.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version") }) ?? nil
    }

    private static func normalised(note: String?) -> String? {
        guard let note else { return nil }
        let trimmed = note.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func kind(_ raw: String?) -> ReviewMark.Kind? {
        raw.flatMap(ReviewMark.Kind.init(rawValue:))
    }

    private static func mark(from row: Row) -> ReviewMark {
        ReviewMark(claimID: row["claimID"], kind: kind(row["kind"]), note: row["note"],
                   user: row["user"], updatedAt: Date(timeIntervalSince1970: row["updatedAt"]))
    }
}
