import Foundation
import Testing
@testable import FrontlineModel

private func q(_ s: String) -> [Quantity] { QuantityFinder.quantities(in: s) }
private func values(_ s: String) -> [Double] { q(s).map(\.value) }
private func units(_ s: String) -> [String?] { q(s).map(\.unit) }

@Suite struct QuantitiesTests {
    // MARK: Seed sentences (seeds/*.txt)

    @Test func seedTowns() {
        let r = q("Ukraine has made some significant advancements in the northern region of Kharkiv since first launching a long-awaited major counter-offensive earlier this month, and according to Ukrainian President Volodymyr Zelenskyy, some 400 towns and cities have been \"liberated,\" including strategically important positions like Izium.")
        #expect(r.map(\.value) == [400])
        #expect(r.first?.unit == "settlements")
        #expect(r.first?.bound == .about)
        #expect(r.first?.text == "some 400 towns")
    }

    @Test func seedTanksInHours() {
        let r = q("Reports this week said Ukrainian troops captured or destroyed 100 tanks in 100 hours in is eastward campaign.")
        #expect(r.map(\.value) == [100, 100])
        #expect(r.map(\.unit) == ["tanks", "hours"])
    }

    @Test func seedOrdinalAndPronounOne() {
        #expect(values("U.K. defense officials noted Kyiv had crushed part of Russia’s elite 1st Guards tank army, which it described as \"one of the most prestigious of Russia’s armies, allocated for the defense of Moscow.\"") == [])
    }

    @Test func seedEquipmentList() {
        let r = q("Ukraine’s defense ministry on Thursday claimed to have destroyed over 2,000 tanks, 4,600 armored vehicles, 1,300 artillery missile launchers and 900 drones since the beginning of the war.")
        #expect(r.map(\.value) == [2000, 4600, 1300, 900])
        #expect(r.map(\.unit) == ["tanks", "vehicles", "launchers", "drones"])
        #expect(r.first?.bound == .moreThan)
        #expect(r.first?.text == "over 2,000 tanks")
    }

    @Test func seedAtLeastOne() {
        let r = q("At least one counter-battery radar system, known as ZOOPARK, and at least one IV14 artillery command and control vehicle were abandoned by Russian troops.")
        #expect(r.map(\.value) == [1, 1])
        #expect(r.allSatisfy { $0.bound == .atLeast })
    }

    @Test func seedAreaWithConversion() {
        let r = q("Ukraine has retaken approximately 6,000 square kilometers (2,400 square miles) of territory this month, according to Volodymyr Zelensky, as he asked foreign allies to quickly deploy more air defense systems.")
        #expect(r.map(\.value) == [6000, 2400])
        #expect(r.map(\.unit) == ["km2", "sq mi"])
        #expect(r.first?.bound == .about)
        #expect(r.first?.text == "approximately 6,000 square kilometers")
    }

    @Test func seedAFifth() {
        let r = q("The gains represent a sliver of Ukraine’s total geographical mass of approximately 600,000 square kilometers, of which Russia controls around a fifth, but US Secretary of State Antony Blinken stated on Monday that Ukrainian forces had made significant progress.")
        #expect(r.map(\.value) == [600000, 20])
        #expect(r.map(\.unit) == ["km2", "%"])
        #expect(r.last?.bound == .about)
        #expect(r.last?.text == "around a fifth")
    }

    @Test func seedNineOutOfTwelve() {
        let r = q("He praised current anti-aircraft defenses, claiming that nine out of twelve Russian missiles were shot down on Monday; Zelensky said in a plea to the foreign nations, “above all, speed up the provision of air defense systems.”")
        #expect(r.map(\.value) == [9, 12])
        #expect(r.map(\.unit) == ["missiles", "missiles"])
    }

    @Test func seedLessThanThreeWeeks() {
        let r = q("It reported that Gen Roman Berdnikov had been replaced after less than three weeks in office, but there was no confirmation from Russia.")
        #expect(r.map(\.value) == [3])
        #expect(r.first?.unit == "weeks")
        #expect(r.first?.bound == .lessThan)
    }

    @Test func seedSecondTimeAndPercent() {
        let r = q("Russia’s retaliatory missile strikes knocked out electricity and water supplies in Kharkiv city for the second time in less than 24 hours, knocking them out on Monday morning just hours after city authorities had restored 80% of the utilities that had been cut overnight.")
        #expect(r.map(\.value) == [24, 80])
        #expect(r.map(\.unit) == ["hours", "%"])
    }

    @Test func seedMissilesAndAirstrikes() {
        let r = q("Ukraine also said Russia carried out 18 missiles and 39 airstrikes on Sunday night.")
        #expect(r.map(\.value) == [18, 39])
        #expect(r.map(\.unit) == ["missiles", "airstrikes"])
    }

    @Test func seedCivilians() {
        let r = q("According to the presidential administration in Kyiv, at least four civilians were killed, and 11 others were injured in Russian attacks in nine locations.")
        #expect(r.map(\.value) == [4, 11, 9])
        #expect(r.first?.unit == "civilians")
        #expect(r.first?.bound == .atLeast)
        #expect(r.first?.text == "at least four civilians")
    }

    @Test func seedAsManyAs() {
        let r = q("As many as 10,000 Russian troops may be cut off and surrounded in Izium and their surrender is reportedly being negotiated right now.")
        #expect(r.map(\.value) == [10000])
        #expect(r.first?.bound == .upTo)
        #expect(r.first?.unit == "troops")
    }

    @Test func seedArticleAndVague() {
        #expect(values("The Russian army got out of there so fast that they failed to destroy vast quantities of ammunition, supplies, and enough armored vehicles to equip a new Ukrainian armored battalion and a mechanized infantry battalion at least.") == [])
        #expect(values("They have already taken thousands of prisoners and are said to be having problems moving them to the rear and providing for them.") == [])
    }

    @Test func seedOneMREPerMan() {
        #expect(values("Russian troops are said to be chronically short on food, with some units only getting one MRE per man every other day, their equipment is not in a good state of repair or operation and they are not being paid.") == [1])
    }

    @Test func seedPercentMoreThan() {
        let r = q("Ukraine has reportedly lost more than 40% of the territory it quickly captured in Russia‘s Kursk region during a surprise incursion in August, as Russian forces have launched multiple counter-offensives, according to a senior military official from Ukraine.")
        #expect(r.map(\.value) == [40])
        #expect(r.first?.unit == "%")
        #expect(r.first?.bound == .moreThan)
        #expect(r.first?.text == "more than 40%")
    }

    @Test func seedTroopsAndTwoAndAHalf() {
        let r = q("The official, who is part of Ukraine‘s General Staff, indicated that Russia has mobilized approximately 59,000 troops to the Kursk area since Ukrainian forces executed their rapid advance, which took Moscow by surprise two and a half years into its full-scale invasion of Ukraine.")
        #expect(r.first?.value == 59000)
        #expect(r.first?.text == "approximately 59,000 troops")
        #expect(r.first?.unit == "troops")
        // "two and a half years" is tolerated by the reference.
        #expect(r.dropFirst().map(\.value).allSatisfy { $0 == 2.5 })
    }

    @Test func seedSquareKilometres() {
        #expect(values("“Initially, we controlled around 1,376 square kilometers (531 square miles), but that area has now diminished.") == [1376, 531])
        let r = q("“Currently, we maintain control over roughly 800 square kilometers (309 square miles).")
        #expect(r.map(\.value) == [800, 309])
        #expect(r.first?.bound == .about)
        #expect(r.first?.text == "roughly 800 square kilometers")
    }

    @Test func seedWorldWarTwo() {
        #expect(values("The Kursk offensive marked the first ground invasion of Russia by a foreign entity since World War II, catching Moscow off guard.") == [])
    }

    @Test func seedNorthKoreanSoldiers() {
        let r = q("A source from the Ukrainian General Staff confirmed that approximately 11,000 North Korean soldiers have arrived in the Kursk area to support Russia, although most of these troops are still completing their training.")
        #expect(r.map(\.value) == [11000])
        #expect(r.first?.unit == "troops")
        #expect(r.first?.text == "approximately 11,000 North Korean soldiers")
    }

    @Test func seedDateIsNotANumber() {
        #expect(values("On November 11, Ukraine’s armed forces chief stated that their struggling troops are not only facing elite Russian reinforcements in Kursk but are also working to bolster two encircled fronts in eastern Ukraine while preparing for a potential infantry assault in the south.") == [2])
    }

    @Test func seedRangePerDay() {
        let r = q("According to a source from the General Staff, the Kurakhove area currently represents the most critical threat to Kyiv, with Russian troops advancing at a rate of 200-300 meters per day.")
        #expect(r.map(\.value) == [200, 300])
        #expect(r.map(\.unit) == ["m/day", "m/day"])
    }

    @Test func seedSoldiersEngaged() {
        let r = q("The Ukrainian General Staff estimates that Russia has approximately 575,000 soldiers engaged in the conflict in Ukraine, with plans to bolster this number to around 690,000.")
        #expect(r.map(\.value) == [575000, 690000])
        #expect(r.map(\.bound) == [.about, .about])
    }

    @Test func seedAtacmsStrike() {
        let r = q("Last week, Ukraine launched U.S. ATACMS and British Storm Shadow cruise missiles into Russian territory, with one ATACMS strike hitting an arms depot located approximately 110 kilometers (70 miles) inside Russia.")
        #expect(r.map(\.value) == [1, 110, 70])
        #expect(r.map(\.unit) == ["strikes", "km", "mi"])
    }

    @Test func seedOneFifth() {
        let r = q("Currently, Russia occupies about one-fifth of Ukraine, and President Vladimir Putin has expressed a desire for Kyiv to abandon its aspirations to join the NATO military alliance and withdraw from four regions of Ukraine that he partially controls—demands that Kyiv has firmly rejected as equivalent to surrender.")
        #expect(r.map(\.value) == [20, 4])
        #expect(r.first?.unit == "%")
        #expect(r.first?.bound == .about)
        #expect(r.first?.text == "about one-fifth")
    }

    @Test func seedPageCounter() {
        #expect(values("228 total views,  1 views today") == [])
    }

    // MARK: Forms of numbers

    @Test func separatorsAndDecimals() {
        #expect(values("Officials said 2.5 tonnes of aid arrived.") == [2.5])
        #expect(values("It covers 6\u{2009}000 km² of farmland.") == [6000])
        #expect(values("It covers 6\u{00A0}000 km2 of farmland.") == [6000])
        #expect(units("It covers 6\u{00A0}000 km2 of farmland.") == ["km2"])
        #expect(values("The front is 1,200,000 metres long.") == [1_200_000])
    }

    @Test func ranges() {
        #expect(values("Between 200 and 300 soldiers crossed the river.") == [200, 300])
        #expect(units("Between 200 and 300 soldiers crossed the river.") == ["troops", "troops"])
        #expect(values("Troops advanced 200–300 metres a day.") == [200, 300])
        #expect(units("Troops advanced 200–300 metres a day.") == ["m/day", "m/day"])
        #expect(values("They moved 5 to 10 kilometres.") == [5, 10])
        #expect(units("They moved 5 to 10 kilometres.") == ["km", "km"])
        #expect(values("It will take two or three weeks.") == [2, 3])
    }

    @Test func numberWords() {
        #expect(values("Eleven thousand residents were evacuated.") == [11000])
        #expect(values("The shelling went on for two and a half hours.") == [2.5])
        #expect(values("It came after two-and-a-half years of open conflict.") == [2.5])
        #expect(values("Russia lost a dozen tanks near the village.") == [12])
        #expect(values("Twenty-five drones were shot down overnight.") == [25])
        #expect(values("About two hundred and fifty people sheltered in the metro.") == [250])
        #expect(values("Russia has lost twice as many tanks as it had in 2022.") == [2])
    }

    @Test func scaledNumbers() {
        #expect(values("The country has 1.5 million refugees abroad.") == [1_500_000])
        #expect(values("An estimated 11k soldiers took part.") == [11000])
        #expect(q("An estimated 11k soldiers took part.").first?.bound == .about)
        #expect(values("Washington approved $61 billion in aid.") == [61e9])
        #expect(units("Washington approved $61 billion in aid.") == ["USD"])
        #expect(values("Half a million people fled the region.") == [500_000])
    }

    @Test func shares() {
        #expect(values("Russia controls a quarter of the region.") == [25])
        #expect(values("Half of the city is without power.") == [50])
        #expect(values("Two-thirds of the brigade was lost.").map { ($0 * 100).rounded() / 100 } == [66.67])
        #expect(values("Russia occupies one fifth of the country.") == [20])
        #expect(values("Shelling hit 40 percent of homes and 15 per cent of schools.") == [40, 15])
        #expect(units("Shelling hit 40 percent of homes and 15 per cent of schools.") == ["%", "%"])
        #expect(values("It was a third time lucky for the brigade.") == [])
    }

    @Test func bounds() {
        let cases: [(String, Quantity.Bound)] = [
            ("Nearly 300 villages lost power.", .about),
            ("Close to 300 villages lost power.", .about),
            ("In excess of 300 villages lost power.", .moreThan),
            ("Fewer than 300 villages lost power.", .lessThan),
            ("No fewer than 300 villages lost power.", .atLeast),
            ("Up to 300 villages lost power.", .upTo),
            ("At most 300 villages lost power.", .upTo),
            ("300 villages or more lost power.", .atLeast),
        ]
        for (s, b) in cases {
            let r = q(s)
            #expect(r.map(\.value) == [300], "\(s)")
            #expect(r.first?.bound == b, "\(s)")
        }
    }

    @Test func unitAliases() {
        #expect(units("They hold 500 sq km of land.") == ["km2"])
        #expect(units("They hold 500 square kilometres of land.") == ["km2"])
        #expect(units("They advanced 12 km.") == ["km"])
        #expect(units("Some 3,000 servicemen and 40 APCs crossed.") == ["troops", "vehicles"])
        #expect(units("They fired 12 Russian missiles and 20 Shahed drones.") == ["missiles", "drones"])
        #expect(units("Ukraine freed 12 villages and 1,000 prisoners.") == ["settlements", "prisoners"])
    }

    // MARK: Never numbers

    @Test func datesAndYears() {
        #expect(values("Russia invaded on 24 February 2022.") == [])
        #expect(values("The offensive began in 2014 and resumed on November 11.") == [])
        #expect(values("The strike came on 11 November, officials said.") == [])
        #expect(values("The meeting starts at 10:30 in Kyiv.") == [])
        #expect(values("Air defence works 24/7 around the capital.") == [])
    }

    @Test func namesAndCodes() {
        #expect(values("An Su-34 and two F-16 jets flew over Route 66.") == [2])
        #expect(values("The M777 and HIMARS systems hit an S-300 battery and a T-72.") == [])
        #expect(values("The 1st Guards and the 47th Brigade fought for the second time.") == [])
        #expect(values("It was the first attack since World War II.") == [])
    }

    @Test func modelNamesAndHeadlines() {
        let r = q("Germany sent 18 Leopard 2 tanks and the UK 14 Challenger 2 tanks.")
        #expect(r.map(\.value) == [18, 14])
        #expect(r.map(\.unit) == ["tanks", "tanks"])
        #expect(values("The Nord Stream 2 pipeline was damaged.") == [])
        #expect(values("Russia Loses 100 Tanks in 100 Hours, Ukraine Says") == [100, 100])
        #expect(values("Zelensky Says Nine of 12 Missiles Were Shot Down") == [9, 12])
        #expect(values("The 155mm shells and 152-mm howitzers are in short supply.") == [])
        #expect(values("Updated: 2024-11-21 10:32") == [])
        #expect(values("Reuters | Kyiv | Updated: 15-12-2023 12:13 IST") == [])
        #expect(units("Eight more drones were downed over Kherson.") == ["drones"])
        #expect(units("Air defences destroyed the missile and 18 of the drones.") == ["drones"])
    }

    @Test func periodsAreNotShares() {
        #expect(values("The battle lasted an hour and a half, and the first half of 2024 saw heavy losses.") == [])
        #expect(values("More than a dozen drones were shot down.") == [12])
        #expect(q("More than a dozen drones were shot down.").first?.bound == .moreThan)
    }

    @Test func pronounOne() {
        #expect(values("No one knows which one was hit.") == [])
        #expect(values("The two armies blame one another.") == [2])
        #expect(values("It is one of the largest attacks.") == [])
        #expect(values("One day the war will end.") == [])
        #expect(values("Only one bridge remains standing.") == [1])
        #expect(values("One soldier was wounded.") == [1])
        #expect(values("Only one Russian soldier survived, and one day later the unit withdrew.") == [1])
        #expect(values("The town was first settled around 1900, and more than 2000 have left.") == [2000])
    }

    @Test func vagueQuantities() {
        #expect(values("Dozens of drones and hundreds of shells hit thousands of homes.") == [])
        #expect(values("Less than a week ago a new battalion arrived.") == [])
    }

    @Test func fragmentsGiveWellFormedRanges() {
        // Sentences cut off in the middle of a pattern (titles, truncated captions).
        let fragments = ["at least", "between 5 and", "a", "half a", "twenty-", "5-", "$", "one-", "5 to",
                         "nine out of", "2.5", "1,000,", "11k", "$5m", "€", "40 per", "a fifth", "6\u{2009}000",
                         "No.", "Route", "one", "two and a", "10-", "5 km²", "half", "twice", "Su-", "-34"]
        for s in fragments {
            for x in q(s) {
                let bytes = Array(s.utf8)
                #expect(x.range.upperBound <= bytes.count, "\(s)")
                if x.range.upperBound <= bytes.count {
                    #expect(String(decoding: bytes[x.range], as: UTF8.self) == x.text, "\(s)")
                }
            }
        }
        #expect(values("nine out of") == [9])
        #expect(values("5 km²") == [5])
        #expect(values("$5m") == [5_000_000])
    }

    // MARK: Conversions

    @Test func conversions() {
        let km2 = UnitTable.convert(2400, from: "sq mi", to: "km2")
        #expect(km2 != nil && abs(km2! - 6215.97) < 0.01)
        #expect(UnitTable.convert(1, from: "km", to: "m") == 1000)
        #expect(UnitTable.convert(5, from: "tanks", to: "troops") == nil)
        #expect(UnitTable.convert(5, from: "tanks", to: "tanks") == 5)
        #expect(UnitTable.convert(5, from: "km2", to: "km") == nil)
        #expect(UnitTable.dimension(of: "sq mi") == "area")
        #expect(UnitTable.dimension(of: "m/day") == "speed")
        #expect(UnitTable.dimension(of: "%") == "percent")
        #expect(UnitTable.dimension(of: "troops") == "count")
        #expect(UnitTable.dimension(of: "furlongs") == nil)
        #expect(UnitTable.canonical("square kilometres") == "km2")
        #expect(UnitTable.canonical("soldiers") == "troops")
    }

    @Test func rangesAreUTF8Offsets() {
        let s = "“Currently, we hold roughly 800 square kilometers.”"
        let r = q(s)
        #expect(r.count == 1)
        if let x = r.first {
            let bytes = Array(s.utf8)[x.range]
            #expect(String(decoding: bytes, as: UTF8.self) == x.text)
            #expect(x.text == "roughly 800 square kilometers")
        }
    }
}

/// The extractor asks whether a sentence may hold a number from its tokens instead of reading its bytes
/// again; both ways must agree, or a number would go unseen.
@Suite("Number pre-filter from tokens")
struct NumberPrefilterTests {
    static let tricky = [
        "Twenty-five soldiers crossed.", "The U.S. sent eleven tanks.", "don’t say twelve", "IV14 and Su-34 flew.",
        "Naïve estimates: a dozen.", "“Nine out of twelve,” he said.", "Tanks’ crews fled", "twentyfive is not a word",
        "ONE HUNDRED", "one-fifth of Ukraine", "Kupiansk's defenders", "nothing numeric here at all",
        "thirtieth anniversary", "a half-hearted attempt", "bi-lingual", "Зеленський сказав три", "14km away",
        "x.y.z", "U.K.'s army", "Mr. Twelvetrees", "e-mail", "ten’s", "h\u{00A0}undred", "tri-ple",
    ]

    @Test func tokensAndBytesAgree() throws {
        var sentences = Self.tricky
        for file in try FileManager.default.contentsOfDirectory(atPath: Repo.seeds) {
            let text = try String(contentsOfFile: Repo.seeds + "/" + file, encoding: .utf8)
            sentences += text.split(whereSeparator: { $0 == "." || $0 == "\n" }).map(String.init)
        }
        for sentence in sentences {
            var s = sentence
            s.withUTF8 { bytes in
                let tokens = Tokenizer.tokenize(bytes)
                #expect(QuantityScanner.mayHoldNumber(tokens, bytes) == QuantityScanner.mayHoldNumber(bytes), "\(sentence)")
            }
        }
    }
}
