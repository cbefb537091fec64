import Testing
@testable import FrontlineModel

@Suite("Speakers")
struct SpeakerTests {
    func claimant(_ text: String, in article: String? = nil) -> String? {
        let analyzed = Repo.article(article ?? text)
        return Repo.claim(analyzed, containing: String(text.prefix(40)))?.claimant
    }

    @Test func trailingAttribution() {
        #expect(claimant("Russia’s command and control in Ukraine is seeing a breakdown, U.K. intelligence said in a Thursday update.") == "UK Ministry of Defence")
    }

    @Test func accordingTo() {
        #expect(claimant("According to the presidential administration in Kyiv, at least four civilians were killed.") == "Office of the President of Ukraine")
        #expect(claimant("Ukraine has reportedly lost more than 40% of the territory it captured, according to a senior military official from Ukraine.") == "Ukrainian military official")
    }

    @Test func subjectWithTimeAndApposition() {
        #expect(claimant("Ukraine’s defense ministry on Thursday claimed to have destroyed over 2,000 tanks.") == "Ukrainian Ministry of Defence")
        #expect(claimant("The Kremlin’s spokesperson, Dmitry Peskov, stated on Monday that the operation continues.") == "Dmitry Peskov")
        #expect(claimant("Mason Clark of the US-based think tank Institute for the Study of War (ISW) told the BBC that it was a rout.") == "Mason Clark")
        #expect(claimant("On November 11, Ukraine’s armed forces chief stated that their struggling troops are facing elite reinforcements.") == "Oleksandr Syrskyi")
    }

    @Test func unknownNamesAreKeptAsWritten() {
        #expect(claimant("Defence Minister Rustem Umerov said the brigade had been withdrawn.") == "Rustem Umerov")
        #expect(claimant("Colonel Oleksandr Shtupun said the brigade had been withdrawn from the town.") == "Oleksandr Shtupun")
    }

    @Test func negatedAndPassiveVerbsAttributeNothing() {
        #expect(claimant("Moscow has not confirmed or denied the presence of North Korean troops in Kursk.") == nil)
        #expect(claimant("Russian troops are said to be chronically short on food.") == nil)
        #expect(claimant("Ukraine has also been bombarding the phones of Russian troops with text messages telling them to surrender.") == nil)
        #expect(claimant("Reuters has been unable to independently verify the numbers or claims provided.") == nil)
    }

    @Test func pronounsAndDefiniteDescriptionsResolve() {
        let article = """
        Ukraine’s military intelligence said that the general in charge of Russia’s western army group had been fired.

        It reported that Gen Roman Berdnikov had been replaced after less than three weeks in office.

        "The way Russian forces have withdrawn has varied," the U.K. defense ministry said in its briefing.

        The ministry said some equipment had been abandoned by Russian forces.
        """
        let analyzed = Repo.article(article)
        #expect(Repo.claim(analyzed, containing: "It reported")?.claimant == "Ukrainian military intelligence")
        #expect(Repo.claim(analyzed, containing: "The ministry said")?.claimant == "UK Ministry of Defence")
    }

    @Test func quotationKeepsItsSpeakerAcrossSentencesAndParagraphs() {
        let article = """
        “It’s too early to tell exactly where this is going. Russians maintain very significant forces in Ukraine. They continue to use it indiscriminately,” Blinken added.

        The official, who is part of Ukraine's General Staff, indicated that Russia has mobilized 59,000 troops.

        “Initially, we controlled around 1,376 square kilometers. The enemy is intensifying its counterattacks,” the official stated.

        “Currently, we maintain control over roughly 800 square kilometers.”

        The Kursk offensive marked the first ground invasion of Russia since World War II.
        """
        let analyzed = Repo.article(article)
        #expect(Repo.claim(analyzed, containing: "Russians maintain")?.claimant == "Antony Blinken")
        #expect(Repo.claim(analyzed, containing: "Initially, we controlled")?.claimant == "Ukrainian General Staff")
        #expect(Repo.claim(analyzed, containing: "Currently, we maintain")?.claimant == "Ukrainian General Staff")
        #expect(Repo.claim(analyzed, containing: "The Kursk offensive")?.claimant == nil)
    }

    @Test func headlineNamingItsSource() {
        let analyzed = Repo.article("Russian troops withdraw in 'panic' as command breaks down: UK intelligence\n\nBody sentence about the war goes here.")
        #expect(analyzed.claims.first?.claimant == "UK Ministry of Defence")
    }
}

@Suite("Hedges and claims")
struct HedgeAndClaimTests {
    @Test func hedgeWords() {
        let analyzed = Repo.article("""
        As many as 10,000 Russian troops may be cut off and surrounded in Izium.

        Some units retreated in good order, while others fled in apparent panic.

        Moscow has not confirmed or denied the presence of North Korean troops in Kursk.

        Earlier this month, President Joe Biden reportedly lifted his objections to the use of the missiles.

        The ceasefire talks began in May and ended without a deal.
        """)
        #expect(Repo.claim(analyzed, containing: "10,000")?.hedged == true)
        #expect(Repo.claim(analyzed, containing: "apparent panic")?.hedged == false)
        #expect(Repo.claim(analyzed, containing: "Moscow has not")?.hedged == false)
        #expect(Repo.claim(analyzed, containing: "reportedly")?.hedged == true)
        #expect(Repo.claim(analyzed, containing: "in May")?.hedged == false)
    }

    @Test func verificationDisclaimerHedgesTheClaimBefore() {
        let analyzed = Repo.article("""
        The Ukrainian General Staff estimates that Russia has approximately 575,000 soldiers engaged in the conflict.

        Russia does not publicly disclose its troop levels, and Reuters has been unable to independently verify these statistics.
        """)
        #expect(Repo.claim(analyzed, containing: "575,000")?.hedged == true)
    }

    @Test func questionsAsidesAndFragmentsAreNotClaims() {
        let analyzed = Repo.article("""
        So what caused this collapse of Russian resistance in the North around Kharkiv?

        We’re sure it’s a lot of things.

        Zelensky added

        Hopefully, Ukraine will have the decency to bury him.

        Ukraine has also been bombarding the cell phones of Russian troops with text messages.
        """)
        #expect(analyzed.claims.map(\.text) == ["Ukraine has also been bombarding the cell phones of Russian troops with text messages."])
    }

    @Test func titleCaseHeadlineIsATopicNotAClaim() {
        let analyzed = Repo.article("Russian Forces in a Panicked Retreat from Kharkiv\n\nThe Russian army got out of there so fast that they failed to destroy ammunition.")
        #expect(analyzed.claims.count == 1)
        #expect(analyzed.article.title == "Russian Forces in a Panicked Retreat from Kharkiv")
    }

    @Test func claimIdsSurviveEditsElsewhere() {
        let before = Repo.article("First claim about Kharkiv troops here.\n\nSecond claim about Izium tanks here.")
        let after = Repo.article("A new opening claim about Kursk arrives.\n\nFirst claim about Kharkiv troops here.\n\nSecond claim about Izium tanks here.")
        #expect(Set(before.claims.map(\.id)).isSubset(of: Set(after.claims.map(\.id))))
        #expect(ClaimIdentity.id(article: "a", sentence: "Some  text.") == ClaimIdentity.id(article: "a", sentence: "some text"))
    }
}
