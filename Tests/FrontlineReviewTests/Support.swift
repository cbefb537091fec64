import Foundation
import FrontlineModel
import FrontlineReview
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder under the system temp folder; `remove()` makes everything writable again first.
struct TempFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("frontline-review-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() {
        if let items = FileManager.default.enumerator(atPath: path) {
            for case let item as String in items { chmod(file(item), 0o755) }
        }
        chmod(path, 0o755)
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Claim ids as the model makes them: article id and a hash of the normalised sentence.
enum Claims {
    static let kharkivTowns = "000_77f9a711cfe1bc4a#5c1e93a07d2b44f1"
    static let kharkivDeoccupied = "000_77f9a711cfe1bc4a#0b7d2a9e61c3f580"
    static let kurskLost = "003_e83ac6d7027f8205#a41f0c9d3e7b2265"
    static let kurskTroops = "003_e83ac6d7027f8205#e9023b7c5fd1a6c8"
    static let kurskKorea = "003_e83ac6d7027f8205#7d3c19e0b2a4f651"
}

/// Whole seconds, so that a date read back compares equal.
func at(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_763_700_000 + seconds) }

func bytes(of path: String) -> [UInt8] {
    (FileManager.default.contents(atPath: path)).map { [UInt8]($0) } ?? []
}

// MARK: Child processes

/// The helper executable built beside the test binary.
func stressExecutable() throws -> String {
    let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    var folder = (me as NSString).deletingLastPathComponent
    // The test binary may sit inside a bundle folder (…/frontlinePackageTests.xctest/…).
    for _ in 0..<4 {
        let candidate = (folder as NSString).appendingPathComponent("frontline-review-stress")
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder = (folder as NSString).deletingLastPathComponent
    }
    throw ChildError(message: "frontline-review-stress not found near \(me): run swift build first")
}

struct ChildError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A child process whose stdout goes to a file. Spawned with posix_spawn and an empty signal mask:
/// Foundation.Process would hand down the test thread's mask.
struct Child {
    let pid: pid_t
    let output: String

    /// Runs the stress helper, or with `prefix` a program that runs it (`setpriv … HELPER args`).
    init(_ arguments: [String], output: String, prefix: [String] = []) throws {
        let helper = try stressExecutable()
        let executable = prefix.first ?? helper
        self.output = output
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = (prefix + [helper] + arguments).map { strdup($0) } + [nil]
        let env = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            env.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, env)
        guard result == 0 else { throw ChildError(message: "posix_spawn failed: \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// Complete lines the child has written so far (a line cut by SIGKILL does not count).
    func lines() -> [String] {
        let text = String(decoding: bytes(of: output), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // after the last newline: empty or cut short
        return lines
    }

    func errors() -> String { String(decoding: bytes(of: output + ".err"), as: UTF8.self) }

    /// Waits (with a generous safety limit, not a timing assertion) until `ready` holds for the output.
    func waitFor(_ what: String, limit: TimeInterval = 120, _ ready: ([String]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(limit)
        while !ready(lines()) {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw ChildError(message: "child ended before \(what): \(errors())")
            }
            guard Date() < deadline else { throw ChildError(message: "child never got to \(what)") }
            usleep(10_000)
        }
    }

    /// Exit code, or nil when a signal ended it.
    @discardableResult
    func wait() -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    func kill9() {
        kill(pid, SIGKILL)
        wait()
    }
}
