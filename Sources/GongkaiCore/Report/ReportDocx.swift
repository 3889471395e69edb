import Foundation

/// The report as a Word document in the national layout: A4 with the official-document margins
/// and typography of GB/T 9704 (title in 小标宋, body in 仿宋 三号, headings in 黑体), the three
/// tables with the template's merged headers. It opens in Word, WPS and LibreOffice, and the
/// report check reads it back cell for cell.
public enum ReportDocx {
    public static func document(_ report: AnnualReport, signedOn date: CivilDate? = nil) -> WordDocument {
        var doc = WordDocument(title: ReportRenderer.title(report))
        doc.add(ReportRenderer.title(report), .title)
        for section in ReportSection.allCases {
            doc.add(section.heading, .heading)
            switch section {
            case .proactive: doc.blocks.append(.grid(table(ReportTableLayout.t2(report), widths: [2600, 2040, 2040, 2040])))
            case .requests: doc.blocks.append(.grid(table(ReportTableLayout.t3(report), widths: [640, 900, 2380] + Array(repeating: 690, count: 7))))
            case .reviewLitigation: doc.blocks.append(.grid(table(ReportTableLayout.t4(report), widths: Array(repeating: 580, count: 15))))
            default: break
            }
            for paragraph in (report.sections[section] ?? "").split(separator: "\n") {
                let line = paragraph.trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty else { continue }
                // The five sub-headings of section 一 ((一)主动公开 …) read as headings.
                doc.add(line, line.hasPrefix("（") && line.count <= 16 ? .heading : .body)
            }
        }
        if let issuer = report.issuer {
            doc.add("", .plain)
            doc.add(issuer, .right)
            if let date { doc.add(date.chinese, .right) }
        }
        return doc
    }

    public static func data(_ report: AnnualReport, signedOn date: CivilDate? = nil) throws -> Data {
        try DocxWriter.data(document(report, signedOn: date))
    }

    static func table(_ layout: ReportTableLayout.Table, widths: [Int]) -> WordTable {
        WordTable(rows: layout.map { row in
            row.map { cell in
                switch cell.kind {
                case .header: WordTable.Cell(cell.text, colSpan: cell.colSpan, rowSpan: cell.rowSpan, bold: true)
                case .caption: WordTable.Cell(cell.text, colSpan: cell.colSpan, rowSpan: cell.rowSpan, bold: true, alignment: .left)
                case .label: WordTable.Cell(cell.text, colSpan: cell.colSpan, rowSpan: cell.rowSpan, alignment: .left)
                case .value: WordTable.Cell(cell.text, colSpan: cell.colSpan, rowSpan: cell.rowSpan)
                }
            }
        }, columnWidths: widths)
    }
}
