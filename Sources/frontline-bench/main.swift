// Figures for BENCHMARKS.md. Run in release:
//   swift run -c release frontline-bench [--quick] [--json] [--small DIR] [--large DIR] [--seeds DIR]
//   frontline-bench load DIR [--store]     one load in this process: time and peak memory (VmHWM)
//   frontline-bench startup DIR            load + first frame, prints the monotonic clock at the end
// Missing corpora are generated with scripts/generate_corpus.py (seed 1) into /tmp.

import Foundation
import FrontlineModel
import FrontlineTUI

// MARK: - clocks, memory, machine

enum Clock {
    /// CLOCK_MONOTONIC in nanoseconds: comparable between processes on the same machine.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let value = try body()
        return (value, Double(now() - start) / 1e9)
    }

    /// CPU time of the whole process (all threads), in seconds: what the work cost, whatever the load.
    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Wall and CPU seconds of `body`. On a shared machine the wall time grows with the load
    /// average while the CPU time mostly does not.
    static func timed<T>(_ body: () throws -> T) rethrows -> (value: T, wall: Double, cpu: Double) {
        let cpu0 = processCPU()
        let start = now()
        let value = try body()
        let wall = Double(now() - start) / 1e9
        return (value, wall, processCPU() - cpu0)
    }
}

enum Machine {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var loadAverage: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static var cpuModel: String {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
        }
        return "?"
    }

    /// A line of /proc/self/status in kB ("VmHWM" is the peak resident set, "VmRSS" the current one).
    static func statusKB(_ field: String) -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.filter(\.isNumber)
            return Int(digits) ?? 0
        }
        return 0
    }
}

// MARK: - results

struct Figure: Sendable {
    var name: String
    var unit: String
    /// Every repetition, in `unit`.
    var samples: [Double]
    /// The same measure from CPU time instead of wall time, when taken.
    var cpu: [Double] = []
    var target: String = ""
    /// The measured median against the target: > 1 means better than the target.
    var ratio: Double? = nil
    var note: String = ""

    var median: Double { Figure.median(samples) }
    var cpuMedian: Double { Figure.median(cpu) }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    /// The best repetition: the lowest time or the highest rate.
    var best: Double {
        higherIsBetter ? (samples.max() ?? .nan) : (samples.min() ?? .nan)
    }
    var higherIsBetter: Bool { unit.hasSuffix("/s") || unit == "x" }
}

struct Report {
    var figures: [Figure] = []
    var json = false

    mutating func add(_ figure: Figure) {
        figures.append(figure)
        if !json {
            print(Report.row(figure))
            fflush(nil)
        }
    }

    static let header = pad("benchmark", 44) + pad("median", 10, right: true) + pad("best", 10, right: true)
        + pad("cpu med", 10, right: true) + "  " + pad("unit", 8) + pad("target", 12) + pad("ratio", 8) + "n  note"

    static func row(_ f: Figure) -> String {
        pad(f.name, 44) + pad(format(f.median), 10, right: true) + pad(format(f.best), 10, right: true)
            + pad(format(f.cpuMedian), 10, right: true) + "  " + pad(f.unit, 8) + pad(f.target, 12) + pad(f.ratio.map { String(format: "%.2f", $0) } ?? "", 8)
            + pad(String(f.samples.count), 3) + f.note
    }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "-" }
        if x >= 1000 { return String(format: "%.0f", x) }
        if x >= 100 { return String(format: "%.1f", x) }
        if x >= 1 { return String(format: "%.2f", x) }
        return String(format: "%.3f", x)
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let count = s.count
        if count >= width { return s + " " }
        let fill = String(repeating: " ", count: width - count)
        return right ? fill + s : s + fill
    }

    func printJSON(machine: [String: String], to path: String? = nil) {
        var items: [[String: Any]] = []
        for f in figures {
            var item: [String: Any] = ["name": f.name, "unit": f.unit, "samples": f.samples,
                                       "median": f.median, "best": f.best, "target": f.target, "note": f.note]
            if !f.cpu.isEmpty { item["cpu_samples"] = f.cpu; item["cpu_median"] = f.cpuMedian }
            if let r = f.ratio { item["ratio"] = r }
            items.append(item)
        }
        let object: [String: Any] = ["machine": machine, "figures": items]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return }
        if let path {
            _ = FileManager.default.createFile(atPath: path, contents: data)
        } else {
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

// MARK: - options

struct Options {
    var quick = false
    var json = false
    var small = "/tmp/frontline-bench-10k"
    var large = "/tmp/frontline-bench-100k"
    var seeds = "seeds"
    var only: Set<String> = []
    var skipLarge = false
    var command: String? = nil
    var commandArgument: String? = nil
    var store = false
    var save: String? = nil

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("missing value after \(args[i - 1])") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--quick": o.quick = true
            case "--json": o.json = true
            case "--small": o.small = value()
            case "--large": o.large = value()
            case "--seeds": o.seeds = value()
            case "--no-large": o.skipLarge = true
            case "--store": o.store = true
            case "--save": o.save = value()
            case "--only": o.only = Set(value().split(separator: ",").map(String.init))
            case "-h", "--help":
                print("""
                usage: frontline-bench [--quick] [--json] [--save FILE.json] [--small DIR] [--large DIR] [--seeds DIR] [--no-large]
                                       [--only extract,load,refresh,search,frame,startup]
                       frontline-bench load DIR [--store]
                       frontline-bench startup DIR
                       frontline-bench state DIR
                """)
                exit(0)
            case "load", "startup", "state":
                o.command = args[i]
                o.commandArgument = value()
            default:
                fail("unknown argument \(args[i])")
            }
            i += 1
        }
        return o
    }

    func wants(_ name: String) -> Bool { only.isEmpty || only.contains(name) }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("frontline-bench: \(message)\n".utf8))
    exit(2)
}

func note(_ message: String, json: Bool) {
    // Progress goes to stderr so that --json output stays clean.
    FileHandle.standardError.write(Data("  … \(message)\n".utf8))
}

// MARK: - corpora

enum Corpora {
    /// Generates the corpus with the repository's script when the folder does not exist yet.
    static func ensure(_ folder: String, articles: Int, json: Bool) {
        if FileManager.default.fileExists(atPath: folder) { return }
        let script = "scripts/generate_corpus.py"
        guard FileManager.default.fileExists(atPath: script) else {
            fail("\(folder) is missing and \(script) is not here: run from the repository root or pass --small/--large")
        }
        note("generating \(articles) articles into \(folder)", json: json)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, "--articles", String(articles), "--seed", "1", folder]
        do { try p.run() } catch { fail("cannot run python3: \(error)") }
        p.waitUntilExit()
        if p.terminationStatus != 0 { fail("corpus generation failed") }
    }

    /// Reads up to `limit` article files into memory, decoded, so that extraction alone is timed.
    static func read(_ folder: String, limit: Int) -> [SourceFile] {
        let listing: (paths: [String], skipped: [LoadIssue])
        do { listing = try FolderLoader.listArticles(in: folder) } catch { fail("\(error)") }
        var files: [SourceFile] = []
        for path in listing.paths.prefix(limit) {
            if case .success(let file) = FolderLoader.read(relativePath: path, in: folder) { files.append(file) }
        }
        return files
    }
}

// MARK: - benchmarks

/// Each index is written by exactly one iteration of concurrentPerform.
struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

enum Extraction {
    static func run(files: [SourceFile], repetitions: Int, report: inout Report) {
        let fronts = FrontTable.standard
        let bytes = Double(files.reduce(0) { $0 + $1.byteCount })
        let mb = bytes / 1_000_000
        // One warm-up pass: first use of tables, page faults.
        var claims = 0
        for f in files.prefix(200) { claims &+= Extractor.analyze(f, fronts: fronts).claims.count }

        var one: [Double] = [], oneCPU: [Double] = []
        var oneArticles: [Double] = []
        for _ in 0..<repetitions {
            let t = Clock.timed { () -> Int in
                var n = 0
                for f in files { n &+= Extractor.analyze(f, fronts: fronts).claims.count }
                return n
            }
            claims = t.value
            one.append(mb / t.wall)
            oneCPU.append(mb / t.cpu)
            oneArticles.append(Double(files.count) / t.wall)
        }
        var two: [Double] = [], twoCPU: [Double] = []
        var twoArticles: [Double] = []
        let chunks = 64
        for _ in 0..<repetitions {
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: chunks)
            counts.initialize(repeating: 0, count: chunks)
            let slots = Slots(base: counts)
            let t = Clock.timed {
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    var n = 0
                    var i = c
                    while i < files.count {
                        n &+= Extractor.analyze(files[i], fronts: fronts).claims.count
                        i += chunks
                    }
                    slots.base[c] = n
                }
            }
            counts.deallocate()
            two.append(mb / t.wall)
            twoCPU.append(mb / t.cpu)
            twoArticles.append(Double(files.count) / t.wall)
        }
        let sizeNote = String(format: "%d files, %.1f MB, %d claims/pass", files.count, mb, claims)
        var f1 = Figure(name: "extract, 1 core", unit: "MB/s", samples: one, cpu: oneCPU, target: ">= 30",
                        note: sizeNote + "; cpu med = MB per CPU-second")
        f1.ratio = f1.median / 30
        report.add(f1)
        report.add(Figure(name: "extract, 1 core (articles)", unit: "art/s", samples: oneArticles))
        let cores = min(2, Machine.cores)
        var f2 = Figure(name: "extract, \(cores) cores (concurrentPerform)", unit: "MB/s", samples: two, cpu: twoCPU,
                        target: "> 1 core", note: "per core vs 30 MB/s: " + String(format: "%.2f", (two.sorted()[two.count / 2] / Double(cores)) / 30))
        f2.ratio = f2.median / f1.median
        report.add(f2)
        report.add(Figure(name: "extract, \(cores) cores (articles)", unit: "art/s", samples: twoArticles))
    }
}

extension Extraction {
    /// The real seed articles, repeated to about 5 MB: a check that the generated text is no easier.
    static func seeds(_ seeds: [SourceFile], repetitions: Int, report: inout Report) {
        let fronts = FrontTable.standard
        let bytes = seeds.reduce(0) { $0 + $1.byteCount }
        let times = max(1, 5_000_000 / max(1, bytes))
        var rates: [Double] = [], cpu: [Double] = []
        for f in seeds { _ = Extractor.analyze(f, fronts: fronts) }
        for _ in 0..<repetitions {
            let t = Clock.timed { () -> Int in
                var n = 0
                for _ in 0..<times { for f in seeds { n &+= Extractor.analyze(f, fronts: fronts).claims.count } }
                return n
            }
            rates.append(Double(bytes * times) / 1e6 / t.wall)
            cpu.append(Double(bytes * times) / 1e6 / t.cpu)
        }
        var f = Figure(name: "extract, 1 core, seeds x\(times)", unit: "MB/s", samples: rates, cpu: cpu, target: ">= 30")
        f.ratio = f.median / 30
        f.note = "\(seeds.count) seed articles, \(bytes) bytes, repeated"
        report.add(f)
    }
}

/// One load in this process, for `frontline-bench load DIR`: prints a JSON line with time and peak memory.
enum LoadChild {
    static func run(folder: String, store: Bool) {
        let before = Machine.statusKB("VmHWM")
        let start = Clock.now()
        var articles = 0, claims = 0, comparisons = 0, issues = 0
        var seconds = 0.0, teardown = 0.0
        // The clock stops while the corpus is still held: freeing 3M claims takes about a second at 100k,
        // and the optimiser would otherwise release it before the clock is read. Teardown is reported apart.
        func count(_ corpus: Corpus) {
            seconds = Double(Clock.now() - start) / 1e9
            articles = corpus.articles.count
            claims = corpus.claims.count
            comparisons = corpus.comparisons.count
            issues = corpus.report.issues.count
        }
        do {
            if store {
                var s = CorpusStore(folder: folder)
                try s.reloadAll()
                count(s.corpus)
                let freeing = Clock.now()
                s = CorpusStore(folder: folder)
                teardown = Double(Clock.now() - freeing) / 1e9
            } else {
                var c: Corpus? = try Corpus.load(folder: folder)
                count(c!)
                let freeing = Clock.now()
                c = nil
                teardown = Double(Clock.now() - freeing) / 1e9
            }
        } catch {
            fail("\(error)")
        }
        let peak = Machine.statusKB("VmHWM")
        print("{\"seconds\": \(seconds), \"teardown_seconds\": \(teardown), \"cpu_seconds\": \(Clock.processCPU()), \"peak_kb\": \(peak), \"baseline_kb\": \(before), \"articles\": \(articles), "
              + "\"claims\": \(claims), \"comparisons\": \(comparisons), \"issues\": \(issues)}")
    }
}

enum Load {
    struct Outcome: Decodable {
        var seconds: Double
        var cpu_seconds: Double
        var peak_kb: Int
        var baseline_kb: Int
        var articles: Int
        var claims: Int
        var comparisons: Int
        var issues: Int
    }

    /// Reads every article once, untimed: the figures are for a warm page cache, and the benchmarks
    /// before this one may have pushed a large corpus out of it.
    static func warmPageCache(_ folder: String) {
        guard let listing = try? FolderLoader.listArticles(in: folder) else { return }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for path in listing.paths {
            let fd = open(folder + "/" + path, O_RDONLY)
            guard fd >= 0 else { continue }
            while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
            close(fd)
        }
    }

    static func child(_ args: [String]) -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { fail("cannot start child: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let outcome = try? JSONDecoder().decode(Outcome.self, from: data) else {
            fail("child \(args) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return outcome
    }

    static func run(folder: String, label: String, repetitions: Int, targetSeconds: Double, store: Bool, report: inout Report) {
        warmPageCache(folder)
        var seconds: [Double] = [], cpu: [Double] = []
        var peaks: [Double] = []
        var last: Outcome? = nil
        for _ in 0..<repetitions {
            let o = child(["load", folder] + (store ? ["--store"] : []))
            seconds.append(o.seconds)
            cpu.append(o.cpu_seconds)
            peaks.append(Double(o.peak_kb) / 1024)
            last = o
        }
        let how = store ? "CorpusStore.reloadAll" : "Corpus.load"
        var t = Figure(name: "load \(label) (\(how))", unit: "s", samples: seconds, cpu: cpu,
                       target: "< " + Report.format(targetSeconds))
        t.ratio = targetSeconds / t.median
        if let o = last {
            t.note = "\(o.articles) articles, \(o.claims) claims, \(o.comparisons) comparisons, \(o.issues) issues; warm page cache; cpu = whole child, all cores"
        }
        report.add(t)
        var m = Figure(name: "load \(label) peak memory, VmHWM (\(store ? "store" : "load"))", unit: "MB", samples: peaks,
                       target: label.hasPrefix("100") ? "< 2048" : "")
        if label.hasPrefix("100") { m.ratio = 2048 / m.median }
        m.note = "child process; baseline " + String(format: "%.0f", Double(last?.baseline_kb ?? 0) / 1024) + " MB"
        report.add(m)
    }
}

/// Holds a replaced corpus until the bench frees it, timed.
final class Retired {
    var corpus: Corpus?
    init(_ corpus: Corpus) { self.corpus = corpus }
}

enum Refresh {
    /// Writes one article (alternately with and without an added sentence) and times until the store has it.
    static func run(folder: String, repetitions: Int, report: inout Report) {
        var store = CorpusStore(folder: folder)
        do { try store.reloadAll() } catch { fail("\(error)") }
        guard let article = store.corpus.articles.dropFirst(store.corpus.articles.count / 2).first else { return }
        let full = (folder as NSString).appendingPathComponent(article.path)
        guard let original = FileManager.default.contents(atPath: full) else { return }
        defer { _ = FileManager.default.createFile(atPath: full, contents: original) }
        let added = Data("\n\nUkrainian forces pushed back a Russian assault near Kupiansk, the General Staff said on Friday.\n".utf8)
        var samples: [Double] = [], cpu: [Double] = []
        var screen: [Double] = [], screenCPU: [Double] = []
        var freeing: [Double] = [], freeingCPU: [Double] = []
        var dashboardOnly: [Double] = [], dashboardOnlyCPU: [Double] = []
        var dashboard = DashboardState(corpus: store.corpus)
        _ = update(&dashboard, .resize(width: 200, height: 60))
        _ = update(&dashboard, .key(.char("2")))
        var reflected = true
        for rep in 0..<repetitions {
            let edited = rep % 2 == 0
            let contents = edited ? original + added : original
            let t = Clock.timed { () -> ChangeSummary in
                guard FileManager.default.createFile(atPath: full, contents: contents) else { fail("cannot write \(full)") }
                return store.refresh(paths: [article.path])
            }
            let summary = t.value
            samples.append(t.wall * 1000)
            cpu.append(t.cpu * 1000)
            if summary.updated.isEmpty { reflected = false }
            // What the dashboard adds before the change is on screen: its update and one frame. As the
            // loop does, the replaced corpus is freed once the frame is drawn; that is timed apart.
            let corpus = store.corpus
            let replaced = Retired(dashboard.corpus)
            let d = Clock.timed {
                _ = update(&dashboard, .corpusChanged(corpus, summary, at: 0))
                var grid = CellGrid(width: 200, height: 60)
                render(dashboard, into: &grid)
            }
            screen.append((t.wall + d.wall) * 1000)
            screenCPU.append((t.cpu + d.cpu) * 1000)
            dashboardOnly.append(d.wall * 1000)
            dashboardOnlyCPU.append(d.cpu * 1000)
            let f = Clock.timed { replaced.corpus = nil }
            freeing.append(f.wall * 1000)
            freeingCPU.append(f.cpu * 1000)
        }
        var f = Figure(name: "one changed file in 10k (write+refresh)", unit: "ms", samples: samples, cpu: cpu, target: "< 100")
        f.ratio = 100 / f.median
        f.note = "CorpusStore.refresh(paths:), \(store.corpus.articles.count) articles, \(store.corpus.claims.count) claims"
            + (reflected ? "" : "; WARNING: change not reported as updated")
        report.add(f)
        // For scale: the comparison pass over the whole corpus, which refresh no longer re-runs.
        var cmp: [Double] = [], cmpCPU: [Double] = []
        let (articles, claims) = (store.corpus.articles, store.corpus.claims)
        for _ in 0..<3 {
            let t = Clock.timed { Comparer.compare(articles: articles, claims: claims).count }
            cmp.append(t.wall * 1000)
            cmpCPU.append(t.cpu * 1000)
        }
        report.add(Figure(name: "  (Comparer.compare over the whole corpus)", unit: "ms", samples: cmp, cpu: cmpCPU,
                          note: "measured apart, same corpus; refresh regroups kept facts instead"))
        var g = Figure(name: "  … + dashboard update + frame (Claims)", unit: "ms", samples: screen, cpu: screenCPU, target: "< 100")
        g.ratio = 100 / g.median
        g.note = "update(.corpusChanged) and render 200x60 added to the line above; no terminal, no inotify"
        report.add(g)
        report.add(Figure(name: "  … of which dashboard update + frame", unit: "ms", samples: dashboardOnly, cpu: dashboardOnlyCPU,
                          note: "the line above without the refresh"))
        report.add(Figure(name: "  … then freeing the replaced corpus", unit: "ms", samples: freeing, cpu: freeingCPU,
                          note: "after the frame, as the dashboard's loop does; not in the lines above"))
    }
}

/// Case-insensitive substring search by scanning each claim's UTF-8 bytes, ASCII case folded:
/// what a simple dashboard filter does, with no preparation.
struct ClaimScan {
    let needle: [UInt8]
    static let lower: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for b in 0..<256 { table[b] = UInt8(b >= 65 && b <= 90 ? b + 32 : b) }
        return table
    }()

    init(_ query: String) {
        needle = query.utf8.map { ClaimScan.lower[Int($0)] }
    }

    func matches(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ find(in: $0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { find(in: $0) }
    }

    func find(in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        if hay.count < n { return false }
        return needle.withUnsafeBufferPointer { nb -> Bool in
            ClaimScan.lower.withUnsafeBufferPointer { low -> Bool in
                let first = nb[0]
                let last = hay.count - n
                var i = 0
                while i <= last {
                    if low[Int(hay[i])] == first {
                        var j = 1
                        while j < n && low[Int(hay[i + j])] == nb[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    func filter(_ claims: [Claim]) -> [Int] {
        var out: [Int] = []
        for i in claims.indices where matches(claims[i].text) { out.append(i) }
        return out
    }
}

/// Case-insensitive substring search over one buffer of every claim's lowercased text, built once per
/// corpus change: glibc's memmem finds candidates at memory speed and each hit maps back to its claim.
struct ClaimIndex {
    typealias MemMem = @convention(c) (UnsafeRawPointer?, Int, UnsafeRawPointer?, Int) -> UnsafeMutableRawPointer?
    // memmem is a GNU extension that Swift's Glibc module does not declare.
    nonisolated(unsafe) static let memmem: MemMem = unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memmem")!, to: MemMem.self)

    /// Lowercased texts, each followed by a newline (folded claim text holds none, so no match spans two claims).
    private(set) var bytes: [UInt8] = []
    /// Where each claim's text starts in `bytes`, plus the end.
    private(set) var starts: [Int] = []

    /// How often each byte occurs in a sample of `bytes`, per million.
    private(set) var frequency = [Int](repeating: 0, count: 256)

    init(_ claims: [Claim]) {
        starts.reserveCapacity(claims.count + 1)
        for claim in claims {
            starts.append(bytes.count)
            bytes.append(contentsOf: claim.text.lowercased().utf8)
            bytes.append(10)
        }
        starts.append(bytes.count)
        let sample = bytes.prefix(4_000_000)
        var counts = [Int](repeating: 0, count: 256)
        for b in sample { counts[Int(b)] += 1 }
        frequency = counts.map { $0 * 1_000_000 / max(1, sample.count) }
    }

    /// The needle's rarest byte and its offset, when it is rare enough for memchr to beat memmem.
    private func rareByte(_ needle: [UInt8]) -> Int? {
        var best = 0
        for i in needle.indices where frequency[Int(needle[i])] < frequency[Int(needle[best])] { best = i }
        return frequency[Int(needle[best])] < 2_000 ? best : nil
    }

    var count: Int { starts.count - 1 }

    /// Indices of the claims whose text contains `query`, ignoring case, in order.
    func search(_ query: String) -> [Int] {
        search(Array(query.lowercased().utf8), claims: 0..<count)
    }

    /// The same, with the claims cut in `parts` slices searched on all cores.
    func search(_ query: String, parts: Int) -> [Int] {
        let needle = Array(query.lowercased().utf8)
        let size = (count + parts - 1) / parts
        let results = UnsafeMutablePointer<[Int]>.allocate(capacity: parts)
        results.initialize(repeating: [], count: parts)
        defer { results.deinitialize(count: parts); results.deallocate() }
        let slots = Slots(base: results)
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            let range = min(count, p * size)..<min(count, (p + 1) * size)
            slots.base[p] = search(needle, claims: range)
        }
        return (0..<parts).flatMap { results[$0] }
    }

    func search(_ needle: [UInt8], claims: Range<Int>) -> [Int] {
        if needle.isEmpty { return Array(claims) }
        var out: [Int] = []
        bytes.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n in
                guard let base = hay.baseAddress, !claims.isEmpty else { return }
                var offset = starts[claims.lowerBound]
                let end = starts[claims.upperBound]
                var claim = claims.lowerBound
                if let k = rareByte(needle) {
                    // memchr on a rare byte (a digit, a z) skips most of the text at memory speed.
                    var from = offset + k
                    while from < end, let p = memchr(base + from, Int32(needle[k]), end - from) {
                        let at = base.distance(to: UnsafeRawPointer(p)) - k
                        if at + needle.count <= end && memcmp(base + at, n.baseAddress!, needle.count) == 0 {
                            claim = owner(of: at, from: claim)
                            out.append(claim)
                            from = starts[claim + 1] + k
                        } else {
                            from = at + k + 1
                        }
                    }
                    return
                }
                while offset < end, let hit = ClaimIndex.memmem(base + offset, end - offset, n.baseAddress, n.count) {
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    claim = owner(of: position, from: claim)
                    out.append(claim)
                    offset = starts[claim + 1]
                }
            }
        }
        return out
    }

    /// The claim whose text holds byte `position`, searching forward from `from` by bisection.
    private func owner(of position: Int, from: Int) -> Int {
        var lo = from, hi = starts.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= position { lo = mid } else { hi = mid }
        }
        return lo
    }
}

enum Search {
    static func replicate(_ claims: [Claim], to count: Int) -> [Claim] {
        guard !claims.isEmpty else { return [] }
        var out: [Claim] = []
        out.reserveCapacity(count)
        while out.count < count { out.append(contentsOf: claims.prefix(count - out.count)) }
        return out
    }

    static func run(base: [Claim], repetitions: Int, quick: Bool, report: inout Report) {
        let claims = replicate(base, to: 1_000_000)
        let mb = claims.reduce(0) { $0 + $1.text.utf8.count } / 1_000_000
        let built = Clock.timed { ClaimIndex(claims) }
        let index = built.value
        report.add(Figure(name: "search index build, 1M claims", unit: "ms", samples: [built.wall * 1000], cpu: [built.cpu * 1000],
                          note: "once per corpus change: lowercased() of every claim into one buffer (\(mb) MB)"))
        let scan = ClaimScan("kupiansk")
        for query in ["Kupiansk", "north korean", "59,000", "zzqx"] {
            var samples: [Double] = [], cpu: [Double] = []
            var hits = 0
            for _ in 0..<repetitions {
                let t = Clock.timed { index.search(query) }
                hits = t.value.count
                samples.append(t.wall * 1000)
                cpu.append(t.cpu * 1000)
            }
            var f = Figure(name: "search 1M claims \"\(query)\"", unit: "ms", samples: samples, cpu: cpu, target: "< 50")
            f.ratio = 50 / f.median
            f.note = "bench ClaimIndex (memmem or memchr on a rare byte, lowercased text, 1 core), \(hits) hits"
            if query == "Kupiansk" {
                // The two searches must agree, or the fast one is measuring the wrong thing.
                let expected = scan.filter(Array(claims.prefix(100_000)))
                let got = Array(index.search(query).prefix { $0 < 100_000 })
                if expected != got { f.note += "; MISMATCH with ClaimScan on the first 100k claims" }
            }
            report.add(f)
        }
        let cores = min(2, Machine.cores)
        var parallel: [Double] = []
        var parallelHits = 0
        for _ in 0..<repetitions {
            let (found, seconds) = Clock.seconds { index.search("Kupiansk", parts: cores) }
            parallelHits = found.count
            parallel.append(seconds * 1000)
        }
        var p = Figure(name: "search 1M claims \"Kupiansk\", \(cores) cores", unit: "ms", samples: parallel, target: "< 50")
        p.ratio = 50 / p.median
        p.note = "ClaimIndex split in \(cores) slices (concurrentPerform), \(parallelHits) hits"
        report.add(p)
        var scanSamples: [Double] = [], scanCPU: [Double] = []
        var scanHits = 0
        for _ in 0..<max(1, repetitions / 3) {
            let t = Clock.timed { scan.filter(claims) }
            scanHits = t.value.count
            scanSamples.append(t.wall * 1000)
            scanCPU.append(t.cpu * 1000)
        }
        var s = Figure(name: "search 1M claims, per-claim byte scan", unit: "ms", samples: scanSamples, cpu: scanCPU, target: "< 50")
        s.ratio = 50 / s.median
        s.note = "bench ClaimScan \"kupiansk\", no preparation, \(scanHits) hits"
        report.add(s)
        // What a plain Foundation filter would cost, on a tenth of the claims, scaled to 1M.
        let tenth = Array(claims.prefix(100_000))
        var samples: [Double] = []
        for _ in 0..<max(1, repetitions / 3) {
            let (_, seconds) = Clock.seconds { tenth.filter { $0.text.range(of: "kupiansk", options: .caseInsensitive) != nil }.count }
            samples.append(seconds * 10_000)
        }
        var f = Figure(name: "search 1M claims, Foundation .caseInsensitive", unit: "ms", samples: samples, target: "< 50")
        f.ratio = 50 / f.median
        f.note = "measured on 100k claims x 10, for comparison"
        report.add(f)
    }
}

enum Frame {
    /// The loaded corpus with exactly `count` claims: repeated when it has fewer, cut when it has more
    /// (dropping the comparisons that would point past the end).
    static func corpus(from loaded: Corpus, claims count: Int) -> Corpus {
        var c = loaded
        if loaded.claims.count >= count {
            c.claims = Array(loaded.claims.prefix(count))
            c.comparisons = loaded.comparisons.filter { $0.claims.allSatisfy { $0 < count } }
        } else {
            c.claims = Search.replicate(loaded.claims, to: count)
        }
        return c
    }

    static func run(corpus: Corpus, repetitions: Int, report: inout Report) {
        var base = DashboardState(corpus: corpus)
        _ = update(&base, .resize(width: 200, height: 60))
        let panes: [(String, [Key])] = [("Fronts", []), ("Claims", [.char("2")]), ("Reader", [.char("2"), .enter]),
                                         ("Compare", [.char("4")])]
        for (name, keys) in panes {
            var state = base
            for key in keys { _ = update(&state, .key(key)) }
            var grid = CellGrid(width: 200, height: 60)
            render(state, into: &grid)  // warm-up
            var samples: [Double] = [], cpu: [Double] = []
            for _ in 0..<repetitions {
                var g = CellGrid(width: 200, height: 60)
                let t = Clock.timed { render(state, into: &g) }
                samples.append(t.wall * 1000)
                cpu.append(t.cpu * 1000)
                grid = g
            }
            var f = Figure(name: "frame 200x60 \(name), \(corpus.claims.count / 1000)k claims", unit: "ms",
                           samples: samples, cpu: cpu, target: "< 5")
            f.ratio = 5 / f.median
            let drawn = grid.cells.reduce(0) { $0 + ($1.text == " " ? 0 : 1) }
            f.note = "render(_:into:), fresh CellGrid each time; \(drawn) non-blank cells" + (drawn == 0 ? " (render is a stub?)" : "")
            report.add(f)
        }
    }
}

enum Startup {
    /// In the child: load the folder, draw the first 200x60 frame, print the monotonic clock.
    static func child(folder: String) {
        do {
            let corpus = try Corpus.load(folder: folder)
            var state = DashboardState(corpus: corpus)
            _ = update(&state, .resize(width: 200, height: 60))
            var grid = CellGrid(width: 200, height: 60)
            render(state, into: &grid)
            print(Clock.now())
        } catch {
            fail("\(error)")
        }
    }

    static func run(folder: String, repetitions: Int, report: inout Report) {
        var samples: [Double] = []
        for _ in 0..<repetitions {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            p.arguments = ["startup", folder]
            let pipe = Pipe()
            p.standardOutput = pipe
            let start = Clock.now()
            do { try p.run() } catch { fail("cannot start child: \(error)") }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let end = UInt64(text) else { fail("startup child printed \(text)") }
            samples.append(Double(end - start) / 1e6)
        }
        report.add(Figure(name: "startup to first frame (\((folder as NSString).lastPathComponent))", unit: "ms",
                          samples: samples, note: "spawn + Corpus.load + render 200x60, no terminal; see bench.sh for tmux"))
    }
}

// MARK: - main

func main() {
    let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
    if options.command == "load", let folder = options.commandArgument {
        LoadChild.run(folder: folder, store: options.store)
        return
    }
    if options.command == "state", let folder = options.commandArgument {
        StateChild.run(folder: folder)
        return
    }
    if options.command == "startup", let folder = options.commandArgument {
        Startup.child(folder: folder)
        return
    }

    let machine = ["cores": String(Machine.cores), "cpu": Machine.cpuModel, "load_average_start": Machine.loadAverage,
                   "mode": options.quick ? "quick" : "full",
                   "date": ISO8601DateFormatter().string(from: Date())]
    var report = Report(json: options.json)
    if !options.json {
        print("frontline-bench (\(options.quick ? "quick" : "full")): \(Machine.cores) cores, \(Machine.cpuModel), load average \(Machine.loadAverage)")
        #if DEBUG
        print("WARNING: debug build; figures are meaningless, use -c release")
        #endif
        print(Report.header)
    }
    Corpora.ensure(options.small, articles: 10_000, json: options.json)

    if options.wants("extract") {
        let files = Corpora.read(options.small, limit: options.quick ? 2_000 : 10_000)
        Extraction.run(files: files, repetitions: options.quick ? 2 : 3, report: &report)
        let seeds = Corpora.read(options.seeds, limit: 100)
        if !seeds.isEmpty {
            Extraction.seeds(seeds, repetitions: options.quick ? 2 : 3, report: &report)
        }
    }
    if options.wants("load") {
        Load.run(folder: options.small, label: "10k", repetitions: options.quick ? 1 : 3, targetSeconds: 1, store: false, report: &report)
        if !options.quick {
            Load.run(folder: options.small, label: "10k", repetitions: 2, targetSeconds: 1, store: true, report: &report)
        }
        if !options.skipLarge && !options.quick {
            Corpora.ensure(options.large, articles: 100_000, json: options.json)
            Load.run(folder: options.large, label: "100k", repetitions: options.quick ? 1 : 2, targetSeconds: 10, store: false, report: &report)
        }
    }
    if options.wants("refresh") {
        Refresh.run(folder: options.small, repetitions: options.quick ? 6 : 10, report: &report)
    }
    var loaded: Corpus? = nil
    if options.wants("search") || options.wants("frame") {
        do { loaded = try Corpus.load(folder: options.small) } catch { fail("\(error)") }
    }
    if options.wants("search"), let loaded {
        Search.run(base: loaded.claims, repetitions: options.quick ? 3 : 9, quick: options.quick, report: &report)
    }
    if options.wants("search"), let loaded {
        DashboardSearch.run(corpus: Frame.corpus(from: loaded, claims: 1_000_000), repetitions: options.quick ? 4 : 8, report: &report)
    }
    if options.wants("frame"), let loaded {
        Frame.run(corpus: Frame.corpus(from: loaded, claims: 100_000), repetitions: options.quick ? 20 : 100, report: &report)
    }
    if options.wants("startup") {
        Startup.run(folder: options.seeds, repetitions: options.quick ? 3 : 7, report: &report)
    }

    var end = machine
    end["load_average_end"] = Machine.loadAverage
    if let path = options.save { report.printJSON(machine: end, to: path) }
    if options.json {
        report.printJSON(machine: end)
    } else {
        print("load average at the end: \(Machine.loadAverage)")
    }
}

main()
