import CNcursesShim
import Dispatch
import FrontlineModel
import Glibc
import Synchronization

/// Applies a new corpus to a copy of the state off the loop: for a big folder the state's
/// indexes take far longer to rebuild than a key may wait. The loop keeps answering keys on its
/// own state, logs what it applied meanwhile, and replays that log on the digested copy.
final class Digester: Sendable {
    private let queue = DispatchQueue(label: "frontline.digest", qos: .userInitiated)
    private let outbox = Mutex<(DashboardState, [Effect])?>(nil)
    let wakeFD: Int32

    init() {
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
    }

    deinit { close(wakeFD) }

    func digest(_ state: DashboardState, _ msg: Msg) {
        queue.async { [self] in
            var copy = state
            let effects = update(&copy, msg)
            outbox.withLock { $0 = (copy, effects) }
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    /// The digested state with the messages the loop applied meanwhile replayed on it; their effects
    /// are dropped, having been performed the first time.
    static func replay(_ log: [Msg], onto digested: DashboardState) -> DashboardState {
        var next = digested
        for msg in log { _ = update(&next, msg) }
        return next
    }

    /// The digested state and the effects of the update, once ready.
    func take() -> (DashboardState, [Effect])? {
        var count: UInt64 = 0
        _ = read(wakeFD, &count, 8)
        return outbox.withLock { done in
            let out = done
            done = nil
            return out
        }
    }
}
