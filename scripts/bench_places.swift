// Release-build timing of the places stage (CPU time, so that a busy machine does not inflate it):
//
//   swiftc -O -parse-as-library -o /tmp/bench_places Sources/FrontlineModel/*.swift scripts/bench_places.swift
//   /tmp/bench_places seeds
//
// Prints the gazetteer's load time and the cost of `mentions(in:)` and `fronts(for:)` per 100 bytes.
import Foundation

func cpuNanoseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e9 + Double(t.tv_nsec)
}

@main
enum BenchPlaces {
    static func main() throws {
        let folder = CommandLine.arguments.dropFirst().first ?? "seeds"
        let start = cpuNanoseconds()
        _ = Gazetteer.shared.mentions(in: "Kharkiv")
        _ = FrontTable.standard
        print(String(format: "load: %.1f ms CPU (%d names)", (cpuNanoseconds() - start) / 1e6, Gazetteer.shared.nameCount))

        var sentences: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".txt") || name.hasSuffix(".md") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") { sentences += line.split(separator: ".").map(String.init) }
        }
        let bytes = sentences.reduce(0) { $0 + $1.utf8.count }
        let rounds = max(1, 20_000_000 / max(bytes, 1))

        var found = 0
        var t = cpuNanoseconds()
        for _ in 0..<rounds { for s in sentences { found += Gazetteer.shared.mentions(in: s).count } }
        let mentionsCost = (cpuNanoseconds() - t) / Double(bytes * rounds) * 100

        var fronts = 0
        t = cpuNanoseconds()
        for _ in 0..<rounds { for s in sentences { fronts += FrontTable.standard.fronts(for: Gazetteer.shared.mentions(in: s)).count } }
        let bothCost = (cpuNanoseconds() - t) / Double(bytes * rounds) * 100

        print(String(format: "%d sentences, %d bytes, %d mentions", sentences.count, bytes, found / rounds))
        print(String(format: "mentions(in:): %.0f ns per 100 bytes; with fronts(for:): %.0f ns per 100 bytes", mentionsCost, bothCost))
    }
}
