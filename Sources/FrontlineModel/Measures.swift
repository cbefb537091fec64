/// Names what a number measures from the words near it (Data/measures.tsv).
public struct MeasureTable: Sendable {
    public struct Measure: Sendable {
        public var id: String
        public var description: String
        var dimensions: [String]
        /// The units of the "count:unit" dimensions, split off once.
        var countUnits: [Substring]
        /// Outranks a nearer trigger of a lower priority: what happened to the troops ("stationed … were
        /// killed") says more than where they are.
        var priority: Int = 0
    }

    public static let shared = MeasureTable()

    public let measures: [Measure]
    private let triggers: PhraseTable<[Int]>
    /// How far from the number (in tokens) a trigger word may stand.
    static let window = 10

    init() {
        var measures: [Measure] = []
        var byPhrase: [String: [Int]] = [:]
        for row in DataFiles.rows("measures.tsv") where row.count >= 4 {
            let index = measures.count
            let dimensions = row[2].split(separator: "|").map(String.init)
            measures.append(Measure(id: String(row[0]), description: String(row[1]), dimensions: dimensions,
                                    countUnits: dimensions.filter { $0.hasPrefix("count:") }.map { $0.dropFirst(6) },
                                    priority: row.count > 4 ? Int(row[4]) ?? 0 : 0))
            for phrase in row[3].split(separator: "|") { byPhrase[String(phrase), default: []].append(index) }
        }
        var triggers = PhraseTable<[Int]>()
        for (phrase, indices) in byPhrase.sorted(by: { $0.key < $1.key }) { triggers.add(phrase, indices) }
        self.measures = measures
        self.triggers = triggers
    }

    public func description(of id: String) -> String? { measures.first { $0.id == id }?.description }

    func fits(_ measure: Measure, unit: String?) -> Bool {
        fits(measure, unit: unit, dimension: unit.flatMap { UnitTable.dimension(of: $0) })
    }

    /// With the unit's dimension looked up once per quantity, not once per trigger.
    @inline(__always) func fits(_ measure: Measure, unit: String?, dimension: String?) -> Bool {
        if let dimension {
            for d in measure.dimensions where d == dimension { return true }
        }
        if let unit {
            for u in measure.countUnits where u == unit { return true }
        }
        return false
    }

    /// The measure of each quantity in a sentence, by the nearest trigger word in the same clause.
    public func classify(_ quantities: [Quantity], tokens: [Token]) -> [String?] {
        quantities.map { measure(of: $0, tokens: tokens) }
    }

    /// `classify`, written into the quantities themselves: no array of answers per sentence.
    func assignMeasures(_ quantities: inout [Quantity], tokens: [Token]) {
        for k in quantities.indices { quantities[k].measure = measure(of: quantities[k], tokens: tokens) }
    }

    func measure(of q: Quantity, tokens: [Token]) -> String? {
        guard let at = tokens.firstIndex(where: { $0.start >= q.range.lowerBound }) else { return nil }
        // Looked up at the first trigger only: most quantities meet none.
        var dimension: String?? = nil
        let quantityEnd = tokens.firstIndex(where: { $0.start >= q.range.upperBound }) ?? tokens.count
        var best: (distance: Int, priority: Int, id: String)?
        let low = max(0, at - Self.window)
        let high = min(tokens.count, quantityEnd + Self.window)
        var i = low
        while i < high {
            if i >= at && i < quantityEnd { i += 1; continue }
            if let (indices, length) = triggers.match(tokens, at: i) {
                let distance = i < at ? at - (i + length) : i - quantityEnd
                if !crossesClause(tokens, i < at ? i : quantityEnd, i < at ? at : i) {
                    if dimension == nil { dimension = .some(q.unit.flatMap { UnitTable.dimension(of: $0) }) }
                    for index in indices where fits(measures[index], unit: q.unit, dimension: dimension!) {
                        let priority = measures[index].priority
                        if best == nil || priority > best!.priority || priority == best!.priority && distance < best!.distance {
                            best = (distance, priority, measures[index].id)
                        }
                    }
                }
                i += length
                continue
            }
            i += 1
        }
        return best?.id
    }

    private func crossesClause(_ tokens: [Token], _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if tokens[i].kind == .punctuation, tokens[i].mark == UInt8(ascii: ";") { return true }
            i += 1
        }
        return false
    }
}
