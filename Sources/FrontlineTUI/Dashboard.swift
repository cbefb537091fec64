import FrontlineModel

// STUB: replaced by the dashboard state, update and drawing work.

public enum Key: Sendable, Hashable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
}

public enum Msg: Sendable {
    case key(Key)
    case mouseWheel(up: Bool, x: Int, y: Int)
    case mouseClick(x: Int, y: Int)
    case resize(width: Int, height: Int)
    case corpusChanged(Corpus, ChangeSummary, at: Double)
}

public enum Effect: Sendable, Equatable {
    case quit
}

public struct DashboardState: Sendable {
    public var corpus: Corpus
    public var width = 80
    public var height = 24
    public init(corpus: Corpus) { self.corpus = corpus }
}

public func update(_ state: inout DashboardState, _ msg: Msg) -> [Effect] {
    if case .key(.char("q")) = msg { return [.quit] }
    if case .resize(let w, let h) = msg { state.width = w; state.height = h }
    return []
}

public func render(_ state: DashboardState, into grid: inout CellGrid) {}
