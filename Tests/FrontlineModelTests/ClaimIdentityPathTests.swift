import Foundation
import Testing
@testable import FrontlineModel

/// Issue 17: files of one name in two subfolders are two articles with their own claim ids.
@Suite struct ClaimIdentityPathTests {
    static func seedText(_ index: Int = 0) throws -> String {
        try String(contentsOfFile: (Seeds.folder as NSString).appendingPathComponent(Seeds.names[index]), encoding: .utf8)
    }

    @Test func sameNameInTwoSubfoldersGivesDistinctIds() throws {
        let folder = TestFolder("ids")
        let text = try Self.seedText()
        folder.write("reuters/kharkiv.txt", text)
        folder.write("ap/kharkiv.txt", text)
        let corpus = try Corpus.load(folder: folder.path)
        #expect(corpus.articles.map(\.id).sorted() == ["ap/kharkiv", "reuters/kharkiv"])
        let ids = corpus.claims.map(\.id)
        #expect(ids.count > 0 && ids.count % 2 == 0)
        #expect(Set(ids).count == ids.count, "claim ids collide")
        #expect(ids.allSatisfy { $0.hasPrefix("ap/kharkiv#") || $0.hasPrefix("reuters/kharkiv#") })
    }

    @Test func aFileAtTheTopKeepsItsId() throws {
        let folder = TestFolder("ids")
        let text = try Self.seedText()
        folder.write("kharkiv.txt", text)
        let corpus = try Corpus.load(folder: folder.path)
        let expected = ClaimIdentity.id(article: "kharkiv", sentence: corpus.claims[0].text)
        #expect(corpus.claims[0].id == expected)
        #expect(corpus.claims.allSatisfy { $0.id.hasPrefix("kharkiv#") })
    }

    @Test func marksUnderOldIdsFollowTheirArticleIntoASubfolder() throws {
        let folder = TestFolder("ids")
        let text = try Self.seedText()
        folder.write("2024/kharkiv.txt", text)
        folder.write("top.txt", try Self.seedText(1))
        folder.write("a/twice.txt", try Self.seedText(2))
        folder.write("b/twice.txt", try Self.seedText(2))
        let corpus = try Corpus.load(folder: folder.path)
        let moved = try #require(corpus.claims.first { $0.article == "2024/kharkiv" })
        let top = try #require(corpus.claims.first { $0.article == "top" })
        let twice = try #require(corpus.claims.first { $0.article == "a/twice" })
        func mark(_ id: String) -> ReviewMark {
            ReviewMark(claimID: id, kind: .confirmed, note: nil, user: "olena", updatedAt: Date(timeIntervalSince1970: 0))
        }
        let oldMoved = "kharkiv" + moved.id.dropFirst("2024/kharkiv".count)
        let oldTwice = "twice" + twice.id.dropFirst("a/twice".count)
        let marks = [oldMoved: mark(oldMoved), top.id: mark(top.id), oldTwice: mark(oldTwice), "gone#1234": mark("gone#1234")]
        let renames = ReviewMark.legacyRenames(marks: marks, articles: corpus.articles, claims: corpus.claims)
        // Only the unambiguous move: the top file kept its id, the name in two folders stays orphaned.
        #expect(renames == [oldMoved: moved.id])
        let applied = ReviewMark.applying(renames, to: marks)
        #expect(applied[moved.id]?.claimID == moved.id)
        #expect(applied[oldMoved] == nil)
        #expect(applied[top.id] != nil && applied[oldTwice] != nil && applied.count == marks.count)
        // A mark already under the new id wins.
        var both = marks
        both[moved.id] = mark(moved.id)
        #expect(ReviewMark.legacyRenames(marks: both, articles: corpus.articles, claims: corpus.claims).isEmpty)
    }
}
