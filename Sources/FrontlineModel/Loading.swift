import Foundation

/// One article file as read from disk and decoded.
public struct SourceFile: Sendable {
    /// Path relative to the corpus folder.
    public var path: String
    /// The file name without its extension.
    public var id: String
    /// Decoded text, line ends normalised to "\n".
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

// STUB (to be replaced by the loading work): lists .txt/.md files and decodes UTF-8 only.
public enum FolderLoader {
    /// Every article file under `folder`, recursively, as sorted relative paths, and the files passed over with why.
    public static func listArticles(in folder: String) throws(FolderError) -> (paths: [String], skipped: [LoadIssue]) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else { throw .missing(folder) }
        guard isDir.boolValue else { throw .notAFolder(folder) }
        let items = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
        let paths = items.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.sorted()
        return (paths, [])
    }

    /// Reads and decodes one file; any failure becomes a load issue naming the file.
    public static func read(relativePath: String, in folder: String) -> Result<SourceFile, LoadIssue> {
        let full = (folder as NSString).appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: full) else {
            return .failure(LoadIssue(path: relativePath, kind: .unreadable, reason: "cannot be read"))
        }
        let text = String(decoding: data, as: UTF8.self)
        let name = (relativePath as NSString).lastPathComponent
        let id = (name as NSString).deletingPathExtension
        return .success(SourceFile(path: relativePath, id: id, text: text, byteCount: data.count))
    }
}
