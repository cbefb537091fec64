import Testing
@testable import FrontlineModel

@Suite("Fronts of claims")
struct FrontAssignmentTests {
    @Test func sentencesWithoutPlacesContinueTheStorysFront() {
        let analyzed = Repo.article("""
        Ukraine has made significant advances in the northern region of Kharkiv, including Izium.

        Western defense officials said some Russian forces have been forced to retreat across their own borders.

        U.K. defense officials noted Kyiv had crushed part of an elite tank army allocated for the defense of Moscow.
        """)
        #expect(analyzed.claims.map(\.fronts) == [["Kharkiv"], ["Kharkiv"], ["Kharkiv"]])
    }

    @Test func warWideClaimsTakeNoFront() {
        let analyzed = Repo.article("""
        Russian troops retreated from Izium and Kupiansk this week.

        Ukraine's defense ministry claimed to have destroyed over 2,000 tanks since the beginning of the war.

        Currently, Russia occupies about one-fifth of Ukraine.
        """)
        #expect(Repo.claim(analyzed, containing: "2,000 tanks")?.fronts == [])
        #expect(Repo.claim(analyzed, containing: "one-fifth")?.fronts == [])
    }

    @Test func inAStoryOfSeveralFrontsOtherPlacesEndTheThread() {
        let analyzed = Repo.article("""
        Ukraine has lost more than 40% of the territory it captured in Russia's Kursk region.

        According to the General Staff, the Kurakhove area is the most critical threat, with Russian troops advancing 200-300 metres per day.

        They have penetrated certain regions with armored vehicles.

        As Ukraine confronts a larger adversary, it has focused on disrupting Russian logistics deep within Russian territory.

        On Thursday, Russia fired a new ballistic missile into the Ukrainian city of Dnipro.
        """)
        #expect(Repo.claim(analyzed, containing: "40%")?.fronts == ["Kursk"])
        #expect(Repo.claim(analyzed, containing: "penetrated")?.fronts == ["Kurakhove"])
        #expect(Repo.claim(analyzed, containing: "As Ukraine confronts")?.fronts == [])
        #expect(Repo.claim(analyzed, containing: "Dnipro")?.fronts == [])
    }

    @Test func aDistrictNameDoesNotPullInItsNamesakeElsewhere() {
        let analyzed = Repo.article("Kharkiv Mayor Ihor Terekhov said a drone hit a residential building in the city's Kyivskyi district, injuring five people.")
        #expect(analyzed.claims.first?.fronts == ["Kharkiv"])
    }

    @Test func eachPlaceIsListedOnce() {
        let analyzed = Repo.article("Russia said Ukraine attacked Russia near Kupiansk and Kupiansk again.")
        #expect(analyzed.claims.first?.places == ["Russia", "Ukraine", "Kupiansk"])
    }
}

@Suite("Front rules for other outlets")
struct FrontGeneralisationTests {
    func fronts(_ text: String, _ fragment: String) -> [String]? {
        Repo.claim(Repo.article(text), containing: fragment)?.fronts
    }

    @Test func aDirectionDoesNotOutweighANamedPlaceOfAnotherFront() {
        #expect(fronts("Russia has pulled its troops out of Balakliia to reinforce the Donetsk direction, the ministry said.", "Balakliia") == ["Kharkiv"])
        #expect(fronts("Heavy fighting continues in the Pokrovsk direction, the General Staff said.", "Pokrovsk") == ["Kurakhove"])
    }

    @Test func theKurakhoveFrontIsItsSectorNotAllOfDonetskOblast() {
        #expect(fronts("Ukrainian forces are advancing east of Lyman, the General Staff said.", "Lyman") == [])
        #expect(fronts("Russian forces entered Vuhledar after weeks of assaults.", "Vuhledar") == ["Kurakhove"])
    }

    @Test func aNationwideStoryNamingOneFrontsTownDoesNotGiveItToEverySentence() {
        let article = """
        Russia launched a massive missile attack on Ukraine overnight.

        Power outages were reported in the town of Pokrovsk.

        Explosions were heard in Kyiv, Lviv and Odesa as air defences worked.

        In Mykolaiv, a drone strike killed two people.

        About 120 missiles and 90 drones were launched, the air force said.
        """
        #expect(fronts(article, "120 missiles") == [])
    }

    @Test func aNationwideTallyTakesNoFront() {
        let article = "Russian forces pressed on toward Pokrovsk in November. In total, the total Russian gains in Ukraine were 3,500 square kilometers this year."
        #expect(fronts(article, "3,500") == [])
    }
}
