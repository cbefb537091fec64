import Testing
@testable import FrontlineTUI

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
