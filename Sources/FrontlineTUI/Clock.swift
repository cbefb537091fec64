import Glibc

/// Monotonic time in seconds, for timeouts and measured delays.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Wall-clock time in seconds since 1970, for "updated at" stamps.
func wallSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Timings for measurement: appended to the file named by FRONTLINE_TRACE, one "name value" line each.
struct Trace {
    private let fd: Int32

    init(path: String?) {
        fd = path.map { open($0, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) } ?? -1
    }

    func note(_ name: String, _ value: Double) {
        guard fd >= 0 else { return }
        let line = "\(name) \((value * 10).rounded() / 10)\n"
        _ = line.withCString { write(fd, $0, strlen($0)) }
    }

    func close() { if fd >= 0 { Glibc.close(fd) } }
}
