import Foundation
import GongkaiCore

/// Turns an uploaded or named file into a `ReportFile`. PDF goes through poppler's `pdftotext`
/// when it is installed (Debian: poppler-utils) — in content order and in layout order, the text
/// whose tables read fuller kept (`PDFTextChoice`); without it the user is told so.
public enum ReportFileLoader {
    public static let pdfToText: String? = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// pdftotext on a stranger's PDF: a crafted 15 KB file once cost 91 s of CPU.
    static let pdfLimits = ExternalTool.Limits(wallSeconds: 15, cpuSeconds: 10, memoryBytes: 512 << 20, outputBytes: 8 << 20)

    public static func canRead(extension ext: String) -> Bool {
        ReportFile.readableExtensions.contains(ext) || (ext == "pdf" && pdfToText != nil)
    }

    public static func isPDF(name: String, data: Data) -> Bool {
        (name as NSString).pathExtension.lowercased() == "pdf" || data.starts(with: Array("%PDF".utf8))
    }

    /// A file from disk (the CLI).
    public static func load(path: String) async throws -> ReportFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ReportReadError(message: "文件不存在")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > ReportChecker.maxBytes {
            throw ReportReadError(message: "文件过大（\(size / 1024 / 1024) MB），报告体检只接受 \(ReportChecker.maxBytes / 1024 / 1024) MB 以内的文件")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ReportReadError(message: "无法读取该文件（权限不足？）") }
        return try await file(name: (path as NSString).lastPathComponent, data: data)
    }

    /// A file from memory (an upload); PDFs are converted to text.
    public static func file(name: String, data: Data) async throws -> ReportFile {
        guard isPDF(name: name, data: data) else { return ReportFile(name: name, data: data) }
        let texts = try await pdfTexts(data).map { ReportFile(name: name, data: $0, kind: .text) }
        return try PDFTextChoice.fuller(texts)
    }

    /// The PDF's text in each of `PDFTextChoice.pdftotextModes`.
    private static func pdfTexts(_ data: Data) async throws -> [Data] {
        guard let tool = pdfToText else {
            throw ReportReadError(message: "读取 PDF 需要 poppler-utils 中的 pdftotext（Debian：apt-get install poppler-utils），本机未安装；也可先把 PDF 另存为文本或 Word")
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString).pdf")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        do {
            var texts: [Data] = []
            for mode in PDFTextChoice.pdftotextModes {
                texts.append(try await ExternalTool(executable: tool, arguments: mode + ["-enc", "UTF-8", input.path, "-"], limits: pdfLimits).run())
            }
            return texts
        } catch let failure as ExternalTool.Failure {
            switch failure {
            case .overLimit: throw ReportReadError(message: "该 PDF 太复杂，无法在限定时间内读取；可先另存为文本或 Word 再检查")
            case .outputTooLarge: throw ReportReadError(message: "该 PDF 的文字超出报告体检的读取上限，不像是一份年度报告")
            case .cancelled: throw CancellationError()
            case .failed, .cannotStart: throw ReportReadError(message: "pdftotext 无法读取该 PDF（文件损坏、加密或是扫描图片）")
            }
        }
    }
}
