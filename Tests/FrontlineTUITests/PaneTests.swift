import Testing
import FrontlineModel
@testable import FrontlineTUI

@Suite struct PaneTests {
    static let sizes = [(80, 24), (200, 60)]

    @Test(arguments: sizes) func frontsPaneListsEveryFrontWithCountsAndFigures(width: Int, height: Int) {
        var s = Fixture.state(width: width, height: height)
        let grid = Fixture.draw(s)
        let text = grid.text
        for name in ["Kharkiv", "Kursk", "Kurakhove", "no front", "all"] { #expect(text.contains(name)) }
        #expect(text.contains("Articles") && text.contains("Conflicts") && text.contains("Reviewed"))
        // Kharkiv: 2 claims in 2 articles, 1 open conflict.
        let kharkivRow = grid.lines.first { $0.contains("Kharkiv") && $0.contains("1/1") }
        #expect(kharkivRow != nil)
        // The selected front ("all" at start) shows key figures with who states them.
        #expect(text.contains("Area held"))
        #expect(text.contains("6,000 km2") || text.contains("more than 6,000 km2"))
        #expect(text.contains("Volodymyr Zelensky"))
        #expect(text.contains("Losses"))
        #expect(text.contains("40 tanks"))
        #expect(text.contains("~500 m/day"))
        // Choosing Kursk narrows the figures to Kursk's.
        _ = update(&s, .key(.char("f")))
        _ = update(&s, .key(.char("f")))
        let kursk = Fixture.draw(s).text
        #expect(kursk.contains("Key figures — Kursk"))
        #expect(kursk.contains("~1,000 km2"))
        #expect(!kursk.contains("6,500 km2"))
    }

    @Test(arguments: sizes) func claimsPaneShowsRowsAndCountsInTheTitle(width: Int, height: Int) {
        var s = Fixture.state(width: width, height: height)
        Fixture.keys(&s, "2")
        let grid = Fixture.draw(s)
        #expect(grid.row(1).contains("Claims — all — 6 of 6"))
        #expect(grid.text.contains("Institute for"))
        #expect(grid.text.contains(width >= 120 ? "Kyiv Independent" : "Kyiv Indep"))
        #expect(grid.text.contains("002_isw"))   // no outlet: the article id stands in
        // Numbers in the claim text stand out.
        let pos = grid.find("more than 6,0")!
        #expect(grid[pos.x, pos.y].style.role == .number)
        // Hedge mark on the hedged claim's row.
        let row = grid.lines.firstIndex { $0.contains("milbloggers") }!
        #expect(grid[2, row].text == "~")
        // The selected row is reversed.
        #expect(grid[5, s.layout.bodyTop].style.reverse)
    }

    @Test(arguments: sizes) func readerShowsTheArticleWithTheClaimSelected(width: Int, height: Int) {
        var s = Fixture.state(width: width, height: height)
        Fixture.keys(&s, "2jjj")
        _ = update(&s, .key(.enter))
        #expect(s.pane == .reader)
        let grid = Fixture.draw(s)
        #expect(grid.row(1).contains("Reader — claim 2 of 3 — Russian Offensive Campaign Assessment"))
        let at = grid.find("Russian milbloggers claimed")!
        #expect(grid[at.x, at.y].style.reverse)          // the selected claim is emphasised
        #expect(grid[1, at.y].text == "▶")
        let other = grid.find("Institute")!
        #expect(!grid[other.x, other.y].style.reverse)
        #expect(grid[other.x, other.y].style.underline)  // other claims are highlighted
        let tanks = grid.find("40 tanks")!
        #expect(grid[tanks.x, tanks.y].style.role == .number)
        if width >= 140 { #expect(grid.text.contains("Claimant")) }
    }

    @Test func readerHidesFurnitureUntilAskedAndMovesBetweenClaims() {
        var s = Fixture.state()
        Fixture.keys(&s, "2")
        _ = update(&s, .key(.enter))
        #expect(!Fixture.draw(s).text.contains("Subscribe"))
        Fixture.keys(&s, "d")
        let grid = Fixture.draw(s)
        let at = grid.find("Subscribe")!
        #expect(grid[at.x, at.y].style.dim)
        Fixture.keys(&s, "]")
        #expect(s.reader.claim.map { s.corpus.claims[$0].id } == "001_kyiv_independent#1")
        Fixture.keys(&s, "[")
        #expect(s.reader.claim.map { s.corpus.claims[$0].id } == "001_kyiv_independent#0")
        Fixture.keys(&s, "[")   // stays on the first
        #expect(s.reader.claim.map { s.corpus.claims[$0].id } == "001_kyiv_independent#0")
    }

    @Test(arguments: sizes) func comparePaneShowsValuesSideBySideAndOutlets(width: Int, height: Int) {
        var s = Fixture.state(width: width, height: height)
        Fixture.keys(&s, "4")
        let grid = Fixture.draw(s)
        let text = grid.text
        #expect(text.contains("✗ conflict area held · Kharkiv"))
        let line = grid.lines.first { $0.contains("✗ conflict") }!
        #expect(line.contains("6,000 Volodymyr Zelensky ≠ 6,500 Ukrainian Ge"))
        #expect(text.contains("Outlets"))
        let kyiv = grid.lines.first { $0.contains("Kyiv Independent") && $0.contains("%") }!
        #expect(kyiv.contains("50%"))   // 1 of 2 claims attributed, 1 of 2 hedged
        #expect(text.contains("Orphaned marks — 0"))
    }

    @Test func statusLineShowsCountsWarningsAndReload() {
        var s = Fixture.state(width: 160, height: 30)
        _ = update(&s, .corpusChanged(Fixture.corpus(), {
            var c = ChangeSummary(); c.added = ["004_new"]; c.claimsBefore = 6; c.claimsAfter = 9; return c
        }(), at: 1_700_000_000))
        _ = update(&s, .loadProgress(done: 40, total: 400))
        let status = Fixture.draw(s).row(29)
        #expect(status.contains("articles · 6 claims"))
        #expect(status.contains("2 files skipped"))
        #expect(status.contains("reloaded"))
        #expect(status.contains("reloaded") && status.contains(": +1 article, +3 claims"))
        #expect(status.contains("loading 40/400"))
        _ = update(&s, .loadProgress(done: 400, total: 400))
        #expect(!Fixture.draw(s).row(29).contains("loading"))
        // On a narrow screen the reload details give way to the counts and warnings.
        _ = update(&s, .resize(width: 60, height: 20))
        let narrow = Fixture.draw(s).row(19)
        #expect(narrow.contains("6 claims") && narrow.contains("2 files skipped"))
        #expect(!narrow.contains("+3 claims"))
    }

    @Test func helpOverlayListsEveryKey() {
        var s = Fixture.state(width: 120, height: 40)
        Fixture.keys(&s, "?")
        let text = Fixture.draw(s).text
        for action in Action.allCases { #expect(text.contains(action.summary), "\(action)") }
        #expect(text.contains("Ctrl-Z") && text.contains("suspend to the shell"))
        Fixture.keys(&s, "?")
        #expect(!s.showHelp)
    }

    @Test func tooSmallTerminalShowsAMessage() {
        for (w, h) in [(59, 24), (80, 14), (20, 5)] {
            var s = Fixture.state(width: w, height: h)
            Fixture.keys(&s, "2")
            let text = Fixture.draw(s).text
            #expect(text.contains("too small") || text.contains("Terminal"), "\(w)×\(h)")
            #expect(!text.contains("Claims —"))
        }
        let ok = Fixture.draw(Fixture.state(width: 60, height: 15)).text
        #expect(!ok.contains("too small"))
    }

    @Test(arguments: sizes) func realSeedsRenderInEveryPane(width: Int, height: Int) throws {
        let corpus = try Corpus.load(folder: Fixture.seedsFolder)
        try #require(corpus.articles.count == 4)
        var s = DashboardState(corpus: corpus, user: "tester")
        _ = update(&s, .resize(width: width, height: height))
        #expect(Fixture.draw(s).text.contains("all"))
        Fixture.keys(&s, "2")
        let claims = Fixture.draw(s)
        #expect(claims.row(1).contains("of \(corpus.claims.count)"))
        _ = update(&s, .key(.enter))
        let reader = Fixture.draw(s)
        let first = corpus.claims[Int(s.list[0])]
        #expect(reader.row(1).contains("Reader"))
        #expect(reader.text.contains(String(first.text.prefix(12))))
        Fixture.keys(&s, "4")
        #expect(Fixture.draw(s).text.contains("Outlets"))
    }
}

@Suite struct LookTests {
    @Test func theSelectedTabAndRowAreReversedInBothThemes() {
        var s = Fixture.state(width: 120, height: 30)
        Fixture.keys(&s, "2")
        let grid = Fixture.draw(s)
        let tab = grid.find("2 Claims")!
        let row = s.layout.bodyTop
        for theme in [Theme.standard, Theme.monochrome] {
            #expect(theme.appearance(for: grid[tab.x, tab.y].style).reverse)
            #expect(theme.appearance(for: grid[30, row].style).reverse)
            #expect(!theme.appearance(for: grid[30, row + 1].style).reverse)
            #expect(theme.appearance(for: grid[2, grid.height - 1].style).reverse)   // status line
        }
    }

    @Test func frontsShowTheirMainClaimantsWhenWide() {
        let grid = Fixture.draw(Fixture.state(width: 200, height: 60))
        let kharkiv = grid.lines.first { $0.contains("Kharkiv") && $0.contains("1/1") }!
        #expect(kharkiv.contains("Ukrainian General Staff, Volodymyr Zelensky"))
    }
}
