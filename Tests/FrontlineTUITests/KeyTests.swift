import Testing
import FrontlineModel
@testable import FrontlineTUI

@Suite struct KeyTests {
    func id(_ s: DashboardState) -> String? { s.selectedClaim.map { s.corpus.claims[$0].id } }

    @Test func panesSwitchByNumberTabAndShiftTab() {
        var s = Fixture.state()
        #expect(s.pane == .fronts)
        _ = update(&s, .key(.tab)); #expect(s.pane == .claims)
        _ = update(&s, .key(.tab)); #expect(s.pane == .reader)
        _ = update(&s, .key(.tab)); #expect(s.pane == .compare)
        _ = update(&s, .key(.tab)); #expect(s.pane == .fronts)
        _ = update(&s, .key(.backTab)); #expect(s.pane == .compare)
        Fixture.keys(&s, "2"); #expect(s.pane == .claims)
        Fixture.keys(&s, "1"); #expect(s.pane == .fronts)
        #expect(update(&s, .key(.char("q"))) == [.quit])
    }

    @Test func movementKeysStayInTheList() {
        var s = Fixture.state()
        Fixture.keys(&s, "2")
        Fixture.keys(&s, "jjj"); #expect(s.cursor == 3)
        Fixture.keys(&s, "k"); #expect(s.cursor == 2)
        Fixture.keys(&s, "G"); #expect(s.cursor == 5)
        Fixture.keys(&s, "j"); #expect(s.cursor == 5)
        Fixture.keys(&s, "g"); #expect(s.cursor == 0)
        _ = update(&s, .key(.pageDown)); #expect(s.cursor == 5)
        _ = update(&s, .key(.ctrl("u"))); #expect(s.cursor == 0)
    }

    @Test func searchFiltersAndNextPreviousMatchCycle() {
        var s = Fixture.state()
        Fixture.keys(&s, "2/")
        #expect(s.prompt == .search)
        Fixture.keys(&s, "SQUARE KILO")
        _ = update(&s, .key(.enter))
        #expect(s.prompt == nil)
        #expect(s.list.count == 2)
        let grid = Fixture.draw(s)
        #expect(grid.row(1).contains("2 of 6"))
        #expect(grid.row(1).contains("“SQUARE KILO”"))
        let first = id(s)
        Fixture.keys(&s, "n"); #expect(id(s) != first)
        Fixture.keys(&s, "n"); #expect(id(s) == first)
        Fixture.keys(&s, "N"); #expect(id(s) != first)
        _ = update(&s, .key(.escape))
        #expect(s.list.count == 6)
    }

    @Test func searchIgnoresCaseInCyrillicToo() {
        let kyiv = Fixture.article(id: "004_ukrinform", outlet: "Укрінформ", title: "Зведення",
                                   lines: ["Генштаб ЗСУ повідомив, що противник втратив 40 танків під Курськом."],
                                   claims: [.init(sentence: "Генштаб ЗСУ повідомив, що противник втратив 40 танків під Курськом.",
                                                  claimant: "Генштаб ЗСУ", fronts: ["Kursk"], quantities: [("40 танків", 40, "tanks", .exact)])])
        var s = DashboardState(corpus: Fixture.corpus(extra: [kyiv]))
        _ = update(&s, .resize(width: 100, height: 24))
        Fixture.keys(&s, "2/")
        Fixture.keys(&s, "ГЕНШТАБ")
        _ = update(&s, .key(.enter))
        #expect(s.list.count == 1)
        let grid = Fixture.draw(s)
        let at = grid.find("повідомив")!
        #expect(grid.find("Генштаб ЗСУ повідомив") != nil)
        let word = grid.find("Генштаб ЗСУ повідомив")!
        #expect(grid[word.x, word.y].style.underline)   // the match is marked
        #expect(!grid[at.x, at.y].style.underline)
    }

    @Test func readerSearchJumpsBetweenMatches() {
        var s = Fixture.state(width: 80, height: 16)
        Fixture.keys(&s, "2")
        _ = update(&s, .key(.enter))
        Fixture.keys(&s, "/")
        Fixture.keys(&s, "kharkiv")
        _ = update(&s, .key(.enter))
        let first = s.reader.matchOffset
        #expect(first != nil)
        #expect(Fixture.draw(s).row(1).contains("“kharkiv” 1/2"))
        Fixture.keys(&s, "n")
        #expect(s.reader.matchOffset != first)
        Fixture.keys(&s, "N")
        #expect(s.reader.matchOffset == first)
    }

    @Test func filtersNarrowTheListAndShowInTheTitle() {
        var s = Fixture.state()
        Fixture.keys(&s, "2h")
        #expect(s.list.count == 2)
        #expect(Fixture.draw(s).row(1).contains("hedged"))
        Fixture.keys(&s, "h")
        #expect(s.list.count == 6)
        // Claimant: most frequent first, then the others, then none.
        Fixture.keys(&s, "c")
        #expect(s.filter.claimant != nil)
        #expect(s.list.count == 1)
        #expect(s.list.allSatisfy { s.corpus.claims[Int($0)].claimant == s.filter.claimant })
        for _ in 0..<5 { Fixture.keys(&s, "c") }
        #expect(s.filter.claimant == nil)
        // On a front, only that front's claimants come round.
        Fixture.keys(&s, "f")
        var seen: Set<String> = []
        for _ in 0..<2 { Fixture.keys(&s, "c"); seen.insert(s.filter.claimant ?? "-") }
        #expect(seen == ["Volodymyr Zelensky", "Ukrainian General Staff"])
        Fixture.keys(&s, "c")
        #expect(s.filter.claimant == nil)
        Fixture.keys(&s, "b")
        // Claimant by prompt, matching part of the name.
        Fixture.keys(&s, "C")
        Fixture.keys(&s, "ukrainian")
        _ = update(&s, .key(.enter))
        #expect(s.list.map { s.corpus.claims[Int($0)].claimant } == ["Ukrainian General Staff"])
        Fixture.keys(&s, "x")
        #expect(s.filter.isEmpty && s.list.count == 6)
    }

    @Test func markFilterCyclesThroughReviewStates() {
        var s = Fixture.state()
        Fixture.keys(&s, "2j")
        let effects = Fixture.keys(&s, "a")
        #expect(effects.count == 1)
        Fixture.keys(&s, "m")
        #expect(s.filter.mark == .unmarked && s.list.count == 5)
        Fixture.keys(&s, "m")
        #expect(s.filter.mark == .marked && s.list.count == 1)
        Fixture.keys(&s, "m")
        #expect(s.filter.mark == .kind(.confirmed) && s.list.count == 1)
        Fixture.keys(&s, "m")
        #expect(s.list.isEmpty)
        #expect(Fixture.draw(s).text.contains("No claim matches"))
    }

    @Test func sortCyclesArticleClaimantFront() {
        var s = Fixture.state()
        Fixture.keys(&s, "2s")
        #expect(s.sort == .claimant)
        let names = s.list.map { s.corpus.claims[Int($0)].claimant ?? "~" }
        #expect(names == ["Diplomats", "Institute for the Study of War", "Russian milbloggers", "Ukrainian General Staff", "Volodymyr Zelensky", "~"])
        Fixture.keys(&s, "s")
        #expect(s.sort == .front)
        let fronts = s.list.map { s.corpus.claims[Int($0)].fronts.first ?? "none" }
        #expect(fronts == ["Kharkiv", "Kharkiv", "Kursk", "Kursk", "Kurakhove", "none"])
        Fixture.keys(&s, "s")
        #expect(s.sort == .article)
    }

    @Test func frontCyclesThroughEveryFrontThenNoFrontAndAll() {
        var s = Fixture.state()
        Fixture.keys(&s, "2")
        var seen: [String] = []
        for _ in 0..<5 {
            Fixture.keys(&s, "f")
            seen.append(s.derived.fronts[s.front].name + ":\(s.list.count)")
        }
        #expect(seen == ["Kharkiv:2", "Kursk:2", "Kurakhove:1", "no front:1", "all:6"])
        Fixture.keys(&s, "f")
        #expect(Fixture.draw(s).row(1).contains("Claims — Kharkiv — 2 of 2"))
    }

    @Test func enterOnAClaimOpensTheReaderThere() {
        var s = Fixture.state(width: 80, height: 16)
        Fixture.keys(&s, "2G")
        let target = s.selectedClaim!
        _ = update(&s, .key(.enter))
        #expect(s.pane == .reader)
        #expect(s.reader.claim == target)
        #expect(s.reader.article == s.corpus.articles.firstIndex { $0.id == s.corpus.claims[target].article })
        #expect(Fixture.draw(s).text.contains("Diplomats said"))
        _ = update(&s, .key(.escape))
        #expect(s.pane == .claims)
    }

    @Test func reviewKeysMarkTheSelectedClaim() {
        var s = Fixture.state()
        s.now = 1_700_000_000
        Fixture.keys(&s, "2")
        let effects = Fixture.keys(&s, "D")
        guard case .saveMark(let m)? = effects.first else { Issue.record("no save"); return }
        #expect(m.claimID == "001_kyiv_independent#0" && m.kind == .disputed && m.user == "tester")
        #expect(m.updatedAt.timeIntervalSince1970 == 1_700_000_000)
        #expect(Fixture.draw(s)[0, s.layout.bodyTop].text == "✗")
        _ = update(&s, .marksChanged([m.claimID: m]))
        _ = update(&s, .reviewStatus("saved"))
        #expect(Fixture.draw(s).row(23).contains("saved"))
        #expect(s.derived.fronts.first { $0.name == "Kharkiv" }?.reviewed == 1)
        let cleared = Fixture.keys(&s, "u")
        guard case .saveMark(let c)? = cleared.first else { Issue.record("no clear"); return }
        #expect(c.kind == nil && c.note == nil)
        #expect(s.marks.isEmpty)
    }

    @Test func noteEditorEditsUTF8TextAndSavesOrCancels() {
        var s = Fixture.state()
        Fixture.keys(&s, "2j")
        Fixture.keys(&s, "A")
        #expect(s.prompt != nil)
        Fixture.keys(&s, "Зеленський said 6000")
        for _ in 0..<3 { _ = update(&s, .key(.left)) }
        _ = update(&s, .key(.backspace))          // removes the "6"
        _ = update(&s, .key(.home))
        _ = update(&s, .key(.delete))             // removes the "З"
        Fixture.keys(&s, "З")
        _ = update(&s, .key(.end))
        Fixture.keys(&s, " 日本")
        #expect(s.editor.text == "Зеленський said 000 日本")
        #expect(Fixture.draw(s).row(22).contains("Note: Зеленський said 000 日本"))
        let effects = update(&s, .key(.enter))
        guard case .saveMark(let m)? = effects.first else { Issue.record("no save"); return }
        #expect(m.note == "Зеленський said 000 日本")
        #expect(m.claimID == "001_kyiv_independent#1")
        #expect(s.marks[m.claimID]?.note == m.note)
        // Esc leaves the note as it was.
        Fixture.keys(&s, "A")
        Fixture.keys(&s, " more")
        #expect(update(&s, .key(.escape)).isEmpty)
        #expect(s.marks[m.claimID]?.note == m.note)
        #expect(s.prompt == nil)
    }

    @Test func orphanedMarksAreListed() {
        var s = Fixture.state(width: 120, height: 40)
        let gone = ReviewMark(claimID: "999_deleted#4", kind: .flagged, note: "source retracted", user: "ana", updatedAt: .init(timeIntervalSince1970: 0))
        // The article is still there but the sentence was edited away.
        let edited = ReviewMark(claimID: "001_kyiv_independent#99", kind: .confirmed, note: nil, user: "ana", updatedAt: .init(timeIntervalSince1970: 0))
        let kept = ReviewMark(claimID: "002_isw#1", kind: .disputed, note: nil, user: "ana", updatedAt: .init(timeIntervalSince1970: 0))
        _ = update(&s, .marksChanged([gone.claimID: gone, edited.claimID: edited, kept.claimID: kept]))
        #expect(s.derived.orphans == ["001_kyiv_independent#99", "999_deleted#4"])
        #expect(s.derived.fronts.first { $0.name == "Kursk" }?.reviewed == 1)
        Fixture.keys(&s, "4")
        let text = Fixture.draw(s).text
        #expect(text.contains("Orphaned marks — 2"))
        #expect(text.contains("999_deleted#4"))
        #expect(text.contains("source retracted"))
    }

    @Test func selectionAndReaderStayOnTheSameClaimAcrossReloads() {
        var s = Fixture.state(width: 80, height: 16)
        Fixture.keys(&s, "2jjj")
        let before = id(s)
        #expect(before == "002_isw#1")
        // A new article sorts first: every claim index shifts.
        let early = Fixture.article(id: "000_ap", outlet: "AP", title: "Front line update",
                                    lines: ["Ukraine said it shot down 20 drones overnight.", "Officials said the front was stable."],
                                    claims: [.init(sentence: "Ukraine said it shot down 20 drones overnight.", claimant: "Ukraine", fronts: [], quantities: [("20 drones", 20, "drones", .exact)]),
                                             .init(sentence: "Officials said the front was stable.", claimant: "Officials", fronts: [], quantities: [])])
        var change = ChangeSummary(); change.added = ["000_ap"]
        _ = update(&s, .corpusChanged(Fixture.corpus(extra: [early]), change, at: 1_700_000_100))
        #expect(id(s) == before)
        #expect(s.cursor == 5)
        // Reader: same article, same claim.
        _ = update(&s, .key(.enter))
        let top = s.reader.top
        _ = update(&s, .corpusChanged(Fixture.corpus(extra: [early]), ChangeSummary(), at: 1_700_000_200))
        #expect(s.reader.claim.map { s.corpus.claims[$0].id } == before)
        #expect(s.reader.top == top)
        // The claim goes away: the selection stays in range.
        _ = update(&s, .corpusChanged(Fixture.corpus(), ChangeSummary(), at: 1_700_000_300))
        #expect(s.cursor < s.list.count)
    }

    @Test func mouseClicksSelectRowsAndSwitchPanes() {
        var s = Fixture.state()
        let claimsTab = s.layout.tabs[1].x.lowerBound + 1
        _ = update(&s, .mouseClick(x: claimsTab, y: 0))
        #expect(s.pane == .claims)
        _ = update(&s, .mouseClick(x: 10, y: s.layout.bodyTop + 2))
        #expect(s.cursor == 2)
        _ = update(&s, .mouseWheel(up: false, x: 10, y: 5))
        #expect(s.cursor >= 2)
    }

    @Test func configuredKeysReplaceDefaults() {
        let (config, errors) = Config.parse("[keys]\nquit = \"Q\"\nclaims-pane = \"c\"\n")
        #expect(errors.isEmpty)
        var s = DashboardState(corpus: Fixture.corpus(), config: config)
        #expect(update(&s, .key(.char("q"))).isEmpty)
        Fixture.keys(&s, "c")
        #expect(s.pane == .claims)
        #expect(update(&s, .key(.char("Q"))) == [.quit])
    }
}
