import Glibc
import Testing
@testable import FrontlineModel

/// A corpus of 100,000 articles holds millions of claims: they must not copy what the article already has.
@Suite("Claims share their article's storage")
struct ClaimStorageTests {
    static let text = """
        Russian forces captured 120 square kilometres near Kupiansk, the General Staff said.
        Officials said  the   line held.
        Russian forces captured 120 square kilometres near Kupiansk, the General Staff said.
        """

    static func base(_ s: Substring) -> UnsafePointer<UInt8>? {
        s.base.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
    }

    @Test func aSentenceThatNeedsNoFoldingIsASliceOfTheArticle() throws {
        let analyzed = Repo.article(Self.text, id: "slices")
        let first = try #require(analyzed.claims.first)
        var articleText = analyzed.article.text
        let articleBase = articleText.withUTF8 { $0.baseAddress }
        #expect(Self.base(first.sentence) == articleBase)
        #expect(first.text == "Russian forces captured 120 square kilometres near Kupiansk, the General Staff said.")
        // The text the range names is the claim's text.
        let bytes = Array(analyzed.article.text.utf8[analyzed.article.text.utf8.index(analyzed.article.text.utf8.startIndex, offsetBy: first.range.lowerBound)...].prefix(first.range.count))
        #expect(String(decoding: bytes, as: UTF8.self) == first.text)
    }

    @Test func aSentenceWithRunsOfSpacesGetsItsOwnFoldedText() throws {
        let analyzed = Repo.article(Self.text, id: "folded")
        let folded = try #require(Repo.claim(analyzed, containing: "the line held"))
        #expect(folded.text == "Officials said the line held.")
    }

    @Test func idsFollowTheArticleTheSentenceAndItsRepeats() throws {
        let analyzed = Repo.article(Self.text, id: "repeats")
        let ids = analyzed.claims.map(\.id)
        #expect(ids.count == 3)
        #expect(Set(ids).count == 3)
        let hash = ClaimIdentity.id(article: "repeats", sentence: analyzed.claims[0].text)
        #expect(ids[0] == hash)
        #expect(ids[2] == hash + "-2")
        #expect(ids[0].hasPrefix("repeats#") && ids[0].count == "repeats#".count + 16)
    }

    @Test func aClaimMadeByHandKeepsTheIdItWasGiven() {
        let claim = Claim(id: "by-hand", article: "a", ordinal: 0, text: "Twelve tanks were lost.", range: 0..<23,
                          claimant: nil, fronts: [], quantities: [], hedged: false, places: [])
        #expect(claim.id == "by-hand")
        #expect(claim.text == "Twelve tanks were lost.")
    }
    /// 3.4 million claims at 100,000 articles: a claim's object must stay in malloc's 128-byte chunks.
    @Test func aClaimTakesOneSmallChunkAndSharesItsArticle() throws {
        let analyzed = Repo.article(Self.text, id: "sizes")
        let claims = analyzed.claims
        try #require(claims.count >= 2)
        let object = Unmanaged.passUnretained(claims[0].storage).toOpaque()
        // <malloc.h> is not in the Glibc module.
        typealias UsableSize = @convention(c) (UnsafeMutableRawPointer?) -> Int
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_usable_size"))
        let usableSize = unsafeBitCast(symbol, to: UsableSize.self)
        #expect(usableSize(object) <= 120)
        #expect(claims[0].storage.origin === claims[1].storage.origin)
    }

    @Test func fieldsPackedTogetherStayApart() {
        var claim = Claim(id: "a#1", article: "a", ordinal: 3, text: "Forty tanks were destroyed.", range: 10..<37,
                          claimant: nil, fronts: ["Kursk"], quantities: [], hedged: true, places: [])
        #expect(claim.hedged && claim.range == 10..<37 && claim.ordinal == 3 && claim.id == "a#1")
        var copy = claim
        copy.hedged = false
        copy.article = "b"
        #expect(claim.hedged && claim.article == "a" && claim.id == "a#1")
        #expect(!copy.hedged && copy.article == "b" && copy.id == "a#1" && copy.range == 10..<37)
        claim.range = 0..<5
        #expect(claim.range == 0..<5 && claim.hedged)
    }
    @Test func claimsNamingTheSamePlacesShareOneList() throws {
        let analyzed = Repo.article("""
            Russian forces attacked near Kupiansk 14 times, the General Staff said.
            Ukrainian troops repelled 9 assaults near Kupiansk on Tuesday.
            Russian forces shelled Vovchansk 30 times overnight, the governor said.
            """, id: "places")
        let claims = analyzed.claims.filter { !$0.places.isEmpty }
        try #require(claims.count == 3)
        #expect(claims[0].places == claims[1].places && claims[0].places != claims[2].places)
        let first = claims[0].places.withUnsafeBufferPointer { $0.baseAddress }
        let second = claims[1].places.withUnsafeBufferPointer { $0.baseAddress }
        #expect(first == second)
    }
}
