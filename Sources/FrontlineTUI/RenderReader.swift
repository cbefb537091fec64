import FrontlineModel

extension Renderer {
    func drawReader(_ grid: inout CellGrid, _ layout: Layout) {
        let w = grid.width
        guard let a = state.reader.article, a < corpus.articles.count else {
            drawTitle(&grid, layout, [Span("Reader", Style(.title, bold: true)), Span(" — no article open", Style(.muted))])
            grid.put("No article open: pick a claim in Claims (\(describe(.claimsPane))) and press \(describe(.open)).",
                     x: 2, y: layout.bodyTop + 1, maxWidth: w - 4, style: Style(.muted))
            return
        }
        let article = corpus.articles[a]
        let claims = derived.articleClaims[a]
        // Where the reader is comes first; the article's own title is its first line anyway.
        var title = [Span("Reader", Style(.title, bold: true))]
        if let c = state.reader.claim, let pos = claims.firstIndex(of: Int32(c)) {
            title.append(Span(" — claim \(pos + 1) of \(claims.count)", Style(.accent)))
        } else {
            title.append(Span(" — \(claims.count) claims", Style(.muted)))
        }
        if !state.filter.text.isEmpty {
            let needle = Array(state.filter.text.lowercased().utf8)
            let all = TextSearch.matches(in: TextSearch.folded(article.text, for: needle).utf8, range: 0..<article.text.utf8.count, needle)
            let at = state.reader.matchOffset.flatMap { all.firstIndex(of: $0) }.map { "\($0 + 1)/" } ?? ""
            title.append(Span(" · “\(state.filter.text)” \(at)\(all.count)", Style(.accent)))
        }
        if state.showFurniture { title.append(Span(" · furniture shown", Style(.furniture))) }
        title.append(Span(" — " + (article.title ?? article.id)))
        if let outlet = article.outlet { title.append(Span(" · " + outlet, Style(.muted))) }
        drawTitle(&grid, layout, title)

        // Lines wrapped for another width are wrapped here for this frame only.
        let textWidth = Layout(width: w, height: grid.height).readerTextWidth
        let key = WrapKey(article: a, width: textWidth, furniture: state.showFurniture)
        let lines = state.reader.wrappedFor == key ? state.reader.lines
            : Wrap.lines(of: article, width: textWidth, furniture: state.showFurniture)
        let rows = layout.bodyRows
        let top = min(state.reader.top, max(0, lines.count - 1))
        let selected = state.reader.claim
        let needle = Array(state.filter.text.lowercased().utf8)
        let utf8 = article.text.utf8
        let searchable = needle.isEmpty ? article.text : TextSearch.folded(article.text, for: needle)

        for r in 0..<rows {
            let li = top + r
            guard li < lines.count else { break }
            let line = lines[li]
            let y = layout.bodyTop + r
            if line.kind == .blank { continue }
            // Claims on this line (an article's claims are sorted by where they start).
            var onLine: [Claim] = []
            for ci in claims {
                let c = corpus.claims[Int(ci)]
                if c.range.lowerBound >= line.end { break }
                if c.range.upperBound > line.start { onLine.append(c) }
            }
            // Gutter: the mark of a claim starting here, and a pointer at the selected claim.
            for c in onLine where c.range.lowerBound >= line.start {
                let (sym, st) = MarkSymbol.symbol(state.marks[c.id])
                if sym != " " { grid.put(sym, x: 0, y: y, style: st) }
                if let s = selected, corpus.claims[s].id == c.id { grid.put("▶", x: 1, y: y, style: Style(.accent, bold: true)) }
            }
            let base: Style
            switch line.kind {
            case .title: base = Style(.title, bold: true)
            case .furniture: base = Style(.furniture, dim: true)
            default: base = .plain
            }
            let matches = needle.isEmpty ? [] : TextSearch.matches(in: searchable.utf8, range: max(0, line.start - needle.count)..<line.end, needle)
            let selectedRange = selected.map { corpus.claims[$0].range }
            let numberRanges: [Range<Int>] = onLine.flatMap { c in numberRangesInArticle(c, article: article) }
            let claimRanges = onLine.map(\.range)
            let currentMatch = state.reader.matchOffset
            let styler: (Int, Style) -> Style = { rel, base in
                let off = line.start + rel
                var s = base
                if claimRanges.contains(where: { $0.contains(off) }) { s = Style(.highlight, bold: base.bold, dim: base.dim, underline: true) }
                if numberRanges.contains(where: { $0.contains(off) }) { s = Style(.number, bold: true, underline: s.underline) }
                if let sel = selectedRange, sel.contains(off) { s = s.adding(bold: true, reverse: true) }
                for m in matches where off >= m && off < m + needle.count {
                    s = Style(.accent, bold: true, reverse: m == currentMatch ? !s.reverse : s.reverse, underline: true)
                }
                return s
            }
            let text = Substring(article.text.utf8[utf8.index(utf8.startIndex, offsetBy: line.start)..<utf8.index(utf8.startIndex, offsetBy: line.end)])
            grid.put(text, x: Layout.readerGutter, y: y, maxWidth: textWidth, style: base, styleAt: styler)
        }
        drawScrollbar(&grid, x: layout.readerSidePanel ? Layout.readerGutter + textWidth + 1 : w - 1, top: layout.bodyTop, rows: rows, first: top, total: lines.count)
        if layout.readerSidePanel { drawClaimPanel(&grid, layout, x: Layout.readerGutter + textWidth + 3, claim: state.reader.claim, withText: false) }
    }

    /// A quantity's range is within the sentence as extracted; find it in the article's own bytes.
    func numberRangesInArticle(_ claim: Claim, article: Article) -> [Range<Int>] {
        guard !claim.quantities.isEmpty else { return [] }
        let utf8 = article.text.utf8
        let span = claim.range.clamped(to: 0..<utf8.count)
        var out: [Range<Int>] = []
        for q in claim.quantities {
            let direct = (span.lowerBound + q.range.lowerBound)..<(span.lowerBound + q.range.upperBound)
            if direct.upperBound <= span.upperBound, sameBytes(utf8, direct, q.text) { out.append(direct); continue }
            let needle = Array(q.text.lowercased().utf8)
            if let m = TextSearch.matches(in: utf8, range: span, needle).first, m + needle.count <= span.upperBound {
                out.append(m..<(m + needle.count))
            }
        }
        return out
    }

    private func sameBytes(_ utf8: String.UTF8View, _ range: Range<Int>, _ text: String) -> Bool {
        guard range.count == text.utf8.count, range.upperBound <= utf8.count else { return false }
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return utf8[start...].prefix(range.count).elementsEqual(text.utf8)
    }

    /// Beside the reader on wide screens: everything known about the selected claim.
    func drawClaimPanel(_ grid: inout CellGrid, _ layout: Layout, x: Int, claim: Int?, withText: Bool) {
        let w = grid.width - x - 1
        guard w > 10 else { return }
        var y = layout.bodyTop
        let bottom = layout.bodyTop + layout.bodyRows
        func line(_ spans: [Span]) {
            guard y < bottom else { return }
            grid.put(spans: spans, x: x, y: y, maxWidth: w)
            y += 1
        }
        guard let ci = claim, ci < corpus.claims.count else {
            line([Span("No claim selected", Style(.muted))])
            line([Span("\(describe(.nextClaim)) / \(describe(.previousClaim)) move between claims", Style(.muted))])
            return
        }
        let c = corpus.claims[ci]
        line([Span("Claim", Style(.title, bold: true)), Span("  " + c.id, Style(.muted))])
        if withText {
            // The whole sentence, wrapped, numbers marked.
            let sentence = Article(id: "", path: "", title: nil, outlet: nil, text: c.text, blocks: [])
            let ranges = c.quantities.map(\.range)
            for l in Wrap.lines(of: sentence, width: w, furniture: false) where y < bottom {
                let utf8 = c.text.utf8
                let piece = Substring(utf8[utf8.index(utf8.startIndex, offsetBy: l.start)..<utf8.index(utf8.startIndex, offsetBy: l.end)])
                grid.put(piece, x: x, y: y, maxWidth: w, style: .plain) { rel, base in
                    ranges.contains { $0.contains(l.start + rel) } ? Style(.number, bold: true) : base
                }
                y += 1
            }
            line([Span("Source    ", Style(.muted)), Span(source(of: c), Style(.accent))])
        }
        line([Span("Claimant  ", Style(.muted)), Span(claimantName(c), Style(.claimant, bold: true))])
        line([Span("Fronts    ", Style(.muted)), Span(c.fronts.isEmpty ? "none" : c.fronts.joined(separator: ", "))])
        if !c.places.isEmpty { line([Span("Places    ", Style(.muted)), Span(c.places.joined(separator: ", "))]) }
        line([Span("Hedged    ", Style(.muted)), Span(c.hedged ? "yes" : "no", c.hedged ? Style(.hedge, bold: true) : .plain)])
        for q in c.quantities {
            line([Span("Figure    ", Style(.muted)), Span(Fmt.quantity(q), Style(.number, bold: true)), Span("  “" + q.text + "”", Style(.muted))])
        }
        let mark = state.marks[c.id]
        let (sym, st) = MarkSymbol.symbol(mark)
        line([Span("Review    ", Style(.muted)), Span(mark?.kind?.rawValue ?? "not reviewed", st),
              Span(sym == " " ? "" : " " + sym, st), Span(mark.map { "  by " + $0.user } ?? "", Style(.muted))])
        if let note = mark?.note, !note.isEmpty {
            line([Span("Note      ", Style(.muted)), Span(note)])
        }
        y += 1
        // Every comparison the claim takes part in, with what the others say.
        for comp in corpus.comparisons where comp.claims.contains(ci) {
            line([Span(comp.verdict == .conflict ? "✗ conflict " : "✓ agree ", Style(comp.verdict == .conflict ? .conflict : .agree, bold: true)),
                  Span(comp.subject)])
            for (slot, other) in comp.claims.enumerated() {
                let oc = corpus.claims[other]
                let v = slot < comp.values.count ? Fmt.number(comp.values[slot]) + (comp.unit.map { " " + $0 } ?? "") : "?"
                line([Span(other == ci ? " ▶ " : "   ", Style(.accent)), Span(v, Style(.number, bold: true)),
                      Span("  " + claimantName(oc), Style(.claimant)), Span(" · " + source(of: oc), Style(.muted))])
            }
        }
    }
}
