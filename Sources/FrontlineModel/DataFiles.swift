import Foundation

/// Finds the tables (speakers, places, fronts, words) shipped in `Data/`.
///
/// SwiftPM copies them next to the binary; the generated `Bundle.module` traps when that
/// folder is missing, so look in a few places instead and fail with a message.
public enum DataFiles {
    public static func url(_ name: String) -> URL? {
        for dir in searchPath {
            let file = dir.appendingPathComponent(name)
            if FileManager.default.isReadableFile(atPath: file.path) { return file }
        }
        return nil
    }

    /// Where tables are looked for, in order; worked out once, as the environment and bundles are slow to ask.
    static let searchPath: [URL] = {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["FRONTLINE_DATA_DIR"] {
            candidates.append(URL(fileURLWithPath: dir))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        let exeDir = exe.deletingLastPathComponent()
        candidates.append(exeDir.appendingPathComponent("frontline_FrontlineModel.resources/Data"))
        candidates.append(exeDir.appendingPathComponent("frontline_FrontlineModel.resources"))
        for bundle in Bundle.allBundles + Bundle.allFrameworks {
            candidates.append(bundle.bundleURL.deletingLastPathComponent()
                .appendingPathComponent("frontline_FrontlineModel.resources/Data"))
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data"))
        return candidates
    }()

    /// The table's bytes; a missing table is a broken install, so say which file and stop.
    public static func bytes(_ name: String) -> [UInt8] {
        guard let url = url(name), let data = FileManager.default.contents(atPath: url.path) else {
            FileHandle.standardError.write(Data("frontline: data file \(name) not found (set FRONTLINE_DATA_DIR to the Data folder)\n".utf8))
            exit(3)
        }
        return [UInt8](data)
    }

    /// Lines of a tab-separated table, without blank lines and `#` comments.
    public static func rows(_ name: String) -> [[Substring]] {
        var rows: [[Substring]] = []
        bytes(name).withUnsafeBufferPointer { buffer in
            forEachRow(buffer) { fields in
                rows.append(fields.map { Substring(String(decoding: UnsafeBufferPointer(rebasing: buffer[$0]), as: UTF8.self)) })
            }
        }
        return rows
    }

    /// Calls `body` with the byte ranges of each row's tab-separated fields. Skips `#` comment lines
    /// and lines of nothing but spaces and tabs; drops a CR before the line end. The gazetteer is read
    /// through this directly, as ranges, because it has tens of thousands of rows and is read at startup.
    static func forEachRow(_ bytes: UnsafeBufferPointer<UInt8>, _ body: ([Range<Int>]) -> Void) {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(8)
        var lineStart = 0
        let count = bytes.count
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd > lineStart && bytes[lineStart] != UInt8(ascii: "#") {
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                for i in lineStart..<contentEnd where bytes[i] == 0x09 {
                    fields.append(fieldStart..<i)
                    fieldStart = i + 1
                }
                fields.append(fieldStart..<contentEnd)
                if !fields.allSatisfy({ range in range.allSatisfy { bytes[$0] == 0x20 } }) { body(fields) }
            }
            lineStart = lineEnd + 1
        }
    }
}

/// Named groups of words from one data file ("group<TAB>word|word|…"), for the small lists the pipeline
/// consults: each is data, not a literal in code.
struct WordGroups: Sendable {
    private let groups: [String: [String]]

    init(_ file: String) {
        var groups: [String: [String]] = [:]
        for row in DataFiles.rows(file) where row.count >= 2 {
            groups[String(row[0])] = row[1].split(separator: "|").map(String.init)
        }
        self.groups = groups
    }

    func words(_ group: String) -> [String] {
        guard let words = groups[group] else { preconditionFailure("word group \(group) is missing from its data file") }
        return words
    }

    func set(_ group: String) -> HashSet { HashSet(words(group).map(Tokenizer.hash)) }
}
