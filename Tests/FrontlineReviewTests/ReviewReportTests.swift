import Foundation
import FrontlineModel
import FrontlineReview
import Testing

@Suite struct ReviewReportMarkdown {
    static func claim(_ id: String, _ article: String, _ ordinal: Int, _ text: String,
                      claimant: String?, fronts: [String]) -> Claim {
        Claim(id: id, article: article, ordinal: ordinal, text: text, range: 0..<text.utf8.count,
              claimant: claimant, fronts: fronts, quantities: [], hedged: false, places: [])
    }

    static let corpus: Corpus = {
        let kharkiv = "000_77f9a711cfe1bc4a", kursk = "003_e83ac6d7027f8205"
        let claims = [
            claim(Claims.kharkivTowns, kharkiv, 0,
                  "Ukraine has made some significant advancements in the northern region of Kharkiv since first launching a long-awaited major counter-offensive earlier this month, and according to Ukrainian President Volodymyr Zelenskyy, some 400 towns and cities have been \"liberated,\" including strategically important positions like Izium.",
                  claimant: "Volodymyr Zelenskyy", fronts: ["Kharkiv"]),
            claim(Claims.kharkivDeoccupied, kharkiv, 1,
                  "\"Almost the entire region is de-occupied,\" he said in an address Thursday morning.",
                  claimant: "Volodymyr Zelenskyy", fronts: ["Kharkiv"]),
            claim(Claims.kurskLost, kursk, 0,
                  "Ukraine has reportedly lost more than 40% of the territory it quickly captured in Russia‘s Kursk region during a surprise incursion in August, as Russian forces have launched multiple counter-offensives, according to a senior military official from Ukraine.",
                  claimant: "senior military official from Ukraine", fronts: ["Kursk"]),
            claim(Claims.kurskTroops, kursk, 1,
                  "The official, who is part of Ukraine‘s General Staff, indicated that Russia has mobilized approximately 59,000 troops to the Kursk area since Ukrainian forces executed their rapid advance, which took Moscow by surprise two and a half years into its full-scale invasion of Ukraine.",
                  claimant: "Ukraine's General Staff", fronts: ["Kursk"]),
            claim(Claims.kurskKorea, kursk, 2,
                  "The Kursk offensive marked the first ground invasion of Russia by a foreign entity since World War II, catching Moscow off guard.",
                  claimant: nil, fronts: []),
        ]
        let articles = [
            Article(id: kharkiv, path: kharkiv + ".txt",
                    title: "Russia in Ukraine sees breakdown in command and control as troops withdraw in 'panic': UK intelligence",
                    outlet: nil, text: "", blocks: []),
            Article(id: kursk, path: kursk + ".txt", title: nil, outlet: nil, text: "", blocks: []),
        ]
        let fronts = FrontTable(definitions: [
            FrontDefinition(name: "Kharkiv", regions: ["Kharkiv Oblast"], latitude: 49.99, longitude: 36.23, radiusKm: 150),
            FrontDefinition(name: "Kursk", regions: ["Kursk Oblast"], latitude: 51.73, longitude: 36.19, radiusKm: 120),
            FrontDefinition(name: "Kurakhove", regions: ["Donetsk Oblast"], latitude: 47.98, longitude: 37.28, radiusKm: 40),
        ])
        return Corpus(folder: "/srv/articles", fronts: fronts, articles: articles, claims: claims,
                      comparisons: [], report: LoadReport(loaded: 2))
    }()

    static let marks: [String: ReviewMark] = [
        Claims.kharkivTowns: ReviewMark(claimID: Claims.kharkivTowns, kind: .needsCheck,
                                        note: "400 is Zelenskyy's own count;\ncompare with ISW", user: "olena", updatedAt: at(0)),
        Claims.kurskLost: ReviewMark(claimID: Claims.kurskLost, kind: .disputed, note: nil, user: "mykola", updatedAt: at(3600)),
        Claims.kurskTroops: ReviewMark(claimID: Claims.kurskTroops, kind: nil, note: "same figure as Reuters, *unnamed* source",
                                       user: "olena", updatedAt: at(7200)),
        "004_withdrawn#0a1b2c3d": ReviewMark(claimID: "004_withdrawn#0a1b2c3d", kind: .flagged, note: "article pulled",
                                             user: "mykola", updatedAt: at(60)),
    ]

    @Test func reportListsEachFrontsMarksThenOrphans() {
        let report = ReviewReport.markdown(corpus: Self.corpus, marks: Self.marks)
        let expected = """
            # Review report

            Folder: `/srv/articles`. Reviewed 3 of 5 claims; 1 mark on claims no longer found.

            ## Kharkiv

            Reviewed 1 of 2 claims: 1 needs-check.

            - **needs-check**: Ukraine has made some significant advancements in the northern region of Kharkiv since first launching a long-awaited major counter-offensive earlier this month, and according to Ukrainian President Volodymyr Zelenskyy, some 400 towns and cities have been "liberated," including strategically important positions like Izium.
              - Claimant: Volodymyr Zelenskyy; article: Russia in Ukraine sees breakdown in command and control as troops withdraw in 'panic': UK intelligence
              - Note: 400 is Zelenskyy's own count; / compare with ISW
              - By olena, 2025-11-21 04:40 UTC

            ## Kursk

            Reviewed 2 of 2 claims: 1 disputed, 1 note only.

            - **disputed**: Ukraine has reportedly lost more than 40% of the territory it quickly captured in Russia‘s Kursk region during a surprise incursion in August, as Russian forces have launched multiple counter-offensives, according to a senior military official from Ukraine.
              - Claimant: senior military official from Ukraine; article: `003_e83ac6d7027f8205`
              - By mykola, 2025-11-21 05:40 UTC
            - **note**: The official, who is part of Ukraine‘s General Staff, indicated that Russia has mobilized approximately 59,000 troops to the Kursk area since Ukrainian forces executed their rapid advance, which took Moscow by surprise two and a half years into its full-scale invasion of Ukraine.
              - Claimant: Ukraine's General Staff; article: `003_e83ac6d7027f8205`
              - Note: same figure as Reuters, \\*unnamed\\* source
              - By olena, 2025-11-21 06:40 UTC

            ## Kurakhove

            No claims.

            ## No front

            Reviewed 0 of 1 claim.

            ## Marks on claims no longer found

            Their article was removed or the sentence changed; the marks are kept.

            - **flagged**: claim `004_withdrawn#0a1b2c3d`
              - Note: article pulled
              - By mykola, 2025-11-21 04:41 UTC

            """
        #expect(report == expected)
    }

    @Test func reportWithoutMarksStillCountsClaims() {
        let report = ReviewReport.markdown(corpus: Self.corpus, marks: [:])
        #expect(report.contains("Reviewed 0 of 5 claims.\n"))
        #expect(report.contains("## Kursk\n\nReviewed 0 of 2 claims.\n"))
        #expect(!report.contains("no longer found"))
    }
}
