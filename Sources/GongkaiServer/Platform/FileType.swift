import Foundation
import GongkaiCore

/// What a file is, judged by its first bytes rather than its name: an executable renamed
/// `scan.pdf` is not a PDF.
enum FileType: String, Sendable, CaseIterable {
    case pdf, png, jpeg, docx, doc, text

    var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .doc: return "application/msword"
        case .text: return "text/plain; charset=utf-8"
        }
    }

    /// The extensions a file of this type may carry.
    var extensions: Set<String> {
        switch self {
        case .pdf: return ["pdf"]
        case .png: return ["png"]
        case .jpeg: return ["jpg", "jpeg"]
        case .docx: return ["docx"]
        case .doc: return ["doc"]
        case .text: return ["txt"]
        }
    }

    /// The type the content shows, or nil when it is none of these.
    static func sniff(_ data: Data) -> FileType? {
        let head = [UInt8](data.prefix(8))
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .doc }
        // A Word document is a ZIP archive whose directory lists word/document.xml. The
        // directory is read, not searched for the name: any archive that merely held those
        // bytes (in a comment, in another entry's contents) once passed as a .docx.
        if starts([0x50, 0x4B, 0x03, 0x04]) { return ZipIntegrity.entryNames(data)?.contains("word/document.xml") == true ? .docx : nil }
        if !data.contains(0), String(data: data, encoding: .utf8) != nil { return .text }
        return nil
    }

    /// The file's type when its name and its content agree, otherwise nil.
    static func checked(_ data: Data, filename: String) -> FileType? {
        let ext = (filename as NSString).pathExtension.lowercased()
        guard let type = sniff(data), type.extensions.contains(ext) else { return nil }
        return type
    }
}
