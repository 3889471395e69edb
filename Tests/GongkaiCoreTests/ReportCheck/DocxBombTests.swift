import Foundation
@testable import GongkaiCore
import Testing
import ZIPFoundation

/// A small .docx whose body inflates to tens of megabytes must be refused quickly and cheaply.
@Suite("Word files that inflate")
struct DocxBombTests {
    /// A .docx of `xmlBytes` of highly compressible XML (a few kilobytes on the wire).
    static func docx(xmlBytes: Int) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let paragraph = "<w:p><w:r><w:t>" + String(repeating: "公开", count: 500) + "</w:t></w:r></w:p>"
        let head = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        let tail = "</w:body></w:document>"
        var xml = Data(head.utf8)
        let unit = Data(paragraph.utf8)
        while xml.count + unit.count + tail.utf8.count < xmlBytes { xml.append(unit) }
        xml.append(Data(tail.utf8))
        let body = xml
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(body.count), compressionMethod: .deflate) { position, size in
            body.subdata(in: Int(position)..<Int(position) + size)
        }
        return try #require(archive.data)
    }

    @Test func aBodyOverTheLimitIsRefusedWithAMessage() throws {
        // given 40 MB of XML in a file of well under a megabyte
        let bomb = try Self.docx(xmlBytes: 40 << 20)
        #expect(bomb.count < 1 << 20)
        let start = ContinuousClock.now
        // then it is refused, without parsing, in a fraction of the time parsing would take
        #expect(throws: ReportReadError.self) { try ReportChecker.check(ReportFile(name: "bomb.docx", data: bomb)) }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func aBodyUnderTheLimitIsRead() throws {
        let fine = try Self.docx(xmlBytes: 1 << 20)
        let result = try ReportChecker.check(ReportFile(name: "fine.docx", data: fine))
        #expect(result.source == "fine.docx")
    }
}
