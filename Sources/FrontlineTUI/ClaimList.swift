import FrontlineModel

/// Filters and sorts a front's claims into the list the Claims pane scrolls.
struct ClaimListBuilder {
    let corpus: Corpus
    let derived: Derived
    /// For ASCII searches: all claim texts in one buffer (see SearchIndex).
    var index: SearchIndex? = nil

    func build(front: Int, filter: ClaimFilter, sort: SortOrder) -> [Int32] {
        let info = derived.fronts[front]
        let n = corpus.claims.count
        var out: [Int32] = []
        let needle = Array(filter.text.lowercased().utf8)
        var claimantOK: [Bool]? = nil
        if let name = filter.claimant {
            let lower = name.lowercased()
            claimantOK = derived.claimantNames.map { filter.claimantExact ? $0 == name : $0.lowercased().contains(lower) }
        }
        let checkMarks = filter.mark != .any
        let checkText = !needle.isEmpty
        let plain = !filter.hedgedOnly && claimantOK == nil && !checkMarks && !checkText

        let wantedCode: UInt8 = { if case .kind(let k) = filter.mark { return Derived.code(k) } else { return 0 } }()
        // A claimant matches the text once per name, not once per claim.
        let claimantMatches: [Bool] = checkText
            ? derived.claimantNames.map { TextSearch.contains(TextSearch.folded($0, for: needle), needle) } : []
        let claims = corpus.claims
        let indexed: [Bool]? = checkText ? index?.matches(needle) : nil
        // Cheap per-claim arrays first; the claim itself is read only for the text search.
        func keep(_ i: Int) -> Bool {
            if filter.hedgedOnly && !derived.hedged[i] { return false }
            if let ok = claimantOK {
                let id = derived.claimantID[i]
                if id < 0 || !ok[Int(id)] { return false }
            }
            if checkMarks {
                let code = derived.markCode[i]
                switch filter.mark {
                case .any: break
                case .unmarked: if code != 0 { return false }
                case .marked: if code == 0 { return false }
                case .kind: if code != wantedCode { return false }
                }
            }
            if checkText {
                // Read only the text: copying the whole claim costs more than scanning it.
                let id = derived.claimantID[i]
                if !(id >= 0 && claimantMatches[Int(id)]) {
                    if let indexed {
                        if !indexed[i] { return false }
                    } else if !TextSearch.contains(TextSearch.folded(claims[i].text, for: needle), needle) {
                        return false
                    }
                }
            }
            return true
        }

        if info.kind == .all {
            if plain { out = Array(0..<Int32(n)) } else {
                out.reserveCapacity(n)
                for i in 0..<n where keep(i) { out.append(Int32(i)) }
            }
        } else if plain {
            out = info.claims
        } else {
            for i in info.claims where keep(Int(i)) { out.append(i) }
        }

        switch sort {
        case .article: return out
        case .claimant: return bucketSort(out, keys: derived.claimantID, buckets: derived.claimantNames.count + 1) { $0 < 0 ? derived.claimantNames.count : Int($0) }
        case .front: return bucketSort(out, keys: derived.frontRank, buckets: derived.fronts.count + 1) { Int($0) }
        }
    }

    /// Stable counting sort: O(n), keeps article order inside each key.
    private func bucketSort(_ items: [Int32], keys: [Int32], buckets: Int, bucket: (Int32) -> Int) -> [Int32] {
        var counts = Array(repeating: 0, count: buckets + 1)
        for i in items { counts[bucket(keys[Int(i)]) + 1] += 1 }
        for b in 0..<buckets { counts[b + 1] += counts[b] }
        var out = Array(repeating: Int32(0), count: items.count)
        for i in items {
            let b = bucket(keys[Int(i)])
            out[counts[b]] = i
            counts[b] += 1
        }
        return out
    }
}
