import Testing
@testable import FrontlineModel

@Suite("Sentences")
struct SentenceTests {
    func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.split(text, range: 0..<bytes.count).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func abbreviationsDoNotEndSentences() {
        let text = "Russia’s command is breaking down, U.K. intelligence said on Thursday. Gen. Roman Berdnikov was replaced by Mr. Ivanov."
        #expect(split(text) == [
            "Russia’s command is breaking down, U.K. intelligence said on Thursday.",
            "Gen. Roman Berdnikov was replaced by Mr. Ivanov.",
        ])
    }

    @Test func decimalsAndThousandsStayInOneSentence() {
        #expect(split("Russia has approximately 575,000 soldiers. The rate is 2.5 km a day.").count == 2)
        #expect(split("Ukraine launched U.S. ATACMS missiles at a depot 110 km inside Russia.").count == 1)
    }

    @Test func quotationsSplitIntoTheirSentences() {
        let text = "“Initially, we controlled around 1,376 square kilometers (531 square miles), but that area has now diminished. The enemy is intensifying its counterattacks,” the official stated."
        let parts = split(text)
        #expect(parts.count == 2)
        #expect(parts[1] == "The enemy is intensifying its counterattacks,” the official stated.")
    }

    @Test func questionInsideQuotationWithLowercaseAttributionStays() {
        #expect(split("\"Where is the army?\" he asked. Nobody answered.").count == 2)
    }

    @Test func sentencesRunTogetherWithoutSpace() {
        #expect(split("Kharkiv was retaken.The Russians fled.").count == 2)
        #expect(split("See foxnews.com for more, and the U.S.-supplied missiles.").count == 1)
    }

    @Test func numberAbbreviationOnlyBeforeDigits() {
        #expect(split("The brigade No. 5 moved. It was No. The end came.").count == 3)
    }

    @Test func veryLongRunIsCut() {
        let text = String(repeating: "word ", count: 3_000)
        let parts = split(text)
        #expect(parts.count > 1)
        #expect(parts.allSatisfy { $0.utf8.count <= SentenceSplitter.maximumLength + 10 })
    }
}

@Suite("Article structure")
struct ArticleStructureTests {
    @Test func headlineAndFurniture() {
        let text = """
        Russia in Ukraine sees breakdown in command and control as troops withdraw in 'panic': UK intelligence
        {{#rendered}} {{/rendered}}
        Russia’s command and control in Ukraine is seeing a breakdown, U.K. intelligence said.
        UKRAINE-RUSSIA WAR: ZELENSKYY VISITS NEWLY LIBERATED IZIUM, OFFICIALS DECRY SIGNS OF TORTURE
        CLICK HERE TO GET THE FOX NEWS APP
        Continue to read more latest news
        \u{00A0}228\u{00A0} total views, \u{00A0}1\u{00A0} views today
        """
        let parsed = ArticleStructure.parse(text)
        #expect(parsed.title == "Russia in Ukraine sees breakdown in command and control as troops withdraw in 'panic': UK intelligence")
        #expect(parsed.outlet == "Fox News")
        #expect(parsed.blocks.map(\.kind) == [.title, .furniture, .body, .furniture, .furniture, .furniture, .furniture])
    }

    @Test func longFirstSentenceIsBodyNotTitle() {
        let text = "Ukraine has retaken approximately 6,000 square kilometers (2,400 square miles) of territory this month, according to Volodymyr Zelensky, as he asked foreign allies to quickly deploy more air defense systems. The Ukrainian president used his Monday night address.\n\nMore text."
        let parsed = ArticleStructure.parse(text)
        #expect(parsed.title == nil)
        #expect(parsed.blocks.first?.kind == .body)
    }

    @Test func outletFromDiscoverMoreBanner() {
        let text = "Ukraine has given up over 40% of the territory\n\nBody text here.\n\nDiscover more from Defence Talks | Defense News Military Pictures\n\nSubscribe to get the latest posts sent to your email.\n\nLeave a Reply"
        let parsed = ArticleStructure.parse(text)
        #expect(parsed.outlet == "Defence Talks")
        #expect(parsed.blocks.filter { $0.kind == .furniture }.count == 3)
    }

    @Test func outletIsNeverGuessed() {
        let text = "Russian Forces in a Panicked Retreat from Kharkiv\n\nReuters could not verify the report, the BBC said."
        #expect(ArticleStructure.parse(text).outlet == nil)
    }

    @Test func seeAlsoLinesAreFurnitureWhateverTheirLength() {
        let text = "Headline of the story here\n\nSee also\u{00A0} Trump could weaken Biden's efforts to persuade Israel and regional players to resolve conflicts in Gaza and Lebanon"
        #expect(ArticleStructure.parse(text).blocks.last?.kind == .furniture)
    }
}

@Suite("Tokens")
struct TokenTests {
    @Test func possessiveBeforeNonASCIIDoesNotStall() {
        // Once looped forever: a curly apostrophe and "s" followed by a non-ASCII byte.
        let tokens = Tokenizer.tokenize("Kyiv’s’ and Kyiv’sМ too")
        #expect(tokens.count >= 5)
        #expect(tokens.allSatisfy { $0.end > $0.start })
    }

    @Test func abbreviationsFoldToOneWord() {
        #expect(Tokenizer.hash("U.K.") == Tokenizer.hash("UK"))
        #expect(Tokenizer.hashes("Ukraine’s General Staff") == Tokenizer.hashes("Ukraine's general staff"))
    }
}
