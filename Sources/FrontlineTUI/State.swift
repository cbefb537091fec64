import FrontlineModel

public enum Pane: Int, CaseIterable, Sendable {
    case fronts, claims, reader, compare

    public var title: String {
        switch self {
        case .fronts: return "Fronts"
        case .claims: return "Claims"
        case .reader: return "Reader"
        case .compare: return "Compare"
        }
    }
}

public enum SortOrder: String, CaseIterable, Sendable {
    case article, claimant, front
}

/// Which review marks the claim list keeps.
public enum MarkFilter: Sendable, Hashable {
    case any, unmarked, marked
    case kind(ReviewMark.Kind)

    /// The order `m` cycles through.
    static let cycle: [MarkFilter] = [.any, .unmarked, .marked] + ReviewMark.Kind.allCases.map { .kind($0) }

    var label: String {
        switch self {
        case .any: return "any mark"
        case .unmarked: return "unreviewed"
        case .marked: return "reviewed"
        case .kind(let k): return k.rawValue
        }
    }
}

public struct ClaimFilter: Sendable, Hashable {
    /// Case-insensitive text the claim or its claimant must contain; "" for none.
    public var text = ""
    /// A claimant name; `claimantExact` false means "contains".
    public var claimant: String?
    public var claimantExact = true
    public var hedgedOnly = false
    public var mark: MarkFilter = .any

    public init() {}

    public var isEmpty: Bool { text.isEmpty && claimant == nil && !hedgedOnly && mark == .any }
}

/// A one-line text editor (search, claimant, note): UTF-8 text by characters, cursor between them.
public struct LineEditor: Sendable, Hashable {
    public var characters: [Character]
    public var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public enum Outcome { case editing, submit, cancel }

    /// Pasted text at the cursor: line breaks and tabs become spaces, other controls (an ESC that
    /// would start a command) are left out.
    public mutating func insert(pasted text: String) {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: if scalars.last != " " { scalars.append(" ") }
            case 0x00..<0x20, 0x7F, 0x80...0x9F: continue
            default: scalars.append(scalar)
            }
        }
        let added = Array(String(scalars))
        characters.insert(contentsOf: added, at: cursor)
        cursor += added.count
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submit
        case .escape: return .cancel
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"): characters.removeFirst(cursor); cursor = 0
        case .ctrl("k"): characters.removeLast(characters.count - cursor)
        case .char(let c):
            // Line breaks and other controls never enter a one-line field.
            if c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
                characters.insert(c, at: cursor); cursor += 1
            }
        default: break
        }
        return .editing
    }
}

public enum Prompt: Sendable, Hashable {
    case search
    case claimant
    case note(claimID: String)

    var label: String {
        switch self {
        case .search: return "Search: "
        case .claimant: return "Claimant: "
        case .note: return "Note: "
        }
    }
}

/// Where the reader is: which article, which claim is selected, and its wrapped lines.
public struct ReaderState: Sendable {
    public var article: Int?
    public var claim: Int?
    public var top = 0
    /// Byte offset of the search match `n`/`N` last went to.
    public var matchOffset: Int?
    var lines: [WrappedLine] = []
    /// What `lines` were wrapped for; rewrapped when any changes.
    var wrappedFor: WrapKey?
}

struct WrapKey: Hashable, Sendable {
    var article: Int
    var width: Int
    var furniture: Bool
}

/// The whole dashboard as plain values.
public struct DashboardState: Sendable {
    public private(set) var corpus: Corpus
    public var config: Config
    /// The resolved look; the backend reads it to map roles to colours and attributes.
    public var theme: Theme
    /// Who review marks are recorded for; set by the loop.
    public var user: String
    public private(set) var marks: [String: ReviewMark]
    /// Seconds since 1970, from the last `.tick` or reload.
    public var now: Double = 0

    public var width = 80
    public var height = 24
    public var pane: Pane = .fronts
    public var showHelp = false
    var helpTop = 0

    /// Index into `derived.fronts`; the last entry is "all".
    public var front: Int
    public private(set) var filter = ClaimFilter()
    public private(set) var sort: SortOrder = .article
    /// The filtered, sorted claim indices for the Claims pane.
    public private(set) var list: [Int32] = []
    public var cursor = 0
    public var listTop = 0

    public var reader = ReaderState()
    public var showFurniture: Bool

    var frontsDetailTop = 0
    var compareCursor = 0
    var compareTop = 0
    var compareLines: [CompareLine] = []

    public var prompt: Prompt?
    public var editor = LineEditor()

    public var lastReload: Double?
    public var lastChange: ChangeSummary?
    public var loading: (done: Int, total: Int)?
    public var reviewStatus: String?
    public var notice: String?

    var derived: Derived
    /// Built at the first ASCII search after a corpus change; dropped when the corpus changes.
    var searchIndex: SearchIndex?

    public init(corpus: Corpus, config: Config = Config(), user: String = "analyst",
                marks: [String: ReviewMark] = [:], noColor: Bool = false) {
        self.corpus = corpus
        self.config = config
        self.theme = config.theme(noColor: noColor)
        self.user = user
        self.marks = marks
        self.showFurniture = config.showFurniture
        self.derived = Derived(corpus: corpus, marks: marks)
        self.front = derived.fronts.count - 1
        recomputeList()
        compareLines = CompareLine.build(derived: derived, corpus: corpus)
        compareCursor = compareLines.firstIndex { if case .comparison = $0 { return true } else { return false } } ?? 0
    }

    // MARK: Derived data kept in step

    /// The claim the Claims pane has selected.
    public var selectedClaim: Int? {
        cursor >= 0 && cursor < list.count ? Int(list[cursor]) : nil
    }

    /// The claim the review keys act on in the current pane.
    var targetClaim: Int? {
        switch pane {
        case .claims: return selectedClaim
        case .reader: return reader.claim
        case .compare:
            guard compareCursor < compareLines.count else { return nil }
            if case .source(let c, let slot) = compareLines[compareCursor] { return corpus.comparisons[c].claims[slot] }
            return nil
        case .fronts: return nil
        }
    }

    mutating func setFilter(_ f: ClaimFilter) {
        guard f != filter else { return }
        let keep = selectedClaim
        filter = f
        recomputeList(keeping: keep)
    }

    mutating func setSort(_ s: SortOrder) {
        let keep = selectedClaim
        sort = s
        recomputeList(keeping: keep)
    }

    mutating func setFront(_ f: Int) {
        let keep = selectedClaim
        front = max(0, min(f, derived.fronts.count - 1))
        recomputeList(keeping: keep)
    }

    /// Runs the filters and sort once; row moves then only index into `list`.
    mutating func recomputeList(keeping claim: Int? = nil) {
        let rowFromTop = cursor - listTop
        let asciiSearch = !filter.text.isEmpty && filter.text.utf8.allSatisfy { $0 < 0x80 }
        if asciiSearch && searchIndex == nil { searchIndex = SearchIndex(claims: corpus.claims) }
        list = ClaimListBuilder(corpus: corpus, derived: derived, index: asciiSearch ? searchIndex : nil)
            .build(front: front, filter: filter, sort: sort)
        if let claim, let pos = list.firstIndex(of: Int32(claim)) {
            cursor = pos
            listTop = max(0, pos - max(0, rowFromTop))
        } else {
            cursor = min(cursor, max(0, list.count - 1))
            listTop = min(listTop, cursor)
        }
    }

    mutating func replaceCorpus(_ new: Corpus) {
        let keepClaimID = selectedClaim.map { corpus.claims[$0].id }
        let frontName = derived.fronts[front].name
        let readerArticleID = reader.article.map { corpus.articles[$0].id }
        let readerClaimID = reader.claim.map { corpus.claims[$0].id }
        let readerTopOffset = reader.top < reader.lines.count ? reader.lines[reader.top].start : nil
        let compareKey = compareCursor < compareLines.count ? compareLines[compareCursor].identity(corpus) : nil

        derived = Derived(corpus: new, marks: marks, previous: (derived, corpus))
        corpus = new
        searchIndex = nil
        front = derived.fronts.firstIndex { $0.name == frontName } ?? derived.fronts.count - 1
        let keep = keepClaimID.flatMap { derived.index(ofClaim: $0, corpus: new) }
        recomputeList(keeping: keep)

        // The reader stays on its article and scroll position when the article is still there.
        reader.wrappedFor = nil
        reader.lines = []
        if let id = readerArticleID, let a = derived.articleIndex[id] {
            reader.article = a
            reader.claim = readerClaimID.flatMap { derived.index(ofClaim: $0, corpus: new) }
            if let c = reader.claim, derived.claimArticle[c] != Int32(a) { reader.claim = nil }
            rewrapReader()
            if let off = readerTopOffset { reader.top = Wrap.line(containing: off, in: reader.lines) }
        } else {
            reader = ReaderState()
        }
        compareLines = CompareLine.build(derived: derived, corpus: corpus)
        if let key = compareKey, let i = compareLines.firstIndex(where: { $0.identity(corpus) == key }) {
            compareTop = max(0, compareTop + (i - compareCursor))
            compareCursor = i
        } else {
            compareCursor = min(compareCursor, max(0, compareLines.count - 1))
        }
    }

    mutating func replaceMarks(_ new: [String: ReviewMark]) {
        marks = new
        derived.recountReviewed(corpus: corpus, marks: marks)
        let key = compareCursor < compareLines.count ? compareLines[compareCursor].identity(corpus) : nil
        compareLines = CompareLine.build(derived: derived, corpus: corpus)
        if let key, let i = compareLines.firstIndex(where: { $0.identity(corpus) == key }) { compareCursor = i }
        compareCursor = min(compareCursor, max(0, compareLines.count - 1))
    }

    mutating func setMark(_ mark: ReviewMark) {
        var m = marks
        if mark.kind == nil && (mark.note ?? "").isEmpty { m[mark.claimID] = nil } else { m[mark.claimID] = mark }
        replaceMarks(m)
    }

    /// Wraps the reader's article for the current width when needed.
    mutating func rewrapReader() {
        guard let a = reader.article, a < corpus.articles.count else { reader.lines = []; reader.wrappedFor = nil; return }
        let key = WrapKey(article: a, width: Layout(width: width, height: height).readerTextWidth, furniture: showFurniture)
        guard reader.wrappedFor != key else { return }
        let topOffset = reader.top < reader.lines.count && reader.wrappedFor?.article == a ? reader.lines[reader.top].start : nil
        reader.lines = Wrap.lines(of: corpus.articles[a], width: key.width, furniture: showFurniture)
        reader.wrappedFor = key
        if let off = topOffset { reader.top = Wrap.line(containing: off, in: reader.lines) }
        reader.top = min(reader.top, max(0, reader.lines.count - 1))
    }

    /// Opens the reader at a claim, the claim a third of the way down.
    mutating func openReader(at claim: Int) {
        guard claim >= 0, claim < corpus.claims.count else { return }
        let a = Int(derived.claimArticle[claim])
        if reader.article != a { reader.top = 0 }
        reader.article = a
        reader.claim = claim
        pane = .reader
        rewrapReader()
        scrollReaderToClaim(center: true)
    }

    mutating func scrollReaderToClaim(center: Bool) {
        guard let c = reader.claim else { return }
        let line = Wrap.line(containing: corpus.claims[c].range.lowerBound, in: reader.lines)
        let endLine = Wrap.line(containing: max(corpus.claims[c].range.lowerBound, corpus.claims[c].range.upperBound - 1), in: reader.lines)
        let rows = Layout(width: width, height: height).bodyRows
        if center || line < reader.top || endLine >= reader.top + rows {
            reader.top = max(0, line - rows / 3)
        }
        clampReader()
    }

    mutating func clampReader() {
        let rows = Layout(width: width, height: height).bodyRows
        reader.top = max(0, min(reader.top, max(0, reader.lines.count - rows)))
    }
}
