import Testing
@testable import FrontlineModel

private func values(_ sentence: String) -> [Double] { QuantityFinder.quantities(in: sentence).map(\.value) }

/// A person's age describes who was hit or who spoke; it is not a number the war claim asserts.
@Suite("Ages are not quantities")
struct AgeTests {
    @Test(arguments: [
        ("A 45-year-old man was killed when a drone struck his car near Kherson, the governor said.", []),
        ("Shelling killed a woman aged 62 and wounded her two neighbours in Nikopol.", [2]),
        ("The 19-year-old soldier was captured near Vovchansk along with three others.", [3]),
        ("Ivan Petrenko, 34, said Russian drones hit the village 12 times overnight.", [12]),
        ("Olena, 71, and her husband were evacuated from Kupiansk on Friday.", []),
        ("A nine-year-old girl was among the 14 people injured in the strike.", [14]),
        ("Two 17-year-olds were detained on suspicion of sabotage, the SBU said.", [2]),
        ("Men aged 18 to 60 are barred from leaving Ukraine.", []),
        ("Volunteers aged between 25 and 40 joined the brigade, which has lost 300 soldiers.", [300]),
        ("The soldier, who was 23 years old, died of his wounds in a Dnipro hospital.", []),
        ("The oldest victim was 87-years-old, police said.", []),
    ] as [(String, [Double])])
    func agesAreNotCounted(sentence: String, expected: [Double]) {
        #expect(values(sentence) == expected)
    }

    /// Numbers next to the same words that are not ages stay.
    @Test(arguments: [
        ("Russia has lost more than 600,000 troops in nearly 3 years of war, the ministry said.", [600_000, 3]),
        ("The ministry said 45 drones were shot down, 12 more than the day before.", [45, 12]),
        ("In Kharkiv, 12 people were injured when a glide bomb hit a shopping centre.", [12]),
        ("Russia launched 40 drones, 25 missiles, and 3 glide bombs at Odesa.", [40, 25, 3]),
        ("Ukraine has lowered the mobilisation age from 27 to 25, the parliament said.", [27, 25]),
        ("The 30-day ceasefire on energy strikes expired on Tuesday.", [30]),
    ] as [(String, [Double])])
    func otherNumbersStay(sentence: String, expected: [Double]) {
        #expect(values(sentence) == expected)
    }

    @Test func aClaimWhoseOnlyNumberIsAnAgeHasNoQuantities() {
        let analyzed = Repo.article("""
        A 45-year-old man was killed when a Russian drone struck his car near Beryslav, the governor said.

        Mykola Hrytsenko, 58, said the village had been shelled 30 times since Sunday.
        """)
        #expect(analyzed.claims.count == 2)
        #expect(analyzed.claims.map { $0.quantities.map(\.value) } == [[], [30]])
    }
}
