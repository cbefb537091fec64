import Foundation

/// What kind of speaker a name is: it steers what "he", "it", "the ministry" or "the official" can refer to.
public enum SpeakerKind: String, Sendable, Hashable, CaseIterable {
    case person, ministry, military, intelligence, government, official, group, thinktank, media, reports, organization
}

/// Whose voice a speaker is, so that Moscow's figure can be set against Kyiv's.
public enum SpeakerSide: String, Sendable, Hashable, CaseIterable {
    case ukrainian, russian, western
    /// Think tanks and open-source monitors: their own kind, on no side.
    case monitor
    /// Media, international bodies, unnamed sources, witnesses, and names the table does not know.
    case other
}

/// Someone who asserts a claim: a canonical name, the kind of speaker it is and its side.
public struct Speaker: Sendable, Hashable {
    public var name: String
    public var kind: SpeakerKind
    public var side: SpeakerSide

    public init(name: String, kind: SpeakerKind, side: SpeakerSide = .other) {
        self.name = name
        self.kind = kind
        self.side = side
    }
}

/// The speakers table (Data/speakers.tsv) and the words around attribution.
public final class SpeakerTable: Sendable {
    public static let shared = SpeakerTable()

    public let speakers: [Speaker]
    let aliases: PhraseTable<Int>
    let anaphors: PhraseTable<[SpeakerKind]>
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
    /// Nouns that introduce a source's name ("the news outlet Agentstvo", "Telegram channels Baza and Mash"),
    /// and the kind of speaker the name then is (Data/source-descriptors.tsv).
    let descriptors: HashMap<SpeakerKind>
    /// Words that may stand between a speaker's name and its verb, or its appositive ("has", "also").
    let auxiliaries: HashSet
    /// Prepositions that lead from a generic source to a named one: "analysts at X", "a source in X".
    let sourcePrepositions: HashSet
    /// Words that hand a relay's content to the source it names: "citing X", "with reference to X", "quoting X".
    let relayWords: HashSet
    let by = Tokenizer.hash("by")
    let of = Tokenizer.hash("of")
    /// What a source issues: "in the message of ISW".
    let statementNouns: HashSet
    let reference = Tokenizer.hash("reference")
    let quoted = Tokenizer.hash("quoted")
    /// Words of office ("governor", "mayor") and the offices each table person's aliases name.
    let roleWords: HashSet
    let rolesByName: [String: [UInt64]]
    /// Generic sources ("Analysts") and the kinds of named source they stand for when one was just named.
    let genericSources: [Int: [SpeakerKind]]
    /// Each canonical name's side, for claims that carry only the name.
    let sideOfName: [String: SpeakerSide]

    init() {
        var speakers: [Speaker] = []
        var aliases = PhraseTable<Int>()
        for row in DataFiles.rows("speakers.tsv") where row.count >= 3 {
            let index = speakers.count
            let name = String(row[0])
            guard let kind = SpeakerKind(rawValue: String(row[1])), let side = SpeakerSide(rawValue: String(row[2])) else {
                preconditionFailure("speakers.tsv: bad kind or side for \(name)")
            }
            speakers.append(Speaker(name: name, kind: kind, side: side))
            aliases.add(name, index)
            if row.count > 3 {
                for alias in row[3].split(separator: "|") where !alias.isEmpty {
                    aliases.add(String(alias), index)
                }
            }
        }
        self.speakers = speakers
        self.aliases = aliases
        var anaphors = PhraseTable<[SpeakerKind]>()
        for row in DataFiles.rows("anaphors.tsv") where row.count >= 2 {
            anaphors.add(String(row[0]), row[1].split(separator: ",").map {
                guard let kind = SpeakerKind(rawValue: String($0)) else { preconditionFailure("anaphors.tsv: unknown kind \($0)") }
                return kind
            })
        }
        self.anaphors = anaphors
        let words = WordGroups("attribution-words.tsv")
        let roleList = words.words("role").map(Tokenizer.hash)
        roleWords = HashSet(roleList)
        var rolesByName: [String: [UInt64]] = [:]
        for row in DataFiles.rows("speakers.tsv") where row.count >= 4 && row[1] == "person" {
            var found: [UInt64] = []
            for alias in row[3].split(separator: "|") {
                for hash in Tokenizer.hashes(String(alias)) where roleList.contains(hash) && !found.contains(hash) { found.append(hash) }
            }
            if !found.isEmpty { rolesByName[String(row[0])] = found }
        }
        self.rolesByName = rolesByName
        statementNouns = words.set("statement-noun")
        func hashes(_ file: String) -> HashSet {
            HashSet(DataFiles.rows(file).map { Tokenizer.hash(String($0[0])) })
        }
        verbs = hashes("attribution-verbs.txt")
        titles = hashes("speaker-titles.txt")
        notNames = hashes("not-names.txt")
        negations = words.set("negation")
        beVerbs = words.set("be")
        boundaries = words.set("clause-boundary")
        articles = words.set("article")
        nounLikeVerbs = words.set("noun-like-verb")
        nounMarkers = words.set("noun-marker")
        let disclaimerRows = DataFiles.rows("disclaimer-sources.tsv").filter { $0.count >= 2 }
        disclaimedWords = HashSet(disclaimerRows.filter { $0[1] == "said" }.map { Tokenizer.hash(String($0[0])) })
        sourceLinks = HashSet(disclaimerRows.filter { $0[1] == "by" }.map { Tokenizer.hash(String($0[0])) })
        sides = HashSet(DataFiles.rows("neutral-places.txt").map { Tokenizer.hashes(String($0[0])) }.filter { $0.count == 1 }.map { $0[0] })
        var descriptors = HashMap<SpeakerKind>()
        for row in DataFiles.rows("source-descriptors.tsv") where row.count >= 2 {
            guard let kind = SpeakerKind(rawValue: String(row[1])) else { preconditionFailure("source-descriptors.tsv: unknown kind \(row[1])") }
            descriptors[Tokenizer.hash(String(row[0]))] = kind
        }
        self.descriptors = descriptors
        auxiliaries = words.set("auxiliary")
        sourcePrepositions = words.set("source-preposition")
        relayWords = words.set("relay")
        var generic: [Int: [SpeakerKind]] = [:]
        for row in DataFiles.rows("generic-sources.tsv") where row.count >= 2 {
            guard let index = speakers.firstIndex(where: { $0.name == row[0] }) else { preconditionFailure("generic-sources.tsv: \(row[0]) is not in speakers.tsv") }
            generic[index] = row[1].split(separator: ",").map {
                guard let kind = SpeakerKind(rawValue: String($0)) else { preconditionFailure("generic-sources.tsv: unknown kind \($0)") }
                return kind
            }
        }
        genericSources = generic
        var sideOfName: [String: SpeakerSide] = [:]
        for speaker in speakers where sideOfName[speaker.name] == nil { sideOfName[speaker.name] = speaker.side }
        self.sideOfName = sideOfName
    }

    /// The offices a table person's aliases name ("Kursk acting governor" → governor).
    public func roles(of speaker: Speaker) -> [UInt64] {
        speaker.kind == .person ? rolesByName[speaker.name] ?? [] : []
    }

    /// Words of office in a sentence outside quotations, for the person it names ("Alexei Smirnov, the
    /// interim governor of the region, confirmed …").
    func roleWords(in input: Attribution.Input) -> [UInt64] {
        var found: [UInt64] = []
        for (i, t) in input.tokens.enumerated() where !input.quoted[i] && t.kind == .word && roleWords.contains(t.hash) {
            if !found.contains(t.hash) { found.append(t.hash) }
        }
        return found
    }

    /// The side of a claimant by its canonical name; names the table does not know are `.other`.
    public func side(of name: String) -> SpeakerSide { sideOfName[name] ?? .other }
}

extension SpeakerTable {
    /// Whether the whole of `name` is a speaker of the table that is not a medium.
    public func isKnownNonMedia(_ name: String) -> Bool {
        let tokens = Tokenizer.tokenize(name)
        guard !tokens.isEmpty, let (index, length) = aliases.match(tokens, at: 0), length == tokens.count else { return false }
        return speakers[index].kind != .media
    }

    /// The table's spelling of a name written in another case ("FOX NEWS" → "Fox News").
    public func knownName(_ name: String, kind: SpeakerKind) -> String? {
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
    /// The offices each recent speaker was named with ("governor"), as word hashes, beside `recent`.
    private var roles: [[UInt64]] = []

    public init() {}

    public mutating func note(_ speaker: Speaker, roles named: [UInt64] = []) {
        if recent.last == speaker {
            for role in named where !roles[roles.count - 1].contains(role) { roles[roles.count - 1].append(role) }
            return
        }
        var all = named
        for role in SpeakerTable.shared.roles(of: speaker) where !all.contains(role) { all.append(role) }
        recent.append(speaker)
        roles.append(all)
        if recent.count > 32 {
            recent.removeFirst(recent.count - 32)
            roles.removeFirst(roles.count - 32)
        }
    }

    /// The person most recently named with the office `role` ("the region's governor" → the governor).
    public func person(role: UInt64) -> Speaker? {
        for k in recent.indices.reversed() where recent[k].kind == .person && roles[k].contains(role) { return recent[k] }
        return nil
    }

    /// The person most recently named in full whose first or last name is `surname` ("Umerov", "Lee").
    public func person(surname: UInt64) -> Speaker? {
        for speaker in recent.reversed() where speaker.kind == .person {
            let words = Tokenizer.hashes(speaker.name)
            if words.count >= 2, words.first == surname || words.last == surname { return speaker }
        }
        return nil
    }

    /// A speaker of one of `kinds` among the last `within` speakers noted.
    public func resolveRecent(_ kinds: [SpeakerKind], within: Int) -> Speaker? {
        for speaker in recent.suffix(within).reversed() where kinds.contains(speaker.kind) { return speaker }
        return nil
    }

    /// The most recent speaker of one of `kinds`, trying the kinds in their order of preference.
    public func resolve(_ kinds: [SpeakerKind]) -> Speaker? {
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
        case anaphor([SpeakerKind], length: Int)
        case name(String, kind: SpeakerKind, length: Int)
        /// One capitalised word: a person named in full earlier in the article ("Umerov", "Lee").
        case surname(UInt64, length: Int)

        var length: Int {
            switch self {
            case .known(_, let length), .anaphor(_, let length), .name(_, _, let length), .surname(_, let length): return length
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
                if let found = firstCandidate(input, from: i + 2, limit: 10, context: context, table: table) {
                    return relayed(input, after: i + 2, by: found, context: context, table: table)
                }
            } else if table.verbs.contains(token.hash),
                      isPassive(tokens, i, table) || i + 1 < tokens.count && tokens[i + 1].hash == table.by,
                      let by = agent(input, after: i, table) {
                // "was confirmed by the governor", "was reported in Lviv by Maksym Kozytsky",
                // "This is reported by Censor.NET with reference to ISW".
                if let found = firstCandidate(input, from: by + 1, limit: 10, context: context, table: table) {
                    return relayed(input, after: by + 1, by: found, context: context, table: table)
                }
            } else if table.verbs.contains(token.hash), !isNegatedOrPassive(tokens, i, table),
                      i == 0 || !table.nounMarkers.contains(tokens[i - 1].hash),
                      !isParticipleWithoutComma(input, i) {
                if let found = subject(input, verb: i, context: context, table: table) {
                    return relayed(input, after: i, by: found, context: context, table: table)
                }
            } else if token.hash == table.quoted, i > 0,
                      let found = firstCandidate(input, from: i + 1, limit: 8, context: context, table: table) {
                // "TASS quoted Russia's defence ministry as saying": the words are the ministry's.
                return found
            }
            i += 1
        }
        return headlineSource(input, context: context, table: table)
    }

    /// A medium or a report that relays another source ("…, Censor.NET reports, citing ISW"; "according to
    /// the report, which cites X") passes the claim on to that source.
    static func relayed(_ input: Input, after start: Int, by found: Speaker, context: SpeakerContext, table: SpeakerTable) -> Speaker {
        guard found.kind == .media || found.kind == .reports else { return found }
        let tokens = input.tokens
        var i = start
        while i < tokens.count {
            if !input.quoted[i], table.relayWords.contains(tokens[i].hash) {
                var from = i + 1
                // "with reference to", "referring to": the source follows "to".
                if from < tokens.count, tokens[from].hash == table.to { from += 1 }
                if let source = firstCandidate(input, from: from, limit: 10, context: context, table: table), source != found {
                    return source
                }
            }
            i += 1
        }
        return found
    }

    /// The "by" that names a passive verb's agent, at most four words after it and in the same clause.
    /// Also the "of" of "in the message of ISW", "in a statement of the ministry".
    static func agent(_ input: Input, after verb: Int, _ table: SpeakerTable) -> Int? {
        var k = verb + 1
        while k < input.tokens.count, k - verb <= 5 {
            let t = input.tokens[k]
            if input.quoted[k] || t.kind == .quote || t.kind == .punctuation { return nil }
            if t.hash == table.by { return k }
            if t.hash == table.of, k > verb + 1, table.statementNouns.contains(input.tokens[k - 1].hash) { return k }
            k += 1
        }
        return nil
    }

    /// "is reported", "was later confirmed", "has been stated": a form of "be" just before the verb.
    static func isPassive(_ tokens: [Token], _ verb: Int, _ table: SpeakerTable) -> Bool {
        var k = verb - 1
        var steps = 0
        while k >= 0, steps < 3, tokens[k].kind == .word {
            if table.negations.contains(tokens[k].hash) { return false }
            if table.beVerbs.contains(tokens[k].hash) { return true }
            k -= 1
            steps += 1
        }
        return false
    }

    /// Every speaker the sentence names (for later "he" and "the ministry").
    public static func persons(_ input: Input, table: SpeakerTable = .shared) -> [Speaker] {
        var found: [Speaker] = []
        var i = 0
        while i < input.tokens.count {
            if let (index, length) = table.aliases.match(input.tokens, at: i) {
                let speaker = table.speakers[index]
                if speaker.kind == .person { found.append(speaker) }
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
        if let person = appositiveSubject(input, verb: verb, context: context, table: table) { return person }
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
                    if let candidate = candidate(input, at: p, end: segmentEnd, table: table),
                       !isUnresolvedSurname(candidate, context) {
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

    /// "Alexei Smirnov, the interim governor of the region, confirmed …": the name before an appositive
    /// that ends right before the verb (perhaps "has" or "also" between) is the subject, not the places
    /// and bodies the appositive names.
    static func appositiveSubject(_ input: Input, verb: Int, context: SpeakerContext, table: SpeakerTable) -> Speaker? {
        let tokens = input.tokens
        var k = verb - 1
        while k >= 0, tokens[k].kind == .word, table.auxiliaries.contains(tokens[k].hash), !input.quoted[k] { k -= 1 }
        guard k >= 2, tokens[k].mark == UInt8(ascii: ","), !input.quoted[k] else { return nil }
        var j = k - 1
        var steps = 0
        while j > 0, steps < 30 {
            let t = tokens[j]
            if input.quoted[j] || t.kind == .quote { return nil }
            if t.kind == .punctuation, t.mark == UInt8(ascii: ",") { break }
            if t.kind == .punctuation, t.mark == UInt8(ascii: ";") || t.mark == UInt8(ascii: ":") { return nil }
            j -= 1
            steps += 1
        }
        guard j > 0, j < k - 1, tokens[j].mark == UInt8(ascii: ",") else { return nil }
        guard let person = personBefore(input, comma: j, context: context, table: table) else { return nil }
        return person
    }

    /// A person named just before an appositive's comma, the name starting its clause.
    static func personBefore(_ input: Input, comma: Int, context: SpeakerContext = SpeakerContext(), table: SpeakerTable) -> Speaker? {
        guard input.tokens[comma].mark == UInt8(ascii: ",") else { return nil }
        var start = comma - 1
        while start > 0, input.tokens[start - 1].kind == .word, input.tokens[start - 1].isCapitalized, comma - start < 4 { start -= 1 }
        guard start >= 0, start < comma else { return nil }
        var p = start
        while p < comma {
            if let candidate = candidate(input, at: p, end: comma, table: table) {
                guard p + candidate.length >= comma else { return nil }
                switch candidate {
                case .known(let index, _) where table.speakers[index].kind == .person: return table.speakers[index]
                case .name(let name, .person, _): return Speaker(name: name, kind: .person)
                case .surname:
                    if let person = resolve(candidate, input, at: p, context: context, table: table) { return person }
                    return nil
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
            if let candidate = candidate(input, at: p, end: input.tokens.count, table: table),
               !isUnresolvedSurname(candidate, context) {
                // "according to the head of Kyiv's City Military Administration Serhii Popko": not Kyiv.
                let after = p + candidate.length
                if after + 1 < input.tokens.count, input.tokens[after].kind == .possessive {
                    p = after + 1
                    continue
                }
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
            let speaker = table.speakers[known.payload]
            if speaker.kind != .person, let named = personAfterTitle(input, at: p + known.length, end: end, table: table) {
                // "US Secretary of State Antony Blinken", "Ukrainian police officer Oleksii Kharkivskyi":
                // a body or title followed by a name means the name.
                return extended(named, by: known.length)
            }
            if speaker.kind == .group || speaker.kind == .official || speaker.kind == .reports,
               let named = namedSource(input, after: p + known.length, end: end, table: table) {
                // "analysts at the Institute for the Study of War", "Analysts from the OSINT community DeepState".
                return extended(named, by: known.length)
            }
            return .known(known.payload, length: known.length)
        }
        if let anaphor {
            // "the Institute for the Study of War" is the institute by name, not "the institute" last mentioned.
            if tokens[p].hash == table.the, p + 1 < tokens.count, let named = table.aliases.match(tokens, at: p + 1),
               named.length + 1 >= anaphor.length {
                return .known(named.payload, length: named.length + 1)
            }
            return .anaphor(anaphor.payload, length: anaphor.length)
        }
        return unknownName(input, at: p, end: end, table: table)
    }

    /// A lone capitalised word that names no one the article has named: a sentence opener, not a speaker.
    static func isUnresolvedSurname(_ candidate: Candidate, _ context: SpeakerContext) -> Bool {
        if case .surname(let hash, _) = candidate { return context.person(surname: hash) == nil }
        return false
    }

    static func extended(_ candidate: Candidate, by extra: Int) -> Candidate {
        switch candidate {
        case .known(let index, let length): return .known(index, length: length + extra)
        case .anaphor(let kinds, let length): return .anaphor(kinds, length: length + extra)
        case .name(let name, let kind, let length): return .name(name, kind: kind, length: length + extra)
        case .surname(let hash, let length): return .surname(hash, length: length + extra)
        }
    }

    /// A person's name after words of office ("officer", "Spokesperson"), at most three of them.
    static func personAfterTitle(_ input: Input, at start: Int, end: Int, table: SpeakerTable) -> Candidate? {
        let tokens = input.tokens
        var p = start
        while p < tokens.count, p - start < 4 {
            if let named = table.aliases.match(tokens, at: p) {
                guard table.speakers[named.payload].kind == .person else { return nil }
                return .known(named.payload, length: p - start + named.length)
            }
            guard tokens[p].kind == .word, table.titles.contains(tokens[p].hash) else { break }
            p += 1
        }
        guard p < tokens.count, p > start || tokens[p].isCapitalized else { return nil }
        if case .name(let name, .person, let length)? = unknownName(input, at: p, end: max(end, tokens.count), table: table, afterTitle: true) {
            return .name(name, kind: .person, length: p - start + length)
        }
        return nil
    }

    /// The named body after a generic source: "at/from/of/in" (and a few words of description) and a name.
    static func namedSource(_ input: Input, after start: Int, end: Int, table: SpeakerTable) -> Candidate? {
        let tokens = input.tokens
        guard start + 1 < tokens.count, table.sourcePrepositions.contains(tokens[start].hash) else { return nil }
        var p = start + 1
        while p < tokens.count, p - start <= 5 {
            if input.quoted[p] { return nil }
            if let named = table.aliases.match(tokens, at: p) {
                let kind = table.speakers[named.payload].kind
                guard kind != .group || table.speakers[named.payload].side == .monitor, kind != .reports else { return nil }
                // "authorities in Russia": a country says where the source is, not who it is.
                if (p..<p + named.length).allSatisfy({ tokens[$0].hash == table.the || table.sides.contains(tokens[$0].hash) }) { return nil }
                return .known(named.payload, length: p - start + named.length)
            }
            if tokens[p].kind != .word { return nil }
            if table.descriptors[tokens[p].hash] != nil, p + 1 < tokens.count,
               case .name(let name, let kind, let length)? = unknownName(input, at: p + 1, end: tokens.count, table: table) {
                return .name(name, kind: kind, length: p + 1 - start + length)
            }
            p += 1
        }
        return nil
    }

    /// A capitalised name not in the table ("Defence Minister Rustem Umerov said" gives "Rustem Umerov");
    /// one word after a source's description ("the news outlet Agentstvo"); a lone surname, for the
    /// article's persons to resolve ("Umerov said"). Never a place ("Donetsk Oblast", "Seizing Ugledar").
    static func unknownName(_ input: Input, at p: Int, end: Int, table: SpeakerTable, afterTitle: Bool = false) -> Candidate? {
        let tokens = input.tokens
        guard tokens[p].kind == .word, tokens[p].isCapitalized, !tokens[p].isAllCaps || tokens[p].end - tokens[p].start <= 5 else { return nil }
        if p > 0, tokens[p - 1].kind == .word, tokens[p - 1].isCapitalized, !afterTitle { return nil }
        var q = p
        while q < end, q < tokens.count, tokens[q].kind == .word, tokens[q].isCapitalized { q += 1 }
        var first = p
        while first < q, table.titles.contains(tokens[first].hash) || table.notNames.contains(tokens[first].hash) { first += 1 }
        // "Defence Minister Rustem Umerov": the title hid a name the table knows.
        if first > p, first < q, let known = table.aliases.match(tokens, at: first) {
            return .known(known.payload, length: first - p + known.length)
        }
        let count = q - first
        let described = p > 0 ? table.descriptors[tokens[p - 1].hash] : nil
        if count == 1, first == p, described == nil {
            return .surname(tokens[p].hash, length: 1)
        }
        guard count >= 1 && count <= 4, count >= 2 || described != nil else { return nil }
        for k in first..<q where table.notNames.contains(tokens[k].hash) { return nil }
        let start = tokens[first].start
        let stop = tokens[q - 1].end
        let bytes = UnsafeBufferPointer(rebasing: input.bytes[start..<stop])
        if !Gazetteer.shared.mentions(in: bytes).isEmpty { return nil }
        let name = String(decoding: bytes, as: UTF8.self)
        return .name(name, kind: described ?? .person, length: q - p)
    }

    static func resolve(_ candidate: Candidate, _ input: Input, at p: Int, context: SpeakerContext, table: SpeakerTable) -> Speaker? {
        switch candidate {
        case .known(let index, _):
            // "analysts noted", right after "the monitoring project DeepState wrote": DeepState's analysts.
            if let kinds = table.genericSources[index], let named = context.resolveRecent(kinds, within: 3),
               named.side == .monitor { return named }
            return table.speakers[index]
        case .anaphor(let kinds, let length):
            // "the region's governor": the person last named with that office, else no one the phrase fits.
            let last = input.tokens[p + length - 1].hash
            if length > 1, table.roleWords.contains(last) {
                if let person = context.person(role: last) { return person }
                if length > 2 { return nil }
            }
            return context.resolve(kinds)
        case .name(let name, let kind, _):
            return Speaker(name: name, kind: kind)
        case .surname(let hash, _):
            return context.person(surname: hash)
        }
    }
}
