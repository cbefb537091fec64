import Foundation
import FrontlineModel
import Glibc
import Testing
@testable import FrontlineTUI

@Suite struct DigesterTests {
    @Test func keysPressedDuringADigestSurviveIt() throws {
        var store = CorpusStore(folder: Fixture.seedsFolder)
        let all = try FolderLoader.listArticles(in: Fixture.seedsFolder).paths
        store.refresh(paths: Set(all.prefix(2)))
        var state = DashboardState(corpus: store.corpus)
        _ = update(&state, .resize(width: 120, height: 36))
        let rest = store.refresh(paths: Set(all.dropFirst(2)))

        // The digest starts from the state as it was; the user then opens Claims and moves down twice.
        let digester = Digester()
        digester.digest(state, .corpusChanged(store.corpus, rest, at: 0))
        let log: [Msg] = [.key(.char("2")), .key(.char("j")), .key(.char("j"))]
        for msg in log { _ = update(&state, msg) }

        var fd = pollfd(fd: digester.wakeFD, events: Int16(POLLIN), revents: 0)
        #expect(poll(&fd, 1, 60_000) == 1)
        let (digested, effects) = try #require(digester.take())
        #expect(effects.isEmpty)
        let next = Digester.replay(log, onto: digested)
        #expect(next.corpus.articles.count == 4)
        #expect(next.pane == .claims)
        #expect(next.cursor == state.cursor)
        #expect(next.selectedClaim.map { next.corpus.claims[$0].id } == state.selectedClaim.map { state.corpus.claims[$0].id })
    }
}
