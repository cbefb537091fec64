import Dispatch

/// Work spread over every core, results in index order.
public enum Parallel {
    /// `body(i)` for every `i` in `0..<count`, each called once, on any thread.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = Slots(buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                base.pointer?.advanced(by: i).initialize(to: body(i))
            }
            initialized = count
        }
    }
}

/// Each slot is written by exactly one iteration of `concurrentPerform`.
private struct Slots<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>?
    init(_ pointer: UnsafeMutablePointer<T>?) { self.pointer = pointer }
}
