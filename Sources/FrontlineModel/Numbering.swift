/// Values numbered in the order they were first seen, so that later work compares integers, not
/// strings or keys made of strings.
public struct Numbering<Value: Hashable & Sendable>: Sendable {
    public private(set) var values: [Value] = []
    private var ids: [Value: Int32] = [:]

    public init() {}

    public mutating func id(of value: Value) -> Int32 {
        if let id = ids[value] { return id }
        let id = Int32(values.count)
        ids[value] = id
        values.append(value)
        return id
    }

    public var count: Int { values.count }
}
