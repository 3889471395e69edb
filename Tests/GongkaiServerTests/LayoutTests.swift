import Foundation
import Testing

/// The shape of the tree, as ARCHITECTURE.md promises it.
@Suite("Layout")
struct LayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let server = root.appendingPathComponent("Sources/GongkaiServer")

    static func swiftFiles(under folder: URL) -> [URL] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "swift" }
    }

    @Test func everyPathInTheArchitecturePageExists() throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
        let paths = page.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            .filter { $0.hasPrefix("Sources/") }
        #expect(paths.count > 30)
        for path in paths {
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path), "ARCHITECTURE.md names \(path)")
        }
    }

    /// Models, migrations, controllers and API handlers are found by name in one hop: one per
    /// file, in the file named after it.
    @Test func oneModelMigrationControllerOrAPIPerFileNamedAfterIt() throws {
        let kinds: [(String, NSRegularExpression)] = try [
            ("model", NSRegularExpression(pattern: #"^final class (\w+): Model\b"#, options: .anchorsMatchLines)),
            ("migration", NSRegularExpression(pattern: #"^struct (\w+): AsyncMigration\b"#, options: .anchorsMatchLines)),
            ("controller", NSRegularExpression(pattern: #"^enum (\w+Controller)\b"#, options: .anchorsMatchLines)),
            ("API", NSRegularExpression(pattern: #"^enum (\w+API)\b"#, options: .anchorsMatchLines)),
            ("page", NSRegularExpression(pattern: #"^enum (\w+Page)\b"#, options: .anchorsMatchLines)),
        ]
        var checked = 0
        for file in Self.swiftFiles(under: Self.server) {
            let text = try String(contentsOf: file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            var names: [String] = []
            for (_, pattern) in kinds {
                names += pattern.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
            }
            #expect(names.count <= 1, "\(file.lastPathComponent) defines \(names)")
            if let name = names.first {
                checked += 1
                #expect(file.deletingPathExtension().lastPathComponent == name, "\(name) lives in \(file.lastPathComponent)")
            }
        }
        #expect(checked > 60)
    }

    /// "Review" is 审核 (the publication review chain); the reconsideration and litigation
    /// register is the challenge register. Only the migrations that created and renamed its
    /// table may say otherwise.
    @Test func theChallengeRegisterIsNotCalledReview() throws {
        // The audit vocabulary reads the legacy entity code of entries written before the rename,
        // and so does the migration that gave those entries their agency.
        let allowed: Set<String> = ["CreateReviewCases.swift", "RenameReviewCasesToChallengeCases.swift", "routes.swift", "AuditEntityType.swift",
                                    "configure.swift", "AddAgencyToAuditEntries.swift"]
        for file in Self.swiftFiles(under: Self.server) where !allowed.contains(file.lastPathComponent) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for word in ["ReviewCase", "review_case", "ReviewKind", "ReviewResult", "/reviews", "review-cases"] {
                #expect(!text.contains(word), "\(file.lastPathComponent) says \(word)")
            }
        }
    }
}
