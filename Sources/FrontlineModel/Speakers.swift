import Foundation

/// Someone who asserts a claim: a canonical name and the kind of speaker it is.
public struct Speaker: Sendable, Hashable {
    public var name: String
    public var kind: String

    public init(name: String, kind: String) {
        self.name = name
        self.kind = kind
    }
}

/// The speakers table (Data/speakers.tsv) and the words around attribution.
public final class SpeakerTable: Sendable {
    public static let shared = SpeakerTable()

    public let speakers: [Speaker]
    let aliases: PhraseTable<Int>
    let anaphors: PhraseTable<[String]>
    let verbs: HashSet
    let titles: HashSet
    let notNames: HashSet
    let negations: HashSet
    let beVerbs: HashSet
    let boundaries: HashSet
    let according = Tokenizer.hash("according")
    let the = Tokenizer.hash("the")
    let to = Tokenizer.hash("to")
    let articles: HashSet
    /// Verb forms that are also nouns ("battlefield reports"): they attribute only right after their subject or before "that".
    let nounLikeVerbs: HashSet
    let that = Tokenizer.hash("that")
    /// Words after which "claims", "reports" or "estimates" are nouns, not verbs.
    let nounMarkers: HashSet
    /// What a disclaimer could not verify ("figures") and the words that lead to its source ("by").
    let disclaimedWords: HashSet
    let sourceLinks: HashSet
    /// One-word countries and capitals: "Russia's claims" are a side's, not one speaker's.
    let sides: HashSet

    init() {
        var speakers: [Speaker] = []
        var aliases = PhraseTable<Int>()
        for row in DataFiles.rows("speakers.tsv") where row.count >= 2 {
            let index = speakers.count
            let name = String(row[0])
            speakers.append(Speaker(name: name, kind: String(row[1])))
            aliases.add(name, index)
            if row.count > 2 {
                for alias in row[2].split(separator: "|") where !alias.isEmpty {
                    aliases.add(String(alias), index)
                }
            }
        }
        self.speakers = speakers
        self.aliases = aliases
        var anaphors = PhraseTable<[String]>()
        for row in DataFiles.rows("anaphors.tsv") where row.count >= 2 {
            anaphors.add(String(row[0]), row[1].split(separator: ",").map(String.init))
        }
        self.anaphors = anaphors
        func hashes(_ file: String) -> HashSet {
            HashSet(DataFiles.rows(file).map { Tokenizer.hash(String($0[0])) })
        }
        verbs = hashes("attribution-verbs.txt")
        titles = hashes("speaker-titles.txt")
        notNames = hashes("not-names.txt")
        negations = HashSet(["not", "never", "no", "neither", "nor", "cannot", "don't", "doesn't", "didn't", "hasn't", "haven't",
                         "hadn't", "won't", "wouldn't", "can't", "couldn't", "isn't", "wasn't", "aren't", "weren't", "declined",
                         "refused", "yet"].map(Tokenizer.hash))
        beVerbs = HashSet(["is", "are", "was", "were", "be", "been", "being"].map(Tokenizer.hash))
        boundaries = HashSet(["that", "whether", "if", "because", "while", "although", "though"].map(Tokenizer.hash))
        articles = HashSet(["the", "a", "an"].map(Tokenizer.hash))
        nounLikeVerbs = HashSet(["reports", "report", "claims", "claim", "estimates", "estimate", "notes", "note", "states", "state",
                             "posts", "warning", "statement"].map(Tokenizer.hash))
        nounMarkers = HashSet(["the", "a", "an", "or", "and", "of", "these", "those", "its", "their", "his", "her", "our", "new",
                           "latest", "such", "any", "some", "unverified", "earlier", "previous", "media", "news", "in", "by"].map(Tokenizer.hash))
        let disclaimerRows = DataFiles.rows("disclaimer-sources.tsv").filter { $0.count >= 2 }
        disclaimedWords = HashSet(disclaimerRows.filter { $0[1] == "said" }.map { Tokenizer.hash(String($0[0])) })
        sourceLinks = HashSet(disclaimerRows.filter { $0[1] == "by" }.map { Tokenizer.hash(String($0[0])) })
        sides = HashSet(DataFiles.rows("neutral-places.txt").map { Tokenizer.hashes(String($0[0])) }.filter { $0.count == 1 }.map { $0[0] })
    }
}

extension SpeakerTable {
    /// The table's spelling of a name written in another case ("FOX NEWS" → "Fox News").
    public func knownName(_ name: String, kind: String) -> String? {
        let hashes = Tokenizer.hashes(name)
        let tokens = Tokenizer.tokenize(name)
        guard !tokens.isEmpty, let (index, length) = aliases.match(tokens, at: 0), length == hashes.count,
              speakers[index].kind == kind else { return nil }
        return speakers[index].name
    }
}

/// The speakers an article has named so far, so that "he", "it" and "the ministry" find theirs.
public struct SpeakerContext: Sendable {
    public private(set) var recent: [Speaker] = []

    public init() {}

    public mutating func note(_ speaker: Speaker) {
        if recent.last == speaker { return }
        recent.append(speaker)
        if recent.count > 32 { recent.removeFirst(recent.count - 32) }
    }

    /// The most recent speaker of one of `kinds`, trying the kinds in their order of preference.
    public func resolve(_ kinds: [String]) -> Speaker? {
        for speaker in recent.reversed() where kinds.contains(speaker.kind) { return speaker }
        return nil
    }
}

/// Finds who a sentence attributes its content to: "according to X", "X said", "…, X said", "said X", "…: X".
public enum Attribution {
    /// One sentence's tokens, which of them stand inside quotation marks, and its bytes.
    public struct Input {
        public var tokens: [Token]
        public var quoted: [Bool]
        public var bytes: UnsafeBufferPointer<UInt8>
    }

    enum Candidate {
        case known(Int, length: Int)
        case anaphor([String], length: Int)
        case name(String, length: Int)

        var length: Int {
            switch self {
            case .known(_, let length), .anaphor(_, let length), .name(_, let length): return length
            }
        }
    }

    /// The speaker named as the source of the sentence outside its quotations, or nil for the article's own voice.
    public static func speaker(_ input: Input, context: SpeakerContext, table: SpeakerTable = .shared) -> Speaker? {
        let tokens = input.tokens
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if input.quoted[i] || token.kind != .word { i += 1; continue }
            if token.hash == table.according, i + 1 < tokens.count, tokens[i + 1].hash == table.to {
                if let found = firstCandidate(input, from: i + 2, limit: 10, context: context, table: table) { return found }
            } else if table.verbs.contains(token.hash), !isNegatedOrPassive(tokens, i, table),
                      i == 0 || !table.nounMarkers.contains(tokens[i - 1].hash),
                      !isParticipleWithoutComma(input, i) {
                if let found = subject(input, verb: i, context: context, table: table) { return found }
            }
            i += 1
        }
        return headlineSource(input, context: context, table: table)
    }

    /// Every speaker the sentence names (for later "he" and "the ministry").
    public static func persons(_ input: Input, table: SpeakerTable = .shared) -> [Speaker] {
        var found: [Speaker] = []
        var i = 0
        while i < input.tokens.count {
            if let (index, length) = table.aliases.match(input.tokens, at: i) {
                let speaker = table.speakers[index]
                if speaker.kind == "person" { found.append(speaker) }
                i += length
            } else {
                i += 1
            }
        }
        return found
    }

    /// The speaker a verification disclaimer names as the source of what it could not verify: "the Russian
    /// defence ministry's figures", "claims by Russia's defence ministry", "the ministry's report" (the
    /// ministry last named). nil when it names none, or only a side ("Russia's claims", "Kyiv's figures").
    public static func disclaimedSource(_ input: Input, context: SpeakerContext, table: SpeakerTable = .shared) -> Speaker? {
        let tokens = input.tokens
        var i = 0
        while i < tokens.count {
            if input.quoted[i] || tokens[i].kind != .word { i += 1; continue }
            if table.disclaimedWords.contains(tokens[i].hash), i + 2 < tokens.count, table.sourceLinks.contains(tokens[i + 1].hash) {
                var p = i + 2
                if tokens[p].hash == table.the, sourceName(input, at: p, context: context, table: table) == nil, p + 1 < tokens.count { p += 1 }
                if let found = sourceName(input, at: p, context: context, table: table) { return found.speaker }
            }
            if let found = sourceName(input, at: i, context: context, table: table) {
                let after = i + found.length
                if after + 1 < tokens.count, tokens[after].kind == .possessive, table.disclaimedWords.contains(tokens[after + 1].hash) {
                    return found.speaker
                }
                i = after
                continue
            }
            i += 1
        }
        return nil
    }

    /// A speaker's name or a phrase pointing back at one ("the ministry") at `p`, and its length in tokens;
    /// the speaker is nil for a side.
    static func sourceName(_ input: Input, at p: Int, context: SpeakerContext, table: SpeakerTable) -> (speaker: Speaker?, length: Int)? {
        let tokens = input.tokens
        let known = table.aliases.match(tokens, at: p)
        let anaphor = table.anaphors.match(tokens, at: p)
        if let known, known.length >= (anaphor?.length ?? 0) {
            let side = (p..<p + known.length).allSatisfy { tokens[$0].hash == table.the || table.sides.contains(tokens[$0].hash) }
            return (side ? nil : table.speakers[known.payload], known.length)
        }
        // "the ministry"; a lone pronoun ("verify it") is what was said, not who said it.
        if let anaphor, anaphor.length > 1 { return (context.resolve(anaphor.payload), anaphor.length) }
        return nil
    }

    /// "…, claiming that" reports its subject's words; "messages telling them to surrender" does not.
    static func isParticipleWithoutComma(_ input: Input, _ i: Int) -> Bool {
        let t = input.tokens[i]
        guard t.end - t.start > 4, input.bytes[t.end - 3] == UInt8(ascii: "i"), input.bytes[t.end - 2] == UInt8(ascii: "n"),
              input.bytes[t.end - 1] == UInt8(ascii: "g") else { return false }
        return i == 0 || input.tokens[i - 1].mark != UInt8(ascii: ",")
    }

    static func isNegatedOrPassive(_ tokens: [Token], _ verb: Int, _ table: SpeakerTable) -> Bool {
        var k = verb - 1
        var steps = 0
        while k >= 0, steps < 3 {
            let t = tokens[k]
            if t.kind != .word { break }
            if table.negations.contains(t.hash) { return true }
            // "are said to", "is reported to": a hedge, not a source.
            if steps == 0 || steps == 1, table.beVerbs.contains(t.hash) { return true }
            k -= 1
            steps += 1
        }
        return false
    }

    /// The subject before the verb, nearest clause first; or after it in "…," said X.
    static func subject(_ input: Input, verb: Int, context: SpeakerContext, table: SpeakerTable) -> Speaker? {
        let tokens = input.tokens
        var segmentEnd = verb
        var k = verb - 1
        var segments = 0
        var budget = 24
        while segments < 3 && budget > 0 {
            // Walk back to the start of this clause.
            var segmentStart = segmentEnd
            while k >= 0, budget > 0 {
                let t = tokens[k]
                if input.quoted[k] || t.kind == .quote { break }
                if t.kind == .punctuation, t.mark == UInt8(ascii: ",") || t.mark == UInt8(ascii: ";")
                    || t.mark == UInt8(ascii: ":") || t.mark == UInt8(ascii: "-") { break }
                if t.kind == .word, table.boundaries.contains(t.hash) { break }
                segmentStart = k
                k -= 1
                budget -= 1
            }
            if segmentStart < segmentEnd {
                var p = segmentStart
                while p < segmentEnd {
                    if let candidate = candidate(input, at: p, end: segmentEnd, table: table) {
                        let after = p + candidate.length
                        // "Russia's Kursk region governor": the possessor is not the speaker.
                        if after < segmentEnd, tokens[after].kind == .possessive { p = after + 1; continue }
                        // "reports" and "claims" are verbs only next to their subject.
                        if table.nounLikeVerbs.contains(tokens[verb].hash), segments == 0, verb - after > 2,
                           verb + 1 >= tokens.count || tokens[verb + 1].hash != table.that { return nil }
                        // "Serhiy Nayev, a Ukrainian military spokesman, told": the name before the appositive.
                        if table.articles.contains(tokens[segmentStart].hash), tokens[segmentStart].hash != table.the,
                           segmentStart >= 2, let person = personBefore(input, comma: segmentStart - 1, table: table) {
                            return person
                        }
                        return resolve(candidate, input, at: p, context: context, table: table)
                    }
                    p += 1
                }
                // A clause with words but no speaker is the subject of this verb: stop looking further back.
                if segments == 0 { break }
            }
            guard k >= 0 else { break }
            let t = tokens[k]
            if input.quoted[k] || t.kind == .quote { break }
            if t.kind == .word { break }
            segmentEnd = k
            k -= 1
            segments += 1
        }
        // Inverted order after a quotation or comma: `…," said the ministry`.
        if verb > 0, tokens[verb - 1].kind == .quote || tokens[verb - 1].mark == UInt8(ascii: ",") {
            return firstCandidate(input, from: verb + 1, limit: 4, context: context, table: table)
        }
        return nil
    }

    /// A person named just before an appositive's comma.
    static func personBefore(_ input: Input, comma: Int, table: SpeakerTable) -> Speaker? {
        guard input.tokens[comma].mark == UInt8(ascii: ",") else { return nil }
        var start = comma - 1
        while start > 0, input.tokens[start - 1].kind == .word, input.tokens[start - 1].isCapitalized, comma - start < 4 { start -= 1 }
        guard start >= 0, start < comma else { return nil }
        var p = start
        while p < comma {
            if let candidate = candidate(input, at: p, end: comma, table: table) {
                switch candidate {
                case .known(let index, _) where table.speakers[index].kind == "person": return table.speakers[index]
                case .name(let name, _): return Speaker(name: name, kind: "person")
                default: return nil
                }
            }
            p += 1
        }
        return nil
    }

    static func firstCandidate(_ input: Input, from start: Int, limit: Int, context: SpeakerContext, table: SpeakerTable) -> Speaker? {
        var p = start
        let end = min(input.tokens.count, start + limit)
        while p < end {
            let t = input.tokens[p]
            if t.kind == .punctuation, t.mark == UInt8(ascii: ",") || t.mark == UInt8(ascii: ";") { return nil }
            if let candidate = candidate(input, at: p, end: input.tokens.count, table: table) {
                return resolve(candidate, input, at: p, context: context, table: table)
            }
            p += 1
        }
        return nil
    }

    /// A headline that ends by naming its source: "…: UK intelligence".
    static func headlineSource(_ input: Input, context: SpeakerContext, table: SpeakerTable) -> Speaker? {
        let tokens = input.tokens
        guard let colon = tokens.lastIndex(where: { $0.kind == .punctuation && $0.mark == UInt8(ascii: ":") }),
              colon + 1 < tokens.count, tokens.count - colon <= 6 else { return nil }
        if let (index, length) = table.aliases.match(tokens, at: colon + 1), colon + 1 + length == tokens.count
            || colon + 1 + length == tokens.count - 1 && tokens.last!.kind == .punctuation {
            return table.speakers[index]
        }
        return nil
    }

    static func candidate(_ input: Input, at p: Int, end: Int, table: SpeakerTable) -> Candidate? {
        let tokens = input.tokens
        guard tokens[p].kind == .word || tokens[p].kind == .number else { return nil }
        let known = table.aliases.match(tokens, at: p)
        let anaphor = table.anaphors.match(tokens, at: p)
        if let known, known.length >= (anaphor?.length ?? 0), p + known.length <= end + 2 {
            // "US Secretary of State Antony Blinken": a title followed by a name means the name.
            let next = p + known.length
            if next < tokens.count, let named = table.aliases.match(tokens, at: next),
               table.speakers[named.payload].kind == "person" {
                return .known(named.payload, length: named.length + known.length)
            }
            return .known(known.payload, length: known.length)
        }
        if let anaphor {
            // "it" only as a subject: not "…make it clear".
            return .anaphor(anaphor.payload, length: anaphor.length)
        }
        return unknownName(input, at: p, end: end, table: table)
    }

    /// A capitalised name not in the table ("Defence Minister Rustem Umerov said" gives "Rustem Umerov").
    static func unknownName(_ input: Input, at p: Int, end: Int, table: SpeakerTable) -> Candidate? {
        let tokens = input.tokens
        guard tokens[p].isCapitalized, !tokens[p].isAllCaps || tokens[p].end - tokens[p].start <= 5 else { return nil }
        if p > 0, tokens[p - 1].kind == .word, tokens[p - 1].isCapitalized { return nil }
        var q = p
        while q < end, tokens[q].kind == .word, tokens[q].isCapitalized { q += 1 }
        var first = p
        while first < q, table.titles.contains(tokens[first].hash) || table.notNames.contains(tokens[first].hash) { first += 1 }
        // "Defence Minister Rustem Umerov": the title hid a name the table knows.
        if first > p, first < q, let known = table.aliases.match(tokens, at: first) {
            return .known(known.payload, length: first - p + known.length)
        }
        let count = q - first
        guard count >= 2 && count <= 4 else { return nil }
        for k in first..<q where table.notNames.contains(tokens[k].hash) { return nil }
        let start = tokens[first].start
        let stop = tokens[q - 1].end
        let name = String(decoding: UnsafeBufferPointer(rebasing: input.bytes[start..<stop]), as: UTF8.self)
        return .name(name, length: q - p)
    }

    static func resolve(_ candidate: Candidate, _ input: Input, at p: Int, context: SpeakerContext, table: SpeakerTable) -> Speaker? {
        switch candidate {
        case .known(let index, _):
            return table.speakers[index]
        case .anaphor(let kinds, _):
            return context.resolve(kinds)
        case .name(let name, _):
            return Speaker(name: name, kind: "person")
        }
    }
}
