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
    public static func rows(_ name: String) -> [[Substring]] {
        let text = String(decoding: bytes(name), as: UTF8.self)
        var rows: [[Substring]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            rows.append(trimmed.split(separator: "\t", omittingEmptySubsequences: false))
        }
        return rows
    }
}
