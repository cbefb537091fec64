import Testing
@testable import FrontlineTUI
import FrontlineModel

/// Issue 17: what a hostile-use probe found, at the level of the dashboard's pure parts.
@Suite struct HostileUseTests {
    @Test func messagesShowEscapesNeutralised() {
        let shown = MessageText.neutralised("no such folder: /tmp/x\u{1B}]2;PWNED\u{07}\u{9B}31m\u{202E}y\nnext line")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!shown.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(shown.contains("␛]2;PWNED␇"))
        #expect(shown.hasSuffix("y\nnext line"))
    }
}

@Suite struct PasteTests {
    @Test func pastedTextIsTextWithoutControls() {
        var editor = LineEditor("ab")
        editor.cursor = 1
        editor.insert(pasted: "x\u{1B}q\ny\tz\u{9B}")
        #expect(editor.text == "axq y zb")
        #expect(editor.cursor == 7)
    }

    @Test func aPasteOutsideAPromptIsNotKeys() {
        var state = DashboardState(corpus: Corpus(folder: "/f", fronts: .standard, articles: [], claims: [], comparisons: [], report: LoadReport()))
        let effects = update(&state, .paste("q"))
        #expect(effects.isEmpty)
        #expect(state.prompt == nil)
    }
}
