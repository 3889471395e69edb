import Foundation
import GongkaiCore

/// The formats an annual report is handed out in, the same for the portal's downloads and
/// `gongkai report show`: the machine-readable document (JSON, CSV) and the official layout
/// (Word, PDF, web page, plain text). Every layout reads back through the report check to the
/// report's own cells.
public enum ReportExport: String, CaseIterable, Sendable {
    case docx, pdf, json, csv, html, txt

    public var contentType: String {
        switch self {
        case .docx: return DownloadType.docx.rawValue
        case .pdf: return DownloadType.pdf.rawValue
        case .json: return DownloadType.json.rawValue
        case .csv: return DownloadType.csv.rawValue
        case .html: return "text/html; charset=utf-8"
        case .txt: return "text/plain; charset=utf-8"
        }
    }

    /// Not for a terminal.
    public var isBinary: Bool { self == .docx || self == .pdf }

    public var chineseLabel: String {
        switch self {
        case .docx: return "Word"
        case .pdf: return "PDF"
        case .json: return "JSON"
        case .csv: return "CSV（每个单元格一行）"
        case .html: return "网页"
        case .txt: return "纯文本"
        }
    }

    /// `示范县教育局2024年政府信息公开工作年度报告.docx`; a correction carries its version number.
    public func filename(_ document: ReportDocument) -> String {
        let title = ReportRenderer.title(document.report)
        let version = (document.version ?? 1) > 1 ? "（第\(document.version!)版）" : ""
        return "\(title)\(version).\(rawValue)"
    }

    /// The document in this format. A published version is signed with its publication date.
    public func data(_ document: ReportDocument, pdf: ReportPDF) async throws -> Data {
        let report = document.report
        switch self {
        case .docx: return try ReportDocx.data(report, signedOn: document.publishedOn.flatMap(CivilDate.init(iso:)))
        case .pdf: return try await pdf.data(report)
        case .json: return try JSONCoding.encoder(pretty: true).encode(document) + Data("\n".utf8)
        case .csv: return Data(document.csv.utf8)
        case .html: return Data(ReportRenderer.htmlDocument(report).utf8)
        case .txt: return Data((ReportRenderer.text(report) + "\n").utf8)
        }
    }
}
