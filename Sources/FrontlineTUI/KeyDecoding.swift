import CNcursesShim

/// What one `wget_wch` result means to the loop.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    /// ncurses has a mouse event queued: read it with `getmouse`.
    case mouse
    case resize
    /// A code frontline does not use (e.g. an unmapped function key).
    case ignored
}

/// Turns `wget_wch` results into keys: `isKeyCode` is true when it returned KEY_CODE_YES.
public func decodeInput(isKeyCode: Bool, code: UInt32) -> InputEvent {
    if isKeyCode {
        switch Int32(bitPattern: code) {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return .mouse
        case let c where c >= KEY_F0 && c <= KEY_F0 + 63: return .key(.function(Int(c - KEY_F0)))
        default: return .ignored
        }
    }
    switch code {
    case 10, 13: return .key(.enter)
    case 9: return .key(.tab)
    case 27: return .key(.escape)
    case 8, 127: return .key(.backspace)
    case 1...26:
        // Ctrl-A … Ctrl-Z arrive as 1…26 (Ctrl-C never does: it is SIGINT in cbreak mode).
        return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96))))
    case 0..<32: return .ignored
    default:
        guard let scalar = Unicode.Scalar(code) else { return .ignored }
        return .key(.char(Character(scalar)))
    }
}

/// A mouse report as plain values, decoded from ncurses' button state.
public func decodeMouse(buttonState: mmask_t, x: Int, y: Int) -> Msg? {
    if buttonState & fl_button4_pressed() != 0 { return .mouseWheel(up: true, x: x, y: y) }
    if buttonState & fl_button5_pressed() != 0 { return .mouseWheel(up: false, x: x, y: y) }
    if buttonState & (fl_button1_pressed() | fl_button1_clicked()) != 0 { return .mouseClick(x: x, y: y) }
    return nil
}
