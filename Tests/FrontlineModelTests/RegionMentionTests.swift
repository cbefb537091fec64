import Testing
@testable import FrontlineModel

/// An oblast named as a whole ("Donetsk Oblast", "the Donetsk region") is not one front's sector.
@Suite("Oblast-level mentions and fronts")
struct RegionMentionTests {
    private func fronts(_ text: String, _ table: FrontTable = .standard) -> [[String]] {
        Extractor.analyze(SourceFile(path: "t.txt", id: "t", text: text, byteCount: text.utf8.count), fronts: table)
            .claims.map(\.fronts)
    }

    @Test(arguments: [
        "However, Russian troops continue to make steady progress in the eastern Donetsk region of Ukraine.",
        "Russian shelling killed three civilians in Donetsk Oblast on Tuesday, the regional governor said.",
        "Fighting raged across the Donetsk oblast as Russian units pressed their offensive, the General Staff said.",
        "Russian-installed officials said 120 polling stations opened in the so-called Donetsk People's Republic.",
        "Russian forces struck energy facilities in the Zaporizhzhia region overnight, the governor said.",
        "Evacuations from the Kherson region continued for a third week.",
        "Russia claims to control almost all of Luhansk Oblast.",
    ])
    func anOblastThatHoldsSeveralSectorsPinsNoFront(sentence: String) {
        #expect(fronts(sentence) == [[]])
    }

    /// The gold reference puts "Kharkiv province" and "Russia's Kursk region" on their fronts: those fronts
    /// are named for the oblast and cover all of it.
    @Test(arguments: [
        ("Kyiv pressed to take control of practically all of Kharkiv province.", "Kharkiv"),
        ("This is how they react to the defeat of Russian troops in the Kharkiv region.", "Kharkiv"),
        ("Villages in Kharkiv Oblast were shelled 40 times on Sunday, the governor said.", "Kharkiv"),
        ("Ukraine has lost more than 40% of the territory it captured in Russia's Kursk region.", "Kursk"),
        ("Russian troops retook two villages in the Kursk oblast, the ministry said.", "Kursk"),
    ])
    func anOblastWithItsOwnFrontPinsIt(sentence: String, front: String) {
        #expect(fronts(sentence) == [[front]])
    }

    /// Only the oblast forms change: a city that shares its oblast's name is still the city.
    @Test(arguments: [
        ("A Russian missile hit the centre of Donetsk, killing two people, officials said.", ["Kurakhove"]),
        ("Russian glide bombs hit Kharkiv overnight, injuring 12 people.", ["Kharkiv"]),
        ("Drones were shot down over Kursk on Monday, the governor said.", ["Kursk"]),
        ("Russian forces advanced on Pokrovsk in the Donetsk region, the General Staff said.", ["Kurakhove"]),
        ("Shelling hit Kurakhove and other towns of Donetsk Oblast.", ["Kurakhove"]),
    ])
    func townsKeepTheirFront(sentence: String, expected: [String]) {
        #expect(fronts(sentence) == [expected])
    }

    @Test func anOblastMentionEndsTheStorysFrontInsteadOfInheritingIt() {
        let found = fronts("""
        Ukraine maintains control over roughly 800 square kilometres of Russia's Kursk region, a General Staff source said.

        The enemy is intensifying its counterattacks, the source added.

        However, Russian troops continue to make steady progress in the eastern Donetsk region of Ukraine.
        """)
        #expect(found == [["Kursk"], ["Kursk"], []])
    }

    @Test func userFrontsFollowTheSameRule() {
        var table = FrontTable.standard
        table.definitions.append(FrontDefinition(name: "Zaporizhzhia", regions: ["Zaporizhzhia region"],
                                                 latitude: 47.5, longitude: 35.9, radiusKm: 30))
        table.definitions.append(FrontDefinition(name: "Pokrovsk", regions: ["Donetsk Oblast"],
                                                 latitude: 48.28, longitude: 37.18, radiusKm: 25))
        // Named for the oblast: the oblast pins it.
        #expect(fronts("Russian forces struck energy facilities in the Zaporizhzhia region overnight.", table) == [["Zaporizhzhia"]])
        // Two sectors share Donetsk Oblast: the oblast pins neither, a town in it both.
        #expect(fronts("Russian troops advanced across Donetsk Oblast this week, analysts said.", table) == [[]])
        #expect(fronts("Russian shelling hit the city of Donetsk overnight, officials said.", table) == [["Kurakhove", "Pokrovsk"]])
    }

    @Test func placeMentionsSayWhetherTheyNameAWholeRegion() {
        for written in ["Donetsk Oblast", "Donetsk region", "Donetsk oblast", "Donetsk People's Republic", "Kharkiv province"] {
            #expect(Gazetteer.shared.place(named: written)?.isRegion == true, "\(written)")
        }
        for written in ["Donetsk", "Kharkiv", "Kursk", "Zaporizhzhia", "Pokrovsk", "Donbas", "Kyiv"] {
            #expect(Gazetteer.shared.place(named: written)?.isRegion == false, "\(written)")
        }
    }
}
