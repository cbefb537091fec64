import Testing
import FrontlineModel
@testable import FrontlineTUI

@Suite struct SearchIndexTests {
    @Test func indexFindsWhatThePerClaimScanFinds() throws {
        let corpus = try Corpus.load(folder: Fixture.seedsFolder)
        let index = SearchIndex(claims: corpus.claims)
        for query in ["kharkiv", "59,000", "u.k.", "e", "zzqx", "general staff", "“", "said."] {
            let needle = Array(query.lowercased().utf8)
            let expected = corpus.claims.map { TextSearch.contains(TextSearch.folded($0.text, for: needle), needle) }
            #expect(index.matches(needle) == expected, "\(query)")
        }
    }

    @Test func aMatchNeverSpansTwoClaims() {
        func claim(_ text: String) -> Claim {
            Claim(id: text, article: "a", ordinal: 0, text: text, range: 0..<0, claimant: nil, fronts: [],
                  quantities: [], hedged: false, places: [])
        }
        let index = SearchIndex(claims: [claim("ends with Kharki"), claim("v begins here")])
        #expect(index.matches(Array("kharkiv".utf8)) == [false, false])
        #expect(index.matches(Array("here".utf8)) == [false, true])
    }
}
