// Child process for the review store's multi-process tests; not part of the product.
//
//   frontline-review-stress burst DB USER COUNT
//       saves COUNT marks (claim ids USER-0, USER-1, …), printing each id once save returned
//   frontline-review-stress probe DB
//       opens the store as whoever runs it and prints what it found, then tries one save
//   frontline-review-stress hold-lock DB writer|exclusive
//       takes the write lock (writer) or the whole file (exclusive), prints "locked", waits to be killed
//   frontline-review-stress bench DB COUNT
//       times COUNT saves, reading them all back, the change check and a claim's history
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
case "bench":
    guard args.count == 4, let count = Int(args[3]), count > 0 else { fail("usage: bench DB COUNT") }
    func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    do {
        var store: ReviewStore?
        let open = try seconds { store = try ReviewStore(path: args[2]) }
        guard let store, !store.isReadOnly else { fail(store?.readOnlyReason ?? "not opened") }
        let kinds = ReviewMark.Kind.allCases
        let save = try seconds {
            for i in 0..<count {
                try store.save(ReviewMark(claimID: "003_e83ac6d7027f8205#\(i)", kind: kinds[i % kinds.count],
                                          note: i % 4 == 0 ? "compare with the General Staff's figure" : nil,
                                          user: "bench", updatedAt: Date()))
            }
        }
        var total = 0
        let read = seconds { total = store.marks().count }
        let checks = 10_000
        var changed = 0
        let check = seconds { for _ in 0..<checks where store.changedSinceLastCheck() { changed += 1 } }
        let history = seconds { for i in 0..<1000 { total += store.history(claimID: "003_e83ac6d7027f8205#\(i % count)").count } }
        say("open: \(String(format: "%.1f", open * 1000)) ms")
        say("save: \(String(format: "%.2f", save / Double(count) * 1000)) ms per mark (\(count) marks, each committed and synced)")
        say("marks(): \(String(format: "%.1f", read * 1000)) ms for \(store.marks().count) marks")
        say("changedSinceLastCheck(): \(String(format: "%.1f", check / Double(checks) * 1e6)) µs per call")
        say("history(claimID:): \(String(format: "%.1f", history / 1000 * 1e6)) µs per call")
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
