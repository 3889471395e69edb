import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// `gongkai messages import` as a user runs it.
@Suite("gongkai messages import")
struct MessageCLITests {
    @Test func aGeneratedExportImportsAndReimportsWithoutDuplicatesAndBadFilesImportNothing() async throws {
        let database = try await makeTestDatabase()
        defer { Task { try? await database.cleanup() } }
        let cli = CLITests()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let agencies = folder.appendingPathComponent("agencies.csv")
        try "code,name,kind\ncli-gov,命令行县人民政府,government\n".write(to: agencies, atomically: true, encoding: .utf8)
        #expect(try await cli.gongkai(["agency", "import", agencies.path], database: database.url).status == 0)
        // a generated 10,000-row hotline export
        let export = folder.appendingPathComponent("hotline.csv").path
        let sample = try await cli.gongkai(["messages", "sample-csv", export, "--rows", "10000", "--year", "2023"], database: database.url)
        #expect(sample.status == 0, "\(sample.stderr)")
        let dry = try await cli.gongkai(["messages", "import", export, "--agency", "cli-gov", "--dry-run"], database: database.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("共 10000 行（编码 UTF-8）：正确 10000 行"))
        let first = try await cli.gongkai(["messages", "import", export, "--agency", "cli-gov"], database: database.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("已导入：新增 10000 条，更新 0 条。"))
        #expect(first.stderr.isEmpty)  // no progress bar when standard error is not a terminal
        let again = try await cli.gongkai(["messages", "import", export, "--agency", "cli-gov"], database: database.url)
        #expect(again.stdout.contains("其中 10000 行的工单编号已导入过"))
        #expect(again.stdout.contains("已导入：新增 0 条，更新 10000 条。"))
        let stats = try await cli.gongkai(["messages", "stats", "--agency", "cli-gov", "--year", "2023", "--json"], database: database.url)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(json["received"] as? Int == 10_000)
        #expect((json["by_channel"] as? [String: Int])?.values.reduce(0, +) == 10_000)
        // a file with bad rows: listed with their lines, nothing imported, non-zero exit
        let bad = folder.appendingPathComponent("bad.csv")
        try "工单编号,渠道,受理时间,标题\nB1,12345热线,2023-13-01,坏日期\nB2,不存在的渠道,2023-01-01,渠道\nB3,12345热线,2023-01-02,正确\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try await cli.gongkai(["messages", "import", bad.path, "--agency", "cli-gov"], database: database.url)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("第 2 行：受理时间“2023-13-01”无法识别"))
        #expect(refused.stdout.contains("第 3 行：渠道“不存在的渠道”不在本机关的渠道列表中"))
        #expect(refused.stderr == "错误：文件有 2 行错误，未导入任何一行（改正后重新导入，或用 --skip-bad-rows 跳过错误行）\n")
        let skipped = try await cli.gongkai(["messages", "import", bad.path, "--agency", "cli-gov", "--skip-bad-rows"], database: database.url)
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("已导入：新增 1 条，更新 0 条，跳过错误行 2 行。"))
    }
}
