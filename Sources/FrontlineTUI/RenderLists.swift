import FrontlineModel

extension Renderer {
    // MARK: Fronts

    func drawFronts(_ grid: inout CellGrid, _ layout: Layout) {
        let fronts = derived.fronts
        let defined = fronts.filter { $0.kind == .defined || $0.kind == .extra }.count
        drawTitle(&grid, layout, [
            Span("Fronts", Style(.title, bold: true)),
            Span(" — \(defined) front\(defined == 1 ? "" : "s") · \(Fmt.grouped(corpus.claims.count)) claims · \(derived.conflicts) conflict\(derived.conflicts == 1 ? "" : "s")", Style(.muted)),
        ])
        let w = grid.width
        let top = layout.bodyTop
        // Column positions scale with the width: name, then five counts.
        let nameWidth = max(14, min(30, w - 62))
        let cols = [nameWidth + 2, nameWidth + 12, nameWidth + 22, nameWidth + 32, nameWidth + 44]
        let headers = ["Articles", "Claims", "Hedged", "Conflicts", "Reviewed"]
        grid.put("Front", x: 2, y: top, maxWidth: nameWidth, style: Style(.muted, underline: true))
        for (i, h) in headers.enumerated() where cols[i] + 10 <= w {
            grid.putRight(h, right: cols[i] + 9, y: top, maxWidth: 10, style: Style(.muted, underline: true))
        }
        // Who speaks most about each front, where there is room.
        let whoX = cols[4] + 12
        let whoWidth = w - whoX - 1
        if whoWidth >= 16 { grid.put("Main claimants", x: whoX, y: top, maxWidth: whoWidth, style: Style(.muted, underline: true)) }
        let rows = layout.frontTableRows(fronts: fronts.count)
        let tableTop = Layout.frontTableTop(cursor: state.front, rows: rows)
        for r in 0..<rows {
            let fi = tableTop + r
            guard fi < fronts.count else { break }
            let f = fronts[fi]
            let y = top + 1 + r
            let selected = fi == state.front
            let nameStyle = f.kind == .defined || f.kind == .extra ? Style(.accent, bold: true) : Style(.muted)
            grid.put(selected ? "▶" : " ", x: 0, y: y, style: Style(.accent))
            grid.put(f.name, x: 2, y: y, maxWidth: nameWidth, style: nameStyle)
            let values = [Fmt.grouped(f.articles), Fmt.grouped(f.claimCount), Fmt.percent(f.hedged, f.claimCount),
                          "\(Fmt.grouped(f.conflicts))/\(Fmt.grouped(f.comparisons))", Fmt.grouped(f.reviewed)]
            for (i, v) in values.enumerated() where cols[i] + 10 <= w {
                let style: Style = (i == 3 && f.conflicts > 0) ? Style(.conflict, bold: true) : .plain
                grid.putRight(v, right: cols[i] + 9, y: y, maxWidth: 10, style: style)
            }
            if whoWidth >= 16 {
                let names = f.claimants.prefix(3).map { derived.claimantNames[Int($0)] }.joined(separator: ", ")
                grid.put(names.isEmpty ? "—" : names, x: whoX, y: y, maxWidth: whoWidth, style: Style(.claimant))
            }
            if selected { grid.restyle(x: 1, y: y, width: w - 2) { $0.adding(reverse: true) } }
        }
        // Key figures of the selected front, scrolled by PgUp/PgDn.
        let detailTop = top + 1 + rows + 1
        let detailRows = top + layout.bodyRows - detailTop
        guard detailRows > 0 else { return }
        let info = fronts[state.front]
        let count = frontDetailCount(info)
        grid.hline(x: 0, y: detailTop - 1, width: w)
        grid.put(" Key figures — \(info.name) ", x: 2, y: detailTop - 1, maxWidth: w - 4, style: Style(.title, bold: true))
        let start = min(state.frontsDetailTop, max(0, count - detailRows))
        for i in 0..<detailRows where start + i < count {
            grid.put(spans: frontDetailLine(info, start + i, width: w), x: 1, y: detailTop + i, maxWidth: w - 2)
        }
        if count > detailRows {
            grid.putRight("\(start + 1)–\(min(count, start + detailRows)) of \(count) ", right: w, y: detailTop - 1, maxWidth: 20, style: Style(.muted))
        }
    }

    /// Lines of the key-figure section: per kind a heading and its figures, then the review count.
    func frontDetailCount(_ front: FrontInfo) -> Int {
        front.figures.reduce(0) { $0 + 1 + $1.count } + 2
    }

    /// One line of the key-figure section, built only when it is on screen.
    func frontDetailLine(_ front: FrontInfo, _ index: Int, width: Int) -> [Span] {
        var i = index
        for kind in FigureKind.allCases {
            let figures = front.figures[kind.rawValue]
            if i == 0 {
                var heading = [Span(kind.title, Style(.accent, bold: true))]
                if figures.isEmpty { heading.append(Span("  none stated", Style(.muted))) }
                else if figures.count >= Derived.maxFigures { heading.append(Span("  first \(figures.count)", Style(.muted))) }
                return heading
            }
            i -= 1
            if i < figures.count {
                let fig = figures[i]
                let claim = corpus.claims[Int(fig.claim)]
                let q = claim.quantities[Int(fig.quantity)]
                let (sym, symStyle) = MarkSymbol.symbol(state.marks[claim.id])
                var spans = [Span(" " + sym + " ", symStyle), Span(pad(Fmt.quantity(q), 16), Style(.number, bold: true)),
                             Span(claim.hedged ? "~ " : "  ", Style(.hedge, bold: true))]
                let whoWidth = width >= 100 ? 50 : max(10, width - 26)
                let who = claimantName(claim)
                let src = " · " + source(of: claim)
                spans.append(Span(who, claim.claimant == nil ? Style(.muted) : Style(.claimant)))
                spans.append(Span(pad(src, max(1, whoWidth - TextWidth.width(of: who))), Style(.muted)))
                if width >= 100 { spans.append(Span(claim.text, Style(.muted))) }
                return spans
            }
            i -= figures.count
        }
        if i == 0 { return [] }
        let orphans = derived.orphans.count
        return [Span("Reviewed: ", Style(.accent, bold: true)),
                Span("\(Fmt.grouped(front.reviewed)) of \(Fmt.grouped(front.claimCount)) claims"),
                Span(orphans > 0 ? "   ·   \(orphans) orphaned mark\(orphans == 1 ? "" : "s") (claim gone; listed in Compare)" : "",
                     Style(.warning))]
    }

    // MARK: Claims

    func drawClaims(_ grid: inout CellGrid, _ layout: Layout) {
        let f = state.filter
        let frontInfo = derived.fronts[state.front]
        var title = [Span("Claims", Style(.title, bold: true)),
                     Span(" — \(frontInfo.name) — \(Fmt.grouped(state.list.count)) of \(Fmt.grouped(frontInfo.claimCount))"),
                     Span(" · by \(state.sort.rawValue)", Style(.muted))]
        if f.hedgedOnly { title.append(Span(" · hedged", Style(.hedge))) }
        if let c = f.claimant { title.append(Span(" · " + (f.claimantExact ? "" : "~") + c, Style(.claimant))) }
        if f.mark != .any { title.append(Span(" · " + f.mark.label, Style(.mark))) }
        if !f.text.isEmpty { title.append(Span(" · “\(f.text)”", Style(.accent))) }
        drawTitle(&grid, layout, title)

        // Wide screens show the selected claim in full beside the list.
        let panel = layout.claimsPanelWidth
        let w = grid.width - (panel > 0 ? panel + 1 : 0)
        if panel > 0 {
            grid.vline(x: w, y: layout.bodyTop, height: layout.bodyRows)
            drawClaimPanel(&grid, layout, x: w + 2, claim: state.selectedClaim, withText: true)
        }
        let claimantWidth = w >= 120 ? 24 : 14
        let sourceWidth = w >= 120 ? 26 : 12
        let textX = 4 + claimantWidth + 1
        let textWidth = max(10, w - textX - sourceWidth - 2)
        let needle = Array(f.text.lowercased().utf8)
        let rows = layout.bodyRows
        if state.list.isEmpty {
            let why = corpus.claims.isEmpty ? (state.loading != nil ? "Loading…" : "No claims: the folder has no articles yet.")
                : "No claim matches. \(describe(.clearFilters)) clears the filters, \(describe(.nextFront)) changes the front."
            grid.put(why, x: 2, y: layout.bodyTop + 1, maxWidth: w - 4, style: Style(.muted))
            return
        }
        for r in 0..<rows {
            let index = state.listTop + r
            guard index < state.list.count else { break }
            let claim = corpus.claims[Int(state.list[index])]
            let y = layout.bodyTop + r
            let mark = state.marks[claim.id]
            let (sym, symStyle) = MarkSymbol.symbol(mark)
            grid.put(sym, x: 0, y: y, style: symStyle)
            if let note = mark?.note, !note.isEmpty, mark?.kind != nil { grid.put("✎", x: 1, y: y, style: Style(.mark)) }
            if claim.hedged { grid.put("~", x: 2, y: y, style: Style(.hedge, bold: true)) }
            grid.put(claimantName(claim), x: 4, y: y, maxWidth: claimantWidth,
                     style: claim.claimant == nil ? Style(.muted) : Style(.claimant))
            let matches = needle.isEmpty ? [] : TextSearch.matches(in: TextSearch.folded(claim.text, for: needle).utf8, range: 0..<claim.text.utf8.count, needle)
            grid.put(claim.text, x: textX, y: y, maxWidth: textWidth, style: .plain,
                     styleAt: claimTextStyler(claim, matches: matches, needle: needle.count))
            grid.putRight(source(of: claim), right: w - 1, y: y, maxWidth: sourceWidth, style: Style(.muted))
            if index == state.cursor { grid.restyle(x: 0, y: y, width: w) { $0.adding(bold: true, reverse: true) } }
        }
        drawScrollbar(&grid, x: w - 1, top: layout.bodyTop, rows: rows, first: state.listTop, total: state.list.count)
    }

    func describe(_ action: Action) -> String {
        state.config.keys.keys[action]?.first.map(KeyName.describe) ?? action.rawValue
    }

    func drawScrollbar(_ grid: inout CellGrid, x: Int, top: Int, rows: Int, first: Int, total: Int) {
        guard total > rows, rows > 2 else { return }
        let thumb = max(1, rows * rows / total)
        let pos = min(rows - thumb, Int(Double(first) / Double(max(1, total - rows)) * Double(rows - thumb)))
        for i in 0..<rows {
            grid.put(i >= pos && i < pos + thumb ? "┃" : "│", x: x, y: top + i, style: Style(.border))
        }
    }
}
