import FrontlineModel

/// One line of the Compare pane, which scrolls as a single document.
enum CompareLine: Sendable, Hashable {
    case heading(String)
    case text(String)
    case blank
    case comparison(Int)
    /// A comparison's claim: comparison index, slot within it.
    case source(Int, Int)
    case outletHeader
    case outlet(Int)
    case orphan(String)

    static func build(derived: Derived, corpus: Corpus) -> [CompareLine] {
        var out: [CompareLine] = []
        let comps = corpus.comparisons
        out.append(.heading("Comparisons — \(comps.count): \(derived.conflicts) in conflict, \(derived.agreements) agree"))
        if comps.isEmpty {
            out.append(.text("No comparisons yet: claims from different articles that state the same figure show here."))
        }
        // Conflicts first: they are what an analyst has to look at.
        let order = comps.indices.sorted { a, b in
            let ca = comps[a].verdict == .conflict, cb = comps[b].verdict == .conflict
            return ca != cb ? ca : a < b
        }
        for i in order {
            out.append(.comparison(i))
            for slot in comps[i].claims.indices where comps[i].claims[slot] < corpus.claims.count { out.append(.source(i, slot)) }
        }
        out.append(.blank)
        out.append(.heading("Outlets — \(derived.outlets.count)"))
        out.append(.outletHeader)
        for i in derived.outlets.indices { out.append(.outlet(i)) }
        out.append(.blank)
        out.append(.heading("Orphaned marks — \(derived.orphans.count) (their claim is no longer in the corpus)"))
        if derived.orphans.isEmpty { out.append(.text("none")) }
        for id in derived.orphans { out.append(.orphan(id)) }
        return out
    }

    /// What the line stands for, to find it again after a reload.
    func identity(_ corpus: Corpus) -> String {
        switch self {
        case .heading(let s): return "h:" + s.prefix(12)
        case .text(let s): return "t:" + s
        case .blank: return "blank"
        case .comparison(let i):
            let c = corpus.comparisons[i]
            return "c:\(c.subject)|\(c.front ?? "")|\(c.unit ?? "")"
        case .source(let i, let slot): return "s:" + corpus.claims[corpus.comparisons[i].claims[slot]].id
        case .outletHeader: return "oh"
        case .outlet(let i): return "o:\(i)"
        case .orphan(let id): return "x:" + id
        }
    }
}

extension Renderer {
    func drawCompare(_ grid: inout CellGrid, _ layout: Layout) {
        drawTitle(&grid, layout, [
            Span("Compare", Style(.title, bold: true)),
            Span(" — " + plural(corpus.comparisons.count, "comparison") + " · " + plural(derived.conflicts, "conflict")
                 + " · " + plural(derived.outlets.count, "outlet"), Style(.muted)),
        ])
        let w = grid.width
        let lines = state.compareLines
        let rows = layout.bodyRows
        for r in 0..<rows {
            let i = state.compareTop + r
            guard i < lines.count else { break }
            let y = layout.bodyTop + r
            grid.put(spans: spans(for: lines[i], width: w - 2), x: 1, y: y, maxWidth: w - 2)
            if i == state.compareCursor { grid.restyle(x: 0, y: y, width: w - 1) { $0.adding(reverse: true) } }
        }
        drawScrollbar(&grid, x: w - 1, top: layout.bodyTop, rows: rows, first: state.compareTop, total: lines.count)
    }

    func spans(for line: CompareLine, width: Int) -> [Span] {
        switch line {
        case .heading(let s): return [Span(s, Style(.title, bold: true, underline: true))]
        case .text(let s): return [Span("  " + s, Style(.muted))]
        case .blank: return []
        case .comparison(let i):
            let c = corpus.comparisons[i]
            let conflict = c.verdict == .conflict
            var spans = [Span(conflict ? "✗ conflict " : "✓ agree    ", Style(conflict ? .conflict : .agree, bold: true)),
                         Span(c.subject, Style(.text, bold: true))]
            if let f = c.front { spans.append(Span(" · " + f, Style(.accent))) }
            spans.append(Span("  "))
            // The values side by side, each with who gives it.
            for (slot, v) in c.values.enumerated() {
                if slot > 0 { spans.append(Span(conflict ? " ≠ " : " = ", Style(conflict ? .conflict : .agree))) }
                spans.append(Span(Fmt.number(v), Style(.number, bold: true)))
                if slot < c.claims.count, c.claims[slot] < corpus.claims.count {
                    spans.append(Span(" " + claimantName(corpus.claims[c.claims[slot]]), Style(.claimant)))
                }
            }
            if let u = c.unit { spans.append(Span("  (" + u + ")", Style(.muted))) }
            return spans
        case .source(let i, let slot):
            let c = corpus.comparisons[i]
            let claim = corpus.claims[c.claims[slot]]
            let (sym, st) = MarkSymbol.symbol(state.marks[claim.id])
            let value = slot < c.values.count ? Fmt.number(c.values[slot]) + (c.unit.map { " " + $0 } ?? "") : "?"
            let wire = c.wireCopies.firstIndex { $0.contains(slot) }
            let valueCol = String(repeating: " ", count: max(1, 16 - TextWidth.width(of: value)))
            var spans = [Span(" " + sym + " ", st), Span(value, Style(.number, bold: true)), Span(valueCol)]
            if claim.hedged { spans.append(Span("~", Style(.hedge, bold: true))) } else { spans.append(Span(" ")) }
            let who = claimantName(claim)
            spans.append(Span(" " + pad(who, 24), claim.claimant == nil ? Style(.muted) : Style(.claimant)))
            let src = source(of: claim)
            spans.append(Span(src == claim.article ? src : src + " (\(claim.article))", Style(.muted)))
            if let wire { spans.append(Span("  wire copy \(Character(Unicode.Scalar(65 + wire % 26)!))", Style(.warning))) }
            if width >= 110 { spans.append(Span("  " + claim.text, Style(.muted))) }
            return spans
        case .outletHeader:
            return [Span(pad("Outlet", 28) + pad("Articles", 10, right: true) + pad("Claims", 9, right: true)
                         + pad("Attributed", 12, right: true) + pad("Hedged", 9, right: true) + "   Main claimants",
                         Style(.muted, underline: true))]
        case .outlet(let i):
            let o = derived.outlets[i]
            let main = o.topClaimants.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
            return [Span(pad(o.isArticle ? "article " + o.name : o.name, 28), o.isArticle ? Style(.muted) : Style(.accent, bold: true)),
                    Span(pad(Fmt.grouped(o.articles), 10, right: true) + pad(Fmt.grouped(o.claims), 9, right: true)
                         + pad(Fmt.percent(o.attributed, o.claims), 12, right: true) + pad(Fmt.percent(o.hedged, o.claims), 9, right: true)),
                    Span("   " + (main.isEmpty ? "—" : main), Style(.claimant))]
        case .orphan(let id):
            let m = state.marks[id]
            let (sym, st) = MarkSymbol.symbol(m)
            return [Span(" " + sym + " ", st), Span(id, Style(.warning)),
                    Span("  " + (m?.kind?.rawValue ?? "note"), st),
                    Span((m?.note).map { "  “" + $0 + "”" } ?? "", .plain),
                    Span(m.map { "  by " + $0.user } ?? "", Style(.muted))]
        }
    }

    func plural(_ n: Int, _ word: String) -> String { "\(Fmt.grouped(n)) \(word)\(n == 1 ? "" : "s")" }

    /// Pads or cuts to exactly `width` columns.
    func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let t = TextWidth.truncate(s, to: width - 1)
        let gap = String(repeating: " ", count: max(0, width - TextWidth.width(of: t)))
        return right ? gap + t : t + gap
    }
}
