import GRDB

/// The review database's schema, one migration per frontline version that changed it.
///
/// Never edit a shipped migration: files written by older versions must keep opening.
enum ReviewSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        // Version 1: one mark per claim, no notes, no history.
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE mark (
                    claimID TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    user TEXT NOT NULL,
                    updatedAt REAL NOT NULL
                )
                """)
        }

        // Version 2: notes (a mark may be a note alone, so kind becomes optional),
        // and a history of every change with who and when.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE mark_v2 (
                    claimID TEXT PRIMARY KEY NOT NULL,
                    kind TEXT,
                    note TEXT,
                    user TEXT NOT NULL,
                    updatedAt REAL NOT NULL
                );
                INSERT INTO mark_v2 (claimID, kind, note, user, updatedAt)
                    SELECT claimID, kind, NULL, user, updatedAt FROM mark;
                DROP TABLE mark;
                ALTER TABLE mark_v2 RENAME TO mark;

                CREATE TABLE change (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    claimID TEXT NOT NULL,
                    kind TEXT,
                    note TEXT,
                    user TEXT NOT NULL,
                    changedAt REAL NOT NULL
                );
                CREATE INDEX change_by_claim ON change (claimID, id);
                -- Version 1 kept no history: its current marks become the first entries.
                INSERT INTO change (claimID, kind, note, user, changedAt)
                    SELECT claimID, kind, note, user, updatedAt FROM mark ORDER BY updatedAt, claimID;
                """)
        }
        return migrator
    }()
}
