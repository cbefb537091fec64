import Foundation

/// The publisher named in an article's own words, when no banner, byline or dateline names it: "This is
/// reported by Censor.NET with reference to …", "As Ukrainian News Agency earlier reported", "Mid-day
/// accepts no responsibility …", a source link on a line of its own, a masthead line ("Espreso. Global").
///
/// Read only for articles that name no outlet otherwise, and by byte searches for a few phrases, so the
/// common article costs a handful of memmem calls.
enum SelfReference {
    struct Phrase { var bytes: [UInt8]; var nameFollows: Bool }

    static let phrases: [Phrase] = DataFiles.rows("outlet-phrases.tsv").compactMap { row in
        guard row.count >= 2 else { return nil }
        return Phrase(bytes: Array(String(row[0]).utf8), nameFollows: row[1] == "after")
    }

    static let domains: [(domain: [UInt8], outlet: String)] = DataFiles.rows("outlet-domains.tsv").compactMap { row in
        row.count >= 2 ? (Array(String(row[0]).lowercased().utf8), String(row[1])) : nil
    }

    /// Media names and aliases as letters only, lower case ("espresoglobal" for "Espreso Global").
    static let mastheads: [String: String] = {
        var table: [String: String] = [:]
        for row in DataFiles.rows("speakers.tsv") where row.count >= 3 && row[1] == "media" {
            let names = [row[0]] + (row.count > 3 ? row[3].split(separator: "|") : [])
            for name in names {
                let key = letters(Substring(name))
                if key.count >= 3, table[key] == nil { table[key] = String(row[0]) }
            }
        }
        return table
    }()

    static func letters(_ s: Substring) -> String { String(s.lowercased().unicodeScalars.filter { CharacterSet.letters.contains($0) }) }

    static func outlet(_ bytes: UnsafeBufferPointer<UInt8>, blocks: [Block]) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        for phrase in phrases {
            var from = 0
            while from < bytes.count, let hit = find(phrase.bytes, base, from, bytes.count) {
                if let name = phrase.nameFollows ? nameAfter(bytes, hit + phrase.bytes.count) : nameBefore(bytes, hit) {
                    return name
                }
                from = hit + phrase.bytes.count
            }
        }
        // The first lines: a source link alone on its line, or a masthead.
        for block in blocks.prefix(8) {
            let line = UnsafeBufferPointer(rebasing: bytes[block.range])
            if line.count > 8, line[0] == UInt8(ascii: "h"), line[1] == UInt8(ascii: "t"), let outlet = domainOutlet(line) { return outlet }
            if line.count <= 40, line.lazy.filter({ $0 == 0x20 }).count <= 2 {
                let text = String(decoding: line, as: UTF8.self)
                if text.split(separator: " ").count <= 3, let known = mastheads[letters(Substring(text))] { return known }
            }
        }
        return nil
    }

    /// The first `needle` at or after `from`: memchr to its rarest byte, then a compare. Anchoring on a
    /// space or an "e" would stop at every word; on a "y" or a "b", rarely.
    static func find(_ needle: [UInt8], _ base: UnsafePointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= count - from else { return nil }
        let anchor = anchorIndex(needle)
        let anchorByte = Int32(needle[anchor])
        var i = from + anchor
        let last = count - needle.count + anchor
        while i <= last {
            guard let hit = memchr(base + i, anchorByte, last + 1 - i) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
            if memcmp(base + at, needle, needle.count) == 0 { return at }
            i = at + anchor + 1
        }
        return nil
    }

    /// Letters from the most to the least common in English text; what is not listed counts as rare.
    static let commonness: [UInt8] = Array(" etaoinsrhldcumfpgwybvkxjqz".utf8)

    static func anchorIndex(_ needle: [UInt8]) -> Int {
        var best = 0
        var bestRank = -1
        for (k, b) in needle.enumerated() {
            let rank = commonness.firstIndex(of: b | (Tokenizer.isLetter(b) ? 0x20 : 0)) ?? commonness.count
            if rank > bestRank { best = k; bestRank = rank }
        }
        return best
    }

    /// "https://www.sputnikglobe.com/2024…" alone on its line.
    static func domainOutlet(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains(" ") else { return nil }
        var host = text.dropFirst(text.hasPrefix("https://") ? 8 : 7).prefix { $0 != "/" }.lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if host.hasPrefix("amp.") { host.removeFirst(4) }
        let hostBytes = Array(host.utf8)
        for (domain, outlet) in domains {
            if hostBytes == domain { return outlet }
            if hostBytes.count > domain.count, hostBytes.suffix(domain.count + 1).first == UInt8(ascii: "."),
               Array(hostBytes.suffix(domain.count)) == domain { return outlet }
        }
        return nil
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        Tokenizer.isLetter(b) || Tokenizer.isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b >= 0x80
    }

    /// One to five capitalised words starting at `i` ("Censor.NET", "Ukrainian News Agency").
    static func nameAfter(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> String? {
        var words: [String] = []
        var p = i
        while words.count < 6 {
            guard p < bytes.count, SentenceSplitter.isUpper(bytes[p]) || (words.isEmpty ? false : bytes[p] == UInt8(ascii: "&")) else { break }
            var q = p
            while q < bytes.count, isNameByte(bytes[q]) { q += 1 }
            var word = String(decoding: UnsafeBufferPointer(rebasing: bytes[p..<q]), as: UTF8.self)
            let endsSentence = word.hasSuffix(".") && !word.dropLast().contains(".")
            if endsSentence { word.removeLast() }
            words.append(word)
            if endsSentence || q >= bytes.count || bytes[q] != UInt8(ascii: " ") { break }
            p = q + 1
        }
        return accepted(words)
    }

    /// One to five capitalised words ending just before `i` ("Mid-day", "Ukrainian News Agency").
    static func nameBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> String? {
        var words: [String] = []
        var end = i
        while words.count < 6, end > 0 {
            var start = end
            while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
            guard start < end, SentenceSplitter.isUpper(bytes[start]) else { break }
            words.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), at: 0)
            guard start > 0, bytes[start - 1] == UInt8(ascii: " ") else { break }
            end = start - 1
        }
        // "As Ukrainian News Agency earlier reported": the sentence's "As" is not the name.
        while let first = words.first, first == "As" || first == "The" && words.count > 2 { words.removeFirst() }
        return accepted(words)
    }

    static func accepted(_ words: [String]) -> String? {
        guard !words.isEmpty, words.count <= 5 else { return nil }
        let name = words.joined(separator: " ")
        if let known = SpeakerTable.shared.knownName(name, kind: .media) { return known }
        // A person or a body the table knows is a source, not the publisher.
        if SpeakerTable.shared.isKnownNonMedia(name) { return nil }
        return name.count >= 2 ? name : nil
    }
}
