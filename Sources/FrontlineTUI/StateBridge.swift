import FrontlineModel

// ADAPTER POINT between the loop and the pure state of the `tui` branch: the only place that needs
// changing when their Msg cases for progress and status text land.
enum StateBridge {
    /// A message saying how far the first load has got, or nil when the state has no such message.
    static func progress(loaded: Int, total: Int) -> Msg? { nil }

    /// A message for the status line, or nil when the state has no such message.
    static func status(_ text: String) -> Msg? { nil }
}
