import Foundation
import Vapor

/// The kinds of document the platform hands out as downloads.
enum DownloadType: String {
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case pdf = "application/pdf"
    case json = "application/json; charset=utf-8"
    case csv = "text/csv; charset=utf-8"
}

extension Response {
    static func download(_ data: Data, type: DownloadType, filename: String) -> Response {
        download(data, contentType: type.rawValue, filename: filename)
    }

    /// A file to save, never to render in the site's origin. The name reaches the header only
    /// percent-encoded (RFC 6266 `filename*`), so no character of it can break the header; the
    /// ASCII fallback is a fixed word.
    static func download(_ data: Data, contentType: String, filename: String) -> Response {
        let ext = (filename as NSString).pathExtension.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let fallback = ext.isEmpty ? "download" : "download.\(ext)"
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? fallback
        return Response(status: .ok, headers: [
            "Content-Type": contentType,
            "Content-Disposition": "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        ], body: .init(data: data))
    }
}
