import Foundation

/// Writes a corpus as JSON (the format ../shared/eval/README.md describes, plus ids, units, bounds
/// and the load report), CSV (one row per claim) or a Markdown report per front.
public enum Exporter {
    public enum Format: String, Sendable, CaseIterable {
        case json, csv, markdown
    }

    public static func render(_ corpus: Corpus, format: Format, marks: [String: ReviewMark] = [:]) -> String {
        switch format {
        case .json: return json(corpus, marks: marks)
        case .csv: return csv(corpus, marks: marks)
        case .markdown: return markdown(corpus)
        }
    }

    // MARK: JSON

    public static func json(_ corpus: Corpus, marks: [String: ReviewMark] = [:]) -> String {
        var text: [UInt8] = []
        writeJSON(corpus, marks: marks) { text.append(contentsOf: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// The JSON export handed to `sink` in pieces of about 64 KB, so a big corpus is never held twice
    /// (once as claims, once as text).
    public static func writeJSON(_ corpus: Corpus, marks: [String: ReviewMark] = [:],
                                 to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        let out = JSONWriter()
        defer { out.drain(into: sink) }
        out.raw("{\n  \"folder\": "); out.string(corpus.folder)
        out.raw(",\n  \"articles\": [")
        let claimsPerArticle = claimCounts(corpus.claims)
        for (i, article) in corpus.articles.enumerated() {
            out.raw(i == 0 ? "\n    {" : ",\n    {")
            out.raw("\"id\": "); out.string(article.id)
            out.raw(", \"path\": "); out.string(article.path)
            out.raw(", \"title\": "); out.optional(article.title)
            out.raw(", \"outlet\": "); out.optional(article.outlet)
            out.raw(", \"published\": "); out.optional(article.published?.iso)
            out.raw(", \"claims\": \(claimsPerArticle[article.id, default: 0])}")
        }
        out.raw(corpus.articles.isEmpty ? "],\n  \"claims\": [" : "\n  ],\n  \"claims\": [")
        // Fields read in place: copying a whole Claim retains every string and array in it.
        corpus.claims.withUnsafeBufferPointer { claims in
            for i in claims.indices {
                if out.count >= JSONWriter.pieceSize { out.drain(into: sink) }
                out.literal(i == 0 ? "\n    {" : ",\n    {")
                out.literal("\"id\": "); out.string(claims[i].id)
                out.literal(", \"article\": "); out.string(claims[i].article)
                out.literal(", \"text\": "); out.string(claims[i].sentence)
                out.literal(", \"claimant\": "); out.optional(claims[i].claimant)
                if let claimant = claims[i].claimant {
                    out.literal(", \"claimant_side\": "); out.string(SpeakerTable.shared.side(of: claimant).rawValue)
                }
                out.literal(", \"fronts\": "); out.strings(claims[i].fronts)
                out.literal(", \"quantities\": [")
                for (k, q) in claims[i].quantities.enumerated() {
                    out.literal(k == 0 ? "{" : ", {")
                    out.literal("\"value\": "); out.number(q.value)
                    out.literal(", \"unit\": "); out.optional(q.unit)
                    out.literal(", \"bound\": "); out.string(q.bound.rawValue)
                    out.literal(", \"text\": "); out.string(q.text)
                    if let measure = q.measure { out.literal(", \"measure\": "); out.string(measure) }
                    out.literal("}")
                }
                out.literal(claims[i].hedged ? "], \"hedged\": true" : "], \"hedged\": false")
                out.literal(", \"places\": "); out.strings(claims[i].places)
                out.literal(", \"date\": "); out.optional(claims[i].date?.text)
                if !marks.isEmpty, let mark = marks[claims[i].id] {
                    out.literal(", \"review\": "); out.mark(mark)
                }
                out.literal("}")
            }
        }
        out.raw(corpus.claims.isEmpty ? "],\n  \"comparisons\": [" : "\n  ],\n  \"comparisons\": [")
        for (i, c) in corpus.comparisons.enumerated() {
            out.raw(i == 0 ? "\n    {" : ",\n    {")
            out.raw("\"subject\": "); out.string(c.subject)
            out.raw(", \"front\": "); out.optional(c.front)
            out.raw(", \"unit\": "); out.optional(c.unit)
            out.raw(", \"claims\": [\(c.claims.map(String.init).joined(separator: ", "))]")
            out.raw(", \"values\": [")
            for (k, v) in c.values.enumerated() { if k > 0 { out.raw(", ") }; out.number(v) }
            out.raw("], \"verdict\": "); out.string(c.verdict.rawValue)
            out.raw(", \"wire_copies\": [\(c.wireCopies.map { "[" + $0.map { String(c.claims[$0]) }.joined(separator: ", ") + "]" }.joined(separator: ", "))]}")
        }
        out.raw(corpus.comparisons.isEmpty ? "],\n" : "\n  ],\n")
        out.raw("  \"load_report\": {\"loaded\": \(corpus.report.loaded), \"skipped\": [")
        for (i, issue) in corpus.report.issues.enumerated() {
            out.raw(i == 0 ? "\n    {" : ",\n    {")
            out.raw("\"path\": "); out.string(issue.path)
            out.raw(", \"kind\": "); out.string(issue.kind.rawValue)
            out.raw(", \"reason\": "); out.string(issue.reason)
            out.raw("}")
        }
        out.raw(corpus.report.issues.isEmpty ? "]}" : "\n  ]}")
        let orphans = orphanedMarks(corpus, marks)
        if !marks.isEmpty {
            out.raw(",\n  \"orphaned_marks\": [")
            for (i, mark) in orphans.enumerated() {
                out.raw(i == 0 ? "\n    " : ",\n    ")
                out.mark(mark)
            }
            out.raw(orphans.isEmpty ? "]" : "\n  ]")
        }
        out.raw("\n}\n")
    }

    /// Claims per article id. Claims come grouped by article, so one dictionary entry per run of them.
    static func claimCounts(_ claims: [Claim]) -> [String: Int] {
        var counts: [String: Int] = [:]
        var i = 0
        while i < claims.count {
            var end = i + 1
            while end < claims.count, claims[end].article == claims[i].article { end += 1 }
            counts[claims[i].article, default: 0] += end - i
            i = end
        }
        return counts
    }

    /// Marks whose claim is no longer in the corpus: kept, and listed rather than dropped.
    public static func orphanedMarks(_ corpus: Corpus, _ marks: [String: ReviewMark]) -> [ReviewMark] {
        guard !marks.isEmpty else { return [] }
        return ReviewMark.orphans(in: marks, knownClaimIDs: Set(corpus.claims.map(\.id)))
    }

    // MARK: CSV

    public static func csv(_ corpus: Corpus, marks: [String: ReviewMark] = [:]) -> String {
        let outlets = Dictionary(corpus.articles.map { ($0.id, $0.outlet ?? "") }, uniquingKeysWith: { a, _ in a })
        var out = "id,article,outlet,claimant,fronts,hedged,quantities,mark,note,text\n"
        for claim in corpus.claims {
            let quantities = claim.quantities.map { q in
                (q.bound == .exact ? "" : q.bound.rawValue + " ") + JSONWriter.format(q.value) + (q.unit.map { " " + $0 } ?? "")
            }.joined(separator: "; ")
            let mark = marks[claim.id]
            let fields = [claim.id, claim.article, outlets[claim.article] ?? "", claim.claimant ?? "",
                          claim.fronts.joined(separator: "; "), claim.hedged ? "yes" : "no", quantities,
                          mark?.kind?.rawValue ?? "", mark?.note ?? "", claim.text]
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: Markdown

    /// The claims and comparisons per front; the review report (FrontlineReview) follows it in `frontline export`.
    public static func markdown(_ corpus: Corpus) -> String {
        var out = "# frontline report: \(corpus.folder)\n\n"
        out += "\(corpus.articles.count) articles, \(corpus.claims.count) claims, \(corpus.comparisons.count) comparisons.\n\n"
        let articleTitles = Dictionary(corpus.articles.map { ($0.id, $0.outlet ?? $0.title ?? $0.id) }, uniquingKeysWith: { a, _ in a })
        var sections = corpus.fronts.definitions.map(\.name).map { Optional($0) }
        sections.append(nil)
        for front in sections {
            let claims = corpus.claims.filter { front == nil ? $0.fronts.isEmpty : $0.fronts.contains(front!) }
            let comparisons = corpus.comparisons.filter { $0.front == front }
            guard !claims.isEmpty || !comparisons.isEmpty else { continue }
            out += "## \(front ?? "No front")\n\n"
            let hedged = claims.filter(\.hedged).count
            let articles = Set(claims.map(\.article)).count
            out += "\(claims.count) claims from \(articles) articles, \(hedged) hedged.\n\n"
            if !comparisons.isEmpty {
                out += "### Comparisons\n\n| fact | sources | verdict |\n|---|---|---|\n"
                for c in comparisons {
                    let sources = zip(c.claims, c.values).map { index, value in
                        let claim = corpus.claims[index]
                        return "\(claim.claimant ?? articleTitles[claim.article] ?? claim.article): \(JSONWriter.format(value)) \(c.unit ?? "")"
                    }.joined(separator: "; ")
                    out += "| \(markdownCell(c.subject)) | \(markdownCell(sources)) | \(c.verdict.rawValue) |\n"
                }
                out += "\n"
            }
            out += "### Claims\n\n"
            for claim in claims {
                out += "- \(claim.hedged ? "_(hedged)_ " : "")**\(claim.claimant ?? "article")**: \(markdownCell(claim.text))"
                out += " — \(articleTitles[claim.article] ?? claim.article)\n"
            }
            out += "\n"
        }
        if !corpus.report.issues.isEmpty {
            out += "## Files not loaded\n\n"
            for issue in corpus.report.issues { out += "- `\(issue.path)`: \(issue.reason)\n" }
            out += "\n"
        }
        return out
    }

    static func markdownCell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

/// A small JSON writer: key order fixed, numbers without needless decimals, strings escaped.
///
/// Writes UTF-8 into one growable buffer that `drain` empties: export speed is mostly the speed of
/// copying claim texts, so plain ASCII goes across eight bytes at a time and other bytes cost one
/// table look-up each.
final class JSONWriter {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    static let pieceSize = 1 << 16

    init() {
        capacity = Self.pieceSize * 2
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Hands over what is written so far and starts again.
    func drain(into sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        sink(UnsafeBufferPointer(start: buffer, count: count))
        count = 0
    }

    private func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + n))
        grown.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        capacity = max(capacity * 2, count + n)
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    func raw(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    func literal(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    func string(_ s: String) {
        // Native strings lend their bytes without a copy; others (small or bridged) are copied once.
        if s.utf8.withContiguousStorageIfAvailable({ string(utf8: $0) }) == nil {
            var copy = s
            copy.withUTF8 { string(utf8: $0) }
        }
    }

    func string(_ s: Substring) {
        s.withUTF8Bytes { string(utf8: $0) }
    }

    func string(utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        // The worst case, every byte as \u00XX, reserved once: the loop then writes without checks.
        reserve(n * 6 + 2)
        var out = buffer + count
        out.pointee = UInt8(ascii: "\""); out += 1
        Self.needsCare.withUnsafeBufferPointer { care in
            var i = 0
            while i < n {
                // Eight plain ASCII bytes (no control, quote, backslash or DEL) go across in one store.
                if i + 8 <= n {
                    let w = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if w & ByteWord.highBits == 0, !ByteWord.hasBelow(w, 0x20), !ByteWord.has(w, 0x22),
                       !ByteWord.has(w, 0x5C), !ByteWord.has(w, 0x7F) {
                        UnsafeMutableRawPointer(out).storeBytes(of: w, as: UInt64.self)
                        out += 8; i += 8
                        continue
                    }
                }
                let b = utf8[i]
                if !care[Int(b)] { out.pointee = b; out += 1; i += 1; continue }
                var escape: StaticString? = nil
                var code: UInt32? = nil
                var width = 1
                if b == UInt8(ascii: "\"") { escape = "\\\"" }
                else if b == UInt8(ascii: "\\") { escape = "\\\\" }
                else if b == 0x0A { escape = "\\n" }
                else if b == 0x0D { escape = "\\r" }
                else if b == 0x09 { escape = "\\t" }
                else if b < 0x20 || b == 0x7F { code = UInt32(b) }
                else if b == 0xC2, i + 1 < n, utf8[i + 1] >= 0x80, utf8[i + 1] <= 0x9F {
                    // C1 controls: written as \u0080…\u009F so no terminal reading the JSON acts on them.
                    code = UInt32(utf8[i + 1]); width = 2
                } else if b == 0xE2, i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    // Line and paragraph separators end a line in JavaScript.
                    code = 0x2000 + UInt32(utf8[i + 2]) - 0x80; width = 3
                }
                if let escape {
                    out.update(from: escape.utf8Start, count: escape.utf8CodeUnitCount)
                    out += escape.utf8CodeUnitCount
                } else if let code {
                    out.update(from: Self.unicodeEscape(code), count: 6)
                    out += 6
                } else {
                    out.pointee = b; out += 1
                }
                i += width
            }
        }
        out.pointee = UInt8(ascii: "\""); out += 1
        count = out - buffer
    }

    /// Bytes that may need escaping: quote, backslash, controls, DEL, and the lead bytes of C1 controls
    /// (0xC2) and of the line and paragraph separators (0xE2).
    static let needsCare: [Bool] = (0..<256).map { b in
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xC2 || b == 0xE2
    }

    /// "\u" and four lower-case hex digits.
    static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        let hex = String(value, radix: 16)
        return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }

    func optional(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    func strings(_ list: [String]) {
        literal("[")
        for i in list.indices { if i > 0 { literal(", ") }; string(list[i]) }
        literal("]")
    }

    func number(_ v: Double) { raw(Self.format(v)) }

    func mark(_ mark: ReviewMark) {
        raw("{\"claim\": "); string(mark.claimID)
        raw(", \"mark\": "); optional(mark.kind?.rawValue)
        raw(", \"note\": "); optional(mark.note)
        raw(", \"user\": "); string(mark.user)
        raw(", \"at\": "); string(ISO8601DateFormatter().string(from: mark.updatedAt))
        raw("}")
    }

    static func format(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
