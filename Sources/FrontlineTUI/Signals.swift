import CNcursesShim
import Glibc

/// The signals the loop reads from a signalfd instead of letting them interrupt anything.
enum LoopSignals {
    /// SIGTSTP (Ctrl-Z) too: the terminal must be given back before the process stops, and SIGCONT
    /// says it was continued after a stop it did not choose.
    /// SIGQUIT (Ctrl-\\) and SIGXCPU (the CPU limit) end the dashboard like SIGTERM, with the terminal
    /// given back: by their default action (or the Swift runtime's backtrace handler) they would leave
    /// the screen raw, with the backtracer's prompt drawn into it.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXCPU, SIGWINCH, SIGTSTP, SIGCONT]

    /// Signals that would end the process by default but mean nothing to the dashboard: nothing in it
    /// sets a timer (SIGALRM, SIGVTALRM, SIGPROF) or listens to SIGUSR1/SIGUSR2, a write to a closed
    /// pipe or past the file-size limit had better fail with EPIPE or EFBIG than kill it with the
    /// terminal raw. Ignored while the dashboard runs; the defaults come back when it ends.
    static let ignored: [Int32] = [SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGXFSZ]

    static func ignoreStray() {
        for sig in ignored { signal(sig, SIG_IGN) }
    }

    static func restoreStray() {
        for sig in ignored { signal(sig, SIG_DFL) }
    }

    /// Blocks the loop's signals (SETMASK, so an inherited mask that blocks SIGWINCH is cleared)
    /// and returns a non-blocking signalfd that delivers them, or -1.
    static func openSignalFD() -> Int32 {
        var mask = sigset_t()
        sigemptyset(&mask)
        for sig in handled { sigaddset(&mask, sig) }
        guard sigprocmask(SIG_SETMASK, &mask, nil) == 0 else { return -1 }
        return signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
    }

    /// Every signal waiting on the signalfd, oldest first.
    static func drain(_ fd: Int32) -> [Int32] {
        var out: [Int32] = []
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while read(fd, &info, size) == size { out.append(Int32(bitPattern: info.ssi_signo)) }
        return out
    }

    /// Stops the process as SIGTSTP's default action would, and returns once it is continued (`fg`).
    /// Without a job-control shell to continue it (an orphaned process group) the kernel drops the
    /// signal and this returns at once, which SIGSTOP would not.
    /// Gives SIGTSTP a handler of frontline's own (it never runs: the signal is blocked and read from
    /// the signalfd). Call before newterm. ncurses then leaves SIGTSTP alone; when it finds the default
    /// action it installs its own handler and, while it waits out an Esc (escdelay), sets SIGTSTP to
    /// SIG_IGN for a moment, which throws away a Ctrl-Z pressed just then even though it is blocked.
    static func claimTSTP() {
        signal(SIGTSTP) { _ in }
    }

    static func stopUntilContinued() {
        // The default action for the stop itself; frontline's own handler again once continued.
        defer { claimTSTP() }
        signal(SIGTSTP, SIG_DFL)
        var tstp = sigset_t()
        sigemptyset(&tstp)
        sigaddset(&tstp, SIGTSTP)
        // Only this thread lets it through, so the stop happens here, before kill returns.
        pthread_sigmask(SIG_UNBLOCK, &tstp, nil)
        kill(getpid(), SIGTSTP)
        pthread_sigmask(SIG_BLOCK, &tstp, nil)
        // The SIGCONT that ended the stop is answered by the caller: take it off the signalfd.
        var cont = sigset_t()
        sigemptyset(&cont)
        sigaddset(&cont, SIGCONT)
        var now = timespec(tv_sec: 0, tv_nsec: 0)
        sigtimedwait(&cont, nil, &now)
    }

    /// Whether this process group owns the terminal (true when that cannot be told).
    static func inForeground() -> Bool {
        let owner = tcgetpgrp(STDIN_FILENO)
        return owner < 0 || owner == getpgrp()
    }

    /// Started in the background (`frontline seeds &`): stops as any job that wants the terminal does
    /// (SIGTTIN, nothing blocked and the terminal untouched, so a kill ends it at once) until `fg`.
    /// False when it never gets the terminal: no job-control shell continues it (an orphaned group,
    /// where the kernel drops SIGTTIN) or it keeps being continued in the background.
    static func waitForForeground() -> Bool {
        var rounds = 0
        while !inForeground() {
            rounds += 1
            if rounds > 50 { return false }
            signal(SIGTTIN, SIG_DFL)
            var ttin = sigset_t()
            sigemptyset(&ttin)
            sigaddset(&ttin, SIGTTIN)
            pthread_sigmask(SIG_UNBLOCK, &ttin, nil)
            kill(getpid(), SIGTTIN)
            if !inForeground() { usleep(20_000) }
        }
        return true
    }

    /// After a stop, continued while another job has the terminal (`bg`): stop again rather than touch
    /// the terminal (that would stop it with SIGTTOU, SIGTERM blocked). SIGINT, SIGTERM, SIGHUP and
    /// SIGQUIT are let through meanwhile, so `kill %1` ends it; the terminal was already given back.
    /// Returns false when it cannot get the terminal back.
    static func stopWhileInBackground() -> Bool {
        guard !inForeground() else { return true }
        var ends = sigset_t()
        sigemptyset(&ends)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            sigaddset(&ends, sig)
            signal(sig, SIG_DFL)
        }
        pthread_sigmask(SIG_UNBLOCK, &ends, nil)
        let got = waitForForeground()
        pthread_sigmask(SIG_BLOCK, &ends, nil)
        return got
    }

    /// Lets child processes and a later exec start with a clean mask.
    static func unblockAll() {
        var empty = sigset_t()
        sigemptyset(&empty)
        sigprocmask(SIG_SETMASK, &empty, nil)
    }
}

// What a crash handler needs, prepared before the screen starts: a signal handler may not allocate.
nonisolated(unsafe) private var crashResetBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var crashResetCount = 0
nonisolated(unsafe) private var crashSavedTermios = termios()
nonisolated(unsafe) private var crashHaveTermios = false

/// Puts the terminal back when the process dies of a fault: the sequences that leave the alternate
/// screen, show the cursor and stop mouse reports, written with write(2), then the tty modes.
enum CrashGuard {
    /// SIGSYS (a system call refused, e.g. by a seccomp filter) is a fault like the others: restore, then die of it.
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSYS]

    /// Call after the terminal description is loaded (capabilities known) and before the screen starts.
    static func install(savedTermios: termios?) {
        var bytes: [UInt8] = []
        // Mouse reporting off first: those modes survive rmcup on most terminals.
        bytes += Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l\u{1B}[?2004l".utf8)
        for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = fl_string_cap(cap) { bytes += Array(String(cString: value).utf8) }
        }
        bytes += Array("\r\n".utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        crashResetBytes = buffer
        crashResetCount = bytes.count
        if let saved = savedTermios { crashSavedTermios = saved; crashHaveTermios = true }

        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
            CrashGuard.restoreFromHandler()
            // Default action, then re-raise: the process still dies of the original signal.
            var dfl = sigaction()
            dfl.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(sig, &dfl, nil)
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, sig)
            sigprocmask(SIG_UNBLOCK, &unblock, nil)
            raise(sig)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
        for sig in signals { sigaction(sig, &action, nil) }
    }

    /// Only async-signal-safe calls here.
    static func restoreFromHandler() {
        if let bytes = crashResetBytes {
            var done = 0
            while done < crashResetCount {
                let n = write(STDOUT_FILENO, bytes + done, crashResetCount - done)
                if n <= 0 { break }
                done += n
            }
        }
        if crashHaveTermios { tcsetattr(STDIN_FILENO, TCSANOW, &crashSavedTermios) }
    }

    /// Back to the default actions once the screen is closed normally.
    static func uninstall() {
        var dfl = sigaction()
        dfl.__sigaction_handler.sa_handler = SIG_DFL
        for sig in signals { sigaction(sig, &dfl, nil) }
    }
}
