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

    public init(name: String, region: String?, latitude: Double, longitude: Double, range: Range<Int>) {
        self.name = name
        self.region = region
        self.latitude = latitude
        self.longitude = longitude
        self.range = range
    }
}

/// Finds the places a sentence names, from Data/gazetteer.tsv (GeoNames), Data/place-variants.tsv
/// (spellings, regions, areas) and Data/place-stoplist.tsv (words that only look like places).
///
/// A name starts with a capital letter and may run over several words ("Chasiv Yar", "Kharkiv
/// region"); the longest name wins. Case is ignored after the first letter, so "KHARKIV" and
/// "Kharkiv Region" match too.
public final class Gazetteer: Sendable {
    public static let shared = Gazetteer()

    private let index: PlaceIndex?

    /// The shipped tables, read on first use.
    public init() { index = nil }

    /// Tables given as rows (as `DataFiles.rows` returns them), for tests and tools.
    public init(gazetteer: [[Substring]], variants: [[Substring]], stoplist: [[Substring]]) {
        index = PlaceIndex(gazetteer: gazetteer, variants: variants, stoplist: stoplist)
    }

    private var table: PlaceIndex { index ?? PlaceIndex.standard }

    /// Places named in the sentence, in order.
    public func mentions(in sentence: String) -> [PlaceMention] {
        var sentence = sentence
        return sentence.withUTF8 { table.mentions(in: $0) }
    }

    /// The place a name stands for, as if the name were a sentence of its own.
    public func place(named name: String) -> PlaceMention? {
        let found = mentions(in: name)
        guard found.count == 1, let only = found.first, only.range == 0..<name.utf8.count else { return nil }
        return only
    }

    /// Rows of place-variants.tsv that name no gazetteer place (a typo or a place the build left out).
    public var unresolvedVariants: [String] { table.unresolved }

    /// How many names (spellings included) the gazetteer knows.
    public var nameCount: Int { table.keys.count }
}

// MARK: - Index

/// One place as the index keeps it.
struct PlaceRecord: Sendable {
    var name: String
    var region: String?
    var latitude: Double
    var longitude: Double
    /// Ranks places that share a name: hand-made rows first, then main names, then population.
    var rank: Double
}

/// How words are joined inside a name: "Chasiv Yar", "Ivano-Frankivsk", "Mar'yinka".
enum Joint: UInt8 {
    case space = 0x20
    case hyphen = 0x2D
    case apostrophe = 0x27
    case none = 0
}

struct PlaceIndex: Sendable {
    var places: [PlaceRecord] = []
    /// Hash of a folded name -> index into `places`.
    var keys: [UInt64: Int32] = [:]
    /// Hash of a name's first word -> the most words a name starting with it has.
    var longest: [UInt64: UInt8] = [:]
    /// Words after which a capitalised word is a person's name, not a place.
    var titles: Set<UInt64> = []
    var unresolved: [String] = []

    static let standard = PlaceIndex(gazetteer: DataFiles.rows("gazetteer.tsv"),
                                     variants: DataFiles.rows("place-variants.tsv"),
                                     stoplist: DataFiles.rows("place-stoplist.tsv"))

    init(gazetteer: [[Substring]], variants: [[Substring]], stoplist: [[Substring]]) {
        var candidates: [UInt64: (index: Int32, rank: Double)] = [:]
        var wordsOf: [UInt64: (first: UInt64, count: Int)] = [:]

        func add(_ name: Substring, to index: Int, rank: Double) {
            guard let (hash, first, count) = PlaceIndex.hashName(name) else { return }
            if let current = candidates[hash], current.rank >= rank { return }
            candidates[hash] = (Int32(index), rank)
            if count > 1 { wordsOf[hash] = (first, count) }
        }

        // GeoNames places: the main name outranks other spellings of bigger places up to tenfold.
        var byName: [String: [Int]] = [:]
        for row in gazetteer where row.count >= 6 {
            let population = Double(row[5]) ?? 0
            let index = places.count
            places.append(PlaceRecord(name: String(row[0]), region: row[1].isEmpty ? nil : String(row[1]),
                                      latitude: Double(row[3]) ?? 0, longitude: Double(row[4]) ?? 0,
                                      rank: population))
            add(row[0], to: index, rank: population * 10)
            byName[String(row[0]), default: []].append(index)
            if row.count > 6 {
                for spelling in row[6].split(separator: "|") {
                    add(spelling, to: index, rank: population)
                    byName[String(spelling), default: []].append(index)
                }
            }
        }

        // Hand-made rows outrank every GeoNames row.
        let handRank = Double.greatestFiniteMagnitude
        var suffixes: [Substring] = []
        for row in variants where row.count >= 2 && row[0] == "suffix" { suffixes.append(row[1]) }
        for row in variants where row.count >= 5 {
            let kind = row[0], name = row[1], region = row[2]
            let spellings = row.count > 5 ? row[5].split(separator: "|") : []
            switch kind {
            case "place", "region":
                let index = places.count
                places.append(PlaceRecord(name: String(name), region: region.isEmpty ? nil : String(region),
                                          latitude: Double(row[3]) ?? 0, longitude: Double(row[4]) ?? 0,
                                          rank: handRank))
                add(name, to: index, rank: handRank)
                for spelling in spellings {
                    // A region's one-word spelling is its chief city's name: only "Kharkiv region" is the region.
                    if kind == "place" || spelling.contains(" ") { add(spelling, to: index, rank: handRank) }
                    if kind == "region" {
                        for suffix in suffixes { add(Substring(spelling + " " + suffix), to: index, rank: handRank) }
                    }
                }
            case "alias":
                // The biggest gazetteer place with this name or spelling, in the region when given.
                let found = ([name] + spellings).flatMap { byName[String($0)] ?? [] }
                    .filter { region.isEmpty || places[$0].region == String(region) }
                    .max { places[$0].rank < places[$1].rank }
                guard let index = found else {
                    unresolved.append("alias\t\(name)\t\(region)")
                    continue
                }
                places[index].name = String(name)
                add(name, to: index, rank: handRank)
                for spelling in spellings { add(spelling, to: index, rank: handRank) }
            default:
                continue
            }
        }

        for row in stoplist where row.count >= 2 {
            guard let (hash, _, count) = PlaceIndex.hashName(row[0]), count == 1 else { continue }
            if row[1] == "title" {
                titles.insert(hash)
            } else {
                candidates[hash] = nil
            }
        }

        keys.reserveCapacity(candidates.count)
        for (hash, candidate) in candidates {
            keys[hash] = candidate.index
            if let words = wordsOf[hash] {
                longest[words.first] = max(longest[words.first] ?? 1, UInt8(min(words.count, 255)))
            }
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

    /// Hash, first word's hash and word count of a name written in a table; nil when it is not one run of words.
    static func hashName(_ name: Substring) -> (UInt64, UInt64, Int)? {
        var text = String(name)
        return text.withUTF8 { bytes -> (UInt64, UInt64, Int)? in
            var scanner = WordScanner(bytes: bytes)
            guard let first = scanner.next() else { return nil }
            var hash = hashWord(bytes, first.start, first.end, into: seed)
            let firstHash = hash
            var count = 1
            var joint = first.joint
            while let word = scanner.next() {
                guard joint != .none else { return nil }
                hash = hashWord(bytes, word.start, word.end, into: mix(hash, joint.rawValue))
                count += 1
                joint = word.joint
            }
            return (hash, firstHash, count)
        }
    }

    // MARK: Matching

    func mentions(in bytes: UnsafeBufferPointer<UInt8>) -> [PlaceMention] {
        var found: [PlaceMention] = []
        var scanner = WordScanner(bytes: bytes)
        // The previous word, when it is capitalised and joined to this one by a space.
        var previousTitle = false
        while let word = scanner.next() {
            let first = bytes[word.start]
            guard first &- 0x41 < 26 else {   // names start with a capital A-Z
                previousTitle = false
                continue
            }
            let firstHash = PlaceIndex.hashWord(bytes, word.start, word.end, into: PlaceIndex.seed)
            let afterTitle = previousTitle
            previousTitle = word.joint == .space && titles.contains(firstHash)

            // Longest name starting here: extend over joined words as far as any name runs.
            var best: (index: Int32, end: Int, words: Int)? = nil
            if let index = keys[firstHash] { best = (index, word.end, 1) }
            let most = Int(longest[firstHash] ?? 1)
            if most > 1 {
                var probe = scanner
                var hash = firstHash
                var joint = word.joint
                var count = 1
                while count < most, joint != .none, let next = probe.next() {
                    hash = PlaceIndex.hashWord(bytes, next.start, next.end, into: PlaceIndex.mix(hash, joint.rawValue))
                    count += 1
                    joint = next.joint
                    if let index = keys[hash] {
                        best = (index, next.end, count)
                        scanner = probe
                    }
                }
            }
            guard let match = best else { continue }
            if match.words == 1 {
                // A lone word after "Gen" or "Mr" is a person; short capitals are acronyms (KUT, UFA).
                if afterTitle { continue }
                if word.end - word.start <= 4, PlaceIndex.isAllCaps(bytes, word.start, word.end) { continue }
            } else {
                previousTitle = false
            }
            let place = places[Int(match.index)]
            found.append(PlaceMention(name: place.name, region: place.region, latitude: place.latitude,
                                      longitude: place.longitude, range: word.start..<match.end))
        }
        return found
    }

    static func isAllCaps(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for i in start..<end where bytes[i] &- 0x41 >= 26 { return false }
        return true
    }
}

/// Splits UTF-8 text into words: runs of letters (any non-ASCII byte but typographic punctuation
/// counts as a letter), each with the joint that follows it.
struct WordScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Whether the character at `i` is a letter, and its width in bytes. Non-ASCII characters count as
    /// letters except Latin-1 punctuation (C2: no-break space, « ») and general punctuation (E2: ’ “ – …).
    @inline(__always) func character(at i: Int) -> (letter: Bool, width: Int) {
        let byte = bytes[i]
        if byte < 0x80 { return ((byte | 0x20) &- 0x61 < 26, 1) }
        if byte < 0xC0 { return (false, 1) }               // stray continuation byte
        let width = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        return (byte != 0xC2 && byte != 0xE2, min(width, bytes.count - i))
    }

    /// Length of an apostrophe at `i` (' ’ ‘ ʼ), or 0.
    @inline(__always) func apostrophe(at i: Int) -> Int {
        let byte = bytes[i]
        if byte == 0x27 { return 1 }
        if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99 { return 3 }
        if byte == 0xCA, i + 1 < bytes.count, bytes[i + 1] == 0xBC { return 2 }
        return 0
    }

    mutating func next() -> (start: Int, end: Int, joint: Joint)? {
        let count = bytes.count
        var i = position
        while i < count {
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
            let (letter, width) = character(at: i)
            if !letter { break }
            i += width
        }
        let end = i
        // One space, one hyphen or one apostrophe between two letters joins them into a name.
        var joint = Joint.none
        if i < count {
            let byte = bytes[i]
            var width = 0
            if byte == 0x20 {
                joint = .space; width = 1
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
        return (start, end, joint)
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
        didSet { frontsByRegion = FrontTable.regionForms(definitions) }
    }
    /// Every way of writing a front's region ("Kharkiv Oblast", "kharkiv region", "Kharkiv") → the fronts,
    /// so a lookup is one hash of the name as the gazetteer gives it, with no folding per call.
    private var frontsByRegion: [String: [Int]]

    public init(definitions: [FrontDefinition]) {
        self.definitions = definitions
        self.frontsByRegion = FrontTable.regionForms(definitions)
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

    /// The standard fronts plus those in a user's file; a user front with a standard front's name replaces it.
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
        let regionFronts = place.region.flatMap { frontsByRegion[$0] } ?? []
        var names: [String] = []
        for (i, front) in definitions.enumerated() {
            if regionFronts.contains(i) {
                names.append(front.name)
            } else if FrontTable.distanceKm(place.latitude, place.longitude, front.latitude, front.longitude)
                        <= front.radiusKm {
                names.append(front.name)
            }
        }
        return names
    }

    /// Names of the fronts any of the places belongs to, in table order.
    public func fronts(for places: [PlaceMention]) -> [String] {
        var hit = Set<String>()
        for place in places { hit.formUnion(fronts(for: place)) }
        return definitions.map(\.name).filter(hit.contains)
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

    static func regionForms(_ definitions: [FrontDefinition]) -> [String: [Int]] {
        var forms: [String: [Int]] = [:]
        for (i, front) in definitions.enumerated() {
            for region in front.regions {
                let key = regionKey(region)
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
        }
        return key
    }

    /// Great-circle distance (haversine, mean Earth radius).
    static func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0 * asin(min(1, a.squareRoot()))
    }
}
