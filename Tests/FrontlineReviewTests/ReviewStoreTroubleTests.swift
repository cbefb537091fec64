import Foundation
import FrontlineModel
import FrontlineReview
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files and folders that refuse writes, damaged files, locks held by other programs:
/// each must give a clear reason and a read-only store, and never harm the file.
@Suite struct ReviewStoreTrouble {
    static let mark = ReviewMark(claimID: Claims.kurskLost, kind: .disputed,
                                 note: "Ukrainian General Staff figure, not confirmed", user: "olena", updatedAt: at(0))

    static func databaseWithOneMark(in temp: TempFolder) throws -> String {
        let path = temp.file("review.sqlite")
        try ReviewStore(path: path).save(mark)
        return path
    }

    /// A read-only store refuses saves with its reason.
    static func expectSaveRefused(_ store: ReviewStore) {
        let attempt = ReviewMark(claimID: Claims.kurskTroops, kind: .confirmed, note: nil, user: "olena", updatedAt: at(9))
        #expect { try store.save(attempt) } throws: { error in
            guard let error = error as? ReviewStoreError else { return false }
            return error.kind == .readOnly && error.message == store.readOnlyReason
        }
    }

    @Test func aReadOnlyFileIsShownButNotChanged() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try Self.databaseWithOneMark(in: temp)
        chmod(path, 0o444)
        let before = bytes(of: path)

        let store = try ReviewStore(path: path)
        #expect(store.isReadOnly)
        #expect(store.readOnlyReason == "review database is read-only (file permissions); marks are shown but cannot be changed (\(path))")
        #expect(store.marks() == [Self.mark.claimID: Self.mark])
        Self.expectSaveRefused(store)
        #expect(bytes(of: path) == before)
    }

    @Test func aReadOnlyFolderIsReadFromACopyAndGainsNoFiles() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try Self.databaseWithOneMark(in: temp)
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted()
        chmod(temp.path, 0o555)

        let store = try ReviewStore(path: path)
        #expect(store.isReadOnly)
        #expect(store.isSnapshot)
        #expect(store.readOnlyReason == "review folder is read-only; marks are shown as they were at start and cannot be changed (\(path))")
        #expect(store.marks() == [Self.mark.claimID: Self.mark])
        Self.expectSaveRefused(store)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == filesBefore)
    }

    @Test func aReadOnlyFolderWithoutADatabaseGivesAnEmptyStore() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        chmod(temp.path, 0o555)
        let path = temp.file("review.sqlite")

        let store = try ReviewStore(path: path)
        #expect(store.readOnlyReason == "review folder is read-only; no marks can be saved (\(path))")
        #expect(store.marks().isEmpty)
        Self.expectSaveRefused(store)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFolderThatCannotBeCreatedGivesAnEmptyStore() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        // A plain file stands where the folder should be.
        try #require(FileManager.default.createFile(atPath: temp.file("frontline"), contents: Data("notes\n".utf8)))
        let path = temp.file("frontline/review.sqlite")
        let store = try ReviewStore(path: path)
        #expect(store.readOnlyReason == "review folder cannot be created (a file of that name is in the way); no marks can be saved (\(path))")
        #expect(store.marks().isEmpty)
    }

    @Test func aDamagedFileIsReportedAndLeftAlone() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        // What a half-synced copy or a wrong file renamed to review.sqlite looks like.
        let garbage = (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        try #require(FileManager.default.createFile(atPath: path, contents: Data(garbage)))

        let store = try ReviewStore(path: path)
        #expect(store.isReadOnly)
        let reason = try #require(store.readOnlyReason)
        #expect(reason == "review database is damaged (file is not a database); no marks could be read; "
                + "move it aside to start a new one (\(path))")
        #expect(store.marks().isEmpty)
        #expect(store.history(claimID: Claims.kurskLost).isEmpty)
        #expect(!store.changedSinceLastCheck())
        Self.expectSaveRefused(store)
        #expect(bytes(of: path) == garbage)
    }

    @Test func aFileWithOneDamagedPageShowsWhatCanBeRead() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let count = 400
        do {
            let store = try ReviewStore(path: path)
            for i in 0..<count {
                try store.save(ReviewMark(claimID: "003_e83ac6d7027f8205#\(i)", kind: .needsCheck,
                                          note: "note \(i): compare the 59,000 troops with the Pentagon's estimate "
                                              + "and with ISW's assessment of the Kursk salient before confirming",
                                          user: "olena", updatedAt: at(Double(i))))
            }
        }
        // Leave the notes in the mark table only, so that the page holding one of them is a page of marks.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM change")
            try db.execute(sql: "VACUUM")
        }
        try queue.close()

        var file = bytes(of: path)
        let pageSize = 4096
        let needle = Array("note 300: ".utf8)
        let hit = try #require((0...(file.count - needle.count)).first { file[$0..<($0 + needle.count)].elementsEqual(needle) })
        let page = hit / pageSize * pageSize
        for i in page..<(page + pageSize) { file[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
        try Data(file).write(to: URL(fileURLWithPath: path))

        let store = try ReviewStore(path: path)
        let reason = try #require(store.readOnlyReason)
        #expect(reason.hasPrefix("review database is damaged (Page "))
        #expect(reason.hasSuffix("; the marks that could be read are shown but cannot be changed; "
                                 + "move it aside to start a new one (\(path))"))
        #expect(!reason.contains("\n"))
        let marks = store.marks()
        #expect(marks["003_e83ac6d7027f8205#0"]?.kind == .needsCheck)
        #expect(marks["003_e83ac6d7027f8205#300"] == nil)
        #expect(marks.count < count)
        #expect(bytes(of: path) == file)
    }

    @Test func aWriteLockHeldByAnotherProgramGivesAReadOnlyStoreThatStillReads() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try Self.databaseWithOneMark(in: temp)
        let holder = try Child(["hold-lock", path, "writer"], output: temp.file("holder.out"))
        defer { holder.kill9() }
        try holder.waitFor("the lock") { $0 == ["locked"] }

        let store = try ReviewStore(path: path, busyTimeout: 0.2)
        #expect(store.readOnlyReason == "review database is locked by another program; marks are shown but cannot be changed (\(path))")
        #expect(!store.isSnapshot)
        #expect(store.marks() == [Self.mark.claimID: Self.mark])
        Self.expectSaveRefused(store)
    }

    @Test func aFileHeldExclusivelyIsReadFromACopy() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try Self.databaseWithOneMark(in: temp)
        let holder = try Child(["hold-lock", path, "exclusive"], output: temp.file("holder.out"))
        defer { holder.kill9() }
        try holder.waitFor("the lock") { $0 == ["locked"] }

        let store = try ReviewStore(path: path, busyTimeout: 0.2)
        let reason = try #require(store.readOnlyReason)
        #expect(reason == "review database is locked by another program; marks are shown as they were at start "
                + "and cannot be changed (\(path))")
        #expect(store.isSnapshot)
        #expect(store.marks() == [Self.mark.claimID: Self.mark])
    }

    @Test func aSaveWhileAnotherProgramHoldsTheLockFailsClearlyAndLaterSucceeds() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try Self.databaseWithOneMark(in: temp)
        let store = try ReviewStore(path: path, busyTimeout: 0.2)
        #expect(!store.isReadOnly)

        let holder = try Child(["hold-lock", path, "writer"], output: temp.file("holder.out"))
        try holder.waitFor("the lock") { $0 == ["locked"] }
        let next = ReviewMark(claimID: Claims.kurskTroops, kind: .confirmed, note: nil, user: "olena", updatedAt: at(9))
        #expect { try store.save(next) } throws: { error in
            (error as? ReviewStoreError) == ReviewStoreError(
                kind: .locked, message: "review database is locked by another program (\(path))")
        }
        holder.kill9()

        try store.save(next)
        #expect(try ReviewStore(path: path).marks()[Claims.kurskTroops] == next)
    }
}

/// As root every file is writable, so the permission tests above rely on mode bits. These run the
/// store as an ordinary user (nobody), for whom the system itself refuses the writes.
@Suite(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
struct ReviewStoreAsAnOrdinaryUser {
    static let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    static func probe(_ path: String, in temp: TempFolder) throws -> [String] {
        let child = try Child(["probe", path], output: temp.file("probe.out"), prefix: Self.asNobody)
        #expect(child.wait() == 0, "\(child.errors())")
        return child.lines()
    }

    @Test func someoneElsesFolderIsReadFromACopy() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try ReviewStoreTrouble.databaseWithOneMark(in: temp)
        chmod(temp.path, 0o755)
        chmod(path, 0o644)
        #expect(try Self.probe(path, in: temp) == [
            "read-only: review folder is read-only; marks are shown as they were at start and cannot be changed (\(path))",
            "marks: 1",
            "save: review folder is read-only; marks are shown as they were at start and cannot be changed (\(path))",
        ])
    }

    @Test func someoneElsesFileInASharedFolderIsReadInPlace() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = try ReviewStoreTrouble.databaseWithOneMark(in: temp)
        chmod(temp.path, 0o777)
        chmod(path, 0o644)
        let lines = try Self.probe(path, in: temp)
        #expect(lines.first == "read-only: review database is read-only (file permissions); marks are shown but cannot be changed (\(path))")
        #expect(lines.dropFirst().first == "marks: 1")
        #expect(lines.last == "save: review database is read-only (file permissions); marks are shown but cannot be changed (\(path))")
        #expect(try ReviewStore(path: path).marks().keys.sorted() == [Claims.kurskLost])
    }
}
