import Foundation

/// A place named in a sentence, resolved through the gazetteer.
public struct PlaceMention: Sendable, Hashable {
    /// Canonical name ("Kharkiv" for "Kharkov").
    public var name: String
    /// The oblast or region the place lies in ("Kharkiv Oblast", "Kursk Oblast"), when known.
    public var region: String?
    public var latitude: Double
    public var longitude: Double
    /// UTF-8 byte offsets within the sentence.
    public var range: Range<Int>
    /// The name is a whole oblast or region ("Donetsk Oblast", "the Kharkiv region"), not a place in it.
    public var isRegion: Bool

    public init(name: String, region: String?, latitude: Double, longitude: Double, range: Range<Int>,
                isRegion: Bool = false) {
        self.name = name
        self.region = region
        self.latitude = latitude
        self.longitude = longitude
        self.range = range
        self.isRegion = isRegion
    }
}

/// Finds the places a sentence names, from Data/gazetteer.tsv (GeoNames), Data/place-variants.tsv
/// (spellings, regions, areas) and Data/place-stoplist.tsv (words that only look like places).
///
/// A name starts with a capital letter and may run over several words ("Chasiv Yar", "Kharkiv
/// region"); the longest name wins. Case is ignored after the first letter, so "KHARKIV" and
/// "Kharkiv Region" match too. A possessive keeps the name only ("Russia's" names Russia).
public final class Gazetteer: Sendable {
    public static let shared = Gazetteer()

    private let index: PlaceIndex?

    /// The shipped tables, read on first use.
    public init() { index = nil }

    /// Tables given as the bytes of their TSV files, for tests and tools.
    public init(gazetteer: [UInt8], variants: [UInt8], stoplist: [UInt8]) {
        index = PlaceIndex(gazetteer: gazetteer, variants: variants, stoplist: stoplist)
    }

    private var table: PlaceIndex { index ?? PlaceIndex.standard }

    /// Places named in the sentence, in order.
    public func mentions(in sentence: String) -> [PlaceMention] {
        let table = self.table
        if let found = sentence.utf8.withContiguousStorageIfAvailable({ table.mentions(in: $0) }) { return found }
        var copy = sentence
        return copy.withUTF8 { table.mentions(in: $0) }
    }

    /// Places named in a sentence given as UTF-8 bytes.
    func mentions(in bytes: UnsafeBufferPointer<UInt8>) -> [PlaceMention] { table.mentions(in: bytes) }

    /// The place a name stands for, as if the name were a sentence of its own.
    public func place(named name: String) -> PlaceMention? {
        let found = mentions(in: name)
        guard found.count == 1, let only = found.first, only.range == 0..<name.utf8.count else { return nil }
        return only
    }

    /// Rows of place-variants.tsv that name no gazetteer place (a typo or a place the build left out).
    public var unresolvedVariants: [String] { table.unresolved }

    /// How many names (spellings included) the gazetteer knows.
    public var nameCount: Int { table.nameCount }
}

// MARK: - Index

/// One place as the index keeps it.
struct PlaceRecord: Sendable {
    var name: String
    var region: String?
    var latitude: Double
    var longitude: Double
    var population: Double
    var isRegion = false
}

/// How words are joined inside a name: "Chasiv Yar", "Ivano-Frankivsk", "Mar'yinka".
enum Joint: UInt8 {
    case space = 0x20
    case hyphen = 0x2D
    case apostrophe = 0x27
    case none = 0

    /// What the hash sees: a hyphen is a space, so "Ivano Frankivsk" and "Rostov on Don" match too.
    var hashByte: UInt8 { self == .hyphen ? 0x20 : rawValue }
}

/// Open-addressing table from a word-run hash to a packed value; probing it is the whole cost of
/// most capitalised words, so it avoids Dictionary's SipHash and keeps both arrays flat.
struct WordTable: Sendable {
    /// Value layout: place index + 1 in the low 24 bits (0: no place), the most words of a name
    /// starting with this word in bits 24-29, and bit 31 for a title word ("Gen", "Mr").
    static let placeMask: UInt32 = 0xFF_FFFF
    static let titleBit: UInt32 = 1 << 31
    private(set) var hashes: [UInt64]
    private(set) var values: [UInt32]
    let mask: Int

    init(expected: Int) {
        var size = 16
        while size < expected * 2 { size <<= 1 }
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask }

    @inline(__always) func value(_ hash: UInt64) -> UInt32 {
        var i = slot(hash)
        while true {
            let stored = hashes[i]
            if stored == hash { return values[i] }
            if stored == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    mutating func update(_ hash: UInt64, _ change: (inout UInt32) -> Void) {
        var i = slot(hash)
        while hashes[i] != 0 && hashes[i] != hash { i = (i + 1) & mask }
        hashes[i] = hash
        change(&values[i])
    }
}

final class PlaceIndex: Sendable {
    let places: [PlaceRecord]
    let words: WordTable
    let unresolved: [String]
    let nameCount: Int

    static let standard = PlaceIndex(gazetteer: DataFiles.bytes("gazetteer.tsv"),
                                     variants: DataFiles.bytes("place-variants.tsv"),
                                     stoplist: DataFiles.bytes("place-stoplist.tsv"))

    init(gazetteer: [UInt8], variants: [UInt8], stoplist: [UInt8]) {
        var builder = Builder()
        let variantRows = TSV.rows(variants)
        builder.prepare(variantRows)
        gazetteer.withUnsafeBufferPointer { builder.addGazetteer($0) }
        builder.addVariants(variantRows)
        builder.applyStoplist(TSV.rows(stoplist))
        places = builder.places
        unresolved = builder.unresolved
        nameCount = builder.candidates.count
        words = builder.wordTable()
    }

    /// Collects names with the rank that settles which place a shared name means: hand-made rows
    /// first, then a place's main name (worth ten times its population), then other spellings;
    /// places in a `prefer` region count five times their population.
    struct Builder {
        var places: [PlaceRecord] = []
        var candidates: [UInt64: (index: Int32, rank: Double)] = [:]
        var multiWord: [UInt64: (first: UInt64, count: Int)] = [:]
        var titles: [UInt64] = []
        var unresolved: [String] = []
        /// Places sharing a name or spelling that an alias row asks for.
        var aliasTargets: [UInt64: [Int32]] = [:]
        /// Regions where the war is fought: a name shared with a village elsewhere most likely means
        /// the one there, unless the other place is more than `preferredWeight` times bigger.
        var preferred: Set<String> = []
        static let preferredWeight = 5.0
        static let handRank = Double.greatestFiniteMagnitude

        mutating func add(_ key: (hash: UInt64, first: UInt64, count: Int)?, to index: Int, rank: Double) {
            guard let key else { return }
            if let current = candidates[key.hash], current.rank >= rank { return }
            candidates[key.hash] = (Int32(index), rank)
            if key.count > 1 { multiWord[key.hash] = (key.first, key.count) }
        }

        mutating func prepare(_ rows: [[String]]) {
            for row in rows where row.count >= 2 && row[0] == "prefer" { preferred.insert(row[1]) }
            for row in rows where row.count >= 2 && row[0] == "alias" {
                let spellings = row.count > 5 ? row[5].split(separator: "|").map(String.init) : []
                for name in [row[1]] + spellings {
                    if let key = PlaceIndex.hashName(name) { aliasTargets[key.hash] = [] }
                }
            }
        }

        mutating func addGazetteer(_ bytes: UnsafeBufferPointer<UInt8>) {
            var region: String? = nil
            var regionBytes: ArraySlice<UInt8> = []
            DataFiles.forEachRow(bytes) { fields in
                guard fields.count >= 6 else { return }
                let regionField = fields[1]
                if !bytes[regionField].elementsEqual(regionBytes) {
                    regionBytes = ArraySlice(bytes[regionField])
                    region = regionField.isEmpty ? nil : String(decoding: bytes[regionField], as: UTF8.self)
                }
                let population = TSV.number(bytes, fields[5])
                let weight = region.map { preferred.contains($0) } == true ? Builder.preferredWeight : 1
                let index = places.count
                places.append(PlaceRecord(name: String(decoding: bytes[fields[0]], as: UTF8.self), region: region,
                                          latitude: TSV.number(bytes, fields[3]), longitude: TSV.number(bytes, fields[4]),
                                          population: population))
                var names = [fields[0]]
                if fields.count > 6 { names += TSV.split(bytes, fields[6], on: UInt8(ascii: "|")) }
                for (n, range) in names.enumerated() {
                    let key = PlaceIndex.hashName(bytes, range)
                    add(key, to: index, rank: population * weight * (n == 0 ? 10 : 1))
                    if let key, aliasTargets[key.hash] != nil { aliasTargets[key.hash]!.append(Int32(index)) }
                }
            }
        }

        mutating func addVariants(_ rows: [[String]]) {
            let rank = Builder.handRank
            let suffixes = rows.filter { $0.count >= 2 && $0[0] == "suffix" }.map { $0[1] }
            for row in rows where row.count >= 5 {
                let kind = row[0], name = row[1], region = row[2]
                let spellings = row.count > 5 ? row[5].split(separator: "|").map(String.init) : []
                switch kind {
                case "place", "region":
                    let index = places.count
                    places.append(PlaceRecord(name: name, region: region.isEmpty ? nil : region,
                                              latitude: Double(row[3]) ?? 0, longitude: Double(row[4]) ?? 0,
                                              population: 0, isRegion: kind == "region"))
                    add(PlaceIndex.hashName(name), to: index, rank: rank)
                    for spelling in spellings {
                        // A region's one-word spelling is its chief city: only "Kharkiv region" is the region.
                        if kind == "place" || spelling.contains(" ") { add(PlaceIndex.hashName(spelling), to: index, rank: rank) }
                        guard kind == "region" else { continue }
                        for suffix in suffixes { add(PlaceIndex.hashName(spelling + " " + suffix), to: index, rank: rank) }
                    }
                case "alias":
                    // The biggest gazetteer place with this name or spelling, in the region when given.
                    var found: Int? = nil
                    for spelling in [name] + spellings {
                        guard let key = PlaceIndex.hashName(spelling) else { continue }
                        for target in aliasTargets[key.hash] ?? [] {
                            let place = places[Int(target)]
                            guard region.isEmpty || place.region == region else { continue }
                            if found.map({ places[$0].population < place.population }) ?? true { found = Int(target) }
                        }
                    }
                    guard let index = found else {
                        unresolved.append("alias\t\(name)\t\(region)")
                        continue
                    }
                    places[index].name = name
                    for spelling in [name] + spellings { add(PlaceIndex.hashName(spelling), to: index, rank: rank) }
                default:
                    continue
                }
            }
        }

        mutating func applyStoplist(_ rows: [[String]]) {
            for row in rows where row.count >= 2 {
                guard let key = PlaceIndex.hashName(row[0]), key.count == 1 else { continue }
                if row[1] == "title" { titles.append(key.hash) } else { candidates[key.hash] = nil }
            }
        }

        func wordTable() -> WordTable {
            var table = WordTable(expected: candidates.count + multiWord.count + titles.count)
            for (hash, candidate) in candidates {
                table.update(hash) { $0 = ($0 & ~WordTable.placeMask) | (UInt32(candidate.index) + 1) }
                guard let run = multiWord[hash] else { continue }
                let count = UInt32(min(run.count, 63))
                table.update(run.first) { value in
                    let longest = max((value >> 24) & 63, count)
                    value = (value & ~(63 << 24)) | (longest << 24)
                }
            }
            for hash in titles { table.update(hash) { $0 |= WordTable.titleBit } }
            return table
        }
    }

    // MARK: Hashing

    /// FNV-1a over the folded bytes; names and sentences go through the same words and joints.
    @inline(__always) static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) static func hashWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                           into hash: UInt64) -> UInt64 {
        var hash = hash
        for i in start..<end {
            let byte = bytes[i]
            hash = mix(hash, byte &- 0x41 < 26 ? byte | 0x20 : byte)
        }
        return hash
    }

    /// Hash, first word's hash and word count of a name in a table; nil unless it is one run of joined words.
    static func hashName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (hash: UInt64, first: UInt64, count: Int)? {
        var scanner = WordScanner(bytes: bytes, range: range)
        guard let first = scanner.next() else { return nil }
        var hash = hashWord(bytes, first.start, first.end, into: seed)
        let firstHash = hash
        var count = 1
        var joint = first.joint
        while let word = scanner.next() {
            guard joint != .none else { return nil }
            hash = hashWord(bytes, word.start, word.end, into: mix(hash, joint.hashByte))
            count += 1
            joint = word.joint
        }
        return (hash, firstHash, count)
    }

    static func hashName(_ name: String) -> (hash: UInt64, first: UInt64, count: Int)? {
        var name = name
        return name.withUTF8 { hashName($0, 0..<$0.count) }
    }

    // MARK: Matching

    func mentions(in bytes: UnsafeBufferPointer<UInt8>) -> [PlaceMention] {
        var found: [PlaceMention] = []
        var scanner = WordScanner(bytes: bytes, range: 0..<bytes.count)
        // Whether the previous word is a title ("Gen") joined to this one by a space.
        var afterTitle = false
        while true {
            if scanner.skipToCapitalWord() { afterTitle = false }
            guard let word = scanner.next() else { break }
            guard bytes[word.start] &- 0x41 < 26 else {   // names start with a capital A-Z
                afterTitle = false
                continue
            }
            let firstHash = PlaceIndex.hashWord(bytes, word.start, word.end, into: PlaceIndex.seed)
            let value = words.value(firstHash)
            let titled = afterTitle
            afterTitle = word.joint == .space && value & WordTable.titleBit != 0
            var place = value & WordTable.placeMask
            var end = word.end
            var count = 1

            // Longest name starting here: extend over joined words as far as any name runs.
            let most = (value >> 24) & 63
            if most > 1 {
                var probe = scanner
                var hash = firstHash
                var joint = word.joint
                var n: UInt32 = 1
                while n < most, joint != .none, let next = probe.next() {
                    hash = PlaceIndex.hashWord(bytes, next.start, next.end, into: PlaceIndex.mix(hash, joint.hashByte))
                    n += 1
                    joint = next.joint
                    let longer = words.value(hash) & WordTable.placeMask
                    if longer != 0 {
                        place = longer
                        end = next.end
                        count = Int(n)
                        scanner = probe
                    }
                }
            }
            guard place != 0 else { continue }
            if count == 1 {
                // A lone word after "Gen" or "Mr" is a person; short capitals are acronyms (KUT, UFA).
                if titled { continue }
                if word.end - word.start <= 4, PlaceIndex.isAllCaps(bytes, word.start, word.end) { continue }
            } else {
                afterTitle = false
            }
            let record = places[Int(place) - 1]
            found.append(PlaceMention(name: record.name, region: record.region, latitude: record.latitude,
                                      longitude: record.longitude, range: word.start..<end, isRegion: record.isRegion))
        }
        return found
    }

    static func isAllCaps(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for i in start..<end where bytes[i] &- 0x41 >= 26 { return false }
        return true
    }
}

/// Splits UTF-8 text into words: runs of letters (any non-ASCII character but punctuation counts
/// as a letter), each with the joint that follows it.
struct WordScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    init(bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    /// Whether the character at `i` is a letter, and its width in bytes. Non-ASCII characters count as
    /// letters except Latin-1 punctuation (C2: no-break space, « ») and general punctuation (E2: ’ “ – …).
    @inline(__always) func character(at i: Int) -> (letter: Bool, width: Int) {
        let byte = bytes[i]
        if byte < 0x80 { return ((byte | 0x20) &- 0x61 < 26, 1) }
        if byte < 0xC0 { return (false, 1) }               // stray continuation byte
        let width = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        return (byte != 0xC2 && byte != 0xE2, min(width, end - i))
    }

    /// Length of an apostrophe at `i` (' ’ ‘ ʼ), or 0.
    @inline(__always) func apostrophe(at i: Int) -> Int {
        let byte = bytes[i]
        if byte == 0x27 { return 1 }
        if byte == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99 { return 3 }
        if byte == 0xCA, i + 1 < end, bytes[i + 1] == 0xBC { return 2 }
        return 0
    }

    mutating func next() -> (start: Int, end: Int, joint: Joint)? {
        let count = end
        var i = position
        // Skip to the next letter; ASCII non-letters go one byte at a time without the full test.
        while i < count {
            let byte = bytes[i]
            if byte < 0x80 {
                if (byte | 0x20) &- 0x61 < 26 { break }
                i += 1
                continue
            }
            let (letter, width) = character(at: i)
            if letter { break }
            i += width
        }
        guard i < count else {
            position = count
            return nil
        }
        let start = i
        while i < count {
            let byte = bytes[i]
            if byte < 0x80 {
                if (byte | 0x20) &- 0x61 >= 26 { break }
                i += 1
                continue
            }
            let (letter, width) = character(at: i)
            if !letter { break }
            i += width
        }
        let wordEnd = i
        // One space (or no-break space), hyphen or apostrophe between two letters joins them into a name.
        var joint = Joint.none
        if i < count {
            let byte = bytes[i]
            var width = 0
            if byte == 0x20 {
                joint = .space; width = 1
            } else if byte == 0xC2, i + 1 < count, bytes[i + 1] == 0xA0 {
                joint = .space; width = 2
            } else if byte == 0x2D {
                joint = .hyphen; width = 1
            } else {
                width = apostrophe(at: i)
                if width > 0 { joint = .apostrophe }
            }
            if joint != .none, !(i + width < count && character(at: i + width).letter) { joint = .none }
            i += width
        }
        position = i
        return (start, wordEnd, joint)
    }

    /// Moves to the next word that starts with a capital A–Z without reading the words before it, which
    /// no name starts; says whether it passed any. Word starts are those `next` finds.
    mutating func skipToCapitalWord() -> Bool {
        var i = position
        var inWord = false
        var passed = false
        while i < end {
            // Eight ASCII bytes with no capital in them hold no name's start: only whether a word began
            // and whether the last byte is in one matter.
            if i + 8 <= end, let base = bytes.baseAddress {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & ByteWord.highBits == 0, !ByteWord.hasBetween(w, 0x40, 0x5B) {
                    if ByteWord.hasBetween(w, 0x60, 0x7B) { passed = true }
                    inWord = (bytes[i + 7] | 0x20) &- 0x61 < 26
                    i += 8
                    continue
                }
            }
            let byte = bytes[i]
            if byte < 0x80 {
                let letter = (byte | 0x20) &- 0x61 < 26
                if letter && !inWord {
                    if byte &- 0x41 < 26 { break }
                    passed = true
                }
                inWord = letter
                i += 1
                continue
            }
            let (letter, width) = character(at: i)
            if letter && !inWord { passed = true }
            inWord = letter
            i += width
        }
        position = i
        return passed
    }
}

/// Tab-separated tables read straight from bytes (`DataFiles.rows` is too slow for the gazetteer):
/// blank lines and `#` comments are skipped, a trailing CR is dropped.
enum TSV {
    static func rows(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        bytes.withUnsafeBufferPointer { buffer in
            DataFiles.forEachRow(buffer) { fields in
                rows.append(fields.map { String(decoding: buffer[$0], as: UTF8.self) })
            }
        }
        return rows
    }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, on separator: UInt8) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where bytes[i] == separator {
            if i > start { parts.append(start..<i) }
            start = i + 1
        }
        if range.upperBound > start { parts.append(start..<range.upperBound) }
        return parts
    }

    /// A plain decimal number ("-12.5", "6940"); 0 when the field is empty or not a number.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
        var i = range.lowerBound
        var sign = 1.0
        if i < range.upperBound && bytes[i] == UInt8(ascii: "-") { sign = -1; i += 1 }
        var whole = 0.0, scale = 0.0
        while i < range.upperBound {
            let byte = bytes[i]
            if byte == UInt8(ascii: "."), scale == 0 {
                scale = 1
            } else if byte &- 0x30 < 10 {
                whole = whole * 10 + Double(byte &- 0x30)
                if scale != 0 { scale *= 10 }
            } else {
                return 0
            }
            i += 1
        }
        return sign * (scale > 1 ? whole / scale : whole)
    }
}

// MARK: - Fronts

/// A front's table is broken: names the file and what is wrong with it.
public struct FrontFileError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
    public var errorDescription: String? { description }
}

public struct FrontTable: Sendable {
    public var definitions: [FrontDefinition] {
        didSet {
            frontsByRegion = FrontTable.regionForms(definitions)
            frontsNamedForRegion = FrontTable.regionForms(definitions, namedForRegionOnly: true)
        }
    }
    /// Every way of writing a front's region ("Kharkiv Oblast", "kharkiv region", "Kharkiv") → the fronts,
    /// so a lookup is one hash of the name as the gazetteer gives it, with no folding per call.
    private var frontsByRegion: [String: [Int]]
    /// The same for fronts named for their region (Kharkiv, Kursk): the only ones a whole region's name pins.
    private var frontsNamedForRegion: [String: [Int]]

    public init(definitions: [FrontDefinition]) {
        self.definitions = definitions
        self.frontsByRegion = FrontTable.regionForms(definitions)
        self.frontsNamedForRegion = FrontTable.regionForms(definitions, namedForRegionOnly: true)
    }

    /// The fronts shipped in Data/fronts.json.
    public static let standard: FrontTable = {
        let name = "fronts.json"
        do {
            return FrontTable(definitions: try decode(DataFiles.bytes(name), path: name))
        } catch {
            FileHandle.standardError.write(Data("frontline: \(error)\n".utf8))
            exit(3)
        }
    }()

    /// Where a user's own fronts live when no path is given: `$XDG_CONFIG_HOME/frontline/fronts.json`.
    public static func defaultUserFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/frontline/fronts.json"
    }

    /// The fronts to use: the standard ones plus the user's file (the given one, or the default one when it exists).
    /// A bad file leaves the standard fronts and says why.
    public static func forUser(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (table: FrontTable, problem: String?) {
        let path = file ?? defaultUserFile(environment: environment)
        guard file != nil || FileManager.default.fileExists(atPath: path) else { return (standard, nil) }
        do {
            return (try loading(userFile: path), nil)
        } catch {
            return (standard, "fronts file not used: \(error)")
        }
    }

    /// The standard fronts plus those in a user's file; a user front with a standard front's name replaces it.
    public static func loading(userFile: String) throws -> FrontTable {
        guard let data = FileManager.default.contents(atPath: userFile) else {
            throw FrontFileError(path: userFile, problem: "cannot read the file")
        }
        let extra = try decode([UInt8](data), path: userFile)
        var table = standard
        for front in extra {
            if let at = table.definitions.firstIndex(where: { $0.name == front.name }) {
                table.definitions[at] = front
            } else {
                table.definitions.append(front)
            }
        }
        return table
    }

    /// Names of the fronts a place belongs to: its region is one of the front's, or it lies within the radius.
    public func fronts(for place: PlaceMention) -> [String] {
        var names: [String] = []
        for i in definitions.indices where covers(i, place) { names.append(definitions[i].name) }
        return names
    }

    /// Names of the fronts any of the places belongs to, in table order.
    public func fronts(for places: [PlaceMention]) -> [String] {
        guard !places.isEmpty else { return [] }
        var names: [String] = []
        for i in definitions.indices where places.contains(where: { covers(i, $0) }) {
            names.append(definitions[i].name)
        }
        return names
    }

    /// Whether front `i` covers the place; runs per mention, so no allocation and trigonometry last.
    /// A whole region ("Donetsk Oblast") is the front named for it, never a sector front inside it
    /// (Kurakhove): the region holds other sectors too, and its rough centre says nothing.
    @inline(__always) func covers(_ i: Int, _ place: PlaceMention) -> Bool {
        if place.isRegion {
            guard let region = place.region, let fronts = frontsNamedForRegion[region] else { return false }
            return fronts.contains(i)
        }
        if let region = place.region, let fronts = frontsByRegion[region], fronts.contains(i) { return true }
        let front = definitions[i]
        // A degree of latitude is ~111 km: most places fail this before any trigonometry.
        if abs(place.latitude - front.latitude) * 111.0 > front.radiusKm + 1 { return false }
        return FrontTable.distanceKm(place.latitude, place.longitude, front.latitude, front.longitude) <= front.radiusKm
    }

    // MARK: Reading

    /// `{"fronts": [...]}` or a bare array of fronts, each checked so that the message says what to fix.
    static func decode(_ bytes: [UInt8], path: String) throws -> [FrontDefinition] {
        struct File: Decodable { var fronts: [FrontDefinition] }
        let data = Data(bytes)
        let fronts: [FrontDefinition]
        do {
            if bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "[") {
                fronts = try JSONDecoder().decode([FrontDefinition].self, from: data)
            } else {
                fronts = try JSONDecoder().decode(File.self, from: data).fronts
            }
        } catch let error as DecodingError {
            throw FrontFileError(path: path, problem: describe(error))
        } catch {
            throw FrontFileError(path: path, problem: "not a fronts file: \(error.localizedDescription)")
        }
        var seen = Set<String>()
        for (i, front) in fronts.enumerated() {
            let label = front.name.isEmpty ? "front \(i + 1)" : "front \"\(front.name)\""
            if front.name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw FrontFileError(path: path, problem: "\(label) has an empty name")
            }
            if !seen.insert(front.name).inserted {
                throw FrontFileError(path: path, problem: "\(label) is defined twice")
            }
            if !(-90...90).contains(front.latitude) || !(-180...180).contains(front.longitude) {
                throw FrontFileError(path: path, problem: "\(label) has its centre off the globe (latitude \(front.latitude), longitude \(front.longitude))")
            }
            if !(front.radiusKm >= 0) {
                throw FrontFileError(path: path, problem: "\(label) has a negative radiusKm (\(front.radiusKm))")
            }
            if front.regions.isEmpty && front.radiusKm == 0 {
                throw FrontFileError(path: path, problem: "\(label) covers nothing: give it regions or a radiusKm above 0")
            }
        }
        return fronts
    }

    static func describe(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            let parts = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return parts.isEmpty ? "the top level" : parts.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(key.stringValue)\" at \(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong value at \(at(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            let detail = context.underlyingError.map { "\($0)" } ?? context.debugDescription
            return "not valid JSON at \(at(context.codingPath)): \(detail)"
        @unknown default:
            return "not a fronts file: \(error)"
        }
    }

    // MARK: Geometry and regions

    /// `namedForRegionOnly`: only regions a front is named for ("Kharkiv" and "Kharkiv Oblast").
    static func regionForms(_ definitions: [FrontDefinition], namedForRegionOnly: Bool = false) -> [String: [Int]] {
        var forms: [String: [Int]] = [:]
        for (i, front) in definitions.enumerated() {
            for region in front.regions {
                let key = regionKey(region)
                if namedForRegionOnly, key != regionKey(front.name) { continue }
                let capitalised = key.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
                for base in [key, capitalised] {
                    for suffix in ["", " oblast", " Oblast", " region", " Region", " province", " Province"] {
                        let form = base + suffix
                        if forms[form]?.contains(i) != true { forms[form, default: []].append(i) }
                    }
                }
            }
        }
        return forms
    }

    /// "Kharkiv Oblast", "kharkiv region", "Kharkiv" -> "kharkiv".
    static func regionKey(_ region: String) -> String {
        var key = region.lowercased().trimmingCharacters(in: .whitespaces)
        for suffix in [" oblast", " region", " province"] where key.hasSuffix(suffix) {
            key.removeLast(suffix.count)
            break
        }
        return key.trimmingCharacters(in: .whitespaces)
    }

    /// Great-circle distance (haversine, mean Earth radius).
    static func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0 * asin(min(1, a.squareRoot()))
    }
}
