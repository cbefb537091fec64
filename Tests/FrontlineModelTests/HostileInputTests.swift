import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FrontlineModel

private let kharkivLine = "Ukraine has retaken approximately 6,000 square kilometers (2,400 square miles) of territory this month."

/// Every hostile case made for real on disk: each gets a clear entry in the load report and every
/// other article is still loaded.
@Suite("Hostile input", .serialized)
struct HostileInputTests {
    private func issue(_ corpus: Corpus, _ path: String) -> LoadIssue? {
        corpus.report.issues.first { $0.path == path }
    }

    @Test func everyHostileFileIsReportedAndTheSeedsStillLoad() throws {
        let dir = TestFolder("hostile")
        for name in Seeds.names { dir.write("seeds/" + name, bytes: Seeds.bytes(name)) }

        // Text in unusual encodings: loaded.
        dir.write("latin.txt", bytes: Array("Zelenskyy said Kharkiv was ".utf8) + [0x93] + Array("de-occupied".utf8) + [0x94, 0x2E])
        let cyrillic = "Зеленський заявив, що майже вся Харківщина звільнена.\r\nСили оборони просуваються."
        dir.write("utf16le.txt", bytes: [0xFF, 0xFE] + cyrillic.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        dir.write("utf16be.md", bytes: [0xFE, 0xFF] + cyrillic.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        // Terminal escapes in an otherwise ordinary article: loaded, but the escapes are defused.
        dir.write("escapes.txt", "Kursk update\u{1B}]0;pwned\u{07}\n\u{1B}[2J\u{1B}[31mRussian forces advanced near Sudzha.\u{9B}0m\n")
        let longLine = String(repeating: "russian forces withdrew from the region near kharkiv ", count: 20_000)
        dir.write("long-line.txt", longLine)

        // Files that are not articles: reported.
        dir.write("binary.txt", bytes: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0] + [UInt8](repeating: 0x90, count: 4000))
        dir.write("controls.md", bytes: (0..<4096).map { UInt8($0 % 32) })
        dir.write("empty.txt", bytes: [])
        let huge = dir.write("huge.txt", "")
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        let megabyte = Data(String(repeating: kharkivLine + "\n", count: 11_000).utf8.prefix(1 << 20))
        for _ in 0..<50 { handle.write(megabyte) }
        try handle.close()
        dir.symlink("loop", to: ".")
        dir.symlink("seeds/up", to: "..")
        dir.symlink("self.txt", to: "self.txt")
        dir.symlink("dangling.md", to: "deleted.md")
        mkfifo(dir.full("pipe.txt"), 0o644)
        dir.write("locked.txt", kharkivLine)
        chmod(dir.full("locked.txt"), 0)
        dir.write("kursk.txt~", kharkivLine)
        dir.write(".hidden.txt", kharkivLine)

        let corpus = try Corpus.load(folder: dir.path)
        chmod(dir.full("locked.txt"), 0o644)
        let ids = Set(corpus.articles.map(\.id))
        for name in Seeds.names { #expect(ids.contains(FolderLoader.articleID("seeds/" + name)), "seed \(name) missing") }
        #expect(ids.isSuperset(of: ["latin", "utf16le", "utf16be", "long-line", "escapes"]))

        let text = Dictionary(corpus.articles.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        #expect(text["latin"] == "Zelenskyy said Kharkiv was “de-occupied”.")
        #expect(text["utf16le"] == cyrillic.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(text["utf16be"] == text["utf16le"])
        #expect(text["long-line"] == longLine)
        #expect(text["escapes"] == "Kursk update\u{FFFD}]0;pwned\u{FFFD}\n\u{FFFD}[2J\u{FFFD}[31mRussian forces advanced near Sudzha.\u{FFFD}0m\n")
        for article in corpus.articles {
            #expect(!article.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value) },
                    "\(article.id) has a control character")
        }

        let expected: [String: (LoadIssue.Kind, String)] = [
            "binary.txt": (.skipped, "binary file (NUL bytes)"),
            "controls.md": (.skipped, "binary file (NUL bytes)"),
            "empty.txt": (.skipped, "empty file"),
            "huge.txt": (.skipped, "too large: 50.0 MB (limit 16 MB)"),
            "loop/": (.skipped, "symlink loop"),
            "seeds/up/": (.skipped, "symlink loop"),
            "self.txt": (.unreadable, "symlink loop"),
            "dangling.md": (.unreadable, "broken symlink"),
            "pipe.txt": (.skipped, "not a regular file"),
            "kursk.txt~": (.skipped, "editor backup"),
            ".hidden.txt": (.skipped, "hidden file"),
        ]
        for (path, (kind, reason)) in expected {
            let found = issue(corpus, path)
            #expect(found?.kind == kind, "\(path)")
            #expect(found?.reason == reason, "\(path)")
        }
        // Root reads through any permission bits, so a chmod 000 file only fails for other users.
        if runningAsRoot {
            #expect(ids.contains("locked"))
        } else {
            #expect(issue(corpus, "locked.txt") == LoadIssue(path: "locked.txt", kind: .unreadable, reason: "permission denied"))
        }
        #expect(corpus.report.loaded == corpus.articles.count)
    }

    @Test func controlBytesWithoutNULsAreBinaryToo() throws {
        let dir = TestFolder("controls")
        dir.write("escape.txt", bytes: (0..<4096).map { UInt8(1 + $0 % 31) })
        dir.write("kharkiv.txt", kharkivLine)
        let corpus = try Corpus.load(folder: dir.path)
        #expect(corpus.articles.map(\.id) == ["kharkiv"])
        #expect(issue(corpus, "escape.txt")?.reason == "binary file (control bytes)")
    }

    @Test func permissionDeniedIsNamedAsSuch() {
        #expect(FolderLoader.describe(errno: EACCES) == "permission denied")
        #expect(FolderLoader.describe(errno: ENOENT) == "vanished before it could be read")
        #expect(FolderLoader.describe(errno: ELOOP) == "symlink loop")
    }

    @Test func unreadableFolderIsReported() throws {
        let dir = TestFolder("locked-folder")
        dir.write("open/kharkiv.txt", kharkivLine)
        dir.write("closed/kursk.txt", kharkivLine)
        chmod(dir.full("closed"), 0)
        let listing = try FolderLoader.listArticles(in: dir.path)
        chmod(dir.full("closed"), 0o755)
        if runningAsRoot {
            #expect(listing.paths == ["closed/kursk.txt", "open/kharkiv.txt"])
        } else {
            #expect(listing.paths == ["open/kharkiv.txt"])
            #expect(listing.skipped == [LoadIssue(path: "closed/", kind: .unreadable, reason: "permission denied")])
        }
    }

    @Test func filesThatVanishBetweenListingAndReadingAreReported() throws {
        let dir = TestFolder("vanish")
        for i in 0..<20 { dir.write("wire/story-\(i).txt", "\(kharkivLine) Report \(i).") }
        let listing = try FolderLoader.listArticles(in: dir.path)
        #expect(listing.paths.count == 20)
        for i in stride(from: 0, to: 20, by: 2) { dir.remove("wire/story-\(i).txt") }

        let results = CorpusStore.analyze(paths: listing.paths, folder: dir.path, fronts: .standard)
        var loaded = 0
        for (path, result) in zip(listing.paths, results) {
            switch result {
            case .success: loaded += 1
            case .failure(let issue):
                #expect(issue == LoadIssue(path: path, kind: .unreadable, reason: "vanished before it could be read"))
            }
        }
        #expect(loaded == 10)
    }

    @Test func aSubfolderDeletedAfterListingIsReportedFileByFile() throws {
        let dir = TestFolder("subfolder")
        dir.write("kharkiv.txt", kharkivLine)
        dir.write("kursk/one.txt", kharkivLine)
        dir.write("kursk/two.md", kharkivLine)
        let listing = try FolderLoader.listArticles(in: dir.path)
        dir.remove("kursk")
        let issues = listing.paths.compactMap { path -> LoadIssue? in
            if case .failure(let issue) = FolderLoader.read(relativePath: path, in: dir.path) { return issue }
            return nil
        }
        #expect(issues.map(\.path) == ["kursk/one.txt", "kursk/two.md"])
        #expect(issues.allSatisfy { $0.reason == "vanished before it could be read" })
    }

    @Test func aDeletedFolderThrowsAndTheStoreKeepsWhatItHad() throws {
        let dir = TestFolder("deleted")
        dir.write("kharkiv.txt", kharkivLine)
        var store = CorpusStore(folder: dir.path)
        try store.reloadAll()
        #expect(store.corpus.articles.count == 1)
        try FileManager.default.removeItem(atPath: dir.path)
        #expect(throws: FolderError.self) { try store.reloadAll() }
        #expect(throws: FolderError.self) { try Corpus.load(folder: dir.path) }
        #expect(store.corpus.articles.map(\.id) == ["kharkiv"])
    }

    @Test func tenThousandFilesWrittenInOneBurst() throws {
        let dir = TestFolder("burst")
        let count = 10_000
        // A writer fills the folder while the loader lists and reads it: a half-written file may be
        // read short or empty, but nothing fails and the last load sees every file.
        let done = DispatchSemaphore(value: 0)
        let writer = Thread {
            for i in 0..<count {
                let folder = dir.full("batch-\(i % 16)")
                if i < 16 { mkdir(folder, 0o755) }
                let path = folder + "/article-\(100_000 + i).txt"
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                let bytes = Array("\(kharkivLine) Dispatch \(i).".utf8)
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
            }
            done.signal()
        }
        writer.start()
        // A few loads during the burst are enough to meet half-written files; more only slow the writer.
        for _ in 0..<3 where done.wait(timeout: .now()) == .timedOut {
            let corpus = try Corpus.load(folder: dir.path)
            #expect(corpus.report.issues.allSatisfy { $0.reason == "empty file" || $0.reason.hasPrefix("vanished") })
        }
        done.wait()
        let corpus = try Corpus.load(folder: dir.path)
        #expect(corpus.articles.count == count)
        #expect(corpus.report.issues.isEmpty)
        #expect(corpus.articles.first { $0.id == "batch-\((count - 1) % 16)/article-\(100_000 + count - 1)" }?.text == "\(kharkivLine) Dispatch \(count - 1).")
    }
}
