import Foundation
import FrontlineModel

func dateFromSeconds(_ s: Double) -> Date { Date(timeIntervalSince1970: s) }

/// Where everything sits on the screen; update and render both use it, so clicks land where things are drawn.
struct Layout {
    let width: Int
    let height: Int

    static let minWidth = 60
    static let minHeight = 15

    var tooSmall: Bool { width < Self.minWidth || height < Self.minHeight }
    let tabRow = 0
    let titleRow = 1
    let bodyTop = 2
    var bodyRows: Int { max(1, height - 4) }
    var hintRow: Int { height - 2 }
    var statusRow: Int { height - 1 }

    /// The reader's gutter: review mark and a pointer at the selected claim.
    static let readerGutter = 3
    /// Wide screens get a claim detail panel beside the reader.
    var readerSidePanel: Bool { width >= 140 }
    var readerTextWidth: Int {
        let available = width - Self.readerGutter - 2
        return readerSidePanel ? min(available - 46, 110) : available
    }

    /// Columns the claim panel beside the Claims list takes; 0 when the screen is too narrow.
    var claimsPanelWidth: Int { width >= 150 ? min(64, width / 3) : 0 }

    /// Rows the Fronts table gets; the key figures take the rest.
    func frontTableRows(fronts: Int) -> Int { min(fronts, max(3, (bodyRows - 1) / 2)) }
    static func frontTableTop(cursor: Int, rows: Int) -> Int { max(0, cursor - rows + 1) }

    /// The tab labels and the columns each takes.
    var tabs: [(pane: Pane, x: Range<Int>, label: String)] {
        var out: [(Pane, Range<Int>, String)] = []
        var x = 1
        for p in Pane.allCases {
            let label = " \(p.rawValue + 1) \(p.title) "
            out.append((p, x..<(x + label.count), label))
            x += label.count + 1
        }
        return out
    }
}

extension DashboardState {
    var layout: Layout { Layout(width: width, height: height) }

    mutating func apply(_ msg: Msg) -> [Effect] {
        switch msg {
        case .key(let key):
            return handle(key)
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            rewrapReader()
            clampReader()
            keepCursorVisible()
            keepCompareVisible()
        case .corpusChanged(let corpus, let change, let at):
            replaceCorpus(corpus)
            if let change {
                lastReload = at
                lastChange = change
            }
            now = max(now, at)
        case .loadProgress(let done, let total):
            loading = done >= total ? nil : (done, total)
        case .tick(let t):
            now = t
        case .marksChanged(let m):
            replaceMarks(m)
        case .reviewStatus(let s):
            reviewStatus = s
        case .notice(let s):
            notice = s
        case .paste(let text):
            if prompt != nil { editor.insert(pasted: text) }
        case .mouseWheel(let up, _, _):
            if showHelp { helpTop = max(0, helpTop + (up ? -3 : 3)); return [] }
            scroll(by: up ? -3 : 3)
        case .mouseClick(let x, let y):
            click(x: x, y: y)
        }
        return []
    }

    // MARK: Keys

    mutating func handle(_ key: Key) -> [Effect] {
        if let p = prompt {
            switch editor.handle(key) {
            case .editing: return []
            case .cancel: prompt = nil; return []
            case .submit:
                prompt = nil
                return submit(p, editor.text)
            }
        }
        let action = config.keys.action(for: key)
        if showHelp {
            switch action {
            case .down?: helpTop += 1
            case .up?: helpTop = max(0, helpTop - 1)
            case .pageDown?, .halfDown?: helpTop += layout.bodyRows / 2
            case .pageUp?, .halfUp?: helpTop = max(0, helpTop - layout.bodyRows / 2)
            default: showHelp = false
            }
            return []
        }
        guard let action else { return [] }
        notice = nil
        return perform(action)
    }

    mutating func perform(_ action: Action) -> [Effect] {
        let rows = layout.bodyRows
        switch action {
        case .quit: return [.quit]
        case .help: showHelp = true; helpTop = 0
        case .nextPane: switchPane(Pane(rawValue: (pane.rawValue + 1) % Pane.allCases.count)!)
        case .previousPane: switchPane(Pane(rawValue: (pane.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!)
        case .frontsPane: switchPane(.fronts)
        case .claimsPane: switchPane(.claims)
        case .readerPane: switchPane(.reader)
        case .comparePane: switchPane(.compare)
        case .down: move(1)
        case .up: move(-1)
        case .pageDown: move(max(1, rows - 1))
        case .pageUp: move(-max(1, rows - 1))
        case .halfDown: move(max(1, rows / 2))
        case .halfUp: move(-max(1, rows / 2))
        case .top: move(Int.min / 2)
        case .bottom: move(Int.max / 2)
        case .open: open()
        case .back:
            switch pane {
            case .reader: pane = .claims
            case .claims where !filter.text.isEmpty:
                var f = filter; f.text = ""; setFilter(f)
            default: break
            }
        case .search:
            prompt = .search
            editor = LineEditor(filter.text)
        case .nextMatch: nextMatch(forward: true)
        case .previousMatch: nextMatch(forward: false)
        case .nextFront: setFront((front + 1) % derived.fronts.count); frontsDetailTop = 0
        case .previousFront: setFront((front + derived.fronts.count - 1) % derived.fronts.count); frontsDetailTop = 0
        case .sort:
            let all = SortOrder.allCases
            setSort(all[(all.firstIndex(of: sort)! + 1) % all.count])
        case .claimantFilter: cycleClaimant()
        case .claimantPrompt:
            prompt = .claimant
            editor = LineEditor(filter.claimant ?? "")
        case .hedgedFilter:
            var f = filter; f.hedgedOnly.toggle(); setFilter(f)
        case .markFilter:
            let cycle = MarkFilter.cycle
            var f = filter
            f.mark = cycle[((cycle.firstIndex(of: f.mark) ?? 0) + 1) % cycle.count]
            setFilter(f)
        case .clearFilters: setFilter(ClaimFilter())
        case .nextClaim: stepClaim(1)
        case .previousClaim: stepClaim(-1)
        case .toggleFurniture:
            showFurniture.toggle()
            rewrapReader()
            clampReader()
        case .markConfirmed: return mark(.confirmed)
        case .markDisputed: return mark(.disputed)
        case .markNeedsCheck: return mark(.needsCheck)
        case .markFlagged: return mark(.flagged)
        case .clearMark: return mark(nil)
        case .editNote:
            guard let c = targetClaim else { notice = "select a claim to write a note on"; return [] }
            let id = corpus.claims[c].id
            prompt = .note(claimID: id)
            editor = LineEditor(marks[id]?.note ?? "")
        }
        return []
    }

    mutating func switchPane(_ p: Pane) {
        if p == .reader && reader.article == nil, let c = selectedClaim {
            openReader(at: c)
            return
        }
        pane = p
        if p == .reader { rewrapReader(); clampReader() }
    }

    mutating func open() {
        switch pane {
        case .fronts: pane = .claims
        case .claims: if let c = selectedClaim { openReader(at: c) }
        case .compare: if let c = targetClaim { openReader(at: c) }
        case .reader: break
        }
    }

    mutating func submit(_ p: Prompt, _ text: String) -> [Effect] {
        switch p {
        case .search:
            var f = filter
            f.text = text
            setFilter(f)
            if pane == .reader { readerMatch(forward: true, includeCurrent: true) } else { pane = .claims }
        case .claimant:
            var f = filter
            let t = text.trimmingSpaces
            if t.isEmpty { f.claimant = nil } else if let exact = derived.claimantNames.first(where: { $0.lowercased() == t.lowercased() }) {
                f.claimant = exact; f.claimantExact = true
            } else {
                f.claimant = t; f.claimantExact = false
            }
            setFilter(f)
            if pane != .claims { pane = .claims }
        case .note(let id):
            let note = text.trimmingSpaces
            let old = marks[id]
            let m = ReviewMark(claimID: id, kind: old?.kind, note: note.isEmpty ? nil : note, user: user,
                               updatedAt: dateFromSeconds(now))
            setMark(m)
            reviewStatus = "saving…"
            return [.saveMark(m)]
        }
        return []
    }

    mutating func mark(_ kind: ReviewMark.Kind?) -> [Effect] {
        guard let c = targetClaim else { notice = "select a claim in Claims or Reader to mark it"; return [] }
        let id = corpus.claims[c].id
        let m = ReviewMark(claimID: id, kind: kind, note: marks[id]?.note, user: user, updatedAt: dateFromSeconds(now))
        setMark(m)
        reviewStatus = "saving…"
        return [.saveMark(m)]
    }

    mutating func cycleClaimant() {
        var f = filter
        let order = derived.fronts[front].claimants
        guard !order.isEmpty else { notice = "no claim on this front names a claimant"; return }
        if let current = f.claimant, f.claimantExact,
           let pos = order.firstIndex(where: { derived.claimantNames[Int($0)] == current }) {
            f.claimant = pos + 1 < order.count ? derived.claimantNames[Int(order[pos + 1])] : nil
        } else {
            f.claimant = derived.claimantNames[Int(order[0])]
        }
        f.claimantExact = true
        setFilter(f)
    }

    // MARK: Movement

    mutating func move(_ delta: Int) {
        switch pane {
        case .fronts:
            if abs(delta) == 1 {
                setFront(max(0, min(derived.fronts.count - 1, front + delta)))
                frontsDetailTop = 0
            } else if delta <= Int.min / 4 {
                setFront(0)
            } else if delta >= Int.max / 4 {
                setFront(derived.fronts.count - 1)
            } else {
                frontsDetailTop = max(0, frontsDetailTop + delta)
            }
        case .claims:
            cursor = clampAdd(cursor, delta, count: list.count)
            keepCursorVisible()
        case .reader:
            reader.top = clampAdd(reader.top, delta, count: reader.lines.count)
            clampReader()
        case .compare:
            compareCursor = clampAdd(compareCursor, delta, count: compareLines.count)
            keepCompareVisible()
        }
    }

    mutating func scroll(by delta: Int) {
        let rows = layout.bodyRows
        switch pane {
        case .fronts: frontsDetailTop = max(0, frontsDetailTop + delta)
        case .claims:
            listTop = max(0, min(listTop + delta, max(0, list.count - rows)))
            cursor = max(listTop, min(cursor, listTop + rows - 1, list.count - 1))
            cursor = max(0, cursor)
        case .reader:
            reader.top += delta
            clampReader()
        case .compare:
            compareTop = max(0, min(compareTop + delta, max(0, compareLines.count - rows)))
            compareCursor = max(0, max(compareTop, min(compareCursor, compareTop + rows - 1, compareLines.count - 1)))
        }
    }

    mutating func keepCursorVisible() {
        let rows = layout.bodyRows
        if cursor < listTop { listTop = cursor }
        if cursor >= listTop + rows { listTop = cursor - rows + 1 }
        listTop = max(0, min(listTop, max(0, list.count - rows)))
        if cursor < listTop { listTop = cursor }
    }

    mutating func keepCompareVisible() {
        let rows = layout.bodyRows
        if compareCursor < compareTop { compareTop = compareCursor }
        if compareCursor >= compareTop + rows { compareTop = compareCursor - rows + 1 }
        compareTop = max(0, compareTop)
    }

    /// `]`/`[`: the reader moves between its article's claims; the list moves a row.
    mutating func stepClaim(_ delta: Int) {
        switch pane {
        case .reader:
            guard let a = reader.article else { return }
            let claims = derived.articleClaims[a]
            guard !claims.isEmpty else { return }
            if let c = reader.claim, let pos = claims.firstIndex(of: Int32(c)) {
                let next = pos + delta
                guard next >= 0, next < claims.count else { return }
                reader.claim = Int(claims[next])
            } else {
                // No claim selected yet: the first one at or after the top of the screen.
                let topOffset = reader.top < reader.lines.count ? reader.lines[reader.top].start : 0
                let first = claims.firstIndex { corpus.claims[Int($0)].range.lowerBound >= topOffset } ?? 0
                reader.claim = Int(claims[first])
            }
            scrollReaderToClaim(center: false)
        default:
            move(delta)
        }
    }

    mutating func nextMatch(forward: Bool) {
        switch pane {
        case .reader:
            if filter.text.isEmpty { stepClaim(forward ? 1 : -1) } else { readerMatch(forward: forward, includeCurrent: false) }
        case .claims:
            guard !list.isEmpty else { return }
            cursor = (cursor + (forward ? 1 : list.count - 1)) % list.count
            keepCursorVisible()
        case .compare:
            // Next or previous comparison in conflict.
            let n = compareLines.count
            guard n > 0 else { return }
            var i = compareCursor
            for _ in 0..<n {
                i = (i + (forward ? 1 : n - 1)) % n
                if case .comparison(let c) = compareLines[i], corpus.comparisons[c].verdict == .conflict {
                    compareCursor = i; keepCompareVisible(); return
                }
            }
        case .fronts:
            setFront((front + (forward ? 1 : derived.fronts.count - 1)) % derived.fronts.count)
        }
    }

    /// Scrolls the reader to the next occurrence of the search text, wrapping round the article.
    mutating func readerMatch(forward: Bool, includeCurrent: Bool) {
        guard let a = reader.article, !filter.text.isEmpty else { return }
        let text = corpus.articles[a].text
        let needle = Array(filter.text.lowercased().utf8)
        let all = TextSearch.matches(in: TextSearch.folded(text, for: needle).utf8, range: 0..<text.utf8.count, needle)
        guard !all.isEmpty else { notice = "“\(filter.text)” is not in this article"; return }
        let here = reader.matchOffset ?? (reader.top < reader.lines.count ? reader.lines[reader.top].start : 0)
        let target: Int
        if forward {
            target = all.first { includeCurrent ? $0 >= here : $0 > here } ?? all[0]
        } else {
            target = all.last { $0 < here } ?? all[all.count - 1]
        }
        reader.matchOffset = target
        let line = Wrap.line(containing: target, in: reader.lines)
        let rows = layout.bodyRows
        if line < reader.top || line >= reader.top + rows { reader.top = max(0, line - rows / 3) }
        clampReader()
    }

    // MARK: Mouse

    mutating func click(x: Int, y: Int) {
        let l = layout
        if showHelp { showHelp = false; return }
        guard !l.tooSmall else { return }
        if y == l.tabRow {
            if let tab = l.tabs.first(where: { $0.x.contains(x) }) { switchPane(tab.pane) }
            return
        }
        guard y >= l.bodyTop, y < l.bodyTop + l.bodyRows else { return }
        let row = y - l.bodyTop
        switch pane {
        case .fronts:
            let rows = l.frontTableRows(fronts: derived.fronts.count)
            let top = Layout.frontTableTop(cursor: front, rows: rows)
            if row >= 1, row <= rows, top + row - 1 < derived.fronts.count { setFront(top + row - 1) }
        case .claims:
            if listTop + row < list.count { cursor = listTop + row }
        case .reader:
            let line = reader.top + row
            guard line < reader.lines.count, let a = reader.article else { return }
            let span = reader.lines[line].start..<max(reader.lines[line].end, reader.lines[line].start + 1)
            if let c = derived.articleClaims[a].first(where: { corpus.claims[Int($0)].range.overlaps(span) }) {
                reader.claim = Int(c)
            }
        case .compare:
            if compareTop + row < compareLines.count { compareCursor = compareTop + row }
        }
    }

    private func clampAdd(_ value: Int, _ delta: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        let v = delta > 0 ? (value > Int.max - delta ? Int.max : value + delta) : (value < Int.min - delta ? Int.min : value + delta)
        return max(0, min(count - 1, v))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
