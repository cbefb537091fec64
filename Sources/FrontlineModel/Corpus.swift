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
    public var articles: [Article]
    public var claims: [Claim]
    public var comparisons: [Comparison]
    public var report: LoadReport

    public init(folder: String, fronts: FrontTable, articles: [Article], claims: [Claim],
                comparisons: [Comparison], report: LoadReport) {
        self.folder = folder
        self.fronts = fronts
        self.articles = articles
        self.claims = claims
        self.comparisons = comparisons
        self.report = report
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
        if delta != 0 { parts.append("\(delta > 0 ? "+" : "")\(delta) claims") }
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }
}

/// The corpus of a folder, kept up to date one file at a time.
public struct CorpusStore: Sendable {
    public let folder: String
    public let fronts: FrontTable
    public private(set) var corpus: Corpus
    private var byPath: [String: AnalyzedArticle] = [:]
    private var issuesByPath: [String: LoadIssue] = [:]

    public init(folder: String, fronts: FrontTable = .standard) {
        self.folder = folder
        self.fronts = fronts
        self.corpus = Corpus(folder: folder, fronts: fronts, articles: [], claims: [], comparisons: [], report: LoadReport())
    }

    /// Reads the whole folder again.
    @discardableResult
    public mutating func reloadAll() throws(FolderError) -> ChangeSummary {
        let listing = try FolderLoader.listArticles(in: folder)
        let analyzed = Self.analyze(paths: listing.paths, folder: folder, fronts: fronts)
        let before = corpus.claims.count
        let oldPaths = Set(byPath.keys)
        byPath = [:]
        issuesByPath = [:]
        for issue in listing.skipped { issuesByPath[issue.path] = issue }
        var summary = ChangeSummary()
        for (path, result) in zip(listing.paths, analyzed) {
            switch result {
            case .success(let item):
                byPath[path] = item
                if !oldPaths.contains(path) { summary.added.append(item.article.id) }
            case .failure(let issue):
                issuesByPath[path] = issue
            }
        }
        summary.removed = oldPaths.subtracting(byPath.keys).sorted()
        assemble()
        summary.claimsBefore = before
        summary.claimsAfter = corpus.claims.count
        return summary
    }

    /// Re-reads only the named files (relative paths): changed, created or deleted.
    @discardableResult
    public mutating func refresh(paths: Set<String>) -> ChangeSummary {
        var summary = ChangeSummary()
        summary.claimsBefore = corpus.claims.count
        let sorted = paths.sorted()
        let present = sorted.filter { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }
        let analyzed = Self.analyze(paths: present, folder: folder, fronts: fronts)
        let results = Dictionary(uniqueKeysWithValues: zip(present, analyzed))
        for path in sorted {
            let existed = byPath[path] != nil
            issuesByPath[path] = nil
            switch results[path] {
            case .success(let item)?:
                byPath[path] = item
                if existed { summary.updated.append(item.article.id) } else { summary.added.append(item.article.id) }
            case .failure(let issue)?:
                if let old = byPath.removeValue(forKey: path) { summary.removed.append(old.article.id) }
                issuesByPath[path] = issue
            case nil:
                if let old = byPath.removeValue(forKey: path) { summary.removed.append(old.article.id) }
            }
        }
        assemble()
        summary.claimsAfter = corpus.claims.count
        return summary
    }

    private mutating func assemble() {
        let paths = byPath.keys.sorted()
        var articles: [Article] = []
        var claims: [Claim] = []
        articles.reserveCapacity(paths.count)
        claims.reserveCapacity(corpus.claims.count + 64)
        for path in paths {
            let item = byPath[path]!
            articles.append(item.article)
            claims.append(contentsOf: item.claims)
        }
        let issues = issuesByPath.keys.sorted().map { issuesByPath[$0]! }
        corpus = Corpus(folder: folder, fronts: fronts, articles: articles, claims: claims,
                        comparisons: Comparer.compare(articles: articles, claims: claims),
                        report: LoadReport(loaded: articles.count, issues: issues))
    }

    /// Reads and analyses files on every core; results come back in the order of `paths`.
    static func analyze(paths: [String], folder: String, fronts: FrontTable) -> [Result<AnalyzedArticle, LoadIssue>] {
        let results = UnsafeMutableBufferPointer<Result<AnalyzedArticle, LoadIssue>?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let base = SendablePointer(results.baseAddress)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let outcome = FolderLoader.read(relativePath: paths[i], in: folder).map { Extractor.analyze($0, fronts: fronts) }
            base.pointer?.advanced(by: i).pointee = outcome
        }
        return results.map { $0! }
    }
}

/// Each index is written by exactly one iteration of `concurrentPerform`.
private struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>?
    init(_ pointer: UnsafeMutablePointer<T>?) { self.pointer = pointer }
}
