#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One article file as read from disk and decoded.
public struct SourceFile: Sendable {
    /// Path relative to the corpus folder.
    public var path: String
    /// The file name without its extension.
    public var id: String
    /// Decoded text, line ends normalised to "\n", control characters other than tab replaced by U+FFFD.
    public var text: String
    public var byteCount: Int

    public init(path: String, id: String, text: String, byteCount: Int) {
        self.path = path
        self.id = id
        self.text = text
        self.byteCount = byteCount
    }
}

public enum FolderError: Error, CustomStringConvertible {
    case missing(String)
    case notAFolder(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .missing(let path): return "no such folder: \(path)"
        case .notAFolder(let path): return "not a folder: \(path)"
        case .unreadable(let path, let why): return "cannot read folder \(path): \(why)"
        }
    }
}

/// Finds article files under a folder and reads them, turning every problem into a `LoadIssue`.
/// POSIX calls throughout: one readdir pass per folder (no stat for plain files), one open/fstat/read per file.
public enum FolderLoader {
    /// Files above this size are reported, not read: no news article comes near it.
    public static let maxFileSize = 16 << 20

    /// Every article file under `folder`, recursively, as sorted relative paths, and the files passed over with why.
    public static func listArticles(in folder: String) throws(FolderError) -> (paths: [String], skipped: [LoadIssue]) {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing(folder) }
            throw .unreadable(folder, describe(errno: code))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(folder) }
        guard let root = opendir(folder) else { throw .unreadable(folder, describe(errno: errno)) }
        var walker = Walker(folder: folder)
        walker.walk(root, rootKey: FileKey(info))
        walker.dropLinksToListedFiles()
        walker.paths.sort()
        walker.skipped.sort { $0.path < $1.path }
        return (walker.paths, walker.skipped)
    }

    /// Reads and decodes one file; any failure becomes a load issue naming the file.
    public static func read(relativePath: String, in folder: String) -> Result<SourceFile, LoadIssue> {
        func issue(_ kind: LoadIssue.Kind, _ reason: String) -> Result<SourceFile, LoadIssue> {
            .failure(LoadIssue(path: relativePath, kind: kind, reason: reason))
        }
        // Non-blocking so that a FIFO named like an article cannot stall the load.
        let fd = open(join(folder, relativePath), O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return issue(.unreadable, describe(errno: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return issue(.unreadable, describe(errno: errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { return issue(.skipped, "not a regular file") }
        let size = Int(info.st_size)
        if size == 0 { return issue(.skipped, "empty file") }
        if size > maxFileSize { return issue(.skipped, "too large: \(megabytes(size)) (limit \(maxFileSize >> 20) MB)") }

        var readError: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = readBytes(fd, buffer.baseAddress! + count, size - count)
                if got > 0 { count += got; continue }
                if got == 0 { break }
                if errno == EINTR { continue }
                readError = errno
                break
            }
        }
        if readError != 0 { return issue(.unreadable, describe(errno: readError)) }
        // Truncated between fstat and read.
        if bytes.isEmpty { return issue(.skipped, "empty file") }

        switch decode(bytes) {
        case .success(let text):
            return .success(SourceFile(path: relativePath, id: articleID(relativePath), text: text, byteCount: bytes.count))
        case .failure(let failure):
            return issue(.skipped, failure.reason)
        }
    }

    /// Bytes of a file to text, or why they are not text.
    public static func decode(_ bytes: [UInt8]) -> Result<String, DecodeFailure> {
        TextDecoding.decode(bytes).map(\.text)
    }

    /// The path relative to the folder without the file's extension: "kharkiv" for a file at the top
    /// ("kharkiv.txt", as before, so marks made on it still match), "reuters/kharkiv" and "ap/kharkiv"
    /// for two files of one name in two subfolders, which must not share claim ids.
    public static func articleID(_ relativePath: String) -> String {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        guard let last = parts.last else { return relativePath }
        let name = String(last)
        var stem = name
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { stem = String(name[..<dot]) }
        return (parts.dropLast().map(String.init) + [stem]).joined(separator: "/")
    }

    /// The id an article had when ids were made from the file name alone ("kharkiv" for
    /// "reuters/kharkiv.txt"), for marks saved then; nil for a file at the top, whose id did not change.
    public static func legacyArticleID(_ relativePath: String) -> String? {
        let id = articleID(relativePath)
        guard let slash = id.lastIndex(of: "/") else { return nil }
        return String(id[id.index(after: slash)...])
    }

    // MARK: names

    /// Whether a relative path names a file the listing would load: an article name (.txt or .md, any case,
    /// not an editor leftover) with no hidden folder on the way. For watchers, to agree with `listArticles`.
    public static func isArticlePath(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        guard let name = parts.last else { return false }
        for folder in parts.dropLast() where folder.utf8.first == UInt8(ascii: ".") && folder != "." && folder != ".." {
            return false
        }
        return classify(name: String(name)) == .article
    }

    /// What a directory entry is by its name alone, before looking at the disk.
    enum NameClass: Equatable {
        case article
        case editorLeftover(String)
        case hidden
        case other
    }

    static func classify(name: String) -> NameClass {
        let u = name.utf8
        if name.hasPrefix(".#") { return .editorLeftover("editor lock file") }
        if u.last == UInt8(ascii: "~") { return .editorLeftover("editor backup") }
        if u.count >= 2, u.first == UInt8(ascii: "#"), u.last == UInt8(ascii: "#") { return .editorLeftover("editor backup") }
        if hasSuffix(u, ".swp") || hasSuffix(u, ".swo") || hasSuffix(u, ".swx") { return .editorLeftover("editor swap file") }
        if u.first == UInt8(ascii: ".") { return .hidden }
        if hasSuffix(u, ".txt") || hasSuffix(u, ".md") { return .article }
        return .other
    }

    /// Case-insensitive ASCII suffix test.
    private static func hasSuffix(_ u: String.UTF8View, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard u.count > n else { return false }
        var i = u.index(u.endIndex, offsetBy: -n)
        let s = suffix.utf8Start
        for k in 0..<n {
            var c = u[i]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if c != s[k] { return false }
            i = u.index(after: i)
        }
        return true
    }

    // MARK: walking

    struct FileKey: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private struct Walker {
        let folder: String
        var paths: [String] = []
        var skipped: [LoadIssue] = []
        /// Every folder entered, so that two symlinks to one folder, or a link to an ancestor, are listed once.
        var visited: Set<FileKey> = []
        /// Articles reached through a file symlink.
        var links: [(path: String, key: FileKey)] = []

        init(folder: String) { self.folder = folder }

        mutating func skip(_ path: String, _ kind: LoadIssue.Kind, _ reason: String) {
            skipped.append(LoadIssue(path: path, kind: kind, reason: reason))
        }

        /// Depth-first with an explicit stack: deep trees cannot exhaust the thread's stack, and only one
        /// folder is open at a time, so wide trees cannot run out of file descriptors.
        mutating func walk(_ root: OpaquePointer, rootKey: FileKey) {
            visited.insert(rootKey)
            var pending: [(relative: String, ancestors: [FileKey])] = []
            list(root, prefix: "", chain: [rootKey], pending: &pending)
            while let (prefix, chain) = pending.popLast() {
                guard let dir = opendir(join(folder, prefix)) else {
                    skip(prefix + "/", .unreadable, describe(errno: errno))
                    continue
                }
                list(dir, prefix: prefix, chain: chain, pending: &pending)
            }
        }

        private mutating func list(_ dir: OpaquePointer, prefix: String, chain: [FileKey],
                                   pending: inout [(relative: String, ancestors: [FileKey])]) {
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = entryName(entry)
                if name == "." || name == ".." { continue }
                let rel = prefix.isEmpty ? name : prefix + "/" + name
                let type = entry.pointee.d_type
                let nameClass = classify(name: name)
                // Only folders, symlinks and entries of unknown type need a stat; the rest is decided by name and type.
                switch type {
                case UInt8(DT_REG):
                    record(file: rel, nameClass)
                    continue
                case UInt8(DT_DIR):
                    if nameClass == .hidden { skip(rel + "/", .skipped, "hidden folder"); continue }
                case UInt8(DT_LNK), UInt8(DT_UNKNOWN):
                    if case .editorLeftover(let why) = nameClass { skip(rel, .skipped, why); continue }
                default:
                    skip(rel, .skipped, nameClass == .article ? "not a regular file" : "not a .txt or .md file")
                    continue
                }
                var info = stat()
                if stat(join(folder, rel), &info) != 0 {
                    let code = errno
                    if code == ENOENT && type == UInt8(DT_LNK) { skip(rel, .unreadable, "broken symlink") }
                    else { skip(rel, .unreadable, describe(errno: code)) }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFREG:
                    if type == UInt8(DT_LNK) && nameClass == .article { links.append((rel, FileKey(info))) }
                    record(file: rel, nameClass)
                case S_IFDIR:
                    if nameClass == .hidden { skip(rel + "/", .skipped, "hidden folder"); continue }
                    let key = FileKey(info)
                    if chain.contains(key) { skip(rel + "/", .skipped, "symlink loop"); continue }
                    if visited.contains(key) { skip(rel + "/", .skipped, "same folder as one already listed"); continue }
                    visited.insert(key)
                    pending.append((rel, chain + [key]))
                default:
                    skip(rel, .skipped, nameClass == .article ? "not a regular file" : "not a .txt or .md file")
                }
            }
        }

        /// A link such as "latest.txt -> 2024-11-20.txt" would make one article count as two sources;
        /// only the file itself is kept (or, for several links to one file outside, the first link).
        /// Links are rare, so only when there are any are the other files stat'ed to compare inodes.
        mutating func dropLinksToListedFiles() {
            guard !links.isEmpty else { return }
            let linked = Set(links.map(\.path))
            var owner: [FileKey: String] = [:]
            for path in paths.sorted() where !linked.contains(path) {
                var info = stat()
                if stat(join(folder, path), &info) == 0 { owner[FileKey(info)] = owner[FileKey(info)] ?? path }
            }
            var dropped: Set<String> = []
            for link in links.sorted(by: { $0.path < $1.path }) {
                if let original = owner[link.key] {
                    dropped.insert(link.path)
                    skip(link.path, .skipped, "same file as \(original)")
                } else {
                    owner[link.key] = link.path
                }
            }
            if !dropped.isEmpty { paths.removeAll { dropped.contains($0) } }
        }

        mutating func record(file rel: String, _ nameClass: NameClass) {
            switch nameClass {
            case .article: paths.append(rel)
            case .editorLeftover(let why): skip(rel, .skipped, why)
            case .hidden: skip(rel, .skipped, "hidden file")
            case .other: skip(rel, .skipped, "not a .txt or .md file")
            }
        }
    }

    /// The folders directly in `path` that a listing would enter (not hidden; symlinks to folders count),
    /// for watchers. The entry type from readdir spares a stat for each file: a month folder holds thousands.
    public static func subfolders(of path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            guard type == UInt8(DT_DIR) || type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) else { continue }
            let name = entryName(entry)
            if name == "." || name == ".." || classify(name: name) == .hidden { continue }
            if type != UInt8(DT_DIR) {
                var info = stat()
                guard stat(join(path, name), &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            }
            names.append(name)
        }
        return names
    }

    private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafePointer(to: &entry.pointee.d_name) { tuple in
            tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                String(cString: $0)
            }
        }
    }

    // MARK: helpers

    static func join(_ folder: String, _ relative: String) -> String {
        if folder.isEmpty { return relative }
        return folder.utf8.last == UInt8(ascii: "/") ? folder + relative : folder + "/" + relative
    }

    /// Plain words for the errors a reader can do something about.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "vanished before it could be read"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "symlink loop"
        case EISDIR: return "is a folder"
        case EIO: return "input/output error"
        case EMFILE, ENFILE: return "too many open files"
        case ENAMETOOLONG: return "path too long"
        default: return String(cString: strerror(code))
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// `read(2)`, which `FolderLoader.read` shadows.
@inline(__always)
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}
