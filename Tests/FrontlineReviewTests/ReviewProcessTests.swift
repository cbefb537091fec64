import Foundation
import FrontlineModel
import FrontlineReview
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Several frontline processes on one review file, and processes killed mid-write.
@Suite struct ReviewStoreProcesses {
    @Test func killingAWriterMidBurstLosesNoAcknowledgedMark() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let writer = try Child(["burst", path, "olena", "1000000"], output: temp.file("acks"))
        try writer.waitFor("60 saves") { $0.count >= 60 }
        kill(writer.pid, SIGKILL)
        #expect(writer.wait() == nil)

        let acknowledged = writer.lines()
        #expect(acknowledged.count >= 60)
        let store = try ReviewStore(path: path)
        #expect(!store.isReadOnly)
        let marks = store.marks()
        let lost = acknowledged.filter { marks[$0] == nil }
        #expect(lost.isEmpty, "acknowledged but missing after kill -9: \(lost)")
        // At most the one save in flight went through without its acknowledgement.
        #expect(marks.count <= acknowledged.count + 1)
        #expect(store.history(claimID: "olena-0").count == 1)
    }

    @Test func twoProcessesWritingAtOnceLoseNothing() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let count = 150
        let olena = try Child(["burst", path, "olena", "\(count)"], output: temp.file("olena"))
        let mykola = try Child(["burst", path, "mykola", "\(count)"], output: temp.file("mykola"))
        let olenaExit = olena.wait()
        let mykolaExit = mykola.wait()
        #expect(olenaExit == 0, "\(olena.errors())")
        #expect(mykolaExit == 0, "\(mykola.errors())")
        #expect(olena.lines().count == count)
        #expect(mykola.lines().count == count)

        let marks = try ReviewStore(path: path).marks()
        #expect(marks.count == 2 * count)
        let expected = Set((0..<count).flatMap { ["olena-\($0)", "mykola-\($0)"] })
        #expect(Set(marks.keys) == expected)
        #expect(marks["mykola-3"]?.note == "checked against the ISW map, burst 3")
        #expect(marks["olena-1"]?.kind == .disputed)
    }
}
