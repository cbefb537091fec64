import Foundation

/// Turns one article file into an `Article` and its claims.
///
/// Stages, each in its own file: structure (title, outlet, furniture), sentences, speakers,
/// quantities, places and fronts, hedges; this file runs them and joins their answers across
/// sentences (quotations that keep their speaker, the front a story continues).
public enum Extractor {
    public static func analyze(_ file: SourceFile, fronts: FrontTable) -> AnalyzedArticle {
        var text = file.text
        let (article, claims) = text.withUTF8 { bytes -> (Article, [Claim]) in
            let parsed = ArticleStructure.parse(bytes)
            var sentences = readSentences(file.text, bytes, parsed.blocks)
            carryQuotations(&sentences)
            attributeBackReferences(&sentences)
            assignFronts(&sentences, fronts: fronts)
            hedgeDisclaimed(&sentences)
            let published = DateReader.shared.published(in: bytes)
            let article = Article(id: file.id, path: file.path, title: parsed.title, outlet: parsed.outlet,
                                  text: file.text, blocks: parsed.blocks, published: published)
            return (article, makeClaims(file.id, sentences, published: published))
        }
        return AnalyzedArticle(article: article, claims: claims, byteCount: file.byteCount)
    }

    /// What the stages found in one sentence before sentences are joined.
    struct SentenceFacts {
        var range: Range<Int>
        var paragraph: Int
        var isTitle: Bool
        /// White space folded; a slice of the article's own text unless folding changed it.
        var text: Substring
        var quotedShare: Double
        var startsInQuote: Bool
        var endsInQuote: Bool
        var explicitSpeaker: Speaker?
        var speaker: Speaker?
        var quantities: [Quantity]
        var places: [PlaceMention]
        var namedFronts: [String] = []
        var fronts: [String] = []
        var hasOtherPlace = false
        var hasNeutralPlace = false
        var isWarWide = false
        var hedged: Bool
        var disclaims: Bool
        /// Whose words a disclaimer says it could not verify, when it names them.
        var disclaimedSource: Speaker? = nil
        /// The disclaimer is attached to the sentence's own attributed claim ("X said …, a claim Reuters
        /// could not verify").
        var disclaimsOwnClaim = false
        var isClaim: Bool
        /// "This is stated in the message of ISW", "This was reported by X": the source of what came before.
        var refersBack = false
        /// The sentence's time words or date, resolved against the article's date in `makeClaims`.
        var time: TimeMention? = nil
    }

    static let words = ExtractionWords()

    /// Buffers one article's sentences are read into in turn: a sentence's tokens are done with once it is read.
    struct Scratch {
        var tokens: [Token] = []
        var quoted: [Bool] = []
        var quantityTokens: [QTok] = []
    }

    /// Every sentence read in order, explicit speakers attributed on the way (so "he" finds the last person).
    static func readSentences(_ article: String, _ bytes: UnsafeBufferPointer<UInt8>, _ blocks: [Block]) -> [SentenceFacts] {
        var result: [SentenceFacts] = []
        var paragraph = 0
        var scratch = Scratch()
        var ranges: [Range<Int>] = []
        var context = SpeakerContext()
        for block in blocks where block.kind != .furniture {
            var inQuote = false
            var inSingleQuote = false
            SentenceSplitter.split(bytes, range: block.range, into: &ranges)
            for range in ranges {
                let text = needsFolding(bytes, range) ? Substring(foldSpace(bytes, range)) : slice(article, range)
                var facts = read(text, range: range, paragraph: paragraph, isTitle: block.kind == .title, inQuote: &inQuote,
                                 inSingleQuote: &inSingleQuote,
                                 context: &context, scratch: &scratch)
                // A headline in Title Case names a topic rather than asserting something.
                if ranges.count == 1, block.kind == .title || !endsWithPunctuation(bytes, range), words.isTitleCase(scratch.tokens) {
                    facts.isClaim = false
                }
                result.append(facts)
            }
            paragraph += 1
        }
        return result
    }

    static func endsWithPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let last = range.last else { return false }
        let b = bytes[last]
        return b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: "\"")
            || b == 0x9D || b == 0x99 || b == 0xA6
    }

    /// The article's bytes in `range` as a Substring that shares the article's storage.
    static func slice(_ article: String, _ range: Range<Int>) -> Substring {
        let utf8 = article.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return article[start..<end]
    }

    static func read(_ sentence: Substring, range: Range<Int>, paragraph: Int, isTitle: Bool, inQuote: inout Bool,
                     inSingleQuote: inout Bool,
                     context: inout SpeakerContext, scratch: inout Scratch) -> SentenceFacts {
        sentence.withUTF8Bytes { bytes in
            Tokenizer.tokenize(bytes, into: &scratch.tokens)
            let tokens = scratch.tokens
            let startsInQuote = inQuote
            scratch.quoted.removeAll(keepingCapacity: true)
            scratch.quoted.append(contentsOf: repeatElement(false, count: tokens.count))
            var wordCount = 0
            var quotedWords = 0
            for (i, token) in tokens.enumerated() {
                if token.kind == .punctuation, token.mark == UInt8(ascii: "'"), token.end - token.start == 3 {
                    // Single curly quotes quote too (‘…’, Zelenskiy says): ‘ opens where a word starts; ’ closes only
                    // a quotation ‘ opened, and not inside a word (an apostrophe is folded into its word already).
                    let b = bytes[token.start + 2]
                    let nextIsWord = i + 1 < tokens.count && tokens[i + 1].start == token.end && tokens[i + 1].kind == .word
                    if b == 0x98, !inQuote, nextIsWord, i == 0 || tokens[i - 1].end < token.start || tokens[i - 1].kind != .word {
                        inQuote = true
                        inSingleQuote = true
                        continue
                    }
                    if b == 0x99, inSingleQuote, !nextIsWord {
                        inQuote = false
                        inSingleQuote = false
                        continue
                    }
                }
                if token.kind == .quote, !inSingleQuote {
                    // Curly quotes say which way they face; straight ones toggle.
                    if token.end - token.start == 3 {
                        let b = bytes[token.start + 2]
                        inQuote = b == 0x9C || b == 0x9E || b == 0x9F ? true : (b == 0x9D ? false : !inQuote)
                    } else {
                        inQuote.toggle()
                    }
                    continue
                }
                if inQuote { scratch.quoted[i] = true }
                if token.kind == .word || token.kind == .number {
                    wordCount += 1
                    if inQuote { quotedWords += 1 }
                }
            }
            var quantities = QuantityFinder.quantities(in: bytes, reusing: &scratch.quantityTokens,
                                                       mayHold: QuantityScanner.mayHoldNumber(tokens, bytes))
            if !quantities.isEmpty { MeasureTable.shared.assignMeasures(&quantities, tokens: tokens) }
            let places = Gazetteer.shared.mentions(in: bytes)
            let lists = words.lists(in: tokens)
            let isClaim = words.isClaimSentence(tokens, bytes: bytes, wordCount: wordCount, hasQuantities: !quantities.isEmpty,
                                                lists: lists)
            let input = Attribution.Input(tokens: tokens, quoted: scratch.quoted, bytes: bytes)
            let speaker = Attribution.speaker(input, context: context)
            let disclaims = lists.contains(.disclaimer)
            let disclaimed = disclaims ? Attribution.disclaimedSource(input, context: context) : nil
            // Attached to its own claim: an attributed clause, then a break. An outlet that says it could
            // not verify speaks for the disclaimer, not for a claim.
            let ownClaim = disclaims && speaker.map { $0.kind != .media } == true
                && words.clauseBreak(tokens, before: words.disclaimerStart(tokens))
            for person in Attribution.persons(input) { context.note(person) }
            if let speaker {
                context.note(speaker, roles: speaker.kind == .person ? SpeakerTable.shared.roleWords(in: input) : [])
            }
            var facts = SentenceFacts(
                range: range, paragraph: paragraph, isTitle: isTitle, text: sentence,
                quotedShare: wordCount == 0 ? 0 : Double(quotedWords) / Double(wordCount),
                startsInQuote: startsInQuote, endsInQuote: inQuote, explicitSpeaker: speaker, speaker: speaker,
                quantities: quantities, places: places, hedged: lists.contains(.hedge),
                disclaims: disclaims, disclaimedSource: disclaimed, disclaimsOwnClaim: ownClaim, isClaim: isClaim)
            facts.refersBack = speaker != nil && words.refersBack(tokens)
            facts.hasNeutralPlace = lists.contains(.neutralPlace)
            facts.isWarWide = words.isWarWide(tokens, quantities, lists: lists)
            if isClaim { facts.time = DateReader.shared.mention(tokens, bytes) }
            return facts
        }
    }

    /// A quotation keeps its speaker across sentences and into the next quoted paragraph.
    static func carryQuotations(_ sentences: inout [SentenceFacts]) {
        var runStart = 0
        var lastQuoteSpeaker: Speaker?
        var lastQuoteParagraph = -10
        var i = 0
        while i < sentences.count {
            runStart = i
            var end = i
            while end + 1 < sentences.count, sentences[end].endsInQuote, sentences[end + 1].paragraph == sentences[end].paragraph {
                end += 1
            }
            let members = runStart...end
            let isQuotation = members.contains { sentences[$0].quotedShare > 0 }
            if isQuotation {
                var speaker = members.map { sentences[$0].explicitSpeaker }.compactMap { $0 }.first
                let paragraph = sentences[runStart].paragraph
                if speaker == nil, paragraph - lastQuoteParagraph <= 1 { speaker = lastQuoteSpeaker }
                if let speaker {
                    for k in members where sentences[k].explicitSpeaker == nil && sentences[k].quotedShare >= 0.5 {
                        sentences[k].speaker = speaker
                    }
                    lastQuoteSpeaker = speaker
                    lastQuoteParagraph = sentences[end].paragraph
                }
            }
            i = end + 1
        }
        carryQuotationsBack(&sentences)
    }

    /// A quotation that runs over paragraphs names its speaker at its end ("…,” the ministry assures): the
    /// paragraphs before, left open by the quotation, are the speaker's too.
    static func carryQuotationsBack(_ sentences: inout [SentenceFacts]) {
        var nextSpeaker: Speaker?
        var nextParagraph = -10
        var k = sentences.count - 1
        while k >= 0 {
            let paragraph = sentences[k].paragraph
            var first = k
            while first > 0, sentences[first - 1].paragraph == paragraph { first -= 1 }
            // The paragraph ends inside a quotation that the next paragraph goes on with.
            let continues = sentences[k].endsInQuote && nextSpeaker != nil && nextParagraph == paragraph + 1
            if continues, let speaker = nextSpeaker {
                for m in first...k where sentences[m].explicitSpeaker == nil && sentences[m].speaker == nil
                    && sentences[m].quotedShare >= 0.5 {
                    sentences[m].speaker = speaker
                }
            }
            // What the next paragraph up may inherit: the speaker of this paragraph's opening quotation.
            if sentences[first].startsInQuote || sentences[first].quotedShare >= 0.5, let speaker = sentences[first].speaker {
                nextSpeaker = speaker
            } else {
                nextSpeaker = nil
            }
            nextParagraph = paragraph
            k = first - 1
        }
    }

    /// "… The Ukrainian military can also surround the Russian troops. This is stated in the message of the
    /// ISW.": a sentence that names the source of what came before gives it to the claims before it in its
    /// paragraph that name no source, or, when it opens its paragraph, to those of the paragraph before.
    static func attributeBackReferences(_ sentences: inout [SentenceFacts]) {
        for i in sentences.indices where sentences[i].refersBack {
            guard let speaker = sentences[i].speaker else { continue }
            let paragraph = sentences[i].paragraph
            let opensParagraph = i == 0 || sentences[i - 1].paragraph != paragraph
            let reach = opensParagraph ? paragraph - 1 : paragraph
            var k = i - 1
            while k >= 0, sentences[k].paragraph == reach || (!opensParagraph && sentences[k].paragraph == paragraph) {
                if sentences[k].explicitSpeaker != nil || sentences[k].isTitle { break }
                if sentences[k].speaker == nil { sentences[k].speaker = speaker }
                k -= 1
            }
        }
    }

    /// A sentence's fronts: the places it names; else the story's front it continues; none for war-wide claims.
    static func assignFronts(_ sentences: inout [SentenceFacts], fronts: FrontTable) {
        var articleFronts = Set<String>()
        // Places recur in an article; a place's fronts depend only on its region, position and kind.
        var looked: [(latitude: Double, longitude: Double, region: String?, isRegion: Bool, fronts: [String])] = []
        func frontsOf(_ place: PlaceMention) -> [String] {
            for k in looked.indices where looked[k].latitude == place.latitude && looked[k].longitude == place.longitude
                && looked[k].region == place.region && looked[k].isRegion == place.isRegion { return looked[k].fronts }
            let found = fronts.fronts(for: place)
            looked.append((place.latitude, place.longitude, place.region, place.isRegion, found))
            return found
        }
        var frontSentences = 0
        var otherSentences = 0
        for i in sentences.indices {
            var named: [String] = []
            var directions: [String] = []
            var other = false
            let places = sentences[i].places
            for place in places where !isDistrictOfAnotherPlace(place, in: sentences[i].text, among: places) {
                let found = frontsOf(place)
                if found.isEmpty {
                    if !words.isNeutralPlace(place.name) { other = true }
                } else if isDirection(place, in: sentences[i].text) {
                    for f in found where !directions.contains(f) { directions.append(f) }
                } else if named.isEmpty, !hasRepeats(found) {
                    named = found   // shared, not copied name by name
                } else {
                    for f in found where !named.contains(f) { named.append(f) }
                }
            }
            // "to increase efforts in the Donetsk direction": a direction names a front only when no place does.
            if named.isEmpty { named = directions }
            sentences[i].namedFronts = named
            sentences[i].hasOtherPlace = other
            articleFronts.formUnion(named)
            if !named.isEmpty { frontSentences += 1 } else if other { otherSentences += 1 }
        }
        // A story of one front gives it to every sentence that names no place; a nationwide story that
        // names one front's town among many other places does not.
        let singleFront = articleFronts.count == 1 && frontSentences >= otherSentences ? articleFronts.first : nil
        // One array that every sentence of a single-front story shares.
        let singleFrontList = singleFront.map { [$0] } ?? []
        var current: [String] = []
        var currentParagraph = -1
        // Fields read one by one: copying a whole SentenceFacts retains every array in it.
        for i in sentences.indices {
            let namedFronts = sentences[i].namedFronts
            if !namedFronts.isEmpty {
                current = namedFronts
                currentParagraph = sentences[i].paragraph
                sentences[i].fronts = sentences[i].isWarWide ? [] : namedFronts
                continue
            }
            // A sentence about a place of no front moves the story away: what follows no longer continues it.
            if sentences[i].hasOtherPlace { current = [] }
            if sentences[i].isWarWide || sentences[i].hasOtherPlace { continue }
            if singleFront != nil {
                sentences[i].fronts = singleFrontList
            } else if !current.isEmpty, !sentences[i].hasNeutralPlace || sentences[i].paragraph == currentParagraph {
                sentences[i].fronts = current
            }
        }
        // Keep the front table's order, so ["Kharkiv", "Kursk"] reads the same everywhere.
        guard sentences.contains(where: { $0.fronts.count > 1 }) else { return }
        let order = Dictionary(uniqueKeysWithValues: fronts.definitions.enumerated().map { ($1.name, $0) })
        for i in sentences.indices where sentences[i].fronts.count > 1 {
            sentences[i].fronts.sort { (order[$0] ?? .max) < (order[$1] ?? .max) }
        }
    }

    /// "the Donetsk direction", "on the Kharkiv axis": the next word after the place.
    static func isDirection(_ place: PlaceMention, in text: Substring) -> Bool {
        text.withUTF8Bytes { utf8 -> Bool in
            var i = place.range.upperBound
            while i < utf8.count, utf8[i] == UInt8(ascii: " ") { i += 1 }
            for word in directionWords {
                let n = word.count
                guard i + n <= utf8.count else { continue }
                var k = 0
                while k < n, utf8[i + k] | 0x20 == word[k] { k += 1 }
                if k == n, i + n == utf8.count || !Tokenizer.isLetter(utf8[i + n]) { return true }
            }
            return false
        }
    }

    static let directionWords: [[UInt8]] = ExtractionWords.groups.words("direction").map { Array($0.utf8) }

    static func hasRepeats(_ names: [String]) -> Bool {
        for i in names.indices where names[(i + 1)...].contains(names[i]) { return true }
        return false
    }

    /// "the city's Kyivskyi district": a district name that also exists elsewhere belongs to the city the
    /// sentence names, not to the namesake in another region.
    /// Place names in order of first mention, each once ("Russia … Ukraine … Russia" lists Russia once).
    static func uniqueNames(_ places: [PlaceMention]) -> [String] {
        var names: [String] = []
        for place in places where !names.contains(place.name) { names.append(place.name) }
        return names
    }

    static func isDistrictOfAnotherPlace(_ place: PlaceMention, in text: Substring, among places: [PlaceMention]) -> Bool {
        guard places.count > 1 else { return false }
        let named = text.withUTF8Bytes { utf8 -> Bool in
            var next = place.range.upperBound
            while next < utf8.count, utf8[next] == UInt8(ascii: " ") { next += 1 }
            let i = next
            // The next word, lower-cased by |0x20, starts with one of the district words.
            func startsWith(_ word: StaticString) -> Bool {
                let n = word.utf8CodeUnitCount
                guard i + n <= utf8.count else { return false }
                let p = word.utf8Start
                for k in 0..<n where utf8[i + k] | 0x20 != p[k] { return false }
                return true
            }
            return startsWith("district") || startsWith("raion") || startsWith("neighbou") || startsWith("neighbor")
        }
        guard named else { return false }
        return places.contains { $0.name != place.name && $0.region != place.region }
    }

    /// "Reuters could not independently verify the claim" hedges itself and the claim it refers to: the
    /// nearest claim before it in its paragraph or, when it opens its paragraph (web copy gives every
    /// sentence its own), in the paragraph before; the nearest of the source it names ("the ministry's
    /// figures"), if it names one. A disclaimer attached to its own sentence's claim refers to no other.
    static func hedgeDisclaimed(_ sentences: inout [SentenceFacts]) {
        for i in sentences.indices where sentences[i].disclaims {
            sentences[i].hedged = true
            if sentences[i].disclaimsOwnClaim { continue }
            let source = sentences[i].disclaimedSource
            let paragraph = sentences[i].paragraph
            let opensParagraph = i == 0 || sentences[i - 1].paragraph != paragraph
            let reach = opensParagraph ? paragraph - 1 : paragraph
            var k = i - 1
            while k >= 0, sentences[k].paragraph >= reach {
                if sentences[k].isClaim, source == nil || sentences[k].speaker == source {
                    sentences[k].hedged = true
                    break
                }
                k -= 1
            }
        }
    }

    /// The fields of a sentence a claim keeps, taken without copying the rest (places found, flags).
    struct Claimed {
        var text: Substring, range: Range<Int>, speaker: Speaker?, fronts: [String], quantities: [Quantity]
        var hedged: Bool, places: [PlaceMention], time: TimeMention?
        init(_ s: borrowing SentenceFacts) {
            text = s.text; range = s.range; speaker = s.speaker; fronts = s.fronts; quantities = s.quantities
            hedged = s.hedged; places = s.places; time = s.time
        }
    }

    static func makeClaims(_ articleID: String, _ sentences: [SentenceFacts], published: Day? = nil) -> [Claim] {
        var claims: [Claim] = []
        // Kept for as long as the article is: no room to spare.
        var count = 0
        for i in sentences.indices where sentences[i].isClaim { count += 1 }
        claims.reserveCapacity(count)
        // Two sentences share an id exactly when they share the hash: count repeats by hash, no String keys.
        var seen = HashMap<Int>()
        var seenZero = 0
        let origin = Claim.Origin(article: articleID)
        // Half the claims that name places name a list an earlier claim of the article named: those share
        // that array (80 MB at 100,000 articles). Only the last 32 lists are tried, so a long article stays linear.
        var placeLists: [[String]] = []
        func shared(_ names: [String]) -> [String] {
            guard !names.isEmpty else { return names }
            var k = placeLists.count - 1
            while k >= 0 && k >= placeLists.count - 32 {
                let list = placeLists[k]
                if list.count == names.count && list.first == names.first && list == names { return list }
                k -= 1
            }
            placeLists.append(names)
            return names
        }
        for i in sentences.indices where sentences[i].isClaim {
            let s = Claimed(sentences[i])
            let hash = ClaimIdentity.hash(s.text)
            // HashMap keeps 0 and 1 in one slot: count a hash of 0 apart.
            let repeats = hash == 0 ? seenZero : seen[hash] ?? 0
            if hash == 0 { seenZero += 1 } else { seen[hash] = repeats + 1 }
            claims.append(Claim(origin: origin, ordinal: claims.count, sentence: s.text, range: s.range,
                                claimant: s.speaker?.name, fronts: s.fronts, quantities: s.quantities,
                                hedged: s.hedged, places: shared(uniqueNames(s.places)), sentenceHash: hash,
                                repetition: Int32(repeats + 1), date: DateReader.resolve(s.time, published: published)))
        }
        return claims
    }

    /// Whether `foldSpace` would change the bytes: a tab, line break, possible no-break space,
    /// two spaces in a row, or a space at either end.
    static func needsFolding(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var previousSpace = true
        var i = range.lowerBound
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return false }
        while i < range.upperBound {
            // Eight bytes at a time while they hold no tab, line break or C2, and no two spaces in a row.
            if i + 8 <= range.upperBound {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let spaces = ByteWord.zeroMask(w ^ (ByteWord.oneBits &* 0x20))
                if !ByteWord.hasBelow(w, 0x0E) || !(ByteWord.has(w, 0x09) || ByteWord.has(w, 0x0A) || ByteWord.has(w, 0x0D)),
                   !ByteWord.has(w, 0xC2), spaces & (spaces << 8) == 0, !(previousSpace && spaces & 0x80 != 0) {
                    previousSpace = spaces >> 63 != 0
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            i += 1
            if b == 0x20 {
                if previousSpace { return true }
                previousSpace = true
            } else if b == 0x09 || b == 0x0A || b == 0x0D || b == 0xC2 {
                return true
            } else {
                previousSpace = false
            }
        }
        return previousSpace
    }

    /// The sentence with its white space folded to single spaces, for the few where `needsFolding` says so
    /// (the rest are slices of the article as it stands).
    static func foldSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        // Written straight into the String's storage (repaired like String(decoding:)): no array in between.
        return String(unsafeUninitializedCapacity: range.count) { out in
            var count = 0
            var i = range.lowerBound
            var space = false
            while i < range.upperBound {
                let b = bytes[i]
                var isSpace = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
                var width = 1
                if b == 0xC2, i + 1 < range.upperBound, bytes[i + 1] == 0xA0 { isSpace = true; width = 2 }
                if isSpace {
                    space = true
                } else {
                    if space && count > 0 { out[count] = 0x20; count += 1 }
                    space = false
                    out[count] = b
                    count += 1
                }
                i += width
            }
            return count
        }
    }
}

/// Claim ids that survive reloads, restarts and edits elsewhere in the article.
public enum ClaimIdentity {
    /// The article id and a hash of the sentence's letters and digits in lower case.
    public static func id(article: String, sentence: String) -> String {
        id(article: article, hash: hash(sentence))
    }

    static func hash(_ sentence: String) -> UInt64 { hash(Substring(sentence)) }

    static func hash(_ sentence: Substring) -> UInt64 {
        sentence.withUTF8Bytes { bytes in
            hashFolds.withUnsafeBufferPointer { fold in
                var h = Tokenizer.fnvOffset
                for b in bytes {
                    let f = fold[Int(b)]
                    if f != 0 { h = Tokenizer.mix(h, f) }
                }
                return h
            }
        }
    }

    /// What each byte adds to the hash: letters in lower case, digits and non-ASCII bytes as they are, 0 for nothing.
    static let hashFolds: [UInt8] = (0...255).map { (v: Int) -> UInt8 in
        let b = UInt8(v)
        if Tokenizer.isLetter(b) { return b | 0x20 }
        return Tokenizer.isDigit(b) || b >= 0x80 ? b : 0
    }

    static func id(article: String, hash h: UInt64, repeat repetition: Int = 1) -> String {
        // "article#" and sixteen lower-case hex digits (and "-n" for a repeat), written straight into one String.
        var article = article
        let suffix = repetition > 1 ? "-\(repetition)" : ""
        return article.withUTF8 { a in
            String(unsafeUninitializedCapacity: a.count + 17 + suffix.utf8.count) { out in
                for k in 0..<a.count { out[k] = a[k] }
                out[a.count] = UInt8(ascii: "#")
                for k in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: h >> UInt64(60 - 4 * k)) & 0xF
                    out[a.count + 1 + k] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                }
                var count = a.count + 17
                for b in suffix.utf8 { out[count] = b; count += 1 }
                return count
            }
        }
    }
}

/// The word lists the pipeline consults, loaded once.
struct ExtractionWords: Sendable {
    static let groups = WordGroups("attribution-words.tsv")
    /// Which of the word lists a phrase comes from.
    struct Lists: OptionSet, Sendable {
        let rawValue: UInt8
        static let hedge = Lists(rawValue: 1)
        static let disclaimer = Lists(rawValue: 2)
        static let warWide = Lists(rawValue: 4)
        static let nonClaim = Lists(rawValue: 8)
        static let neutralPlace = Lists(rawValue: 16)
    }
    /// Hedges, disclaimers, war-wide phrases, non-claims and neutral places in one table, so that a
    /// sentence's tokens are read once for all five.
    let lists: PhraseTable<Lists> = {
        var table = PhraseTable<Lists>()
        let files: [(String, Lists)] = [("hedges.txt", .hedge), ("disclaimers.txt", .disclaimer), ("war-wide.txt", .warWide),
                                        ("non-claims.txt", .nonClaim), ("neutral-places.txt", .neutralPlace)]
        for (file, list) in files { table.addList(file, list) }
        return table
    }()
    let neutralNames: Set<String> = Set(DataFiles.rows("neutral-places.txt").flatMap { [String($0[0]), String($0[0]).lowercased()] })
    let may = Tokenizer.hash("may")
    let of = Tokenizer.hash("of")
    let ukraine = Tokenizer.hash("ukraine")
    let country = Tokenizer.hash("country")

    let backPointers: HashSet = ExtractionWords.groups.set("back-pointer")
    let backVerbs: HashSet = ExtractionWords.groups.set("back-verb")

    /// "This is stated …", "This was reported by …", "That has been confirmed by …".
    func refersBack(_ tokens: [Token]) -> Bool {
        tokens.count > 3 && backPointers.contains(tokens[0].hash) && backVerbs.contains(tokens[1].hash)
    }

    /// Most longer words capitalised: "Russian Forces in a Panicked Retreat from Kharkiv".
    func isTitleCase(_ tokens: [Token]) -> Bool {
        var long = 0
        var capitalised = 0
        for t in tokens where t.kind == .word && t.end - t.start >= 4 {
            long += 1
            if t.isCapitalized { capitalised += 1 }
        }
        return long >= 3 && capitalised * 10 >= long * 7
    }

    func isNeutralPlace(_ name: String) -> Bool { neutralNames.contains(name) }

    /// The token where the sentence's first verification disclaimer starts (the end when there is none).
    func disclaimerStart(_ tokens: [Token]) -> Int {
        for i in tokens.indices {
            var found = false
            lists.forEachMatch(tokens, at: i) { if $0.contains(.disclaimer) { found = true } }
            if found { return i }
        }
        return tokens.count
    }

    /// A comma, semicolon or dash before token `end`: the words after it are a clause of their own.
    func clauseBreak(_ tokens: [Token], before end: Int) -> Bool {
        tokens[..<end].contains { $0.kind == .punctuation && ($0.mark == UInt8(ascii: ",") || $0.mark == UInt8(ascii: ";")
                                                              || $0.mark == UInt8(ascii: "-")) }
    }

    /// The lists that have a phrase somewhere in the sentence.
    func lists(in tokens: [Token]) -> Lists {
        var found: Lists = []
        for i in tokens.indices {
            lists.forEachMatch(tokens, at: i) { list in
                var list = list
                // "May" in capitals mid-sentence is the month.
                if list.contains(.hedge), tokens[i].hash == may, tokens[i].isCapitalized, i > 0 { list.remove(.hedge) }
                found.formUnion(list)
            }
        }
        return found
    }

    func isWarWide(_ tokens: [Token], _ quantities: [Quantity], lists found: Lists) -> Bool {
        if found.contains(.warWide) { return true }
        // "one-fifth of Ukraine": a share of the whole country.
        for q in quantities where q.unit == "%" {
            guard let next = tokens.firstIndex(where: { $0.start >= q.range.upperBound }) else { continue }
            if tokens[next].hash == of, next + 1 < tokens.count,
               tokens[next + 1].hash == ukraine || (next + 2 < tokens.count && tokens[next + 2].hash == country) {
                return true
            }
        }
        return false
    }

    /// Questions, fragments and the writer's asides are not claims.
    func isClaimSentence(_ tokens: [Token], bytes: UnsafeBufferPointer<UInt8>, wordCount: Int, hasQuantities: Bool,
                         lists found: Lists) -> Bool {
        if wordCount < 4 { return false }
        var last = bytes.count - 1
        while last >= 0, bytes[last] == UInt8(ascii: "\"") || bytes[last] == 0x9D || bytes[last] == 0x80 || bytes[last] == 0xE2
                || bytes[last] == UInt8(ascii: ")") || bytes[last] == 0x20 { last -= 1 }
        if last >= 0, bytes[last] == UInt8(ascii: "?") { return false }
        if !hasQuantities, found.contains(.nonClaim) { return false }
        return true
    }
}

extension Substring {
    /// The UTF-8 bytes in place when the storage is contiguous (always, for text frontline reads).
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(self)
        return copy.withUTF8(body)
    }
}
