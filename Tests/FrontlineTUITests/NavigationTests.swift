import Testing
import FrontlineModel
@testable import FrontlineTUI

@Suite struct NavigationTests {
    @Test func enterOnAFrontOpensItsClaims() {
        var s = Fixture.state()
        let kursk = s.derived.fronts.firstIndex { $0.name == "Kursk" }!
        let y = s.layout.bodyTop + 1 + kursk   // header row, then one row per front
        _ = update(&s, .mouseClick(x: 5, y: y))
        #expect(s.derived.fronts[s.front].name == "Kursk")
        _ = update(&s, .key(.enter))
        #expect(s.pane == .claims)
        #expect(Fixture.draw(s).row(1).contains("Claims — Kursk — 2 of 2"))
    }

    @Test func enterOnACompareSourceOpensTheReaderAtThatClaim() {
        var s = Fixture.state()
        Fixture.keys(&s, "4")
        // The cursor starts on the first comparison; then its first and second source.
        Fixture.keys(&s, "jj")
        _ = update(&s, .key(.enter))
        #expect(s.pane == .reader)
        #expect(s.reader.claim.map { s.corpus.claims[$0].id } == "002_isw#2")
        #expect(Fixture.draw(s).row(1).contains("Russian Offensive Campaign Assessment"))
    }

    @Test func nextConflictJumpsToConflictingComparisons() {
        var s = Fixture.state()
        Fixture.keys(&s, "4n")
        guard case .comparison(let c) = s.compareLines[s.compareCursor] else { Issue.record("not on a comparison"); return }
        #expect(s.corpus.comparisons[c].verdict == .conflict)
    }

    @Test func aLongListScrollsAndKeepsTheCursorOnScreen() {
        // 3,000 claims in 100 articles: the list shows only the rows that fit.
        var articles: [(Article, [Claim])] = []
        for a in 0..<100 {
            let lines = (0..<30).map { "Officials said \($0 + 1) villages near Kharkiv were shelled on day \(a)." }
            let specs = lines.map { Fixture.ClaimSpec(sentence: $0, claimant: "Officials", fronts: ["Kharkiv"], quantities: []) }
            articles.append(Fixture.article(id: String(format: "1%03d_bulk", a), outlet: "Ukrinform", title: "Day \(a)", lines: lines, claims: specs))
        }
        var s = DashboardState(corpus: Fixture.corpus(extra: articles))
        _ = update(&s, .resize(width: 80, height: 24))
        Fixture.keys(&s, "2G")
        #expect(s.cursor == s.list.count - 1)
        let grid = Fixture.draw(s)
        #expect(grid.row(1).contains("3,006 of 3,006"))
        let last = s.corpus.claims[Int(s.list.last!)]
        #expect(grid.text.contains(String(last.text.prefix(20))))
        _ = update(&s, .key(.pageUp))
        #expect(s.cursor == s.list.count - 1 - (s.layout.bodyRows - 1))
        #expect(s.cursor >= s.listTop && s.cursor < s.listTop + s.layout.bodyRows)
        _ = update(&s, .key(.ctrl("d")))
        #expect(s.cursor >= s.listTop && s.cursor < s.listTop + s.layout.bodyRows)
        // A smaller window keeps the cursor visible.
        _ = update(&s, .resize(width: 70, height: 15))
        #expect(s.cursor >= s.listTop && s.cursor < s.listTop + s.layout.bodyRows)
    }

    @Test func readerKeepsItsPlaceWhenTheWindowChangesWidth() {
        var s = Fixture.state(width: 60, height: 15)
        Fixture.keys(&s, "2jjjj")
        _ = update(&s, .key(.enter))
        let claim = s.reader.claim!
        let before = s.reader.lines[s.reader.top].start
        _ = update(&s, .resize(width: 100, height: 15))
        #expect(s.reader.claim == claim)
        let after = s.reader.lines[s.reader.top]
        #expect(after.start <= before && (after.end >= before || after.kind == .blank))
    }

    @Test func readerScrollsWithJAndKAndStopsAtTheEnds() {
        var s = Fixture.state(width: 60, height: 15)
        Fixture.keys(&s, "2")
        _ = update(&s, .key(.enter))
        Fixture.keys(&s, "g")
        #expect(s.reader.top == 0)
        Fixture.keys(&s, "k")
        #expect(s.reader.top == 0)
        Fixture.keys(&s, "j")
        let maxTop = max(0, s.reader.lines.count - s.layout.bodyRows)
        #expect(s.reader.top == min(1, maxTop))
        Fixture.keys(&s, "G")
        #expect(s.reader.top == maxTop)
    }

    @Test func wideClaimsPaneShowsTheWholeSelectedClaim() {
        var s = Fixture.state(width: 200, height: 40)
        Fixture.keys(&s, "2")
        let text = Fixture.draw(s).text
        #expect(text.contains("President Volodymyr Zelensky said."))   // the end of a long sentence, cut in the list
        #expect(text.contains("Claimant  Volodymyr Zelensky"))
        #expect(text.contains("✗ conflict area held"))
    }

    @Test func aNoteAloneCountsAsReviewed() {
        var s = Fixture.state()
        Fixture.keys(&s, "2A")
        Fixture.keys(&s, "check the map")
        _ = update(&s, .key(.enter))
        Fixture.keys(&s, "mm")
        #expect(s.filter.mark == .marked)
        #expect(s.list.count == 1)
        #expect(Fixture.draw(s)[0, s.layout.bodyTop].text == "✎")
    }

    @Test func helpScrollsAndAnyOtherKeyClosesIt() {
        var s = Fixture.state(width: 70, height: 16)
        Fixture.keys(&s, "?")
        #expect(s.showHelp)
        Fixture.keys(&s, "jj")
        #expect(s.showHelp && s.helpTop == 2)
        #expect(Fixture.draw(s).text.contains("Keys"))
        #expect(update(&s, .key(.char("q"))).isEmpty)   // closes help, does not quit
        #expect(!s.showHelp)
    }

    @Test func promptIgnoresControlCharactersAndLineBreaks() {
        var s = Fixture.state()
        Fixture.keys(&s, "2/")
        Fixture.keys(&s, "a\u{1B}b\nc")
        #expect(s.editor.text == "abc")
        _ = update(&s, .key(.escape))
        #expect(s.prompt == nil && s.filter.text.isEmpty)
    }
}

@Suite struct MessageTests {
    @Test func clickingASentenceInTheReaderSelectsItsClaim() {
        var s = Fixture.state(width: 80, height: 24)
        Fixture.keys(&s, "2jj")
        _ = update(&s, .key(.enter))
        let grid = Fixture.draw(s)
        let tanks = grid.find("Russian milbloggers claimed")!
        _ = update(&s, .mouseClick(x: tanks.x + 3, y: tanks.y))
        #expect(s.reader.claim.map { s.corpus.claims[$0].id } == "002_isw#1")
        let effects = Fixture.keys(&s, "F")
        #expect(effects == [.saveMark(s.marks["002_isw#1"]!)])
        #expect(s.marks["002_isw#1"]?.kind == .flagged)
    }

    @Test func noticesShowUntilTheNextKeyAndTicksStampMarks() {
        var s = Fixture.state()
        _ = update(&s, .notice("config line 3: unknown colour role \"shouting\""))
        #expect(Fixture.draw(s).row(22).contains("config line 3"))
        Fixture.keys(&s, "2")
        #expect(!Fixture.draw(s).row(22).contains("config line 3"))
        _ = update(&s, .tick(now: 1_750_000_000))
        guard case .saveMark(let m)? = Fixture.keys(&s, "e").first else { Issue.record("no mark"); return }
        #expect(m.kind == .needsCheck)
        #expect(m.updatedAt.timeIntervalSince1970 == 1_750_000_000)
    }

    @Test func noColorGivesTheMonochromeTheme() {
        let s = DashboardState(corpus: Fixture.corpus(), noColor: true)
        #expect(s.theme == .monochrome)
        let (config, _) = Config.parse("[display]\ntheme = \"monochrome\"\n")
        #expect(DashboardState(corpus: Fixture.corpus(), config: config).theme == .monochrome)
        #expect(DashboardState(corpus: Fixture.corpus()).theme.usesColor)
    }

    @Test func panesFillInWhileABigFolderLoads() {
        let empty = Corpus(folder: "/data/articles", fronts: Fixture.fronts, articles: [], claims: [], comparisons: [], report: LoadReport())
        var s = DashboardState(corpus: empty)
        _ = update(&s, .resize(width: 100, height: 30))
        _ = update(&s, .loadProgress(done: 0, total: 3))
        Fixture.keys(&s, "2")
        #expect(Fixture.draw(s).text.contains("Loading…"))
        _ = update(&s, .corpusChanged(Fixture.corpus(), ChangeSummary(), at: 1_700_000_000))
        _ = update(&s, .loadProgress(done: 3, total: 3))
        let grid = Fixture.draw(s)
        #expect(grid.row(1).contains("6 of 6"))
        #expect(!grid.text.contains("Loading"))
    }
}
