import Foundation
import Glibc
import Testing
@testable import FrontlineTUI

/// inotify queues events during the system call, so each drain right after a file operation sees it.
@Suite struct WatcherTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "frontline-watch-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root + "/kharkiv", withIntermediateDirectories: true)
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: root + "/" + relative, atomically: false, encoding: .utf8)
    }

    @Test func reportsWrittenAndDeletedArticles() throws {
        let watcher = try #require(FolderWatcher(root: root))
        try write("kharkiv/vovchansk.txt", "Ukraine's General Staff said Russian forces attacked near Vovchansk 14 times.")
        #expect(watcher.drain().paths == ["kharkiv/vovchansk.txt"])
        try FileManager.default.removeItem(atPath: root + "/kharkiv/vovchansk.txt")
        #expect(watcher.drain().paths == ["kharkiv/vovchansk.txt"])
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func ignoresEditorFilesAndOtherKinds() throws {
        let watcher = try #require(FolderWatcher(root: root))
        try write(".draft.txt.swp", "x")
        try write("notes.txt~", "x")
        try write("map.png", "x")
        #expect(watcher.drain().isEmpty)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func watchesNewSubfolders() throws {
        let watcher = try #require(FolderWatcher(root: root))
        try FileManager.default.createDirectory(atPath: root + "/kursk", withIntermediateDirectories: false)
        #expect(watcher.drain().newFolders == ["kursk"])
        try write("kursk/sudzha.md", "Russia's defence ministry claimed 300 Ukrainian soldiers were killed near Sudzha.")
        #expect(watcher.drain().paths == ["kursk/sudzha.md"])
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func watchesNestedAndLinkedFoldersButNotHiddenOnesOrLoops() throws {
        try FileManager.default.createDirectory(atPath: root + "/kharkiv/2024/11", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/.cache", withIntermediateDirectories: false)
        let outside = root + "-outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: false)
        symlink(outside, root + "/linked")
        symlink(root, root + "/kharkiv/loop")
        symlink("..", root + "/kharkiv/2024/up")
        for i in 0..<50 { try write("kharkiv/file\(i).txt", "x") }
        let watcher = try #require(FolderWatcher(root: root))
        // root, kharkiv, kharkiv/2024, kharkiv/2024/11 and linked: the loops lead back to folders already watched.
        #expect(watcher.watchCount == 5)
        _ = watcher.drain()
        try write("linked/pokrovsk.txt", "Ukrainian forces repelled 12 assaults near Pokrovsk, the General Staff said.")
        try write("kharkiv/2024/11/kupiansk.txt", "Russian troops shelled Kupiansk 30 times, the governor said.")
        #expect(watcher.drain().paths == ["linked/pokrovsk.txt", "kharkiv/2024/11/kupiansk.txt"])
        try? FileManager.default.removeItem(atPath: outside)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func reportsFoldersMovedAway() throws {
        let watcher = try #require(FolderWatcher(root: root))
        let outside = root + "-moved"
        try FileManager.default.moveItem(atPath: root + "/kharkiv", toPath: outside)
        #expect(watcher.drain().goneFolders == ["kharkiv"])
        try? FileManager.default.removeItem(atPath: outside)
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test func noticesTheWatchedFolderGoing() throws {
        let watcher = try #require(FolderWatcher(root: root))
        let renamed = root + "-renamed"
        try FileManager.default.moveItem(atPath: root, toPath: renamed)
        #expect(watcher.drain().rootGone)
        try? FileManager.default.removeItem(atPath: renamed)
    }
}
