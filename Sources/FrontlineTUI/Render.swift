import FrontlineModel

/// A run of text in one style; a line of a pane is a list of them.
struct Span {
    var text: String
    var style: Style
    init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
}

extension CellGrid {
    /// Writes spans one after another, cutting the last that does not fit; returns the columns used.
    @discardableResult
    mutating func put(spans: [Span], x: Int, y: Int, maxWidth: Int) -> Int {
        var used = 0
        for span in spans {
            guard used < maxWidth else { break }
            used += put(span.text, x: x + used, y: y, maxWidth: maxWidth - used, style: span.style)
        }
        return used
    }
}

/// Marks as one-column symbols, shared by every list.
enum MarkSymbol {
    static func symbol(_ mark: ReviewMark?) -> (String, Style) {
        guard let mark else { return (" ", .plain) }
        switch mark.kind {
        case .confirmed?: return ("✓", Style(.agree, bold: true))
        case .disputed?: return ("✗", Style(.conflict, bold: true))
        case .needsCheck?: return ("?", Style(.hedge, bold: true))
        case .flagged?: return ("⚑", Style(.warning, bold: true))
        case nil: return ((mark.note ?? "").isEmpty ? " " : "✎", Style(.mark))
        }
    }

    static let legend = "✓ confirmed  ✗ disputed  ? needs-check  ⚑ flagged  ✎ note  ~ hedged"
}

/// Pure drawing: reads the state, writes the grid.
struct Renderer {
    let state: DashboardState
    var corpus: Corpus { state.corpus }
    var derived: Derived { state.derived }

    mutating func draw(into grid: inout CellGrid) {
        grid.clear()
        let layout = Layout(width: grid.width, height: grid.height)
        if layout.tooSmall { drawTooSmall(&grid); return }
        drawTabs(&grid, layout)
        switch state.pane {
        case .fronts: drawFronts(&grid, layout)
        case .claims: drawClaims(&grid, layout)
        case .reader: drawReader(&grid, layout)
        case .compare: drawCompare(&grid, layout)
        }
        drawHintRow(&grid, layout)
        drawStatus(&grid, layout)
        if state.showHelp { drawHelp(&grid, layout) }
    }

    // MARK: Frame

    func drawTooSmall(_ grid: inout CellGrid) {
        guard grid.width > 0, grid.height > 0 else { return }
        let lines = ["Terminal too small: \(grid.width)×\(grid.height)",
                     "frontline needs at least \(Layout.minWidth)×\(Layout.minHeight)",
                     "(q quits)"]
        let top = max(0, (grid.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < grid.height {
            let w = min(TextWidth.width(of: line), grid.width)
            grid.put(line, x: max(0, (grid.width - w) / 2), y: top + i, maxWidth: grid.width,
                     style: Style(i == 0 ? .warning : .text, bold: i == 0))
        }
    }

    func drawTabs(_ grid: inout CellGrid, _ layout: Layout) {
        grid.fill(x: 0, y: layout.tabRow, width: grid.width, height: 1, style: Style(.border))
        grid.put(" ", x: 0, y: 0)
        for tab in layout.tabs {
            let selected = tab.pane == state.pane
            grid.put(tab.label, x: tab.x.lowerBound, y: layout.tabRow, maxWidth: grid.width - tab.x.lowerBound,
                     style: selected ? Style(.selection, bold: true) : Style(.muted))
        }
        let end = layout.tabs.last.map { $0.x.upperBound + 1 } ?? 0
        let folder = " frontline · " + shortFolder + " "
        let room = grid.width - end - 1
        if room > 8 { grid.putRight(folder, right: grid.width, y: layout.tabRow, maxWidth: room, style: Style(.title)) }
    }

    var shortFolder: String {
        let parts = corpus.folder.split(separator: "/")
        return parts.last.map(String.init) ?? corpus.folder
    }

    func drawTitle(_ grid: inout CellGrid, _ layout: Layout, _ spans: [Span]) {
        let used = grid.put(spans: spans, x: 1, y: layout.titleRow, maxWidth: grid.width - 2)
        if used + 2 < grid.width { grid.hline(x: used + 2, y: layout.titleRow, width: grid.width - used - 2) }
    }

    func drawHintRow(_ grid: inout CellGrid, _ layout: Layout) {
        let y = layout.hintRow
        if let prompt = state.prompt {
            let label = prompt.label
            let x0 = grid.put(label, x: 0, y: y, style: Style(.accent, bold: true))
            drawEditor(&grid, x: x0, y: y, width: grid.width - x0 - 1)
            return
        }
        if let notice = state.notice {
            grid.put(notice, x: 0, y: y, maxWidth: grid.width, style: Style(.warning))
            return
        }
        var spans: [Span] = []
        func hint(_ action: Action, _ text: String) {
            guard let key = state.config.keys.keys[action]?.first else { return }
            spans.append(Span(KeyName.describe(key), Style(.accent, bold: true)))
            spans.append(Span(" " + text + "  ", Style(.muted)))
        }
        switch state.pane {
        case .fronts:
            hint(.open, "claims"); hint(.nextFront, "front"); hint(.pageDown, "figures")
        case .claims:
            hint(.open, "read"); hint(.search, "search"); hint(.nextFront, "front"); hint(.sort, "sort")
            hint(.claimantFilter, "claimant"); hint(.hedgedFilter, "hedged"); hint(.markFilter, "mark")
            hint(.markConfirmed, "confirm"); hint(.editNote, "note")
        case .reader:
            hint(.nextClaim, "next claim"); hint(.previousClaim, "previous"); hint(.toggleFurniture, "furniture")
            hint(.markConfirmed, "confirm"); hint(.markDisputed, "dispute"); hint(.editNote, "note"); hint(.back, "back")
        case .compare:
            hint(.open, "read claim"); hint(.nextMatch, "next conflict"); hint(.markConfirmed, "confirm")
        }
        hint(.help, "help"); hint(.quit, "quit")
        grid.put(spans: spans, x: 0, y: y, maxWidth: grid.width)
    }

    /// The editing line, scrolled so the cursor stays in view; the cursor cell is drawn reversed.
    func drawEditor(_ grid: inout CellGrid, x: Int, y: Int, width: Int) {
        let chars = state.editor.characters
        guard width > 1 else { return }
        // Start far enough along that the text up to the cursor fits.
        var start = 0
        var w = 0
        var i = state.editor.cursor
        while i > 0 {
            let cw = max(1, TextWidth.width(of: String(chars[i - 1])))
            if w + cw > width - 1 { break }
            w += cw
            i -= 1
        }
        start = i
        var col = x
        var cursorX = x
        for j in start..<chars.count {
            if j == state.editor.cursor { cursorX = col }
            let used = grid.put(String(chars[j]), x: col, y: y, maxWidth: x + width - col, style: .plain)
            if used == 0 { break }
            col += used
        }
        if state.editor.cursor >= chars.count { cursorX = col }
        if cursorX < x + width {
            if state.editor.cursor >= chars.count { grid.put(" ", x: cursorX, y: y) }
            grid.restyle(x: cursorX, y: y, width: 1) { $0.adding(reverse: true) }
        }
    }

    func drawStatus(_ grid: inout CellGrid, _ layout: Layout) {
        let y = layout.statusRow
        let st = Style(.status)
        grid.fill(x: 0, y: y, width: grid.width, height: 1, style: st)
        // Segments by importance: when the line is too narrow the least important go first.
        var segments: [(span: Span, rank: Int)] = [(Span(" " + shortFolder, Style(.status, bold: true)), 0)]
        segments.append((Span(" · \(Fmt.grouped(corpus.articles.count)) articles · \(Fmt.grouped(corpus.claims.count)) claims", st), 1))
        let issues = corpus.report.issues
        if !issues.isEmpty {
            let skipped = issues.filter { $0.kind == .skipped }.count
            let unreadable = issues.count - skipped
            var parts: [String] = []
            if skipped > 0 { parts.append("\(skipped) file\(skipped == 1 ? "" : "s") skipped") }
            if unreadable > 0 { parts.append("\(unreadable) unreadable") }
            segments.append((Span(" · ⚠ " + parts.joined(separator: ", "), Style(.status, bold: true, underline: true)), 2))
        }
        if let loading = state.loading {
            segments.append((Span(" · loading \(Fmt.grouped(loading.done))/\(Fmt.grouped(loading.total))", Style(.status, bold: true)), 1))
        }
        if let at = state.lastReload {
            segments.append((Span(" · reloaded \(Fmt.clock(at, offset: LocalTime.offset))", st), 3))
            if let change = state.lastChange?.description, !change.isEmpty {
                segments.append((Span(": " + change, st), 4))
            }
        }
        if let review = state.reviewStatus { segments.append((Span(" · " + review, st), 2)) }
        let right = " \(state.user) · ? help "
        let rightWidth = TextWidth.width(of: right)
        let showRight = grid.width > 70
        let leftRoom = grid.width - (showRight ? rightWidth : 0)
        while segments.count > 1, segments.reduce(0, { $0 + TextWidth.width(of: $1.span.text) }) > leftRoom {
            let worst = segments.indices.max { segments[$0].rank < segments[$1].rank }!
            if segments[worst].rank <= 1 { break }
            segments.remove(at: worst)
        }
        grid.put(spans: segments.map(\.span), x: 0, y: y, maxWidth: leftRoom)
        if showRight { grid.putRight(right, right: grid.width, y: y, maxWidth: rightWidth, style: st) }
    }

    // MARK: Help

    func drawHelp(_ grid: inout CellGrid, _ layout: Layout) {
        var entries: [(String, String)] = []
        for action in Action.allCases {
            let keys = (state.config.keys.keys[action] ?? []).map(KeyName.describe).joined(separator: " ")
            entries.append((keys.isEmpty ? "(unbound)" : keys, action.summary))
        }
        // The terminal's own key, not one of the dashboard's: it cannot be rebound.
        entries.append(("Ctrl-Z", "suspend to the shell; fg brings it back"))
        let boxWidth = min(grid.width - 2, 118)
        let columns = boxWidth >= 96 ? 2 : 1
        let perColumn = (entries.count + columns - 1) / columns
        let innerRows = perColumn + 3
        let boxHeight = min(grid.height - 2, innerRows + 2)
        let x0 = (grid.width - boxWidth) / 2
        let y0 = max(0, (grid.height - boxHeight) / 2)
        grid.fill(x: x0, y: y0, width: boxWidth, height: boxHeight, style: .plain)
        grid.box(x: x0, y: y0, width: boxWidth, height: boxHeight)
        grid.put(" Keys (any key closes; j/k scroll) ", x: x0 + 2, y: y0, maxWidth: boxWidth - 4, style: Style(.title, bold: true))
        let visible = boxHeight - 2
        var lines: [[(String, String)]] = []
        for r in 0..<perColumn {
            var row: [(String, String)] = []
            for c in 0..<columns where c * perColumn + r < entries.count { row.append(entries[c * perColumn + r]) }
            lines.append(row)
        }
        let top = min(state.helpTop, max(0, lines.count + 2 - visible))
        let colWidth = (boxWidth - 4) / columns
        let keyWidth = min(16, colWidth / 3)
        for i in 0..<visible {
            let index = top + i
            let y = y0 + 1 + i
            if index < lines.count {
                for (c, entry) in lines[index].enumerated() {
                    let x = x0 + 2 + c * colWidth
                    grid.put(entry.0, x: x, y: y, maxWidth: keyWidth, style: Style(.accent, bold: true))
                    grid.put(entry.1, x: x + keyWidth + 1, y: y, maxWidth: colWidth - keyWidth - 2)
                }
            } else if index == lines.count + 1 {
                grid.put("Marks: " + MarkSymbol.legend, x: x0 + 2, y: y, maxWidth: boxWidth - 4, style: Style(.muted))
            }
        }
    }

    // MARK: Helpers

    func source(of claim: Claim) -> String {
        if let a = derived.articleIndex[claim.article], let outlet = corpus.articles[a].outlet { return outlet }
        return claim.article
    }

    func claimantName(_ claim: Claim) -> String { claim.claimant ?? "(article)" }

    /// The style at a byte offset of a claim's sentence: numbers stand out, search matches are underlined.
    func claimTextStyler(_ claim: Claim, matches: [Int], needle: Int) -> (Int, Style) -> Style {
        let ranges = claim.quantities.map(\.range)
        return { offset, base in
            var s = base
            for r in ranges where r.contains(offset) { s = Style(.number, bold: true, reverse: base.reverse); break }
            for m in matches where offset >= m && offset < m + needle { s.underline = true; s.bold = true; break }
            return s
        }
    }
}

enum LocalTime {
    /// Seconds east of UTC, read once (the status line shows local wall-clock time).
    static let offset: Int = {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        return parts.tm_gmtoff
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
