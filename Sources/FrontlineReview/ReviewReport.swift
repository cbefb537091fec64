import Foundation
import FrontlineModel

/// The review as a document: per front, what was marked, by whom and when; then marks whose claim is gone.
public enum ReviewReport {
    /// Markdown for `frontline export --format markdown`. Fronts come in the front table's order,
    /// then fronts only claims name, then claims with no front; a claim on two fronts shows under both.
    public static func markdown(corpus: Corpus, marks: [String: ReviewMark]) -> String {
        let sections = frontSections(corpus: corpus)
        let known = Set(corpus.claims.map(\.id))
        let titles = Dictionary(corpus.articles.map { ($0.id, $0.title.map(escape) ?? "`\($0.id)`") },
                                uniquingKeysWith: { first, _ in first })
        let reviewed = corpus.claims.filter { marks[$0.id] != nil }.count
        let orphans = ReviewStore.orphans(in: marks, knownClaimIDs: known)

        var out = "# Review report\n\n"
        out += "Folder: `\(corpus.folder)`. Reviewed \(reviewed) of \(corpus.claims.count) claims"
        out += orphans.isEmpty ? ".\n" : "; \(orphans.count) mark\(orphans.count == 1 ? "" : "s") on claims no longer found.\n"

        for section in sections {
            let marked = section.claims.compactMap { claim in marks[claim.id].map { (claim, $0) } }
            out += "\n## \(escape(section.title))\n\n"
            if section.claims.isEmpty {
                out += "No claims.\n"
                continue
            }
            out += "Reviewed \(marked.count) of \(section.claims.count) claim\(section.claims.count == 1 ? "" : "s")"
            out += marked.isEmpty ? ".\n" : ": \(tally(marked.map(\.1))).\n\n"
            for (claim, mark) in marked {
                out += "- **\(label(mark.kind))**: \(escape(claim.text))\n"
                out += "  - Claimant: \(escape(claim.claimant ?? "the article itself")); "
                out += "article: \(titles[claim.article] ?? "`\(claim.article)`")\n"
                if let note = mark.note { out += "  - Note: \(escape(oneLine(note)))\n" }
                out += "  - By \(escape(mark.user)), \(timestamp(mark.updatedAt))\n"
            }
        }

        if !orphans.isEmpty {
            out += "\n## Marks on claims no longer found\n\n"
            out += "Their article was removed or the sentence changed; the marks are kept.\n\n"
            for mark in orphans {
                out += "- **\(label(mark.kind))**: claim `\(mark.claimID)`\n"
                if let note = mark.note { out += "  - Note: \(escape(oneLine(note)))\n" }
                out += "  - By \(escape(mark.user)), \(timestamp(mark.updatedAt))\n"
            }
        }
        return out
    }

    struct Section {
        var title: String
        var claims: [Claim]
    }

    static func frontSections(corpus: Corpus) -> [Section] {
        var order = corpus.fronts.definitions.map(\.name)
        var byFront: [String: [Claim]] = [:]
        var unplaced: [Claim] = []
        for claim in corpus.claims {
            if claim.fronts.isEmpty { unplaced.append(claim) }
            for front in claim.fronts {
                if byFront[front] == nil, !order.contains(front) { order.append(front) }
                byFront[front, default: []].append(claim)
            }
        }
        var sections = order.map { Section(title: $0, claims: byFront[$0] ?? []) }
        if !unplaced.isEmpty { sections.append(Section(title: "No front", claims: unplaced)) }
        return sections
    }

    static func label(_ kind: ReviewMark.Kind?) -> String {
        kind?.rawValue ?? "note"
    }

    static func tally(_ marks: [ReviewMark]) -> String {
        let order: [ReviewMark.Kind?] = ReviewMark.Kind.allCases.map { $0 } + [nil]
        return order.compactMap { kind in
            let n = marks.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind == nil ? (n == 1 ? "note only" : "notes only") : label(kind))"
        }.joined(separator: ", ")
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " / ")
    }

    /// UTC, to the minute: reports are read across time zones.
    static func timestamp(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)) UTC"
    }

    /// Claim text is quoted prose: keep Markdown from reading its asterisks, brackets or tags as markup.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
