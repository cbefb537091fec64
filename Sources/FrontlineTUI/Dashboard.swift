import FrontlineModel

// The dashboard as three pure pieces the loop drives:
//   var state = DashboardState(corpus:config:user:marks:noColor:)
//   let effects = update(&state, msg)        // keys, mouse, resize, reloads, marks, time
//   render(state, into: &grid)               // grid sized to the terminal; flush cells whose text != ""
// Cell text is already safe to print; `state.theme.appearance(for: cell.style)` says how it looks.
// Keys: letters as `.char` (case kept), Ctrl-letter as `.ctrl` (lower case), Shift-Tab as `.backTab`.

/// A key as the backend decodes it.
public enum Key: Sendable, Hashable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
}

/// Everything that can happen to the dashboard; `update` applies one at a time.
public enum Msg: Sendable {
    case key(Key)
    case mouseWheel(up: Bool, x: Int, y: Int)
    case mouseClick(x: Int, y: Int)
    case resize(width: Int, height: Int)
    /// A new corpus: a live change with what changed, or a loading step (nil); `at` is seconds since 1970.
    case corpusChanged(Corpus, ChangeSummary?, at: Double)
    /// A big folder is loading: files read so far and in all; done == total ends it.
    case loadProgress(done: Int, total: Int)
    /// The current time, seconds since 1970 (used to stamp marks).
    case tick(now: Double)
    /// Every review mark, by claim id, as the store now holds them.
    case marksChanged([String: ReviewMark])
    /// A word from the review store for the status line ("saved", "cannot save: …").
    case reviewStatus(String)
    /// Any other message for the status line (config errors, watcher trouble).
    case notice(String)
    /// Text the terminal delivered as one bracketed paste: typed into an open prompt as text (never
    /// as keys), ignored anywhere else.
    case paste(String)
}

/// What the loop must do after an update.
public enum Effect: Sendable, Equatable {
    case quit
    /// Persist this mark, then send `.marksChanged` and `.reviewStatus("saved")`. A mark with neither
    /// kind nor note means: delete the claim's mark. `updatedAt` is the last `.tick` time.
    case saveMark(ReviewMark)
}

/// Applies one message to the state and says what the loop must do.
public func update(_ state: inout DashboardState, _ msg: Msg) -> [Effect] {
    state.apply(msg)
}

/// Draws the whole screen into the grid (sized by the grid, not the state).
public func render(_ state: DashboardState, into grid: inout CellGrid) {
    var renderer = Renderer(state: state)
    renderer.draw(into: &grid)
}
