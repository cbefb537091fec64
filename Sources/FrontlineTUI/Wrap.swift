import FrontlineModel

/// One screen line of the reader: a byte range of `Article.text`.
struct WrappedLine: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case title, body, furniture, blank }
    var start: Int
    var end: Int
    var kind: Kind
}

/// Word wrapping by display width, in byte offsets so that claims and numbers map straight onto lines.
enum Wrap {
    static func lines(of article: Article, width: Int, furniture: Bool) -> [WrappedLine] {
        let text = article.text
        let length = text.utf8.count
        // Ranges from elsewhere are clamped to the text and moved back onto character boundaries.
        func align(_ offset: Int) -> Int {
            var o = min(max(0, offset), length)
            text.utf8.withContiguousStorageIfAvailable { bytes in
                while o > 0 && o < length && bytes[o] & 0xC0 == 0x80 { o -= 1 }
            }
            return o
        }
        var blocks = article.blocks
            .map { Block(kind: $0.kind, range: align($0.range.lowerBound)..<max(align($0.range.lowerBound), align($0.range.upperBound))) }
            .filter { !$0.range.isEmpty }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        if blocks.isEmpty {
            // No block list (hand-made articles): every non-empty line is a paragraph.
            var start = 0
            var offset = 0
            for b in text.utf8 {
                if b == 10 { if offset > start { blocks.append(Block(kind: .body, range: start..<offset)) }; start = offset + 1 }
                offset += 1
            }
            if length > start { blocks.append(Block(kind: .body, range: start..<length)) }
        }
        var out: [WrappedLine] = []
        var previousEnd = 0
        for block in blocks {
            if block.kind == .furniture && !furniture { continue }
            if block.range.lowerBound < previousEnd { continue }   // overlapping block: already shown
            if !out.isEmpty { out.append(WrappedLine(start: previousEnd, end: previousEnd, kind: .blank)) }
            let kind: WrappedLine.Kind = block.kind == .title ? .title : (block.kind == .furniture ? .furniture : .body)
            wrap(text, block.range, width: max(1, width), kind: kind, into: &out)
            previousEnd = block.range.upperBound
        }
        return out
    }

    static func wrap(_ text: String, _ range: Range<Int>, width: Int, kind: WrappedLine.Kind, into out: inout [WrappedLine]) {
        let utf8 = text.utf8
        let startIndex = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let endIndex = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        var lineStart = range.lowerBound
        var col = 0
        var breakEnd = -1, breakAt = -1, colAtBreak = 0
        var justWrapped = false
        var off = range.lowerBound
        for scalar in text.unicodeScalars[startIndex..<endIndex] {
            let here = off
            off += scalar.utf8.count
            let v = scalar.value
            if v == 10 {
                out.append(WrappedLine(start: lineStart, end: here, kind: kind))
                lineStart = off; col = 0; breakAt = -1; justWrapped = false
                continue
            }
            if v == 32 {
                if justWrapped && here == lineStart { lineStart = off; continue }
                if col + 1 > width {
                    out.append(WrappedLine(start: lineStart, end: here, kind: kind))
                    lineStart = off; col = 0; breakAt = -1; justWrapped = true
                    continue
                }
                col += 1
                breakEnd = here; breakAt = off; colAtBreak = col
                continue
            }
            let w = (v > 0x20 && v < 0x7F) ? 1
                : (TextWidth.neutralised(scalar) != nil ? 1 : (TextWidth.isDropped(scalar) ? 0 : TextWidth.width(of: scalar)))
            if col + w > width {
                if breakAt > lineStart {
                    out.append(WrappedLine(start: lineStart, end: breakEnd, kind: kind))
                    lineStart = breakAt
                    col -= colAtBreak
                } else {
                    out.append(WrappedLine(start: lineStart, end: here, kind: kind))
                    lineStart = here
                    col = 0
                }
                breakAt = -1
                justWrapped = true
            }
            col += w
            justWrapped = justWrapped && here == lineStart
        }
        if lineStart < range.upperBound || out.isEmpty || out.last!.end < range.lowerBound {
            out.append(WrappedLine(start: lineStart, end: range.upperBound, kind: kind))
        }
    }

    /// The index of the line that shows byte `offset` (the last line starting at or before it).
    static func line(containing offset: Int, in lines: [WrappedLine]) -> Int {
        var lo = 0, hi = lines.count - 1, best = 0
        while lo <= hi {
            let mid = (lo + hi) / 2
            if lines[mid].start <= offset { best = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        // Prefer the text line over a blank separator that starts at the same offset.
        while best + 1 < lines.count, lines[best].kind == .blank, lines[best + 1].start <= offset { best += 1 }
        while best > 0, lines[best].kind == .blank, lines[best - 1].end >= offset { best -= 1 }
        return best
    }
}
