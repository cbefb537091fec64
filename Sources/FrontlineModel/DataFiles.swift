import Foundation

/// Finds the tables (speakers, places, fronts, words) shipped in `Data/`.
///
/// SwiftPM copies them next to the binary; the generated `Bundle.module` traps when that
/// folder is missing, so look in a few places instead and fail with a message.
public enum DataFiles {
    public static func url(_ name: String) -> URL? {
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
        for dir in candidates {
            let file = dir.appendingPathComponent(name)
            if FileManager.default.isReadableFile(atPath: file.path) { return file }
        }
        return nil
    }

    /// The table's bytes; a missing table is a broken install, so say which file and stop.
    public static func bytes(_ name: String) -> [UInt8] {
        guard let url = url(name), let data = FileManager.default.contents(atPath: url.path) else {
            FileHandle.standardError.write(Data("frontline: data file \(name) not found (set FRONTLINE_DATA_DIR to the Data folder)\n".utf8))
            exit(3)
        }
        return [UInt8](data)
    }

    /// Lines of a tab-separated table, without blank lines and `#` comments.
    ///
    /// Splits the bytes once and makes each field a Substring of one String: the gazetteer has
    /// tens of thousands of rows and is read at startup.
    public static func rows(_ name: String) -> [[Substring]] {
        let data = bytes(name)
        let text = String(decoding: data, as: UTF8.self)
        let utf8 = text.utf8
        var rows: [[Substring]] = []
        var fields: [Substring] = []
        var lineStart = utf8.startIndex
        var fieldStart = lineStart
        var index = lineStart
        var lineHasText = false
        func endLine(_ end: String.Index) {
            var stop = end
            if stop > fieldStart, utf8[utf8.index(before: stop)] == UInt8(ascii: "\r") { stop = utf8.index(before: stop) }
            fields.append(text[fieldStart..<stop])
            if lineHasText, utf8[lineStart] != UInt8(ascii: "#") { rows.append(fields) }
            fields = []
            lineHasText = false
        }
        while index < utf8.endIndex {
            let b = utf8[index]
            if b == UInt8(ascii: "\n") {
                endLine(index)
                index = utf8.index(after: index)
                lineStart = index
                fieldStart = index
                continue
            }
            if b == UInt8(ascii: "\t") {
                fields.append(text[fieldStart..<index])
                fieldStart = utf8.index(after: index)
            } else if b != UInt8(ascii: " ") && b != UInt8(ascii: "\r") {
                lineHasText = true
            }
            index = utf8.index(after: index)
        }
        if lineStart < utf8.endIndex { endLine(utf8.endIndex) }
        return rows
    }
}
