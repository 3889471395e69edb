import Foundation
import GongkaiCore

/// A report as PDF, printed by headless Chromium from the standalone page
/// (`ReportRenderer.htmlDocument`, A4 with the official layout's print styles). Chromium is
/// optional: without it the platform says so instead of handing out a broken file.
public struct ReportPDF: Sendable {
    /// The Chromium executable, nil when none is installed.
    public let chromium: String?

    public init(chromium: String?) {
        self.chromium = chromium
    }

    /// Chromium as configured (`GONGKAI_CHROMIUM`), else the first of the usual names found.
    public init(settings: Settings) {
        self.init(chromium: Self.locate(configured: settings.chromiumPath))
    }

    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    static let folders = ["/usr/bin", "/usr/local/bin", "/snap/bin", "/opt/google/chrome"]

    /// A configured path is used only when it is an executable; otherwise nothing is guessed
    /// instead of it (the setting names the browser the operator chose).
    public static func locate(configured: String?) -> String? {
        if let configured {
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        for name in candidates {
            for folder in folders {
                let path = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Chromium's own limits, not pdftotext's: V8 reserves hundreds of gigabytes of address space
    /// for its heap cages before it allocates anything (it fails to start under 64 GB and starts
    /// under 256 GB), so the address-space limit only stops a runaway, and time does the rest.
    /// The page printed is the platform's own rendering of a report, never a stranger's file.
    static let limits = ExternalTool.Limits(wallSeconds: 60, cpuSeconds: 60, memoryBytes: 1 << 40, outputBytes: 1 << 20)

    public enum Problem: Error, LocalizedError, Equatable {
        case notInstalled
        case failed(String)

        public var errorDescription: String? {
            switch self {
            case .notInstalled:
                return "生成 PDF 需要 Chromium 浏览器（Debian：apt-get install chromium fonts-noto-cjk，或用 GONGKAI_CHROMIUM 指定），本机未安装；可以下载 Word 或网页版本后自行打印为 PDF"
            case .failed(let reason):
                return "生成 PDF 失败（\(reason)），请稍后再试，或下载 Word、网页版本"
            }
        }
    }

    /// The report printed to PDF (A4, no browser header or footer).
    public func data(_ report: AnnualReport) async throws -> Data {
        try await data(html: ReportRenderer.htmlDocument(report))
    }

    public func data(html: String) async throws -> Data {
        guard let chromium else { throw Problem.notInstalled }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-pdf-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let output = folder.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        // A profile, cache and crash database of its own in the temporary folder: nothing is
        // written to the server account's home, and two renderings never share a profile lock.
        let tool = ExternalTool(
            executable: chromium,
            arguments: [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--mute-audio", "--no-pdf-header-footer",
                "--user-data-dir=" + folder.appendingPathComponent("profile").path,
                "--print-to-pdf=" + output.path, page.absoluteString,
            ],
            limits: Self.limits,
            environment: ["HOME": folder.path, "XDG_CONFIG_HOME": folder.path, "XDG_CACHE_HOME": folder.path],
            ownProcessGroup: true)
        do {
            _ = try await tool.run()
        } catch let failure as ExternalTool.Failure {
            switch failure {
            case .cancelled: throw CancellationError()
            case .overLimit: throw Problem.failed("超出时间限制")
            case .outputTooLarge: throw Problem.failed("浏览器输出过多")
            case .failed(let status): throw Problem.failed("浏览器退出码 \(status)")
            case .cannotStart(let reason): throw Problem.failed("无法启动浏览器：\(reason)")
            }
        }
        guard let pdf = FileManager.default.contents(atPath: output.path), pdf.starts(with: Array("%PDF".utf8)) else {
            throw Problem.failed("浏览器没有写出 PDF")
        }
        return pdf
    }
}
