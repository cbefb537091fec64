import CNcursesShim
import FrontlineModel
import Glibc

/// The one event loop: poll() on the terminal, the signalfd, the inotify fd and the model worker's
/// eventfd; messages go through the pure `update`, the frame is drawn once per wake-up.
final class EventLoop {
    private var state: DashboardState
    private let screen: CursesScreen
    private let signalFD: Int32
    private let watcher: FolderWatcher?
    private let worker: ModelWorker
    private let trace: Trace
    private let startedAt: Double

    private var dirty = true
    private var exitCode: Int32?
    private var framesDrawn = 0
    private let crashAfterStart: Bool

    // Watcher events wait for a quiet window, so a burst of writes becomes one refresh.
    private var pending = WatchBatch()
    private var pendingFirst: Double?
    private var pendingLast: Double?
    private static let quietWindow = 0.04
    private static let maxWait = 0.2
    /// Inotify time of the refresh the worker is doing, for the write-to-screen figure.
    private var refreshSeenAt: [Double] = []

    init(state: DashboardState, screen: CursesScreen, signalFD: Int32, watcher: FolderWatcher?,
         worker: ModelWorker, trace: Trace, startedAt: Double, crashAfterStart: Bool) {
        self.state = state
        self.screen = screen
        self.signalFD = signalFD
        self.watcher = watcher
        self.worker = worker
        self.trace = trace
        self.startedAt = startedAt
        self.crashAfterStart = crashAfterStart
    }

    func send(_ msg: Msg) {
        let effects = update(&state, msg)
        dirty = true
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit: exitCode = 0
        }
    }

    private func status(_ text: String) {
        if let msg = StateBridge.status(text) { send(msg) }
    }

    /// Runs until quit; returns the exit code.
    func run() -> Int32 {
        let size = screen.size
        send(.resize(width: size.width, height: size.height))
        waitForFirstLoad(timeout: 0.2)
        while exitCode == nil {
            if dirty { drawFrame() }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: worker.wakeFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: watcher?.fd ?? -1, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), timeoutMillis())
            if ready < 0 {
                if errno == EINTR { continue }
                exitCode = 1
                break
            }
            if fds[1].revents != 0 { handleSignals() }
            if fds[0].revents & Int16(POLLIN) != 0 { readInput() }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal went away (dropped connection): nothing left to draw on.
                exitCode = exitCode ?? Int32(128 + SIGHUP)
            }
            if fds[3].revents != 0, let watcher {
                let batch = watcher.drain()
                if !batch.isEmpty { queueChange(batch) }
            }
            if fds[2].revents != 0 { takeWorkerOutput() }
            flushPendingIfQuiet()
        }
        return exitCode ?? 0
    }

    /// A small folder loads in a few milliseconds: wait that long so the first frame is full.
    private func waitForFirstLoad(timeout: Double) {
        let deadline = monotonicSeconds() + timeout
        while true {
            let left = Int32(max(0, (deadline - monotonicSeconds()) * 1000))
            var fd = pollfd(fd: worker.wakeFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fd, 1, left)
            if ready > 0 { takeWorkerOutput(); return }
            if ready == 0 || left == 0 { return }
        }
    }

    private func timeoutMillis() -> Int32 {
        guard let first = pendingFirst, let last = pendingLast else { return -1 }
        let due = min(last + Self.quietWindow, first + Self.maxWait)
        return Int32(max(0, ((due - monotonicSeconds()) * 1000).rounded(.up)))
    }

    private func drawFrame() {
        dirty = false
        var grid = CellGrid(width: state.width, height: state.height)
        render(state, into: &grid)
        screen.flush(grid)
        framesDrawn += 1
        let now = monotonicSeconds()
        if framesDrawn == 1 { trace.note("first-frame-ms", (now - startedAt) * 1000) }
        if crashAfterStart { fatalError("FRONTLINE_CRASH_AFTER_START: crashing on purpose to test terminal restore") }
    }

    private func handleSignals() {
        for sig in LoopSignals.drain(signalFD) {
            switch sig {
            case SIGWINCH: resize()
            case SIGINT: exitCode = 0
            default: exitCode = 128 + sig
            }
        }
    }

    private func resize() {
        screen.syncSizeWithTerminal()
        let size = screen.size
        dirty = true
        if size.width != state.width || size.height != state.height {
            send(.resize(width: size.width, height: size.height))
        }
    }

    private func readInput() {
        var code: wint_t = 0
        while true {
            let status = wget_wch(screen.window, &code)
            if status == ERR { break }
            switch decodeInput(isKeyCode: status == KEY_CODE_YES, code: UInt32(code)) {
            case .key(.ctrl("l")):
                screen.invalidate()
                dirty = true
            case .key(let key): send(.key(key))
            case .resize: resize()
            case .mouse:
                var event = MEVENT()
                if getmouse(&event) == OK, let msg = decodeMouse(buttonState: event.bstate, x: Int(event.x), y: Int(event.y)) {
                    send(msg)
                }
            case .ignored: break
            }
            if exitCode != nil { break }
        }
    }

    private func queueChange(_ batch: WatchBatch) {
        if batch.rootGone {
            status("The folder \(worker.folder) was deleted or renamed: showing what was loaded, no more live updates.")
        }
        var work = batch
        work.rootGone = false
        guard !work.isEmpty else { return }
        pending.merge(work)
        let now = monotonicSeconds()
        pendingFirst = pendingFirst ?? now
        pendingLast = now
    }

    private func flushPendingIfQuiet() {
        guard let first = pendingFirst, let last = pendingLast else { return }
        let now = monotonicSeconds()
        guard now >= last + Self.quietWindow || now >= first + Self.maxWait else { return }
        worker.refresh(pending, requestedAt: first)
        refreshSeenAt.append(first)
        pending = WatchBatch()
        pendingFirst = nil
        pendingLast = nil
    }

    private func takeWorkerOutput() {
        for output in worker.take() {
            switch output {
            case .loading(let corpus, let summary, let loaded, let total):
                send(.corpusChanged(corpus, summary, at: wallSeconds()))
                if let msg = StateBridge.progress(loaded: loaded, total: total) { send(msg) }
            case .changed(let corpus, let summary, let requestedAt):
                send(.corpusChanged(corpus, summary, at: wallSeconds()))
                drawFrame()
                trace.note("refresh-ms", (monotonicSeconds() - requestedAt) * 1000)
            case .failed(let why):
                status("Cannot read the folder: \(why)")
            }
        }
    }
}
