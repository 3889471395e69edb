import Fluent
import GongkaiCore
import Vapor

enum Assets {
    struct Asset: Sendable {
        let data: Data
        let contentType: String
    }

    private static let types = ["css": "text/css; charset=utf-8", "svg": "image/svg+xml", "js": "text/javascript; charset=utf-8",
                                "woff2": "font/woff2", "png": "image/png", "ico": "image/x-icon"]

    /// Only files that exist in Resources/Assets, looked up by exact name (no path traversal).
    static let all: [String: Asset] = {
        guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var assets: [String: Asset] = [:]
        for name in names {
            let ext = (name as NSString).pathExtension
            guard let type = types[ext], let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            assets[name] = Asset(data: data, contentType: type)
        }
        // Print styles of documents whose source of truth is the domain module.
        assets["letter.css"] = Asset(data: Data(ReplyLetter.printStyles.utf8), contentType: types["css"]!)
        assets["report.css"] = Asset(data: Data(ReportRenderer.printStyles.utf8), contentType: types["css"]!)
        return assets
    }()

    static func named(_ name: String) -> Asset? { all[name] }
}
