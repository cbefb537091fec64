import Foundation
import FrontlineModel
import FrontlineReview
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 17: review databases that are not files, not frontline's, or damaged in one table.
@Suite struct ReviewDatabaseHostileTests {
    static func note(_ i: Int) -> String {
        "note \(i): compare the 59,000 troops with the Pentagon's estimate and with ISW's assessment before confirming"
    }

    /// A database with `count` marks (notes long enough to fill several pages), closed and checkpointed.
    static func database(in temp: TempFolder, count: Int) throws -> String {
        let path = temp.file("review.sqlite")
        let store = try ReviewStore(path: path)
        for i in 0..<count {
            try store.save(ReviewMark(claimID: "003_e83ac6d7027f8205#\(i)", kind: i % 2 == 0 ? .needsCheck : .disputed,
                                      note: note(i), user: "olena", updatedAt: at(Double(i))))
        }
        // One claim marked and then cleared: the history must not bring it back.
        try store.save(ReviewMark(claimID: "gone#1", kind: .flagged, note: nil, user: "olena", updatedAt: at(1000)))
        try store.clear(claimID: "gone#1", user: "olena", at: at(1001))
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        return path
    }

    /// Opening must not block: a named pipe with no writer would hang open(2) for ever.
    @Test(.timeLimit(.minutes(1))) func aNamedPipeIsRefusedWithoutOpeningIt() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        try #require(mkfifo(path, 0o600) == 0)
        for readOnly in [false, true] {
            let store = try ReviewStore(path: path, readOnly: readOnly)
            #expect(store.problem == "review database is not a regular file (a named pipe); give the path of a database file (\(path))")
            #expect(store.readOnlyReason?.contains("no marks can be read or saved") == true)
            #expect(store.marks().isEmpty)
            #expect(!store.reading().complete)
        }
    }

    @Test func aFolderAndADeviceAreRefused() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let folder = temp.file("review.sqlite")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(try ReviewStore(path: folder).problem?.hasPrefix("review database is not a regular file (a folder)") == true)
        #expect(try ReviewStore(path: "/dev/zero", readOnly: true).problem?
            .hasPrefix("review database is not a regular file (a character device)") == true)
        // A pipe in place of the write-ahead log would hang SQLite just the same.
        let other = try TempFolder()
        defer { other.remove() }
        let path = try Self.database(in: other, count: 1)
        try #require(mkfifo(path + "-wal", 0o600) == 0)
        #expect(try ReviewStore(path: path).problem?.contains("a named pipe as its write-ahead log") == true)
    }

    @Test func anotherProgramsDatabaseWarnsAtOpenAndIsLeftAlone() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        do {
            let other = try DatabaseQueue(path: path)
            try other.write { try $0.execute(sql: "CREATE TABLE users (id INTEGER, name TEXT); INSERT INTO users VALUES (1, 'a')") }
            try other.close()
        }
        let before = bytes(of: path)
        let store = try ReviewStore(path: path)
        let reason = try #require(store.readOnlyReason)
        #expect(reason.hasPrefix("review database has a wrong schema: not a frontline review database (its tables: users)"))
        #expect(store.problem != nil)
        #expect(store.marks().isEmpty)
        #expect { try store.save(ReviewMark(claimID: "a#1", kind: .confirmed, note: nil, user: "olena", updatedAt: at(0))) }
            throws: { ($0 as? ReviewStoreError)?.kind == .readOnly }
        #expect(bytes(of: path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try ReviewStore(path: path, readOnly: true).problem?.contains("wrong schema") == true)
    }

    @Test func aFrontlineDatabaseWithColumnsMissingWarnsAtOpen() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try Self.database(in: temp, count: 1)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "DROP TABLE mark; CREATE TABLE mark (claimID TEXT PRIMARY KEY, kind TEXT)") }
        try queue.close()
        let store = try ReviewStore(path: path)
        #expect(store.readOnlyReason?.hasPrefix("review database has a wrong schema: its mark table lacks note, updatedAt, user") == true)
    }

    @Test func aDamagedMarkTableIsRebuiltFromTheHistory() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let count = 300
        let path = try Self.database(in: temp, count: count)
        let expected = try ReviewStore(path: path, readOnly: true).marks()
        #expect(expected.count == count)
        // The mark table's rows hold "claimID, kind, note"; the history's the same: find a page of marks
        // by a note that only the mark table's page at that place holds (the first match is the first table's).
        let queue = try DatabaseQueue(path: path)
        let markRoot = try queue.read { try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'mark'") } ?? 0
        let changeRoot = try queue.read { try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'change'") } ?? 0
        try queue.close()
        #expect(markRoot > 0 && changeRoot > 0)
        // The root page of the mark table: every scan of it starts there.
        var file = bytes(of: path)
        let pageSize = 4096
        let start = (markRoot - 1) * pageSize
        for i in start..<(start + pageSize) { file[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
        try Data(file).write(to: URL(fileURLWithPath: path))

        for readOnly in [true, false] {
            let store = try ReviewStore(path: path, readOnly: readOnly)
            #expect(store.problem?.hasPrefix("review database is damaged") == true)
            let reading = store.reading()
            #expect(reading.rebuiltFromHistory)
            #expect(reading.complete)
            #expect(reading.marks == expected)
            #expect(reading.marks["gone#1"] == nil)
        }
    }

    @Test func aTruncatedFileIsReportedIncomplete() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try Self.database(in: temp, count: 300)
        let file = bytes(of: path)
        try Data(file.prefix(file.count / 2)).write(to: URL(fileURLWithPath: path))
        let store = try ReviewStore(path: path, readOnly: true)
        #expect(store.problem?.hasPrefix("review database is damaged") == true)
        #expect(!store.reading().complete)
    }
}
