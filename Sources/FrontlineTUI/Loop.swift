import CNcursesShim
import FrontlineModel
import Glibc

/// The one event loop: poll() on the terminal, the signalfd, the inotify fd and the model worker's
/// eventfd; messages go through the pure `update`, the frame is drawn once per wake-up.
final class EventLoop {
    private var state: DashboardState
    private let screen: CursesScreen
    private let signalFD: Int32
    /// Made by the worker before it lists the folder; nil until then, or when the folder cannot be watched.
    private var watcher: FolderWatcher?
    private let worker: ModelWorker
    private let trace: Trace
    private let startedAt: Double
    private let review: MarkStore?
    /// Other processes' review saves are looked for this often while a store is open.
    private static let reviewPollInterval = 0.3
    private var nextReviewPoll = 0.0

    private var dirty = true
    private var exitCode: Int32?
    private var framesDrawn = 0
    private let crashAfterStart: Bool

    // Watcher events wait for a quiet window, so a burst of writes becomes one refresh. A save is one
    // close-after-write or rename, and `cp` of a folder keeps events coming faster than this.
    private var pending = WatchBatch()
    private var pendingFirst: Double?
    private var pendingLast: Double?
    private static let quietWindow = 0.015
    private static let maxWait = 0.2
    // New corpora are digested off the loop once doing it here has been seen to hold keys up.
    private let digester = Digester()
    private static let slowDigest = 0.02
    /// Seconds per claim the last digest on the loop took: predicts whether the next one would be slow.
    private var digestSecondsPerClaim = 0.0
    private var digestInFlight = false
    /// Messages applied to `state` while a digest runs, replayed on the digested copy.
    private var replayLog: [Msg] = []
    /// The newest corpus that arrived while a digest was running, and the refresh it answers.
    private var queuedCorpus: (corpus: Corpus, summary: ChangeSummary?, refreshFrom: Double?)?
    /// Set once the watched folder is deleted or renamed: later events name paths that no longer lead there.
    private var watchStopped = false

    init(state: DashboardState, screen: CursesScreen, signalFD: Int32,
         worker: ModelWorker, review: MarkStore?, trace: Trace, startedAt: Double, crashAfterStart: Bool) {
        self.review = review
        self.state = state
        self.screen = screen
        self.signalFD = signalFD
        self.worker = worker
        self.trace = trace
        self.startedAt = startedAt
        self.crashAfterStart = crashAfterStart
    }

    func send(_ msg: Msg) {
        let effects = update(&state, msg)
        dirty = true
        if digestInFlight { replayLog.append(msg) }
        for effect in effects { perform(effect) }
    }

    /// Hands a new corpus to the state: here while that is quick, else through the digester.
    private func submitCorpus(_ corpus: Corpus, _ summary: ChangeSummary?, refreshFrom: Double?) {
        if digestInFlight {
            let merged = ChangeSummary.merged(queuedCorpus?.summary, summary)
            let from = [queuedCorpus?.refreshFrom, refreshFrom].compactMap { $0 }.min()
            queuedCorpus = (corpus, merged, from)
            return
        }
        let msg = Msg.corpusChanged(corpus, summary, at: wallSeconds())
        let claims = Double(max(1, corpus.claims.count))
        if digestSecondsPerClaim * claims <= Self.slowDigest {
            let begun = monotonicSeconds()
            retired = state.corpus
            send(msg)
            let took = monotonicSeconds() - begun
            trace.note("corpus-update-ms", took * 1000)
            digestSecondsPerClaim = max(digestSecondsPerClaim, took / claims)
            corpusApplied(refreshFrom: refreshFrom)
            return
        }
        digestInFlight = true
        replayLog = []
        pendingRefreshFrom = refreshFrom
        digestStarted = monotonicSeconds()
        digester.digest(state, msg)
    }

    private var digestStarted = 0.0

    private var pendingRefreshFrom: Double?
    /// The corpus a change replaced, kept until the next frame is drawn.
    private var retired: Corpus?

    /// The digested state, with everything the loop applied since replayed on it (their effects
    /// were performed the first time).
    private func takeDigest() {
        guard let (digested, effects) = digester.take() else { return }
        trace.note("digest-ms", (monotonicSeconds() - digestStarted) * 1000)
        retired = state.corpus
        state = Digester.replay(replayLog, onto: digested)
        dirty = true
        replayLog = []
        digestInFlight = false
        for effect in effects { perform(effect) }
        corpusApplied(refreshFrom: pendingRefreshFrom)
        if let queued = queuedCorpus {
            queuedCorpus = nil
            submitCorpus(queued.corpus, queued.summary, refreshFrom: queued.refreshFrom)
        }
    }

    /// Draws at once after a live refresh, and notes how long it took from the first inotify event.
    private func corpusApplied(refreshFrom: Double?) {
        guard let refreshFrom else { return }
        drawFrame()
        trace.note("refresh-ms", (monotonicSeconds() - refreshFrom) * 1000)
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .quit: exitCode = 0
        case .saveMark(let mark): save(mark)
        }
    }

    /// Commits first; only then does the state hear that the mark is saved.
    private func save(_ mark: ReviewMark) {
        guard let review else {
            send(.reviewStatus("cannot save"))
            send(.notice("cannot save the mark: no review store"))
            return
        }
        do {
            try review.save(mark)
            send(.marksChanged(storedMarks(review)))
            send(.reviewStatus("saved"))
        } catch {
            // The screen showed the mark at once; take it back to what is really stored.
            send(.marksChanged(storedMarks(review)))
            // A few words on the status line (a long one would not fit), the reason on the notice line.
            send(.reviewStatus("cannot save"))
            send(.notice("cannot save the mark: \(error)"))
        }
    }

    /// Marks saved under claim ids made from the file name alone, for articles now known by their
    /// path in the folder: applied on every read (a read-only store cannot be changed).
    private var legacyRenames: [String: String] = [:]

    private func storedMarks(_ review: MarkStore) -> [String: ReviewMark] {
        ReviewMark.applying(legacyRenames, to: review.marks())
    }

    /// Moves marks saved under the old ids of articles in subfolders to their claims' ids: in the
    /// database when it can be written (so that a later clear or save sees one mark), else on reading.
    private func adoptLegacyMarks(_ corpus: Corpus) {
        guard let review else { return }
        let renames = ReviewMark.legacyRenames(marks: review.marks(), articles: corpus.articles, claims: corpus.claims)
        guard !renames.isEmpty, renames.contains(where: { legacyRenames[$0.key] != $0.value }) else { return }
        if review.readOnlyReason != nil || (try? review.rename(renames)) == nil {
            legacyRenames.merge(renames) { _, new in new }
        }
        trace.note("legacy-marks-moved", Double(renames.count))
        send(.marksChanged(storedMarks(review)))
    }

    /// A store working on a copy never sees other processes' saves: no point asking.
    private var reviewToPoll: MarkStore? { review.flatMap { $0.isSnapshot ? nil : $0 } }

    private func pollReview() {
        guard let review = reviewToPoll else { return }
        let now = monotonicSeconds()
        guard now >= nextReviewPoll else { return }
        nextReviewPoll = now + Self.reviewPollInterval
        if review.changedSinceLastCheck() { send(.marksChanged(storedMarks(review))) }
    }

    private func status(_ text: String) {
        send(.notice(text))
    }

    /// Runs until quit; returns the exit code.
    func run() -> Int32 {
        let size = screen.size
        send(.resize(width: size.width, height: size.height))
        waitForFirstLoad(timeout: 0.25)
        var inputAt: Double?
        while exitCode == nil {
            if dirty { drawFrame() }
            if let at = inputAt {
                trace.note("key-ms", (monotonicSeconds() - at) * 1000)
                inputAt = nil
            }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: worker.wakeFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: watcher?.fd ?? -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: digester.wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), timeoutMillis())
            if ready < 0 {
                if errno == EINTR { continue }
                exitCode = 1
                break
            }
            if fds[1].revents != 0 { handleSignals() }
            if fds[0].revents & Int16(POLLIN) != 0 {
                inputAt = monotonicSeconds()
                readInput()
                // Answer the key before taking on a new corpus, which can take a while to digest.
                if dirty, exitCode == nil { drawFrame() }
            }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal went away (dropped connection): nothing left to draw on.
                exitCode = exitCode ?? Int32(128 + SIGHUP)
            }
            if fds[3].revents != 0, let watcher {
                // Drained even when stopped, or poll would keep waking.
                let batch = watcher.drain()
                if !batch.isEmpty { queueChange(batch) }
            }
            if fds[2].revents != 0 { takeWorkerOutput() }
            if fds[4].revents != 0 { takeDigest() }
            flushPendingIfQuiet()
            pollReview()
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
            if ready > 0, takeWorkerOutput() { return }
            if ready == 0 || left == 0 { return }
        }
    }

    /// Sleep until the next due job: the end of a quiet window, the next review check, else for ever.
    private func timeoutMillis() -> Int32 {
        var due: Double?
        if let first = pendingFirst, let last = pendingLast { due = min(last + Self.quietWindow, first + Self.maxWait) }
        if reviewToPoll != nil { due = min(due ?? .infinity, nextReviewPoll) }
        guard let due else { return -1 }
        return Int32(max(0, ((due - monotonicSeconds()) * 1000).rounded(.up)))
    }

    private func drawFrame() {
        dirty = false
        screen.setTheme(state.theme)
        var grid = CellGrid(width: state.width, height: state.height)
        render(state, into: &grid)
        screen.flush(grid)
        // Only now, with the change on screen, free the corpus it replaced: 300k claims take longer to free than to draw.
        retired = nil
        framesDrawn += 1
        let now = monotonicSeconds()
        if framesDrawn == 1 { trace.note("first-frame-ms", (now - startedAt) * 1000) }
        if crashAfterStart { fatalError("FRONTLINE_CRASH_AFTER_START: crashing on purpose to test terminal restore") }
    }

    private func handleSignals() {
        for sig in LoopSignals.drain(signalFD) {
            switch sig {
            case SIGWINCH: resize()
            case SIGTSTP: suspend()
            case SIGCONT: resumed()
            case SIGINT: exitCode = 0
            default: exitCode = 128 + sig
            }
        }
    }

    /// Ctrl-Z: the shell gets the terminal as it was; after `fg` the dashboard takes it back.
    private func suspend() {
        screen.suspend()
        LoopSignals.stopUntilContinued()
        resumed()
    }

    /// The window may have changed size while stopped (its SIGWINCH went to the shell).
    /// Continued in the background (`bg`), it stops again until `fg` before taking the terminal.
    private func resumed() {
        if !LoopSignals.stopWhileInBackground() {
            exitCode = 1
            return
        }
        screen.resume()
        resize()
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
        // Marks are stamped with the time of the last tick.
        send(.tick(now: wallSeconds()))
        while true {
            let status = wget_wch(screen.window, &code)
            if status == ERR { break }
            if takePaste(isKeyCode: status == KEY_CODE_YES, code: code) { continue }
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

    /// The text of a bracketed paste while one is coming in (it may span several reads).
    private var pasted: String.UnicodeScalarView?

    /// Takes what belongs to a bracketed paste: its start and end, and everything between, which
    /// becomes one `.paste` message. Keys ncurses decoded inside it (a pasted ESC [ A) are dropped.
    private func takePaste(isKeyCode: Bool, code: wint_t) -> Bool {
        if isKeyCode && Int32(bitPattern: code) == CursesScreen.pasteStartCode {
            pasted = String.UnicodeScalarView()
            return true
        }
        guard pasted != nil else { return false }
        if isKeyCode {
            if Int32(bitPattern: code) == CursesScreen.pasteEndCode, let text = pasted {
                pasted = nil
                send(.paste(String(text)))
            }
            return true
        }
        if let scalar = Unicode.Scalar(UInt32(code)) { pasted?.append(scalar) }
        return true
    }

    private func queueChange(_ batch: WatchBatch) {
        guard !watchStopped else { return }
        if batch.rootGone {
            watchStopped = true
            pending = WatchBatch()
            pendingFirst = nil
            pendingLast = nil
            status("The folder \(worker.folder) was deleted or renamed: live updates stopped.")
            return
        }
        pending.merge(batch)
        let now = monotonicSeconds()
        pendingFirst = pendingFirst ?? now
        pendingLast = now
    }

    private func flushPendingIfQuiet() {
        guard let first = pendingFirst, let last = pendingLast else { return }
        let now = monotonicSeconds()
        guard now >= last + Self.quietWindow || now >= first + Self.maxWait else { return }
        worker.refresh(pending, requestedAt: first)
        pending = WatchBatch()
        pendingFirst = nil
        pendingLast = nil
    }

    /// Everything the worker finished since the last wake-up, as one corpus change: while a big
    /// folder loads, batches can pile up, and only the newest corpus is worth an update.
    /// Returns whether a corpus came.
    @discardableResult
    private func takeWorkerOutput() -> Bool {
        var latest: Corpus?
        // Only live changes are summed up for the status line; loading steps show as progress.
        var summary: ChangeSummary?
        var progress: (done: Int, total: Int)?
        var refreshFrom: Double?
        for output in worker.take() {
            switch output {
            case .loading(let corpus, _, let loaded, let total):
                latest = corpus
                progress = (loaded, total)
            case .progress(let read, let total):
                // Loading ends when the last batch is assembled, not when its last file is read.
                progress = (min(read, total - 1), total)
            case .changed(let corpus, let step, let requestedAt):
                latest = corpus
                summary = ChangeSummary.merged(summary, step)
                refreshFrom = min(refreshFrom ?? requestedAt, requestedAt)
            case .watching(let handoff):
                watcher = handoff?.watcher
                if watcher == nil { status("live refresh is off: cannot watch \(worker.folder)") }
            case .failed(let why):
                status("Cannot read the folder: \(why)")
            }
        }
        // From the first event of a change until the worker's corpus is here: the rest of refresh-ms is the dashboard's.
        if let refreshFrom { trace.note("model-ms", (monotonicSeconds() - refreshFrom) * 1000) }
        if let latest {
            submitCorpus(latest, summary, refreshFrom: refreshFrom)
            adoptLegacyMarks(latest)
        }
        if let progress {
            send(.loadProgress(done: progress.done, total: progress.total))
            if progress.done == progress.total { trace.note("loaded-ms", (monotonicSeconds() - startedAt) * 1000) }
        }
        return latest != nil
    }
}

extension ChangeSummary {
    /// Either or both, in order.
    static func merged(_ first: ChangeSummary?, _ next: ChangeSummary?) -> ChangeSummary? {
        guard let first else { return next }
        guard let next else { return first }
        return first.merged(with: next)
    }

    /// Two changes in a row as one: what both added, changed and removed, counts from first to last.
    func merged(with next: ChangeSummary) -> ChangeSummary {
        var out = self
        out.added += next.added
        out.updated += next.updated
        out.removed += next.removed
        out.claimsAfter = next.claimsAfter
        return out
    }
}
