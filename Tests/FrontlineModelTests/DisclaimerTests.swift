import Testing
@testable import FrontlineModel

/// "Reuters could not independently verify the claim" hedges the claim it refers to, and only that one.
@Suite("Verification disclaimers")
struct DisclaimerTests {
    private func hedged(_ analyzed: AnalyzedArticle, _ fragment: String) -> Bool? {
        Repo.claim(analyzed, containing: fragment)?.hedged
    }

    @Test func aDisclaimerHedgesItselfAndTheClaimJustBefore() {
        let analyzed = Repo.article("""
        Ukraine's air force said it shot down 25 of 30 Shahed drones overnight. Reuters could not independently verify the claim.
        """)
        #expect(hedged(analyzed, "25 of 30") == true)
        #expect(hedged(analyzed, "Reuters could not") == true)
    }

    /// Web copy gives every sentence a paragraph of its own (seed 003): a disclaimer that opens its
    /// paragraph refers to the last claim of the paragraph before.
    /// Passive forms of "confirm" as well as "verify": "The numbers could not be independently confirmed."
    @Test(arguments: ["The numbers could not be independently confirmed.", "The figures could not be confirmed.",
                      "These claims cannot be independently verified.", "The report has not been independently confirmed."])
    func passiveDisclaimersHedgeTheClaimBefore(_ disclaimer: String) {
        let analyzed = Repo.article("Ukraine's General Staff said 1,380 Russian soldiers were killed in the past day. " + disclaimer)
        #expect(hedged(analyzed, "1,380") == true)
    }

    @Test func aDisclaimerOnItsOwnParagraphHedgesTheLastClaimBefore() {
        let analyzed = Repo.article("""
        The Ukrainian General Staff estimates that Russia has approximately 575,000 soldiers engaged in the conflict.

        Reuters has been unable to independently verify these statistics.
        """)
        #expect(hedged(analyzed, "575,000") == true)
    }

    @Test func aDisclaimerInsideAParagraphStaysInIt() {
        let analyzed = Repo.article("""
        The General Staff said 1,380 Russian soldiers were killed in the past day.

        Governor Oleh Syniehubov said a glide bomb hit a school in Kharkiv. Reuters could not independently verify the report.
        """)
        #expect(hedged(analyzed, "1,380") == false)
        #expect(hedged(analyzed, "glide bomb") == true)
    }

    @Test func aDisclaimerThatCarriesItsOwnClaimHedgesOnlyThat() {
        let analyzed = Repo.article("""
        Ukraine's air force said it shot down 25 of 30 Shahed drones launched overnight.

        Russia's defence ministry said its forces had captured the village of Novoselivka, a claim Reuters could not independently verify.
        """)
        #expect(hedged(analyzed, "25 of 30") == false)
        #expect(hedged(analyzed, "Novoselivka") == true)
    }

    @Test func aDisclaimerFromTheOutletItselfStillReachesBack() {
        let analyzed = Repo.article("""
        Russia's defence ministry said its forces had captured the village of Novoselivka.

        However, Reuters said it could not independently verify the report.
        """)
        #expect(hedged(analyzed, "Novoselivka") == true)
    }

    @Test func anOutletNamedLikeASpeakerIsStillTheDisclaimersVoice() {
        let analyzed = Repo.article("""
        Ukrainian forces have retaken 190 square miles of territory, Russian military bloggers said.

        Global Conflict Report could not independently verify the figures.
        """)
        #expect(hedged(analyzed, "190 square miles") == true)
    }

    @Test func aDisclaimerNamingItsSourceHedgesThatSourcesClaim() {
        let analyzed = Repo.article("""
        Russia's defence ministry said its air defences destroyed 40 Ukrainian drones over Bryansk. Ukraine's air force said it had downed 25 of 30 Shahed drones overnight. Reuters could not independently verify the Russian defence ministry's figures.
        """)
        #expect(hedged(analyzed, "40 Ukrainian drones") == true)
        #expect(hedged(analyzed, "25 of 30") == false)
    }

    @Test func aDisclaimerNamingAnotherSourceLeavesTheClaimBeforeAlone() {
        let analyzed = Repo.article("""
        Ukraine's General Staff said 1,380 Russian soldiers were killed in the past day.

        Claims by Russia's defence ministry about Ukrainian losses could not be independently verified.
        """)
        #expect(hedged(analyzed, "1,380") == false)
        #expect(hedged(analyzed, "Claims by") == true)
    }

    /// "Ukraine's figures" are a side's, which any Ukrainian speaker may have given: no narrowing.
    @Test func aCountryNamesASideNotASource() {
        let analyzed = Repo.article("""
        Ukraine's General Staff said 1,380 Russian soldiers were killed in the past day.

        Reuters could not independently verify Ukraine's figures.
        """)
        #expect(hedged(analyzed, "1,380") == true)
    }

    @Test func aSourceNamedByAnAnaphorIsTheOneItPointsAt() {
        let analyzed = Repo.article("""
        Russia's defence ministry said its troops had taken Novoselivka. Ukraine's General Staff said 30 assaults were repelled near Pokrovsk. The ministry's claims could not be independently verified.
        """)
        #expect(hedged(analyzed, "Novoselivka") == true)
        #expect(hedged(analyzed, "30 assaults") == false)
    }

    @Test func theNearestClaimIsFoundPastSentencesThatAreNotClaims() {
        let analyzed = Repo.article("""
        The General Staff said 1,200 Russian soldiers were killed in a single day. Is that plausible? Reuters could not independently verify the figure.
        """)
        #expect(hedged(analyzed, "1,200") == true)
    }
}

@Suite("Hedges of possibility and unconfirmed reports")
struct PossibilityHedgeTests {
    func hedged(_ text: String) -> Bool? { Repo.claim(Repo.article(text), containing: String(text.prefix(30)))?.hedged }

    @Test func whatCouldHappenIsHedged() {
        #expect(hedged("The number of North Korean troops in the region could rise to 15,000 by winter.") == true)
        #expect(hedged("Russian forces could potentially advance toward Zaporizhzhia if the line breaks.") == true)
    }

    @Test func signsPossibilitiesAndBeliefsAreHedged() {
        #expect(hedged("Officials said there are signs that more troops are being prepared for deployment.") == true)
        #expect(hedged("Military sources do not rule out that the attack on the village is a distraction.") == true)
        #expect(hedged("We believe there will be more clashes near the border in the coming weeks.") == true)
    }

    @Test func reportsThatEmergedUnconfirmedAreHedged() {
        #expect(hedged("Reports have emerged of Ukrainian troops entering the town of Kupiansk.") == true)
        #expect(hedged("Russian sources claim that Russian forces have captured three villages near Vovchansk.") == true)
    }

    @Test func signsOfTroubleAreNotAHedge() {
        #expect(hedged("There are signs of trouble for Russia along its remaining positions in the east.") == false)
    }
}
