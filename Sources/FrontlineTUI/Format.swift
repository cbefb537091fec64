import FrontlineModel

/// Numbers and shares as the panes print them.
enum Fmt {
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        guard abs(v) < 1e15 else { return "\(v)" }
        if v == v.rounded(), abs(v) < 1e15 { return grouped(Int(v)) }
        let r = (v * 10).rounded() / 10
        if r == r.rounded(), abs(r) < 1e15 { return grouped(Int(r)) }
        let whole = Int(r.rounded(.towardZero))
        let tenth = Int((abs(r) * 10).rounded()) % 10
        return (r < 0 && whole == 0 ? "-" : "") + grouped(whole) + "." + String(tenth)
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "–" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
    }

    static func quantity(_ q: Quantity) -> String {
        let bound: String
        switch q.bound {
        case .exact: bound = ""
        case .about: bound = "~"
        case .moreThan: bound = ">"
        case .lessThan: bound = "<"
        case .atLeast: bound = "≥"
        case .upTo: bound = "≤"
        }
        return bound + number(q.value) + (q.unit.map { " " + $0 } ?? "")
    }

    /// Local wall-clock time of day for the status line.
    static func clock(_ seconds: Double, offset: Int) -> String {
        let t = Int(seconds.rounded(.down)) + offset
        let day = ((t % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day / 3600)):\(two(day / 60 % 60)):\(two(day % 60))"
    }
}
