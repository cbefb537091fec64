import Foundation
import Testing
@testable import FrontlineModel

/// SplitMix64: small, fast, and the same sequence for the same seed on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `work` on its own thread and gives up waiting after `limit`: a hang fails the test instead of
/// stalling the whole run. Not a speed test; the limit is far above any sane time for the input.
private final class Watchdog<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?

    static func run(limit: Duration, _ work: @escaping @Sendable () -> T) -> (value: T?, elapsed: Duration) {
        let box = Watchdog<T>()
        let done = DispatchSemaphore(value: 0)
        let start = ContinuousClock.now
        let thread = Thread {
            let result = work()
            box.lock.withLock { box.value = result }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        _ = done.wait(timeout: .now() + seconds)
        return (box.lock.withLock { box.value }, ContinuousClock.now - start)
    }
}

/// Time allowed per input in a debug build on a busy machine: generous, so that only a hang or a
/// badly super-linear stage trips it.
private func timeLimit(bytes: Int) -> Duration {
    .seconds(2) + .milliseconds(bytes / 100)  // 2 s plus 10 s per MB
}

/// What must hold for any text: ranges inside the text, ordinals in order, the text kept as given.
private func checkInvariants(_ analyzed: AnalyzedArticle, _ file: SourceFile, _ label: String) {
    let length = file.text.utf8.count
    #expect(analyzed.article.text == file.text, "\(label): article text changed")
    #expect(analyzed.article.id == file.id, "\(label)")
    for block in analyzed.article.blocks {
        #expect(block.range.lowerBound >= 0 && block.range.upperBound <= length, "\(label): block \(block.range) outside 0..<\(length)")
    }
    for (i, claim) in analyzed.claims.enumerated() {
        #expect(claim.ordinal == i, "\(label): ordinal \(claim.ordinal) at \(i)")
        #expect(claim.article == file.id, "\(label)")
        #expect(claim.range.lowerBound >= 0 && claim.range.upperBound <= length, "\(label): claim \(claim.range) outside 0..<\(length)")
        let span = max(claim.text.utf8.count, claim.range.count)
        for quantity in claim.quantities {
            #expect(quantity.range.lowerBound >= 0 && quantity.range.upperBound <= span, "\(label): quantity \(quantity.range) outside its sentence")
            #expect(quantity.value.isFinite, "\(label): quantity \(quantity.text) is \(quantity.value)")
        }
    }
}

/// Feeds one text to the extractor under the watchdog and checks the result.
private func analyzeSafely(_ text: String, _ label: String) {
    let file = SourceFile(path: "\(label).txt", id: label, text: text, byteCount: text.utf8.count)
    let limit = timeLimit(bytes: file.byteCount)
    let run = Watchdog.run(limit: limit) { Extractor.analyze(file, fronts: .standard) }
    guard let analyzed = run.value else {
        Issue.record("\(label): no result after \(run.elapsed) (\(file.byteCount) bytes): hang")
        return
    }
    #expect(run.elapsed <= limit, "\(label): \(run.elapsed) for \(file.byteCount) bytes")
    checkInvariants(analyzed, file, label)
}

private enum Pieces {
    static let seedWords: [String] = Seeds.names.flatMap { Seeds.text($0).split(whereSeparator: \.isWhitespace).map(String.init) }
    static let numbers = ["6,000", "2,400", "40%", "1.5", "½", "a fifth", "59,000", "10km", "2,400 sq mi", "2022", "3-4",
                          "1,000,000,000", "0.0001", "1e308", "99999999999999999999", "-17", "12:30", "+380", "1/3", "7th"]
    static let bounds = ["about", "approximately", "more than", "over", "up to", "at least", "nearly", "some", "fewer than", "as many as"]
    static let units = ["square kilometers", "km²", "km2", "square miles", "sq mi", "miles", "troops", "tanks", "percent", "%", "metres a day"]
    static let quotes = ["\"", "“", "”", "‘", "’", "«", "»", "'", "„", "‹", "›", "`"]
    static let punctuation = [".", ",", ";", ":", "!", "?", "…", "—", "–", "-", "(", ")", "[", "]", "U.S.", "U.K.", "Dr.", "St.", "p.m."]
    static let scripts = ["Харків", "Курахове", "Курськ", "哈尔科夫", "库尔斯克", "خاركيف", "كورسك", "🇺🇦", "🪖", "👨‍👩‍👧", "ﷺ", "𝔘𝔨𝔯𝔞𝔦𝔫𝔢", "Ꙭ"]
    static let combining = ["\u{301}", "\u{308}", "\u{20DD}", "\u{FE0F}", "\u{200D}", "\u{200B}", "\u{202E}", "\u{0489}"]
    static let places = ["Kharkiv", "Kursk", "Kurakhove", "Izium", "Kupiansk", "Sudzha", "Donetsk", "Pokrovsk"]
    static let speakers = ["Zelensky said", "said Zelenskyy", "according to the ministry", "Blinken stated", "the U.K. defense ministry said"]
    static let breaks = ["\n", "\n\n", " ", "  ", "\t", "\u{0C}", "\u{2028}", "\u{85}", "\r\n"]
}

/// Random text assembled from pieces of real articles and the characters that trouble parsers.
private func soup(_ rng: inout SeededGenerator, tokens: Int) -> String {
    var out = ""
    for _ in 0..<tokens {
        let pick = Int.random(in: 0..<100, using: &rng)
        let piece: String
        switch pick {
        case 0..<35: piece = Pieces.seedWords.randomElement(using: &rng) ?? "Kharkiv"
        case 35..<45: piece = Pieces.numbers.randomElement(using: &rng)!
        case 45..<50: piece = Pieces.bounds.randomElement(using: &rng)!
        case 50..<55: piece = Pieces.units.randomElement(using: &rng)!
        case 55..<63: piece = Pieces.quotes.randomElement(using: &rng)!
        case 63..<73: piece = Pieces.punctuation.randomElement(using: &rng)!
        case 73..<78: piece = Pieces.scripts.randomElement(using: &rng)!
        case 78..<81: piece = "a" + Pieces.combining.randomElement(using: &rng)!
        case 81..<85: piece = Pieces.places.randomElement(using: &rng)!
        case 85..<88: piece = Pieces.speakers.randomElement(using: &rng)!
        case 88..<90: piece = String(UnicodeScalar(UInt8.random(in: 0...0x7F, using: &rng)))
        default: piece = Pieces.breaks.randomElement(using: &rng)!
        }
        out += piece
        if Int.random(in: 0..<3, using: &rng) != 0 { out += " " }
    }
    return out
}

@Suite("Extraction never crashes or hangs", .serialized)
struct FuzzTests {
    /// Inputs built to hit the worst cases of scanners: long runs, deep nesting, no boundaries.
    static let adversarial: [(String, @Sendable () -> String)] = [
        ("endless-digits", { String(repeating: "1234567890", count: 20_000) }),
        ("digit-groups", { String(repeating: "1,000,", count: 30_000) + " square kilometers." }),
        ("decimal-points", { String(repeating: "1.", count: 50_000) }),
        ("quote-marks", { String(repeating: "\"", count: 100_000) }),
        ("curly-quotes", { String(repeating: "“‘”’«»", count: 17_000) }),
        ("nested-quotations", {
            var s = "Zelensky said "
            for i in 0..<2_000 { s += i % 2 == 0 ? "“he said " : "‘they said " }
            s += "Kharkiv is free"
            for i in (0..<2_000).reversed() { s += i % 2 == 0 ? ".”" : "’" }
            return s
        }),
        ("unclosed-quotes", { String(repeating: "“Russian forces withdrew from Kharkiv, he said. ", count: 3_000) }),
        ("mixed-scripts", { String(repeating: "Харків 哈尔科夫 خاركيف 🇺🇦 Kharkiv 6,000 км² — ", count: 3_000) }),
        ("combining-marks", { String(repeating: "K" + String(repeating: "\u{301}\u{308}\u{20DD}", count: 300) + " ", count: 100) }),
        ("zalgo-digits", { String(repeating: "6\u{301},0\u{308}00 km\u{20DD}² ", count: 5_000) }),
        ("no-sentence-end", { String(repeating: "russian forces withdrew from the region near kharkiv and ", count: 4_000) }),
        ("one-megabyte-no-spaces", { String(repeating: "Kharkivkurskkurakhove", count: 50_000) }),
        ("one-megabyte-line", { String(repeating: "troops advanced about six thousand square kilometers ", count: 20_000) }),
        ("empty-lines", { String(repeating: "\n", count: 200_000) }),
        ("only-spaces", { String(repeating: " \t", count: 100_000) }),
        ("abbreviations", { String(repeating: "U.S. U.K. Dr. St. p.m. a.m. e.g. i.e. ", count: 5_000) }),
        ("ellipses", { String(repeating: "...", count: 60_000) }),
        ("parentheses", { String(repeating: "(", count: 50_000) + "Kursk" + String(repeating: ")", count: 50_000) }),
        ("bound-words", { String(repeating: "more than about approximately up to at least ", count: 4_000) + "6,000 troops." }),
        ("unit-words", { String(repeating: "6,000 square kilometers square miles km² ", count: 5_000) }),
        ("speaker-chain", { String(repeating: "Zelensky said Blinken said the ministry said ", count: 4_000) + "." }),
        ("long-title", { String(repeating: "Kharkiv ", count: 20_000) + "\n\nBody." }),
        ("bidi-and-zero-width", { String(repeating: "\u{202E}Kursk\u{200B}\u{200D}\u{FEFF}40%\u{202C} ", count: 10_000) }),
        ("replacement-chars", { String(repeating: "\u{FFFD}", count: 100_000) }),
        ("huge-numbers", { (0..<2_000).map { _ in String(repeating: "9", count: 400) + " km" }.joined(separator: ". ") }),
        ("single-character", { "." }),
        ("empty", { "" }),
    ]

    @Test func adversarialTexts() {
        for (label, make) in Self.adversarial { analyzeSafely(make(), label) }
    }

    @Test func randomSoups() {
        var rng = SeededGenerator(seed: 0xF120_2024)
        for round in 0..<300 {
            let tokens = Int.random(in: 0..<1_500, using: &rng)
            analyzeSafely(soup(&rng, tokens: tokens), "soup-\(round)")
        }
    }

    @Test func shuffledSeedSentences() {
        var rng = SeededGenerator(seed: 7)
        let lines = Seeds.names.flatMap { Seeds.text($0).split(separator: "\n").map(String.init) }
        for round in 0..<50 {
            var picked = (0..<Int.random(in: 1..<80, using: &rng)).map { _ in lines.randomElement(using: &rng)! }
            // Cut some lines mid-sentence, the way broken scrapes do.
            for i in picked.indices where Int.random(in: 0..<4, using: &rng) == 0 {
                let cut = Int.random(in: 0...picked[i].count, using: &rng)
                picked[i] = String(picked[i].prefix(cut))
            }
            analyzeSafely(picked.joined(separator: "\n"), "shuffled-\(round)")
        }
    }

    @Test func randomBytesThroughTheDecoder() {
        var rng = SeededGenerator(seed: 0xDEC0DE)
        var decodedCount = 0
        for round in 0..<300 {
            let count = Int.random(in: 0..<8_000, using: &rng)
            // Mostly text-like bytes, so that many inputs pass the binary check and reach the extractor.
            let highShare = Int.random(in: 0..<100, using: &rng)
            var bytes = [UInt8](repeating: 0, count: count)
            for i in 0..<count {
                let r = Int.random(in: 0..<100, using: &rng)
                bytes[i] = r < highShare ? UInt8.random(in: 0x80...0xFF, using: &rng)
                    : r < 97 ? UInt8.random(in: 0x20...0x7E, using: &rng) : UInt8.random(in: 1...0x1F, using: &rng)
            }
            if round % 5 == 2 && count > 0 { bytes[Int.random(in: 0..<count, using: &rng)] = 0 }
            if round % 10 == 0 { bytes = [0xFF, 0xFE] + bytes }
            if round % 10 == 1 { bytes = [0xFE, 0xFF] + bytes }
            switch TextDecoding.decode(bytes) {
            case .success(let decoded):
                decodedCount += 1
                #expect(!decoded.text.utf8.contains(0x0D), "round \(round): CR survived")
                analyzeSafely(decoded.text, "bytes-\(round)")
            case .failure(let failure):
                #expect(failure.reason == "empty file" || failure.reason.hasPrefix("binary file"), "round \(round)")
            }
        }
        #expect(decodedCount > 150)
    }

    @Test func oneMegabyteOfRandomBytesDecodesWithoutTrouble() {
        var rng = SeededGenerator(seed: 1)
        let bytes = (0..<(1 << 20)).map { _ in UInt8.random(in: 0x20...0xFF, using: &rng) }
        let run = Watchdog.run(limit: timeLimit(bytes: bytes.count)) { TextDecoding.decode(bytes) }
        guard case .success(let decoded)? = run.value else {
            Issue.record("no text from 1 MB of bytes without controls")
            return
        }
        #expect(decoded.encoding == .windows1252)
        analyzeSafely(decoded.text, "random-megabyte")
    }

    @Test func corpusLoadOfAFolderOfGarbage() throws {
        var rng = SeededGenerator(seed: 99)
        let dir = TestFolder("fuzz-corpus")
        var written = 0
        for i in 0..<120 {
            let name = "f\(i).\(i % 3 == 0 ? "md" : "txt")"
            if i % 4 == 0 {
                let bytes = (0..<Int.random(in: 0..<4_000, using: &rng)).map { _ in UInt8.random(in: 0...0xFF, using: &rng) }
                dir.write(name, bytes: bytes)
            } else {
                dir.write(name, soup(&rng, tokens: Int.random(in: 0..<800, using: &rng)))
            }
            written += 1
        }
        for (label, make) in Self.adversarial.prefix(8) { dir.write("adversarial/\(label).txt", make()) }
        written += 8
        let run = Watchdog.run(limit: .seconds(60)) { Result { () throws(FolderError) in try Corpus.load(folder: dir.path) } }
        guard let result = run.value else {
            Issue.record("Corpus.load gave no result after \(run.elapsed)")
            return
        }
        let corpus = try result.get()
        #expect(corpus.report.loaded + corpus.report.issues.count == written)
        #expect(corpus.report.issues.allSatisfy { $0.kind == .skipped && ($0.reason == "empty file" || $0.reason.hasPrefix("binary")) })
        #expect(corpus.claims.allSatisfy { claim in corpus.articles.contains { $0.id == claim.article } })
    }
}
