import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import FrontlineModel

/// A fresh folder under the system temp folder, removed when the test is done with it.
final class TestFolder: Sendable {
    let path: String

    init(_ label: String = "frontline") {
        let name = "\(label)-\(UUID().uuidString.prefix(8))"
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func full(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String {
        let target = full(relative)
        try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    func mkdir(_ relative: String) {
        try? FileManager.default.createDirectory(atPath: full(relative), withIntermediateDirectories: true)
    }

    func symlink(_ relative: String, to destination: String) {
        try? FileManager.default.createSymbolicLink(atPath: full(relative), withDestinationPath: destination)
    }

    func remove(_ relative: String) {
        try? FileManager.default.removeItem(atPath: full(relative))
    }
}

/// The four seed articles shipped with the package.
enum Seeds {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("seeds").path
    }()

    static let names: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }()

    static func bytes(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) ?? Data())
    }

    static func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }
}

/// Whether the tests run with root's powers, which ignore file permissions.
var runningAsRoot: Bool { geteuid() == 0 }
