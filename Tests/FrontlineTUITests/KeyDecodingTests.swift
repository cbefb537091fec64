import CNcursesShim
import Testing
@testable import FrontlineTUI

@Suite struct KeyDecodingTests {
    @Test func functionKeysBecomeNamedKeys() {
        let cases: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_ENTER, .enter),
            (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
        ]
        for (code, key) in cases {
            #expect(decodeInput(isKeyCode: true, code: UInt32(code)) == .key(key))
        }
    }

    @Test func resizeAndMouseAreNotKeys() {
        #expect(decodeInput(isKeyCode: true, code: UInt32(KEY_RESIZE)) == .resize)
        #expect(decodeInput(isKeyCode: true, code: UInt32(KEY_MOUSE)) == .mouse)
    }

    @Test func controlCharactersBecomeKeys() {
        #expect(decodeInput(isKeyCode: false, code: 13) == .key(.enter))
        #expect(decodeInput(isKeyCode: false, code: 10) == .key(.enter))
        #expect(decodeInput(isKeyCode: false, code: 9) == .key(.tab))
        #expect(decodeInput(isKeyCode: false, code: 27) == .key(.escape))
        #expect(decodeInput(isKeyCode: false, code: 127) == .key(.backspace))
        #expect(decodeInput(isKeyCode: false, code: 8) == .key(.backspace))
        #expect(decodeInput(isKeyCode: false, code: 4) == .key(.ctrl("d")))
        #expect(decodeInput(isKeyCode: false, code: 21) == .key(.ctrl("u")))
        #expect(decodeInput(isKeyCode: false, code: 0) == .ignored)
    }

    @Test func textArrivesAsCharacters() {
        // A search for "Покровськ" or "库尔斯克" must reach the state as those characters.
        for text in ["q", "/", "G", "П", "ї", "库"] {
            let scalar = text.unicodeScalars.first!
            #expect(decodeInput(isKeyCode: false, code: scalar.value) == .key(.char(Character(text))))
        }
    }

    @Test func wheelAndClickBecomeMouseMessages() {
        if case .mouseWheel(let up, let x, let y)? = decodeMouse(buttonState: fl_button4_pressed(), x: 3, y: 7) {
            #expect(up && x == 3 && y == 7)
        } else { Issue.record("wheel up not decoded") }
        if case .mouseWheel(let up, _, _)? = decodeMouse(buttonState: fl_button5_pressed(), x: 0, y: 0) {
            #expect(!up)
        } else { Issue.record("wheel down not decoded") }
        if case .mouseClick(let x, let y)? = decodeMouse(buttonState: fl_button1_pressed(), x: 40, y: 2) {
            #expect(x == 40 && y == 2)
        } else { Issue.record("click not decoded") }
        #expect(decodeMouse(buttonState: fl_button1_released(), x: 0, y: 0) == nil)
    }
}
