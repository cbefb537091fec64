import Foundation
@testable import FrontlineModel

/// The repository's folders, found from this file so tests run from any directory.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = root.appendingPathComponent("seeds").path
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    static func article(_ text: String, id: String = "test") -> AnalyzedArticle {
        Extractor.analyze(SourceFile(path: id + ".txt", id: id, text: text, byteCount: text.utf8.count), fronts: .standard)
    }

    static func claim(_ analyzed: AnalyzedArticle, containing fragment: String) -> Claim? {
        analyzed.claims.first { $0.text.contains(fragment) }
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
