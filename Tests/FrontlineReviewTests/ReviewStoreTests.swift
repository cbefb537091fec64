import Foundation
import FrontlineModel
import FrontlineReview
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ReviewStorePaths {
    @Test func defaultPathFollowsXDGDataHome() {
        #expect(ReviewStore.defaultPath(environment: ["XDG_DATA_HOME": "/srv/analyst/data", "HOME": "/home/olena"])
                == "/srv/analyst/data/frontline/review.sqlite")
    }

    @Test func defaultPathFallsBackToLocalShare() {
        #expect(ReviewStore.defaultPath(environment: ["HOME": "/home/olena"])
                == "/home/olena/.local/share/frontline/review.sqlite")
        // The XDG spec says a relative value is to be ignored.
        #expect(ReviewStore.defaultPath(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/olena"])
                == "/home/olena/.local/share/frontline/review.sqlite")
    }

    @Test func currentUserComesFromTheEnvironment() {
        #expect(ReviewStore.currentUser(environment: ["USER": "olena", "LOGNAME": "root"]) == "olena")
        #expect(ReviewStore.currentUser(environment: ["LOGNAME": "mykola"]) == "mykola")
        #expect(ReviewStore.currentUser(environment: [:]) == "analyst")
    }

    @Test func createsMissingFolders() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("data/frontline/review.sqlite")
        let store = try ReviewStore(path: path)
        #expect(!store.isReadOnly)
        try store.save(ReviewMark(claimID: Claims.kurskLost, kind: .confirmed, note: nil, user: "olena", updatedAt: at(0)))
        #expect(FileManager.default.fileExists(atPath: path))
    }
}

@Suite struct ReviewStoreMarks {
    @Test func anEmptyFileBecomesADatabase() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        // `touch review.sqlite`, or a file created by a program killed before its first write.
        try #require(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try ReviewStore(path: path)
        #expect(store.readOnlyReason == nil)
        try store.save(ReviewMark(claimID: Claims.kurskKorea, kind: .flagged, note: nil, user: "olena", updatedAt: at(0)))
        #expect(try ReviewStore(path: path).marks()[Claims.kurskKorea]?.kind == .flagged)
    }

    @Test func marksAndNotesSurviveARestart() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let saved = [
            ReviewMark(claimID: Claims.kurskLost, kind: .disputed,
                       note: "Russian MoD gives a different share; wait for ISW", user: "olena", updatedAt: at(10)),
            ReviewMark(claimID: Claims.kurskTroops, kind: .confirmed, note: nil, user: "mykola", updatedAt: at(20)),
            ReviewMark(claimID: Claims.kharkivTowns, kind: nil,
                       note: "400 towns and cities: Zelenskyy's figure, not independent", user: "olena", updatedAt: at(30)),
        ]
        do {
            let store = try ReviewStore(path: path)
            for mark in saved { try store.save(mark) }
        }
        let reopened = try ReviewStore(path: path)
        #expect(!reopened.isReadOnly)
        #expect(reopened.marks() == Dictionary(uniqueKeysWithValues: saved.map { ($0.claimID, $0) }))
    }

    @Test func historyKeepsEveryChangeWithWhoAndWhen() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let store = try ReviewStore(path: temp.file("review.sqlite"))
        let id = Claims.kurskKorea
        try store.save(ReviewMark(claimID: id, kind: .needsCheck, note: nil, user: "olena", updatedAt: at(0)))
        try store.save(ReviewMark(claimID: id, kind: .confirmed, note: "Pentagon gives 10,000 to 12,000",
                                  user: "mykola", updatedAt: at(60)))
        try store.clear(claimID: id, user: "olena", at: at(120))

        #expect(store.marks()[id] == nil)
        let history = store.history(claimID: id)
        #expect(history == [
            ReviewChange(claimID: id, kind: .needsCheck, note: nil, user: "olena", changedAt: at(0)),
            ReviewChange(claimID: id, kind: .confirmed, note: "Pentagon gives 10,000 to 12,000",
                         user: "mykola", changedAt: at(60)),
            ReviewChange(claimID: id, kind: nil, note: nil, user: "olena", changedAt: at(120)),
        ])
        #expect(history.last?.isClear == true)
        #expect(store.history(claimID: Claims.kurskLost).isEmpty)
    }

    @Test func clearingAnUnmarkedClaimRecordsNothing() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let store = try ReviewStore(path: temp.file("review.sqlite"))
        try store.clear(claimID: Claims.kharkivDeoccupied, user: "olena", at: at(0))
        #expect(store.history(claimID: Claims.kharkivDeoccupied).isEmpty)
        #expect(store.marks().isEmpty)
    }

    @Test func aBlankNoteWithoutAKindClearsTheClaim() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let store = try ReviewStore(path: temp.file("review.sqlite"))
        let id = Claims.kharkivDeoccupied
        try store.save(ReviewMark(claimID: id, kind: .flagged, note: "  quote, not a report  \n", user: "olena", updatedAt: at(0)))
        #expect(store.marks()[id] == ReviewMark(claimID: id, kind: .flagged, note: "quote, not a report",
                                                user: "olena", updatedAt: at(0)))
        try store.save(ReviewMark(claimID: id, kind: nil, note: " \n ", user: "olena", updatedAt: at(5)))
        #expect(store.marks()[id] == nil)
        #expect(store.history(claimID: id).map(\.isClear) == [false, true])
    }

    @Test func orphanedMarksAreListedAndKept() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let store = try ReviewStore(path: path)
        try store.save(ReviewMark(claimID: Claims.kurskLost, kind: .confirmed, note: nil, user: "olena", updatedAt: at(0)))
        try store.save(ReviewMark(claimID: "004_removed#1f2e3d4c", kind: .flagged, note: "article withdrawn by the outlet",
                                  user: "mykola", updatedAt: at(30)))
        try store.save(ReviewMark(claimID: "002_edited#99aa88bb", kind: .disputed, note: nil, user: "olena", updatedAt: at(10)))

        let known: Set = [Claims.kurskLost, Claims.kurskTroops]
        #expect(store.orphans(knownClaimIDs: known).map(\.claimID) == ["002_edited#99aa88bb", "004_removed#1f2e3d4c"])
        // Listing orphans never drops them.
        #expect(try ReviewStore(path: path).marks().count == 3)
    }

    @Test func anotherProcessesSaveIsNoticed() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let mine = try ReviewStore(path: path)
        let theirs = try ReviewStore(path: path)
        #expect(!mine.changedSinceLastCheck())

        try theirs.save(ReviewMark(claimID: Claims.kurskTroops, kind: .needsCheck, note: nil, user: "mykola", updatedAt: at(0)))
        #expect(mine.changedSinceLastCheck())
        #expect(!mine.changedSinceLastCheck())
        #expect(mine.marks()[Claims.kurskTroops]?.user == "mykola")

        // Its own saves are already on its screen.
        try mine.save(ReviewMark(claimID: Claims.kurskLost, kind: .confirmed, note: nil, user: "olena", updatedAt: at(5)))
        #expect(!mine.changedSinceLastCheck())
        #expect(theirs.changedSinceLastCheck())
    }
}

@Suite struct ReviewStoreMigration {
    /// A file as frontline's first review version left it: marks without notes, no history.
    static func writeVersion1(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1');
                CREATE TABLE mark (
                    claimID TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    user TEXT NOT NULL,
                    updatedAt REAL NOT NULL
                );
                INSERT INTO mark VALUES ('\(Claims.kurskLost)', 'disputed', 'olena', 1763700000);
                INSERT INTO mark VALUES ('\(Claims.kharkivTowns)', 'needs-check', 'mykola', 1763700060);
                """)
        }
        try queue.close()
    }

    @Test func aVersion1FileKeepsItsMarksAndGainsNotesAndHistory() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        try Self.writeVersion1(at: path)

        let store = try ReviewStore(path: path)
        #expect(!store.isReadOnly)
        #expect(store.marks() == [
            Claims.kurskLost: ReviewMark(claimID: Claims.kurskLost, kind: .disputed, note: nil, user: "olena", updatedAt: at(0)),
            Claims.kharkivTowns: ReviewMark(claimID: Claims.kharkivTowns, kind: .needsCheck, note: nil, user: "mykola",
                                            updatedAt: at(60)),
        ])
        // The old marks start the history.
        #expect(store.history(claimID: Claims.kurskLost)
                == [ReviewChange(claimID: Claims.kurskLost, kind: .disputed, note: nil, user: "olena", changedAt: at(0))])

        try store.save(ReviewMark(claimID: Claims.kurskLost, kind: .disputed, note: "General Staff source, unnamed",
                                  user: "olena", updatedAt: at(100)))
        #expect(store.history(claimID: Claims.kurskLost).count == 2)

        let migrations = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(migrations == ["v1", "v2"])
    }

    @Test func aVersion1FileThatIsReadOnlyIsReadThroughAMigratedCopy() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        try Self.writeVersion1(at: path)
        chmod(path, 0o444)
        let before = bytes(of: path)

        let store = try ReviewStore(path: path)
        #expect(store.isReadOnly)
        #expect(store.marks()[Claims.kurskLost]?.kind == .disputed)
        #expect(bytes(of: path) == before)
    }

    @Test func anExportReadsAVersion1FileWithoutMigratingIt() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        try Self.writeVersion1(at: path)
        let before = bytes(of: path)

        let store = try ReviewStore(path: path, readOnly: true)
        #expect(store.readOnlyReason == "review database opened for reading only; "
                + "marks are shown as they were at start and cannot be changed (\(path))")
        #expect(store.marks()[Claims.kharkivTowns]?.kind == .needsCheck)
        #expect(bytes(of: path) == before)
    }

    @Test func aCurrentFileOpenedForReadingSeesLaterSaves() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let writer = try ReviewStore(path: path)
        try writer.save(ReviewMark(claimID: Claims.kurskLost, kind: .confirmed, note: nil, user: "olena", updatedAt: at(0)))
        let reader = try ReviewStore(path: path, readOnly: true)
        #expect(!reader.isSnapshot)
        #expect(reader.marks().count == 1)
        try writer.save(ReviewMark(claimID: Claims.kurskTroops, kind: .flagged, note: nil, user: "olena", updatedAt: at(5)))
        #expect(reader.changedSinceLastCheck())
        #expect(reader.marks().count == 2)
    }

    @Test func aFileFromANewerFrontlineOpensReadOnly() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        do {
            let store = try ReviewStore(path: path)
            try store.save(ReviewMark(claimID: Claims.kurskTroops, kind: .confirmed, note: nil, user: "olena", updatedAt: at(0)))
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v3-review-assignments')") }
        try queue.close()

        let store = try ReviewStore(path: path)
        #expect(store.isReadOnly)
        #expect(store.readOnlyReason == "review database was written by a newer version of frontline; "
                + "marks are shown but cannot be changed (\(path))")
        #expect(store.marks()[Claims.kurskTroops]?.kind == .confirmed)
    }
}
