import Foundation
import FrontlineModel
import FrontlineTUI

/// The dashboard's own search, driven the way a user does it: "/", the query, Enter.
enum DashboardSearch {
    static func type(_ text: String, into state: inout DashboardState) {
        for ch in text { _ = update(&state, .key(.char(ch))) }
    }

    static func run(corpus: Corpus, repetitions: Int, report: inout Report) {
        let made = Clock.timed { DashboardState(corpus: corpus) }
        var state = made.value
        _ = update(&state, .resize(width: 200, height: 60))
        report.add(Figure(name: "dashboard state for \(corpus.claims.count / 1000)k claims", unit: "ms",
                          samples: [made.wall * 1000], cpu: [made.cpu * 1000], note: "DashboardState(corpus:), once per corpus change"))
        var samples: [Double] = [], cpu: [Double] = []
        var hits = 0
        let queries = ["Kupiansk", "north korean"]
        for rep in 0..<(repetitions + 1) {
            _ = update(&state, .key(.char("/")))
            // Clear what the prompt holds from the last search, then type the new query.
            for _ in 0..<20 { _ = update(&state, .key(.backspace)) }
            type(queries[rep % 2], into: &state)
            let t = Clock.timed { _ = update(&state, .key(.enter)) }
            samples.append(t.wall * 1000)
            cpu.append(t.cpu * 1000)
            if rep % 2 == 0 { hits = state.list.count }
        }
        // The first search after a change may build what later searches reuse: shown apart.
        report.add(Figure(name: "search 1M claims, dashboard, first search", unit: "ms", samples: [samples[0]], cpu: [cpu[0]],
                          note: "the first Enter after the corpus was set"))
        samples.removeFirst()
        cpu.removeFirst()
        var f = Figure(name: "search 1M claims, dashboard (/ query Enter)", unit: "ms", samples: samples, cpu: cpu, target: "< 50")
        f.ratio = 50 / f.median
        f.note = "FrontlineTUI update(.key(.enter)) with the search prompt; \"Kupiansk\" gives \(hits) claims in the list"
        report.add(f)
    }
}

/// `frontline-bench state DIR`: what the dashboard does with a big folder's corpus, as the app's
/// loading does it: the state for the whole corpus at once, and the last loading step, where the
/// corpus grows from 43,680 of 100,000 articles (the app's batches grow fourfold) to all of them.
enum StateChild {
    static func run(folder: String) {
        let corpus: Corpus
        do { corpus = try Corpus.load(folder: folder) } catch { fail("\(error)") }
        let fresh = Clock.timed { DashboardState(corpus: corpus) }
        var store = CorpusStore(folder: folder)
        let listing: [String]
        do { listing = try FolderLoader.listArticles(in: folder).paths } catch { fail("\(error)") }
        let before = listing.count * 43_680 / 100_000
        store.add(listed: Array(listing[..<before]))
        var state = DashboardState(corpus: store.corpus)
        _ = update(&state, .resize(width: 200, height: 60))
        store.add(listed: Array(listing[before...]))
        let grown = store.corpus
        let step = Clock.timed { _ = update(&state, .corpusChanged(grown, nil, at: 0)) }
        print("{\"claims\": \(corpus.claims.count), \"fresh_ms\": \(fresh.wall * 1000), \"fresh_cpu_ms\": \(fresh.cpu * 1000), "
              + "\"last_step_ms\": \(step.wall * 1000), \"last_step_cpu_ms\": \(step.cpu * 1000)}")
    }
}
