// Child process for the review store's multi-process tests; not part of the product.
//
//   frontline-review-stress burst DB USER COUNT
//       saves COUNT marks (claim ids USER-0, USER-1, …), printing each id once save returned
//   frontline-review-stress probe DB
//       opens the store as whoever runs it and prints what it found, then tries one save
//   frontline-review-stress hold-lock DB writer|exclusive
//       takes the write lock (writer) or the whole file (exclusive), prints "locked", waits to be killed
import Foundation
import FrontlineModel
import FrontlineReview
import GRDB

#if canImport(Glibc)
import Glibc
#endif

/// Straight to the file descriptor: an acknowledgement must not sit in a buffer when SIGKILL comes.
func say(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { exit(3) }
        offset += n
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: frontline-review-stress burst DB USER COUNT | hold-lock DB writer|exclusive") }

switch args[1] {
case "burst":
    guard args.count == 5, let count = Int(args[4]) else { fail("usage: burst DB USER COUNT") }
    let user = args[3]
    do {
        let store = try ReviewStore(path: args[2], busyTimeout: 10)
        if let reason = store.readOnlyReason { fail(reason) }
        let kinds = ReviewMark.Kind.allCases
        for i in 0..<count {
            let id = "\(user)-\(i)"
            try store.save(ReviewMark(claimID: id, kind: kinds[i % kinds.count],
                                      note: i % 3 == 0 ? "checked against the ISW map, burst \(i)" : nil,
                                      user: user, updatedAt: Date()))
            say(id)
        }
    } catch {
        fail("\(error)")
    }
case "probe":
    do {
        let store = try ReviewStore(path: args[2], busyTimeout: 1)
        say(store.readOnlyReason.map { "read-only: \($0)" } ?? "writable")
        say("marks: \(store.marks().count)")
        do {
            try store.save(ReviewMark(claimID: "probe", kind: .flagged, note: nil, user: "probe", updatedAt: Date()))
            say("save: ok")
        } catch {
            say("save: \(error)")
        }
    } catch {
        fail("\(error)")
    }
case "hold-lock":
    guard args.count == 4 else { fail("usage: hold-lock DB writer|exclusive") }
    do {
        let queue = try DatabaseQueue(path: args[2])
        // GRDB refuses to leave a transaction open after the closure, so the wait happens inside it.
        try queue.writeWithoutTransaction { db in
            if args[3] == "exclusive" {
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
            }
            try db.execute(sql: "BEGIN EXCLUSIVE")
            // A write makes the exclusive locking mode take the whole file, as a hung program would.
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS held_lock (x INTEGER)")
            say("locked")
            while true { pause() }
        }
    } catch {
        fail("\(error)")
    }
default:
    fail("unknown mode \(args[1])")
}
