import Foundation

/// A number a claim asserts, normalised so that sources can be compared.
public struct Quantity: Sendable, Hashable, Codable {
    /// How the source qualifies the number ("about 6,000", "more than 40%").
    public enum Bound: String, Sendable, Hashable, Codable {
        case exact
        case about          // about, around, approximately, roughly, some, nearly, almost
        case moreThan = "more than"   // more than, over, above
        case lessThan = "less than"   // less than, under, fewer than
        case atLeast = "at least"
        case upTo = "up to"           // up to, as many as, at most
    }

    /// The value in `unit` as written (6,000 km² is 6000 with unit "km2"; "a fifth" is 20 with unit "%").
    public var value: Double
    /// Canonical unit: "km2", "sq mi", "km", "mi", "m", "m/day", "km/day", "%", "troops", "tanks", … or nil.
    public var unit: String?
    public var bound: Bound
    /// The words in the sentence that state it, bound words included ("approximately 59,000 troops").
    public var text: String
    /// UTF-8 byte offsets of `text` within the sentence.
    public var range: Range<Int>
    /// What the number measures ("territory-held", "troops-deployed"), set by the pipeline from the words around it.
    public var measure: String?

    public init(value: Double, unit: String?, bound: Bound = .exact, text: String, range: Range<Int>, measure: String? = nil) {
        self.value = value
        self.unit = unit
        self.bound = bound
        self.text = text
        self.range = range
        self.measure = measure
    }
}

/// A stretch of an article's text, by UTF-8 byte offsets into `Article.text`.
public struct Block: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case title        // the headline line
        case body
        case furniture    // page furniture removed from the body but kept for the reader
    }
    public var kind: Kind
    public var range: Range<Int>

    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

public struct Article: Sendable, Identifiable {
    /// The file name without its extension.
    public var id: String
    /// Path relative to the corpus folder.
    public var path: String
    public var title: String?
    /// Only when the text names its publisher; never guessed.
    public var outlet: String?
    /// The decoded text, line ends normalised to "\n".
    public var text: String
    /// Every line or paragraph of `text` in order, each marked title, body or furniture.
    public var blocks: [Block]
    /// The publication date its text gives (`DateReader`), never the file's time; nil when it gives none.
    public var published: Day?

    public init(id: String, path: String, title: String?, outlet: String?, text: String, blocks: [Block],
                published: Day? = nil) {
        self.id = id
        self.path = path
        self.title = title
        self.outlet = outlet
        self.text = text
        self.blocks = blocks
        self.published = published
    }
}

public struct Claim: Sendable, Identifiable {
    /// Stable across reloads and edits elsewhere in the article: article id and a hash of the normalised
    /// sentence ("a#0123456789abcdef"), with "-2", "-3" for a sentence the article repeats.
    /// Made when asked for, so a corpus of millions of claims does not keep a string per claim.
    public var id: String {
        storage.origin.explicitID ?? ClaimIdentity.id(article: article, hash: sentenceHash, repeat: Int(storage.repetition))
    }
    /// The article's id.
    public var article: String {
        @inlinable get { storage.origin.article }
        set {
            let claim = unique()
            claim.origin = Origin(article: newValue, explicitID: claim.origin.explicitID)
        }
    }
    /// Position of the claim within its article, from 0.
    public var ordinal: Int {
        get { Int(storage.ordinal) }
        set { unique().ordinal = Int32(clamping: newValue) }
    }
    /// The whole sentence, white space folded. A slice of `Article.text` when folding changed nothing,
    /// so a corpus does not hold its text twice.
    public var sentence: Substring {
        get { storage.sentence }
        set { unique().sentence = newValue }
    }
    /// `sentence` as a String of its own.
    public var text: String { String(sentence) }
    /// UTF-8 byte offsets of the sentence within `Article.text`.
    public var range: Range<Int> {
        @inlinable get { Int(storage.start)..<Int(storage.end) }
        set {
            let claim = unique()
            (claim.start, claim.end) = Storage.offsets(newValue)
        }
    }
    /// Canonical speaker, nil for the article's own voice.
    public var claimant: String? {
        @inlinable get { storage.claimant }
        set { unique().claimant = newValue }
    }
    public var fronts: [String] {
        @inlinable get { storage.fronts }
        set { unique().fronts = newValue }
    }
    public var quantities: [Quantity] {
        @inlinable get { storage.quantities }
        set { unique().quantities = newValue }
    }
    public var hedged: Bool {
        @inlinable get { storage.hedged }
        set { unique().hedged = newValue }
    }
    /// Canonical names of the places the sentence names.
    public var places: [String] {
        @inlinable get { storage.places }
        set { unique().places = newValue }
    }
    /// The hash of the normalised sentence that the id is made from (0 when not computed): copies of
    /// a wire story share it.
    public var sentenceHash: UInt64 {
        @inlinable get { storage.sentenceHash }
        set { unique().sentenceHash = newValue }
    }
    /// When the claim says its fact holds: its time words read against the article's date, else that date.
    public var date: ClaimDate? {
        get { ClaimDate(packed16: storage.date) }
        set { unique().date = newValue?.packed16 ?? 0 }
    }

    /// Everything in one object: a corpus copies, splices and frees millions of claims, and each is then
    /// one reference rather than a dozen fields, most of them references too.
    /// Visible to other modules' inlined getters only: the dashboard reads millions of claims, and a getter
    /// that is not inlined retains and releases each field it returns.
    @usableFromInline var storage: Storage

    /// The article a claim is from, and the id a caller gave it if any. The extractor's claims of one
    /// article share one, so a claim holds one reference instead of two strings.
    @usableFromInline final class Origin: Sendable {
        @usableFromInline let article: String
        /// For claims made outside the extractor.
        let explicitID: String?

        init(article: String, explicitID: String? = nil) {
            self.article = article
            self.explicitID = explicitID
        }
    }

    /// Changed only through `unique()`, that is when no other claim shares it (copy on write): what one
    /// thread sees never changes under it.
    ///
    /// 120 bytes with the object header, which malloc serves from its 128-byte chunks; at 136 or more
    /// it takes 144, and at 100,000 articles every 16 bytes here is 55 MB. Hence one origin reference,
    /// 32-bit offsets (articles are at most `FolderLoader.maxFileSize`), and the hedge flag in the top
    /// bit of the repeat count.
    @usableFromInline final class Storage: @unchecked Sendable {
        @usableFromInline var origin: Origin
        var sentence: Substring
        @usableFromInline var claimant: String?
        @usableFromInline var fronts: [String]
        @usableFromInline var quantities: [Quantity]
        @usableFromInline var places: [String]
        @usableFromInline var sentenceHash: UInt64
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32
        var ordinal: Int32
        /// The repeat count below the top bit: 1 for the first sentence with this hash in the article, 2 for
        /// its first repeat, …; the top bit is the hedge.
        @usableFromInline var repetitionAndHedge: UInt32

        @usableFromInline static let hedgeBit: UInt32 = 1 << 31

        /// Bits 15–30 of `repetitionAndHedge`: the claim's date (`ClaimDate.packed16`, 0 for none), so
        /// that the object stays in its 128-byte chunk; the repeat count keeps the low 15 bits.
        static let repetitionMask: UInt32 = (1 << 15) - 1
        static let dateMask: UInt32 = 0xFFFF << 15

        var repetition: Int32 { Int32(repetitionAndHedge & Self.repetitionMask) }

        var date: UInt16 {
            get { UInt16(truncatingIfNeeded: (repetitionAndHedge & Self.dateMask) >> 15) }
            set { repetitionAndHedge = repetitionAndHedge & ~Self.dateMask | UInt32(newValue) << 15 }
        }

        @usableFromInline var hedged: Bool {
            get { repetitionAndHedge & Self.hedgeBit != 0 }
            set { repetitionAndHedge = newValue ? repetitionAndHedge | Self.hedgeBit : repetitionAndHedge & ~Self.hedgeBit }
        }

        static func offsets(_ range: Range<Int>) -> (Int32, Int32) {
            (Int32(clamping: range.lowerBound), Int32(clamping: range.upperBound))
        }

        init(origin: Origin, sentence: Substring, range: Range<Int>, claimant: String?, fronts: [String],
             quantities: [Quantity], places: [String], sentenceHash: UInt64, ordinal: Int32, repetition: Int32,
             hedged: Bool) {
            self.origin = origin
            self.sentence = sentence
            self.claimant = claimant
            self.fronts = fronts
            self.quantities = quantities
            self.places = places
            self.sentenceHash = sentenceHash
            (start, end) = Self.offsets(range)
            self.ordinal = ordinal
            repetitionAndHedge = min(UInt32(clamping: max(0, repetition)), Self.repetitionMask) | (hedged ? Self.hedgeBit : 0)
        }

        func copy() -> Storage {
            let copy = Storage(origin: origin, sentence: sentence, range: Int(start)..<Int(end), claimant: claimant,
                               fronts: fronts, quantities: quantities, places: places, sentenceHash: sentenceHash,
                               ordinal: ordinal, repetition: repetition, hedged: hedged)
            copy.date = date
            return copy
        }
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public init(id: String, article: String, ordinal: Int, text: String, range: Range<Int>,
                claimant: String?, fronts: [String], quantities: [Quantity], hedged: Bool, places: [String],
                sentenceHash: UInt64 = 0) {
        self.init(id: id, article: article, ordinal: ordinal, sentence: Substring(text), range: range,
                  claimant: claimant, fronts: fronts, quantities: quantities, hedged: hedged, places: places,
                  sentenceHash: sentenceHash)
    }

    public init(id: String, article: String, ordinal: Int, sentence: Substring, range: Range<Int>,
                claimant: String?, fronts: [String], quantities: [Quantity], hedged: Bool, places: [String],
                sentenceHash: UInt64 = 0) {
        storage = Storage(origin: Origin(article: article, explicitID: id), sentence: sentence, range: range,
                          claimant: claimant, fronts: fronts, quantities: quantities, places: places,
                          sentenceHash: sentenceHash, ordinal: Int32(clamping: ordinal), repetition: 1, hedged: hedged)
    }

    /// A claim the extractor found: its id follows from the article, the sentence's hash and `repetition`.
    /// `origin` is the article's, shared by all its claims.
    init(origin: Origin, ordinal: Int, sentence: Substring, range: Range<Int>, claimant: String?,
         fronts: [String], quantities: [Quantity], hedged: Bool, places: [String], sentenceHash: UInt64,
         repetition: Int32, date: ClaimDate? = nil) {
        storage = Storage(origin: origin, sentence: sentence, range: range, claimant: claimant,
                          fronts: fronts, quantities: quantities, places: places, sentenceHash: sentenceHash,
                          ordinal: Int32(clamping: ordinal), repetition: repetition, hedged: hedged)
        storage.date = date?.packed16 ?? 0
    }
}

public enum Verdict: String, Sendable, Codable {
    case agree
    case conflict
}

/// Claims in different articles that state the same fact.
public struct Comparison: Sendable {
    public var subject: String
    public var front: String?
    /// The unit every value was converted to.
    public var unit: String?
    /// Indices into `Corpus.claims`.
    public var claims: [Int]
    /// The value each claim gives, converted to `unit`, in the order of `claims`.
    public var values: [Double]
    public var verdict: Verdict
    /// Groups of indices into `claims` whose articles are copies of one wire story.
    public var wireCopies: [[Int]]

    public init(subject: String, front: String?, unit: String?, claims: [Int], values: [Double],
                verdict: Verdict, wireCopies: [[Int]] = []) {
        self.subject = subject
        self.front = front
        self.unit = unit
        self.claims = claims
        self.values = values
        self.verdict = verdict
        self.wireCopies = wireCopies
    }
}

/// A file that was skipped or could not be read, and why.
public struct LoadIssue: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case skipped      // deliberately passed over: hidden, editor leftover, not an article type
        case unreadable   // could not be read or decoded
    }
    public var path: String
    public var kind: Kind
    public var reason: String

    public init(path: String, kind: Kind, reason: String) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }
}

public struct LoadReport: Sendable {
    public var loaded: Int
    public var issues: [LoadIssue]

    public init(loaded: Int = 0, issues: [LoadIssue] = []) {
        self.loaded = loaded
        self.issues = issues
    }
}

/// A front as data: its name, the regions it covers, and a circle around its centre.
public struct FrontDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var regions: [String]
    public var latitude: Double
    public var longitude: Double
    public var radiusKm: Double

    public init(name: String, regions: [String], latitude: Double, longitude: Double, radiusKm: Double) {
        self.name = name
        self.regions = regions
        self.latitude = latitude
        self.longitude = longitude
        self.radiusKm = radiusKm
    }
}

/// An analyst's review of one claim.
public struct ReviewMark: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case confirmed
        case disputed
        case needsCheck = "needs-check"
        case flagged
    }
    public var claimID: String
    public var kind: Kind?
    public var note: String?
    public var user: String
    public var updatedAt: Date

    public init(claimID: String, kind: Kind?, note: String?, user: String, updatedAt: Date) {
        self.claimID = claimID
        self.kind = kind
        self.note = note
        self.user = user
        self.updatedAt = updatedAt
    }
}

extension ReviewMark {
    /// Marks whose claim is not among `knownClaimIDs`: kept and listed, never dropped. Oldest first.
    public static func orphans(in marks: [String: ReviewMark], knownClaimIDs: Set<String>) -> [ReviewMark] {
        marks.values
            .filter { !knownClaimIDs.contains($0.claimID) }
            .sorted { ($0.updatedAt, $0.claimID) < ($1.updatedAt, $1.claimID) }
    }
}

extension ReviewMark {
    /// Marks saved when an article's id was its file name alone, moved to the ids their claims have
    /// now that ids come from the path relative to the folder: [old claim id: new claim id].
    ///
    /// A mark moves when its article id is no longer any article's, exactly one article in a
    /// subfolder has that file name, that article has a claim with the same sentence hash, and no
    /// mark is under the new id already. Files at the top of the folder kept their ids and are never
    /// touched; a name found in two subfolders is left as it is (the old id named both).
    public static func legacyRenames(marks: [String: ReviewMark], articles: [Article], claims: [Claim]) -> [String: String] {
        var oldArticles: Set<Substring> = []
        for id in marks.keys {
            guard let hash = id.lastIndex(of: "#") else { continue }
            let article = id[..<hash]
            if !article.contains("/") { oldArticles.insert(article) }
        }
        guard !oldArticles.isEmpty else { return [:] }
        // Which old article names are gone, and which subfolder articles now carry them.
        var stillThere: Set<Substring> = []
        var movedTo: [Substring: [String]] = [:]
        for article in articles {
            guard let slash = article.id.lastIndex(of: "/") else {
                let id = Substring(article.id)
                if oldArticles.contains(id) { stillThere.insert(id) }
                continue
            }
            let name = article.id[article.id.index(after: slash)...]
            if oldArticles.contains(name) { movedTo[name, default: []].append(article.id) }
        }
        var targets: [String: Substring] = [:]
        for (name, ids) in movedTo where ids.count == 1 && !stillThere.contains(name) { targets[ids[0]] = name }
        guard !targets.isEmpty else { return [:] }
        var renames: [String: String] = [:]
        for claim in claims {
            let article = claim.article
            guard let name = targets[article] else { continue }
            let id = claim.id
            let old = String(name) + id.dropFirst(article.count)
            if marks[old] != nil, marks[id] == nil { renames[old] = id }
        }
        return renames
    }

    /// `marks` with `renames` applied: each moved mark under its new id.
    public static func applying(_ renames: [String: String], to marks: [String: ReviewMark]) -> [String: ReviewMark] {
        guard !renames.isEmpty else { return marks }
        var out = marks
        for (old, new) in renames {
            guard var mark = out[old], out[new] == nil else { continue }
            out[old] = nil
            mark.claimID = new
            out[new] = mark
        }
        return out
    }
}
