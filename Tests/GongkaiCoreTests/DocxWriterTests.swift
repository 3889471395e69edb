import Foundation
import Testing
@testable import GongkaiCore

/// The Word writer's output, read back by the report reader's Word extractor.
@Suite("Word documents")
struct DocxWriterTests {
    @Test func paragraphsAndTablesComeBackAsTheyWereWritten() throws {
        var document = WordDocument(title: "统计表")
        document.add("一、收到和处理政府信息公开申请情况")
        document.blocks.append(.table(rows: [["项目", "自然人", "总计"], ["本年新收", "16", "16"], ["合计（跨列）", "16"]], headerRows: 1))
        document.add("示范县人民政府", .right)
        let data = try DocxWriter.data(document)
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let text = try DocxExtractor.text(fromDocx: data)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("一、收到和处理政府信息公开申请情况"))
        // Rows of three cells or more are closed by a bar: their cells are known to be cells.
        #expect(lines.contains("项目\t自然人\t总计│"))
        #expect(lines.contains("本年新收\t16\t16│"))
        // A short row's last cell spans the remaining columns: one field, as in HTML; a label and
        // one cell of two digits or more is closed as well (review 10l H2: its cells are cells).
        #expect(lines.contains("合计（跨列）\t16│"))
        #expect(lines.last == "示范县人民政府")
    }

    @Test func textIsEscapedNotInterpreted() throws {
        var document = WordDocument(title: "t")
        document.add("<w:p>&amp; \"引号\"")
        let text = try DocxExtractor.text(fromDocx: try DocxWriter.data(document))
        #expect(text.contains("<w:p>&amp; \"引号\""))
    }
}
