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

    @Test(arguments: [0, 1_000, 5_000, 20_000, 60_000])
    func killingAWriterWhileItCreatesTheFileLeavesAUsableFile(afterMicroseconds delay: UInt32) throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("frontline/review.sqlite")
        let writer = try Child(["burst", path, "olena", "1000000"], output: temp.file("acks"))
        // Where the kill lands varies with the delay (folder, file, migrations, first saves); any place must do.
        usleep(delay)
        kill(writer.pid, SIGKILL)
        writer.wait()

        let store = try ReviewStore(path: path)
        #expect(store.readOnlyReason == nil)
        let marks = store.marks()
        #expect(writer.lines().allSatisfy { marks[$0] != nil })
        try store.save(ReviewMark(claimID: Claims.kurskLost, kind: .confirmed, note: nil, user: "mykola", updatedAt: at(0)))
        #expect(store.marks()[Claims.kurskLost]?.user == "mykola")
    }

    @Test func aDashboardNoticesAnotherProcesssSaves() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let path = temp.file("review.sqlite")
        let dashboard = try ReviewStore(path: path)
        #expect(!dashboard.changedSinceLastCheck())

        let other = try Child(["burst", path, "mykola", "3"], output: temp.file("acks"))
        #expect(other.wait() == 0)
        #expect(dashboard.changedSinceLastCheck())
        #expect(Set(dashboard.marks().keys) == ["mykola-0", "mykola-1", "mykola-2"])
        #expect(!dashboard.changedSinceLastCheck())
    }

    /// Two dashboards started together on a machine without a review file yet: both must create,
    /// migrate and write it. Repeated, because the race only sometimes lands badly.
    @Test func processesCreatingOneNewFileTogetherAllWrite() throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        for round in 0..<10 {
            let path = temp.file("round-\(round)/review.sqlite")
            let users = ["olena", "mykola", "iryna"]
            let children = try users.map { try Child(["burst", path, $0, "2"], output: temp.file("\(round)-\($0)")) }
            for child in children {
                #expect(child.wait() == 0, "\(child.errors())")
            }
            #expect(try ReviewStore(path: path).marks().count == 2 * users.count)
        }
    }
}
