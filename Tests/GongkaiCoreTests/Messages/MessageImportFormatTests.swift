import Foundation
import Testing
@testable import GongkaiCore

private func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

@Suite("Message import files: encodings, quoting, row errors with line numbers")
struct MessageImportFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/messages")
    let channels: Set<String> = ["12345热线", "县长信箱", "政务服务网"]

    func read(_ name: String) throws -> (CSVEncoding, [CSVRecord]) {
        let path = Self.fixtures.appendingPathComponent(name).path
        let encoding = try CSVStream.detectEncoding(path: path)
        let stream = try CSVStream(path: path, encoding: encoding)
        var records: [CSVRecord] = []
        while let r = try stream.next() { records.append(r) }
        return (encoding, records)
    }

    func temporary(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test(arguments: ["hotline-gbk.csv", "hotline-utf8-bom.csv", "hotline-english.csv"])
    func excelAndWPSFilesReadAlike(name: String) throws {
        let (encoding, records) = try read(name)
        #expect(encoding == (name.contains("gbk") ? .gb18030 : .utf8))
        #expect(records.count == 4)
        #expect(records.map(\.line) == [1, 2, 3, 5])  // the third record's content spans two lines
        #expect(records[2].fields[4] == "夜间施工噪音，\n请尽快处理，\"谢谢\"")
        let format = try MessageImportFormat(header: records[0], knownChannels: channels, today: d("2024-06-01"))
        let rows = records.dropFirst().map { try? format.parse($0).get() }
        #expect(rows.allSatisfy { $0 != nil })
        #expect(rows[0]?.channel == "12345热线")
        #expect(rows[0]?.satisfaction == .satisfied)
        #expect(rows[0]?.receivedOn == d("2023-09-27"))
        // 23:50 in Beijing on 31 December is 15:50 UTC: the message belongs to 2023
        #expect(rows[1]?.receivedOn == d("2023-12-31"))
        #expect(rows[1]?.receivedAt == Date(timeIntervalSince1970: TimeInterval(d("2023-12-31").dayNumber * 86_400 + 15 * 3600 + 50 * 60)))
        #expect(rows[1]?.completedOn == d("2024-01-03"))
        #expect(rows[2]?.receivedOn == d("2023-10-08"))
        #expect(rows[2]?.completedAt == nil)
    }

    @Test func badRowsAreListedWithTheirLines() throws {
        let header = CSVRecord(line: 1, fields: ["工单编号", "渠道", "受理时间", "标题", "内容", "办结时间", "满意度"])
        let format = try MessageImportFormat(header: header, knownChannels: channels, today: d("2024-06-01"))
        func error(_ fields: [String], line: Int = 7) -> String? {
            if case .failure(let e) = format.parse(CSVRecord(line: line, fields: fields)) { return e.description }
            return nil
        }
        #expect(error(["A1", "12345热线", "2023-02-30 10:00", "标题", "", "", ""])?.hasPrefix("第 7 行：受理时间“2023-02-30 10:00”无法识别") == true)
        #expect(error(["A1", "市长热线", "2023-02-03 10:00", "标题", "", "", ""])?.contains("渠道“市长热线”不在本机关的渠道列表中") == true)
        #expect(error(["A1", "12345热线", "2023-02-03", "标题", "", "2023-02-01", ""])?.contains("办结时间早于受理时间") == true)
        #expect(error(["A1", "12345热线", "2023-02-03", "标题", "", "", "满意"])?.contains("未办结的工单不应有满意度") == true)
        #expect(error(["A1", "12345热线", "2023-02-03", "标题", "", "2023-02-04", "很好"])?.contains("满意度“很好”无效") == true)
        #expect(error(["", "12345热线", "2025-02-03", "", "", "", ""]) == "第 7 行：缺少工单编号；受理时间 2025-02-03 晚于今天；标题和内容不能都为空")
        #expect(error(["A1", "12345热线", "2023/2/3 9:05", "标题", "", "2023年2月4日 10时00分", "基本满意"]) == nil)
    }

    @Test func aHeaderWithoutTheRequiredColumnsIsRefused() {
        #expect(throws: CSVStreamError.self) {
            try MessageImportFormat(header: CSVRecord(line: 1, fields: ["编号", "标题"]), knownChannels: channels, today: d("2024-06-01"))
        }
    }

    @Test func quotedNewlinesAndChunkBoundaries() throws {
        // a record longer than a chunk, with quotes and CRLF, and a GBK character split across chunks
        let long = String(repeating: "长", count: CSVStream.chunkSize / 2)
        let text = "a,b\r\n\"\(long)\n\"\"x\"\"\",2\r\nlast,row"
        let path = try temporary(Array(text.utf8))
        let stream = try CSVStream(path: path, encoding: .utf8)
        var records: [CSVRecord] = []
        while let r = try stream.next() { records.append(r) }
        #expect(records.count == 3)
        #expect(records[1].fields == ["\(long)\n\"x\"", "2"])
        #expect(records[2] == CSVRecord(line: 4, fields: ["last", "row"]))

        var gbk: [UInt8] = Array("h,v\n".utf8)
        while gbk.count < CSVStream.chunkSize - 2 { gbk += [0x61] }
        gbk += [0x2C, 0xC2, 0xFA, 0xD2, 0xE2, 0x0A]  // ",满意\n" with 满 split across the chunk boundary
        let gbkPath = try temporary(gbk)
        #expect(try CSVStream.detectEncoding(path: gbkPath) == .gb18030)
        let g = try CSVStream(path: gbkPath, encoding: .gb18030)
        _ = try g.next()
        #expect(try g.next()?.fields.last == "满意")
    }

    @Test func anUnclosedQuoteAndUTF16AreRefusedWithTheReason() throws {
        let path = try temporary(Array("a,b\n\"open,1\n".utf8))
        let stream = try CSVStream(path: path, encoding: .utf8)
        _ = try stream.next()
        #expect(throws: CSVStreamError(message: "第 2 行：引号没有闭合（文件在引号内结束）")) { try stream.next() }
        let utf16 = try temporary([0xFF, 0xFE, 0x61, 0x00])
        #expect(throws: CSVStreamError.self) { try CSVStream.detectEncoding(path: utf16) }
    }
}
