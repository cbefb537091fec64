import Foundation

/// One article and the claims drawn from it.
public struct AnalyzedArticle: Sendable {
    public var article: Article
    public var claims: [Claim]
    public var byteCount: Int

    public init(article: Article, claims: [Claim], byteCount: Int) {
        self.article = article
        self.claims = claims
        self.byteCount = byteCount
    }
}

/// Everything frontline knows about a folder: articles, claims, comparisons and what could not be read.
public struct Corpus: Sendable {
    public var folder: String
    public var fronts: FrontTable
    // Changing either forgets `claimStarts`, which could no longer be trusted.
    public var articles: [Article] { didSet { claimStarts = nil } }
    public var claims: [Claim] { didSet { claimStarts = nil } }
    public var comparisons: [Comparison]
    public var report: LoadReport
    /// Where each article's claims start in `claims`, and their end after the last: a load puts the claims
    /// article by article, in the articles' order. nil when the claims were put together some other way.
    public private(set) var claimStarts: [Int]?

    public init(folder: String, fronts: FrontTable, articles: [Article], claims: [Claim],
                comparisons: [Comparison], report: LoadReport, claimStarts: [Int]? = nil) {
        self.folder = folder
        self.fronts = fronts
        self.articles = articles
        self.claims = claims
        self.comparisons = comparisons
        self.report = report
        self.claimStarts = claimStarts
    }

    /// Reads every article under `folder` (on all cores) and extracts its claims.
    public static func load(folder: String, fronts: FrontTable = .standard) throws(FolderError) -> Corpus {
        var store = CorpusStore(folder: folder, fronts: fronts)
        try store.reloadAll()
        return store.corpus
    }
}

/// What a reload changed, for the status line.
public struct ChangeSummary: Sendable, Equatable {
    public var added: [String] = []
    public var updated: [String] = []
    public var removed: [String] = []
    public var claimsBefore = 0
    public var claimsAfter = 0

    public init() {}

    public var isEmpty: Bool { added.isEmpty && updated.isEmpty && removed.isEmpty }

    public var description: String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("+\(added.count) article\(added.count == 1 ? "" : "s")") }
        if !updated.isEmpty { parts.append("~\(updated.count) changed") }
        if !removed.isEmpty { parts.append("-\(removed.count) removed") }
        let delta = claimsAfter - claimsBefore
        if delta != 0 { parts.append("\(delta > 0 ? "+" : "")\(delta) claim\(abs(delta) == 1 ? "" : "s")") }
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }
}

/// The corpus of a folder, kept up to date one file at a time.
///
/// A refresh costs what changed plus one copy of the flat arrays: the articles stay sorted by path, so
/// a changed article is spliced in where it belongs, and each article's comparison inputs
/// (`ArticleFacts`) are kept, so only the changed articles' claims are read again to compare.
public struct CorpusStore: Sendable {
    public let folder: String
    public let fronts: FrontTable
    public private(set) var corpus: Corpus
    /// Article paths in sorted order, parallel to `corpus.articles`.
    private var paths: [String] = []
    /// Per article, parallel to `corpus.articles`: its comparison inputs and where its claims start.
    private var sources: [FactSource] = []
    private var factKeys = FactKeyTable()
    /// How many articles have each id; claims are told apart by article id, so a shared id matters.
    private var idCounts: [String: Int] = [:]
    private var sharedIDs = 0
    private var issuesByPath: [String: LoadIssue] = [:]

    public init(folder: String, fronts: FrontTable = .standard) {
        self.folder = folder
        self.fronts = fronts
        self.corpus = Corpus(folder: folder, fronts: fronts, articles: [], claims: [], comparisons: [], report: LoadReport())
    }

    /// A file read again: its new article, or nothing when it is gone or unreadable.
    private enum Change {
        case article(AnalyzedArticle, ArticleFacts)
        case gone
    }

    /// Reads the whole folder again.
    @discardableResult
    public mutating func reloadAll() throws(FolderError) -> ChangeSummary {
        let listing = try FolderLoader.listArticles(in: folder)
        let before = corpus.claims.count
        let oldPaths = Set(paths)
        // The old corpus goes first: the caller may still hold it, but this store need not.
        self = CorpusStore(folder: folder, fronts: fronts)
        var summary = add(listed: listing.paths, skipped: listing.skipped)
        summary.added = zip(paths, corpus.articles).filter { !oldPaths.contains($0.0) }.map(\.1.id)
        summary.removed = oldPaths.subtracting(paths).sorted()
        summary.claimsBefore = before
        return summary
    }

    /// Reads files that a listing found (relative paths, sorted) and puts their articles in, new or
    /// replacing; `skipped` are the listing's own issues. A big folder's first load comes through here in
    /// batches, so the screen fills in as it reads; `onRead` is called (on any thread) after each file.
    @discardableResult
    public mutating func add(listed: [String], skipped: [LoadIssue] = [], onRead: (@Sendable () -> Void)? = nil) -> ChangeSummary {
        // `apply` takes changes in path order, each path once.
        let listed = zip(listed, listed.dropFirst()).allSatisfy { $0 < $1 } ? listed : Set(listed).sorted()
        var summary = ChangeSummary()
        summary.claimsBefore = corpus.claims.count
        for issue in skipped { issuesByPath[issue.path] = issue }
        var analyzed = Self.analyzeWithFacts(paths: listed, folder: folder, fronts: fronts, onRead: onRead)
        put(listed, &analyzed, into: &summary)
        return summary
    }

    /// Re-reads only the named files (relative paths): changed, created or deleted.
    @discardableResult
    public mutating func refresh(paths changed: Set<String>) -> ChangeSummary {
        var summary = ChangeSummary()
        summary.claimsBefore = corpus.claims.count
        let sorted = changed.sorted()
        let exists = sorted.map { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }
        var analyzed = Self.analyzeWithFacts(paths: zip(sorted, exists).filter(\.1).map(\.0), folder: folder, fronts: fronts)
        // A file that is gone has no outcome: its article goes, with no issue.
        var outcomes = [Outcome?](repeating: nil, count: sorted.count)
        var next = 0
        for k in sorted.indices where exists[k] {
            swap(&outcomes[k], &analyzed[next])
            next += 1
        }
        put(sorted, &outcomes, into: &summary)
        return summary
    }

    /// What reading a file gave: its article and comparison inputs, or why it could not be read.
    typealias Outcome = Result<(AnalyzedArticle, ArticleFacts), LoadIssue>

    /// Puts what reading each of `paths` (sorted, each once) gave in: an article is added or replaces the
    /// old one; a failure, or no outcome at all, removes the old one, and a failure is kept as an issue.
    /// The outcomes are moved out, not copied.
    private mutating func put(_ paths: [String], _ outcomes: inout [Outcome?], into summary: inout ChangeSummary) {
        var changes: [(path: String, change: Change)] = []
        changes.reserveCapacity(paths.count)
        for (k, path) in paths.enumerated() {
            var moved: Outcome? = nil
            swap(&moved, &outcomes[k])
            let existing = position(of: path)
            if !issuesByPath.isEmpty { issuesByPath[path] = nil }
            if case .success(let (item, facts))? = moved {
                changes.append((path, .article(item, facts)))
                if existing != nil { summary.updated.append(item.article.id) } else { summary.added.append(item.article.id) }
                continue
            }
            if case .failure(let issue)? = moved { issuesByPath[path] = issue }
            if let old = existing { summary.removed.append(corpus.articles[old].id); changes.append((path, .gone)) }
        }
        // `changes` holds the new articles now; the outcomes must not hold them a second time while they are assembled.
        outcomes = []
        apply(&changes)
        summary.claimsAfter = corpus.claims.count
    }

    /// The index of the article read from `path`, by bisection of the sorted paths.
    private func position(of path: String) -> Int? {
        let i = lowerBound(path, from: 0)
        return i < paths.count && paths[i] == path ? i : nil
    }

    private func lowerBound(_ path: String, from start: Int) -> Int {
        var low = start, high = paths.count
        while low < high {
            let mid = (low + high) / 2
            if paths[mid] < path { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Builds the new arrays in one pass: runs of unchanged articles are copied whole, the changed ones
    /// put in their place. `changes` are sorted by path, and emptied on the way: each new article's claims are
    /// freed once copied, so a full load never holds every claim twice.
    private mutating func apply(_ changes: inout [(path: String, change: Change)]) {
        let old = corpus
        var newPaths: [String] = [], articles: [Article] = [], claims: [Claim] = [], newSources: [FactSource] = []
        newPaths.reserveCapacity(paths.count + changes.count)
        articles.reserveCapacity(paths.count + changes.count)
        newSources.reserveCapacity(paths.count + changes.count)
        func claimStart(_ i: Int) -> Int { i < sources.count ? sources[i].start : old.claims.count }
        // The exact count: growing by doubling would hold two big buffers at once.
        var total = old.claims.count
        for (path, change) in changes {
            if let i = position(of: path) { total -= claimStart(i + 1) - claimStart(i) }
            if case .article(let item, _) = change { total += item.claims.count }
        }
        claims.reserveCapacity(total)
        idCounts.reserveCapacity(paths.count + changes.count)
        func copyUnchanged(_ run: Range<Int>) {
            guard !run.isEmpty else { return }
            newPaths += paths[run]
            articles += old.articles[run]
            let shift = claims.count - claimStart(run.lowerBound)
            claims += old.claims[claimStart(run.lowerBound)..<claimStart(run.upperBound)]
            for var source in sources[run] {
                source.start += shift
                newSources.append(source)
            }
        }
        var next = 0
        for k in changes.indices {
            let path = changes[k].path
            var change = Change.gone
            swap(&change, &changes[k].change)
            let stop = lowerBound(path, from: next)
            copyUnchanged(next..<stop)
            next = stop
            if next < paths.count && paths[next] == path {
                forget(id: old.articles[next].id)
                next += 1
            }
            if case .article(let item, let facts) = change {
                remember(id: item.article.id)
                newPaths.append(path)
                articles.append(item.article)
                newSources.append(FactSource(facts: facts, table: &factKeys, start: claims.count))
                claims += item.claims
            }
        }
        copyUnchanged(next..<paths.count)
        for i in newSources.indices { newSources[i].owner = i }
        paths = newPaths
        sources = newSources
        newSources = []
        let issues = issuesByPath.keys.sorted().map { issuesByPath[$0]! }
        corpus = Corpus(folder: folder, fronts: fronts, articles: articles, claims: claims,
                        comparisons: compare(articles: articles),
                        report: LoadReport(loaded: articles.count, issues: issues),
                        claimStarts: sources.map(\.start) + [claims.count])
    }

    private mutating func remember(id: String) {
        // One lookup: hashing 100,000 ids twice shows in a full load.
        if Self.adjust(&idCounts[id, default: 0], by: 1) == 2 { sharedIDs += 1 }
    }

    private mutating func forget(id: String) {
        let left = Self.adjust(&idCounts[id, default: 0], by: -1)
        if left == 1 { sharedIDs -= 1 }
        if left == 0 { idCounts[id] = nil }
    }

    private static func adjust(_ count: inout Int, by delta: Int) -> Int {
        count += delta
        return count
    }

    /// Regroups the kept facts. Claims count by article id, as `Comparer.compare(articles:claims:)` does:
    /// articles that share an id (rare: "a.txt" beside "a.md") count as the first of them; each other
    /// article is its own owner, as `apply` left it.
    private mutating func compare(articles: [Article]) -> [Comparison] {
        var sentences = sources.map(\.facts.sentences)
        if sharedIDs > 0 {
            var first: [String: Int] = [:]
            for (i, article) in articles.enumerated() {
                let owner = first[article.id] ?? i
                first[article.id] = owner
                sources[i].owner = owner
                if owner != i {
                    sentences[owner] = WireCopies.sortedUnique(sentences[owner] + sentences[i])
                    sentences[i] = []
                }
            }
        }
        return Comparer.compare(sources: sources, keys: factKeys.values, clusters: WireCopies.clusters(sentences: sentences))
    }

    /// Reads and analyses files on every core; results come back in the order of `paths`.
    static func analyze(paths: [String], folder: String, fronts: FrontTable) -> [Result<AnalyzedArticle, LoadIssue>] {
        analyzeWithFacts(paths: paths, folder: folder, fronts: fronts).map { $0!.map(\.0) }
    }

    /// `analyze`, with each article's comparison inputs worked out on the same core. Optional so that
    /// callers can move each result out (`swap` with nil) instead of copying it.
    static func analyzeWithFacts(paths: [String], folder: String, fronts: FrontTable,
                                 onRead: (@Sendable () -> Void)? = nil) -> [Outcome?] {
        Parallel.map(paths.count) { i in
            let outcome = FolderLoader.read(relativePath: paths[i], in: folder).map { file in
                let item = Extractor.analyze(file, fronts: fronts)
                return (item, ArticleFacts(claims: item.claims[...]))
            }
            onRead?()
            return outcome
        }
    }
}
