import Foundation
import Testing
@testable import FrontlineModel

/// How a claimant is recognised: one test per rule, on sentences written for the rule.
@Suite("Attribution rules")
struct AttributionRuleTests {
    func claimants(_ article: String) -> [String: String?] {
        let analyzed = Repo.article(article)
        return Dictionary(analyzed.claims.map { ($0.text, $0.claimant) }, uniquingKeysWith: { a, _ in a })
    }

    func claimant(_ text: String, in article: String) -> String? {
        Repo.claim(Repo.article(article), containing: text)?.claimant
    }

    @Test func aPersonNamedInAnInstitutionsRowIsThePerson() {
        #expect(claimant("brigade", in: "Defence Minister Rustem Umerov said the brigade had been withdrawn from the town.") == "Rustem Umerov")
        #expect(claimant("reserves", in: "Pentagon spokesman Pat Ryder said Russia was moving reserves to the border.") == "Pat Ryder")
    }

    @Test func theNameBeforeAnAppositiveIsTheSubject() {
        #expect(claimant("bridge", in: "Petro Ivanenko, the acting head of the Sumy Regional Administration, confirmed that the bridge was hit.") == "Petro Ivanenko")
        #expect(claimant("lines", in: "Marta Kovalchuk, an adviser to the mayor of Kharkiv, has also reported that the lines held overnight.") == "Marta Kovalchuk")
    }

    @Test func aPlaceIsNeverAClaimant() {
        let text = "Taras Melnyk, deputy head of the occupied parts of Donetsk Oblast, wrote that the troops had left."
        #expect(claimant("troops had left", in: text) == "Taras Melnyk")
        #expect(claimant("shelling", in: "Kharkiv Regional officials said the shelling went on all night.") != "Kharkiv Regional")
    }

    @Test func aBodyOrTitleFollowedByANameMeansTheName() {
        #expect(claimant("evacuation", in: "Ukrainian police officer Ivan Hnatenko said the evacuation of the town was underway.") == "Ivan Hnatenko")
    }

    @Test func aLoneSurnameIsThePersonNamedInFullBefore() {
        let article = """
        Senior lawmaker Park Min-jun said the losses were heavy among the new units.

        Park said the units had no experience with drones.

        "We expect more deployments soon," said Park on his page.
        """
        let found = claimants(article)
        #expect(found.first { $0.key.hasPrefix("Park said") }?.value == "Park Min-jun")
        #expect(found.first { $0.key.contains("more deployments") }?.value == "Park Min-jun")
    }

    @Test func aLoneCapitalisedWordThatNamesNoOneIsNoSpeaker() {
        #expect(claimant("prosecutors", in: "Local prosecutors said four civilians had been killed in the shelling.") != nil)
        #expect(claimant("prosecutors", in: "Local prosecutors said four civilians had been killed in the shelling.") != "Local")
    }

    @Test func thePassiveAgentIsTheSpeaker() {
        #expect(claimant("confirmed", in: "The withdrawal was later confirmed by Denis Pushilin on his Telegram channel.") == "Denis Pushilin")
        #expect(claimant("casualty", in: "Another casualty was reported in Odesa by Oleh Kiper, the regional governor.") == "Oleh Kiper")
    }

    @Test func aRelayPassesTheClaimToTheSourceItCites() {
        #expect(claimant("positions", in: "Ukrainian units widened their positions near the river, Ukrinform reports, citing the General Staff.") == "Ukrainian General Staff")
        #expect(claimant("regrouped", in: "Russia has regrouped its troops near Izium, TASS quoted Russia's defence ministry as saying.") == "Russian Ministry of Defence")
    }

    @Test func aSentenceThatNamesTheSourceOfWhatCameBeforeGivesItToThoseClaims() {
        let article = """
        Ukrainian forces are widening their bridgehead on the east bank of the Oskil River. The Russian grouping near Lyman may be encircled. This is stated in the latest report of the Institute for the Study of War.

        The Russian units near Kupiansk lack reserves.

        This is reported by Ukrinform with reference to data from the Institute for the Study of War.
        """
        let found = claimants(article)
        #expect(found.first { $0.key.hasPrefix("Ukrainian forces are widening") }?.value == "Institute for the Study of War")
        #expect(found.first { $0.key.hasPrefix("The Russian grouping") }?.value == "Institute for the Study of War")
        #expect(found.first { $0.key.hasPrefix("The Russian units near Kupiansk") }?.value == "Institute for the Study of War")
    }

    @Test func aGenericSourceAtANamedBodyIsTheBody() {
        #expect(claimant("gains", in: "Analysts at the Institute for the Study of War said the gains were modest.") == "Institute for the Study of War")
        #expect(claimant("flags", in: "Analysts from the monitoring project DeepState noted that flags were raised over the town.") == "DeepState")
    }

    @Test func aCountryAfterAGenericSourceSaysWhereNotWho() {
        #expect(claimant("settlements", in: "Regional authorities in Russia acknowledged that 28 settlements were lost.") != "Moscow")
    }

    @Test func aSourceDescribedByItsKindIsNamedEvenWhenUnknown() {
        #expect(claimant("bridges", in: "According to the news outlet Zaria, there are three bridges over the river.") == "Zaria")
    }

    @Test func singleCurlyQuotesQuote() {
        let text = "‘Thousands of Russian troops are cut off from supplies. Our forces continue to advance along the front’, Zelenskiy says."
        let found = claimants(text)
        #expect(found.first { $0.key.hasPrefix("‘Thousands") }?.value == "Volodymyr Zelenskyy")
        #expect(found.first { $0.key.hasPrefix("Our forces") }?.value == "Volodymyr Zelenskyy")
    }

    @Test func aQuotationOverParagraphsBelongsToTheSpeakerNamedAtItsEnd() {
        let article = """
        “The enemy has lost more than 200 vehicles near the town. The assaults have not stopped.

        “Our units are holding the line,” the Ukrainian General Staff said.
        """
        let found = claimants(article)
        #expect(found.first { $0.key.contains("200 vehicles") }?.value == "Ukrainian General Staff")
    }

    @Test func everyCanonicalSpeakerHasASide() {
        let table = SpeakerTable.shared
        #expect(table.side(of: "Volodymyr Zelenskyy") == .ukrainian)
        #expect(table.side(of: "Russian Ministry of Defence") == .russian)
        #expect(table.side(of: "UK Ministry of Defence") == .western)
        #expect(table.side(of: "Institute for the Study of War") == .monitor)
        #expect(table.side(of: "Someone Unknown") == .other)
        #expect(table.speakers.allSatisfy { SpeakerSide.allCases.contains($0.side) })
    }

    @Test func theJSONExportCarriesEachClaimantsSide() throws {
        let corpus = try Corpus.load(folder: Repo.seeds)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Exporter.json(corpus).utf8)) as? [String: Any])
        let claims = try #require(json["claims"] as? [[String: Any]])
        let attributed = claims.filter { $0["claimant"] is String }
        #expect(!attributed.isEmpty)
        for claim in attributed {
            #expect(claim["claimant_side"] as? String == SpeakerTable.shared.side(of: claim["claimant"] as! String).rawValue)
        }
        #expect(attributed.contains { $0["claimant_side"] as? String == "ukrainian" })
        #expect(claims.filter { $0["claimant"] is NSNull }.allSatisfy { $0["claimant_side"] == nil })
    }
}

/// How the publisher is found when no banner or byline names it: its own words about itself.
@Suite("Outlets named in the text")
struct SelfReferenceOutletTests {
    func outlet(_ text: String) -> String? { Repo.article(text).article.outlet }

    @Test func thisIsReportedByNamesThePublisher() {
        #expect(outlet("Troops advance near the river\n\nUkrainian units advanced near Kupiansk.\n\nThis is reported by Zaxid.net with reference to the General Staff.") == "Zaxid.net")
    }

    @Test func asWeEarlierReportedNamesThePublisher() {
        #expect(outlet("Shelling in Kharkiv\n\nAs Ukrinform earlier reported, shelling went on all night in Kharkiv.") == "Ukrinform")
        #expect(outlet("Shelling in Kharkiv\n\nAs Kharkiv Today previously reported, shelling went on all night.") == "Kharkiv Today")
    }

    @Test func aSyndicationDisclaimerNamesThePublisher() {
        #expect(outlet("Drone attack\n\nDrones hit Kyiv overnight.\n\nThis story has been sourced from a syndicated feed. Daily Courier accepts no responsibility for its reliability.") == "Daily Courier")
    }

    @Test func aSourceLinkOnItsOwnLineNamesThePublisher() {
        #expect(outlet("Town liberated\n\nhttps://www.tass.com/world/1234567\n\nThe town was liberated, the ministry said.") == "TASS")
        #expect(outlet("Town liberated\n\nhttps://example.org/news/1\n\nThe town was liberated, the ministry said.") == nil)
    }

    @Test func aMastheadLineNamesThePublisher() {
        #expect(outlet("Espreso. Global\n\nFirst clash with North Korean troops\n\nUkrainian forces fought North Korean troops in Kursk.") == "Espreso Global")
    }

    @Test func aPersonOrBodyReportingIsNotThePublisher() {
        #expect(outlet("Clashes\n\nThis is reported by General Staff of Ukraine with reference to the front.") == nil)
        #expect(outlet("Clashes\n\nAs Zelensky earlier reported, the clashes went on.") == nil)
    }
}

/// Page furniture of more sites, by its words (Data/furniture.tsv) and by its shape (LineShape).
@Suite("Furniture of other sites")
struct FurnitureShapeTests {
    func claimTexts(_ text: String) -> [String] { Repo.article(text).claims.map(\.text) }
    let body = "Russian forces withdrew from the town of Izium on Saturday, the ministry said."

    @Test func photoCreditsAndAudioPlayersAreFurniture() {
        let texts = claimTexts("Izium retaken\n\n(Ivan Petrenko/Anadolu Agency via Getty Images)\n\nThis audio is created with AI assistance\n\n\(body)")
        #expect(texts == [body])
    }

    @Test func aTimestampOrPhoneNumberAloneOnItsLineIsFurniture() {
        #expect(claimTexts("Izium retaken\n\n10 Sep, 2022 13:18\n\n5 November, 2024 Tuesday\n\n+49 40 593 61 953\n\n\(body)") == [body])
    }

    @Test func templateMarkersAddressesAndTagLinesAreFurniture() {
        #expect(claimTexts("Izium retaken\n\nclient/title.list_title\n\nhttps://example.org/news/1\n\nrussia ukraine moscow world news\n\n\(body)") == [body])
    }

    @Test func theHeadlineRepeatedInTheBodyIsFurniture() {
        let title = "Russian troops leave Izium as Ukraine advances"
        #expect(claimTexts("\(title)\n\n\(title)\n\n\(body)").filter { $0 == title }.count == 1)
    }

    @Test func aRunOfCutOffLinkHeadlinesIsFurniture() {
        let links = "Orthodox protesters rally in New York against the gov\n\nForces conduct the largest counter-drone exercise in the reg\n\nThree police officers killed in an attack on a stat"
        #expect(claimTexts("Izium retaken\n\n\(body)\n\n\(links)") == [body])
    }

    @Test func aSubheadingAloneIsNotALinkList() {
        let text = "Izium retaken\n\n\(body)\n\nUkrainian forces push on toward Lyman\n\nThe ministry said the push toward Lyman had begun on Sunday."
        #expect(claimTexts(text).count == 3)
    }
}

@Suite("Attribution rules, continued")
struct AttributionRuleTests2 {
    func claimant(_ text: String, in article: String) -> String? {
        Repo.claim(Repo.article(article), containing: text)?.claimant
    }

    @Test func aCommonWordIsNeverAnOutletsName() {
        #expect(claimant("records", in: "According to the independent news outlet Zaria, Russian troops set new records near the town.") == "Zaria")
    }

    @Test func aPossessorBeforeTheSourceIsNotTheSource() {
        #expect(claimant("powerful", in: "The attack was the most powerful in months, according to the head of Kyiv's City Military Administration Petro Holub.") == "Petro Holub")
    }

    @Test func aParticipleWithItsAgentNamesTheAgent() {
        #expect(claimant("largest", in: "Russia launched a drone attack on Ukraine, described by officials as the largest in months.") == "Unnamed officials")
    }

    @Test func anAppositiveClauseWithAnAdverbBeforeTheVerb() {
        #expect(claimant("advancing", in: "Vladimir Putin, who replaced the defence minister in May, has repeatedly said that his forces are advancing.") == "Vladimir Putin")
    }

    @Test func genericAnalystsJustAfterANamedMonitorAreTheMonitor() {
        let article = "The monitoring project DeepState wrote about the capture of the town. At the time, analysts noted that flags had been raised all over the town."
        #expect(claimant("flags", in: article) == "DeepState")
        #expect(claimant("flags", in: "At the time, analysts noted that flags had been raised all over the town.") == "Analysts")
    }
}

@Suite("Role anaphors")
struct RoleAnaphorTests {
    @Test func theRegionsGovernorIsThePersonLastNamedGovernor() {
        let article = """
        Petro Ivanenko, the acting governor of the region, said that 28 villages were under attack. Volodymyr Zelensky said the operation went on.

        The region's governor said 121,000 people had been evacuated from their homes.
        """
        #expect(Repo.claim(Repo.article(article), containing: "121,000")?.claimant == "Petro Ivanenko")
    }

    @Test func aTablePersonsAliasesGiveTheirOffice() {
        let article = """
        Oleh Syniehubov said the shelling of the city went on overnight. Zelensky said reserves were on their way.

        The regional governor said four people had been wounded.
        """
        #expect(Repo.claim(Repo.article(article), containing: "four people")?.claimant == "Oleh Syniehubov")
    }

    @Test func aRoleThatNamesNoOneNamedIsNoOne() {
        #expect(Repo.claim(Repo.article("The local governor reported that 28 villages had fallen."), containing: "28 villages")?.claimant == nil)
    }
}

@Suite("Attribution verbs in every form")
struct AttributionVerbFormTests {
    @Test func thePlainFormOfAVerbAttributesLikeItsOtherForms() {
        let table = SpeakerTable.shared
        for verb in ["suggest", "assert", "insist", "explain", "write", "add"] {
            #expect(table.verbs.contains(Tokenizer.hash(verb)), "\(verb)")
        }
        #expect(Repo.claim(Repo.article("Russian war bloggers suggest that Russian forces could advance toward Zaporizhzhia."), containing: "bloggers")?.claimant == "Russian military bloggers")
    }
}
