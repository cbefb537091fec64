import Foundation
import Testing
@testable import FrontlineModel

/// Encodes text as Windows-1252 (only the characters the tests use outside Latin-1).
private func windows1252(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    for scalar in text.unicodeScalars {
        if let i = TextDecoding.windows1252High.firstIndex(of: scalar.value), scalar.value != 0xFFFD {
            out.append(UInt8(0x80 + i))
        } else {
            precondition(scalar.value < 0x100, "not in Windows-1252: \(scalar)")
            out.append(UInt8(scalar.value))
        }
    }
    return out
}

private func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> [UInt8] {
    var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for unit in text.utf16 {
        let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
        out += bigEndian ? [hi, lo] : [lo, hi]
    }
    return out
}

private func decoded(_ bytes: [UInt8]) -> DecodedText? {
    if case .success(let d) = TextDecoding.decode(bytes) { return d }
    return nil
}

private func failure(_ bytes: [UInt8]) -> String? {
    if case .failure(let f) = TextDecoding.decode(bytes) { return f.reason }
    return nil
}

private let zelensky = "Russia’s command and control in Ukraine is seeing a breakdown, U.K. intelligence said in a Thursday update."
private let kharkivUpdate = "Ukrainian forces have retaken more than 6,000 square kilometres in the Kharkiv region, Zelensky said."
private let kursk = "Ukraine has reportedly lost more than 40% of the territory it quickly captured in Russia‘s Kursk region."

@Suite("Text decoding")
struct TextDecodingTests {
    @Test func plainUTF8IsKept() {
        let d = decoded(Array(zelensky.utf8))
        #expect(d?.text == zelensky)
        #expect(d?.encoding == .utf8)
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        let d = decoded([0xEF, 0xBB, 0xBF] + Array(kursk.utf8))
        #expect(d?.text == kursk)
        #expect(d?.encoding == .utf8)
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMark(bigEndian: Bool) {
        let text = "Зеленський: «Харків звільнено» — 6,000 km² 🇺🇦\r\nSecond line"
        let d = decoded(utf16(text, bigEndian: bigEndian))
        #expect(d?.text == "Зеленський: «Харків звільнено» — 6,000 km² 🇺🇦\nSecond line")
        #expect(d?.encoding == (bigEndian ? .utf16BE : .utf16LE))
    }

    @Test(arguments: [false, true])
    func utf16WithoutByteOrderMarkIsRecognisedByItsNULs(bigEndian: Bool) {
        let d = decoded(utf16(kursk, bigEndian: bigEndian, bom: false))
        #expect(d?.text == kursk)
    }

    @Test func utf32WithByteOrderMark() {
        var bytes: [UInt8] = [0xFF, 0xFE, 0, 0]
        for s in "Kharkiv — Харків".unicodeScalars {
            let v = s.value
            bytes += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), 0]
        }
        #expect(decoded(bytes)?.text == "Kharkiv — Харків")
        #expect(decoded(bytes)?.encoding == .utf32LE)
    }

    @Test func windows1252PunctuationMapsToTheRightCodePoints() {
        let text = "€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ"
        let bytes = windows1252(text)
        #expect(bytes.count == text.unicodeScalars.count)
        let d = decoded(bytes)
        #expect(d?.text == text)
        #expect(d?.encoding == .windows1252)
    }

    @Test func windows1252ArticleSentence() {
        let sentence = "“Almost the entire region is de-occupied,” he said – Zelenskyy’s words. Café 10°C, £5 – ½."
        #expect(decoded(windows1252(sentence))?.text == sentence)
    }

    @Test func strayBytesInUTF8AreTakenAsWindows1252AndTheRestStaysUTF8() {
        // A UTF-8 file with a pasted Windows-1252 apostrophe (0x92) and a truncated sequence at the end.
        let bytes = Array("Russia’s forces near Kupiansk — ".utf8) + [0x92] + Array("s retreat ".utf8) + [0xE2, 0x80]
        let d = decoded(bytes)
        #expect(d?.text == "Russia’s forces near Kupiansk — ’s retreat â€")
        #expect(d?.encoding == .windows1252)
    }

    @Test func unassignedWindows1252BytesBecomeReplacementCharacters() {
        // 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character; C1 controls would reach the terminal.
        let d = decoded(Array("Kherson ".utf8) + [0x81, 0x8D, 0x8F, 0x90, 0x9D])
        #expect(d?.text == "Kherson \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test func overlongAndSurrogateSequencesAreNotAcceptedAsUTF8() {
        // C0 AF is an overlong "/", ED A0 80 a surrogate: both are Windows-1252 bytes here.
        let d = decoded([0x41, 0xC0, 0xAF, 0x42, 0xED, 0xA0, 0x80])
        #expect(d?.text == "AÀ¯Bí\u{A0}€")
    }

    @Test func lineEndsAreNormalised() {
        let d = decoded(Array("Title\r\n\r\nFirst paragraph.\rSecond paragraph.\n\rEnd\r".utf8))
        #expect(d?.text == "Title\n\nFirst paragraph.\nSecond paragraph.\n\nEnd\n")
        let mixed = decoded(windows1252("“Kursk”\r\n– done\r"))
        #expect(mixed?.text == "“Kursk”\n– done\n")
    }

    @Test func nulBytesMeanBinary() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        png += [UInt8](repeating: 0xA7, count: 300)
        #expect(failure(png) == "binary file (NUL bytes)")
    }

    @Test func manyControlBytesMeanBinary() {
        var bytes: [UInt8] = []
        for i in 0..<2000 {
            let control = UInt8(0x01 + i % 7), letter = UInt8(0x41 + i % 26)
            bytes.append(i % 4 == 0 ? control : letter)
        }
        #expect(failure(bytes) == "binary file (control bytes)")
    }

    @Test func aFewControlCharactersAreStillTextButCannotReachTheTerminal() {
        let body = String(repeating: "Russian forces withdrew. ", count: 20)
        let text = "Kupiansk\tKharkiv\u{0C}\n\u{1B}[1mbold\u{1B}[0m\u{07}\u{7F} " + body
        #expect(decoded(Array(text.utf8))?.text == "Kupiansk\tKharkiv\n\n\u{FFFD}[1mbold\u{FFFD}[0m\u{FFFD}\u{FFFD} " + body)
    }

    @Test func c1ControlsInUTF8AreReplacedAndNextLineEndsALine() {
        // U+009B is CSI and U+009D OSC on terminals that take 8-bit controls; U+0085 is NEL.
        let text = "Kursk\u{85}Sudzha \u{9B}31mred\u{9D}0;title\u{07} «Kharkiv» 40°"
        #expect(decoded(Array(text.utf8))?.text == "Kursk\nSudzha \u{FFFD}31mred\u{FFFD}0;title\u{FFFD} «Kharkiv» 40°")
        let utf16Text = decoded(utf16("Izium\u{1B}]0;x\u{07}", bigEndian: false))?.text
        #expect(utf16Text == "Izium\u{FFFD}]0;x\u{FFFD}")
    }

    @Test func aNULAfterTheSniffedStartIsReplaced() {
        let bytes = Array(String(repeating: "Kherson ", count: 2_000).utf8) + [0] + Array("end".utf8)
        #expect(decoded(bytes)?.text == String(repeating: "Kherson ", count: 2_000) + "\u{FFFD}end")
    }

    @Test func emptyBytesAreAnEmptyFile() {
        #expect(failure([]) == "empty file")
    }

    @Test func decodeOnFolderLoaderGivesTheText() throws {
        #expect(try FolderLoader.decode(windows1252("Kurakhove “encircled”")).get() == "Kurakhove “encircled”")
    }

    @Test func seedsDecodeAsTheirUTF8() {
        for name in Seeds.names {
            #expect(decoded(Seeds.bytes(name))?.text == Seeds.text(name), "\(name)")
        }
    }
}

@Suite("Folder loading")
struct LoadingTests {
    @Test func namesAreClassified() {
        #expect(FolderLoader.classify(name: "kharkiv.txt") == .article)
        #expect(FolderLoader.classify(name: "Kursk Update.MD") == .article)
        #expect(FolderLoader.classify(name: "notes.pdf") == .other)
        #expect(FolderLoader.classify(name: "txt") == .other)
        #expect(FolderLoader.classify(name: ".txt") == .hidden)
        #expect(FolderLoader.classify(name: ".DS_Store") == .hidden)
        #expect(FolderLoader.classify(name: "kharkiv.txt~") == .editorLeftover("editor backup"))
        #expect(FolderLoader.classify(name: "#kharkiv.txt#") == .editorLeftover("editor backup"))
        #expect(FolderLoader.classify(name: ".#kharkiv.txt") == .editorLeftover("editor lock file"))
        #expect(FolderLoader.classify(name: ".kharkiv.txt.swp") == .editorLeftover("editor swap file"))
        #expect(FolderLoader.classify(name: ".kharkiv.txt.swo") == .editorLeftover("editor swap file"))
    }

    @Test func articlePathsForWatchersAgreeWithTheListing() {
        #expect(FolderLoader.isArticlePath("2024/kursk/REUTERS.TXT"))
        #expect(FolderLoader.isArticlePath("./kharkiv.md"))
        #expect(!FolderLoader.isArticlePath(".git/notes.txt"))
        #expect(!FolderLoader.isArticlePath("drafts/.kharkiv.txt.swp"))
        #expect(!FolderLoader.isArticlePath("drafts/kharkiv.txt~"))
        #expect(!FolderLoader.isArticlePath("drafts/#kharkiv.txt#"))
        #expect(!FolderLoader.isArticlePath("photos/kharkiv.jpg"))
        #expect(!FolderLoader.isArticlePath(""))
    }

    @Test func articleIDIsTheRelativePathWithoutExtension() {
        #expect(FolderLoader.articleID("000_77f9a711cfe1bc4a.txt") == "000_77f9a711cfe1bc4a")
        #expect(FolderLoader.articleID("2024/kursk/reuters.update.md") == "2024/kursk/reuters.update")
        #expect(FolderLoader.articleID("reuters/kharkiv.txt") != FolderLoader.articleID("ap/kharkiv.txt"))
        #expect(FolderLoader.legacyArticleID("reuters/kharkiv.txt") == "kharkiv")
        #expect(FolderLoader.legacyArticleID("kharkiv.txt") == nil)
        #expect(FolderLoader.articleID("README") == "README")
    }

    @Test func sizesAreShownInMegabytes() {
        #expect(FolderLoader.megabytes(50 << 20) == "50.0 MB")
        #expect(FolderLoader.megabytes(17_301_504) == "16.5 MB")
    }

    @Test func listsArticlesRecursivelyAndReportsTheRest() throws {
        let dir = TestFolder("listing")
        dir.write("kharkiv.txt", zelensky)
        dir.write("2024/kursk.md", kursk)
        dir.write("2024/deep/er/KURAKHOVE.TXT", "Russian forces entered Kurakhove.")
        dir.write("photo.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0])
        dir.write(".DS_Store", bytes: [0, 0, 0, 1])
        dir.write(".git/HEAD", "ref: refs/heads/main")
        dir.write("kharkiv.txt~", zelensky)
        dir.write("#kursk.md#", kursk)
        dir.write(".kharkiv.txt.swp", bytes: [0x62, 0x30, 0x56, 0x49, 0x4D, 0])
        dir.symlink(".#kharkiv.txt", to: "root@host.1234:1700000000")

        let listing = try FolderLoader.listArticles(in: dir.path)
        #expect(listing.paths == ["2024/deep/er/KURAKHOVE.TXT", "2024/kursk.md", "kharkiv.txt"])
        let reasons = Dictionary(uniqueKeysWithValues: listing.skipped.map { ($0.path, $0.reason) })
        #expect(reasons == [
            "photo.jpg": "not a .txt or .md file",
            ".DS_Store": "hidden file",
            ".git/": "hidden folder",
            "kharkiv.txt~": "editor backup",
            "#kursk.md#": "editor backup",
            ".kharkiv.txt.swp": "editor swap file",
            ".#kharkiv.txt": "editor lock file",
        ])
        #expect(listing.skipped.allSatisfy { $0.kind == .skipped })
    }

    @Test func readGivesTextIDAndSize() throws {
        let dir = TestFolder("read")
        dir.write("2024/kursk.md", bytes: [0xEF, 0xBB, 0xBF] + Array("\(kursk)\r\n".utf8))
        let file = try FolderLoader.read(relativePath: "2024/kursk.md", in: dir.path).get()
        #expect(file.id == "2024/kursk")
        #expect(file.path == "2024/kursk.md")
        #expect(file.text == kursk + "\n")
        #expect(file.byteCount == 3 + kursk.utf8.count + 2)
    }

    @Test func missingFolderAndFileInsteadOfFolderThrow() {
        let dir = TestFolder("missing")
        let file = dir.write("kharkiv.txt", zelensky)
        #expect(throws: FolderError.self) { try FolderLoader.listArticles(in: dir.full("nowhere")) }
        do {
            _ = try FolderLoader.listArticles(in: dir.full("nowhere"))
        } catch {
            #expect(error.description.hasPrefix("no such folder"))
        }
        do {
            _ = try FolderLoader.listArticles(in: file)
        } catch {
            #expect(error.description.hasPrefix("not a folder"))
        }
    }

    @Test func followsFileAndFolderSymlinks() throws {
        let dir = TestFolder("links")
        let elsewhere = TestFolder("elsewhere")
        elsewhere.write("wire/ap.txt", kursk)
        dir.write("own.txt", zelensky)
        dir.symlink("wire", to: elsewhere.full("wire"))
        dir.write("2024/11/kharkiv.txt", zelensky)
        dir.symlink("latest.txt", to: "2024/11/kharkiv.txt")
        dir.symlink("gone.txt", to: "nowhere.txt")
        elsewhere.write("reuters.md", kharkivUpdate)
        dir.symlink("feed.txt", to: elsewhere.full("wire/ap.txt"))
        dir.symlink("b-reuters.md", to: elsewhere.full("reuters.md"))
        dir.symlink("a-reuters.md", to: elsewhere.full("reuters.md"))
        let listing = try FolderLoader.listArticles(in: dir.path)
        #expect(listing.paths == ["2024/11/kharkiv.txt", "a-reuters.md", "own.txt", "wire/ap.txt"])
        #expect(listing.skipped == [
            LoadIssue(path: "b-reuters.md", kind: .skipped, reason: "same file as a-reuters.md"),
            LoadIssue(path: "feed.txt", kind: .skipped, reason: "same file as wire/ap.txt"),
            LoadIssue(path: "gone.txt", kind: .unreadable, reason: "broken symlink"),
            LoadIssue(path: "latest.txt", kind: .skipped, reason: "same file as 2024/11/kharkiv.txt"),
        ])
        #expect(try FolderLoader.read(relativePath: "wire/ap.txt", in: dir.path).get().text == kursk)
    }

    @Test func seedsLoad() throws {
        let corpus = try Corpus.load(folder: Seeds.folder)
        #expect(corpus.articles.map(\.id) == Seeds.names.map { FolderLoader.articleID($0) })
        #expect(corpus.report.issues.isEmpty)
    }
}
