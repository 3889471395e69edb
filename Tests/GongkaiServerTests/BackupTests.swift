import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing

/// `gongkai checksums`, `backup`, `restore`, `export`, `import` (issue #14, "Nothing lost"), run
/// as the real executable on the demo county: on SQLite, and on PostgreSQL when
/// `TEST_DATABASE_URL` is set (then the export goes from SQLite into PostgreSQL).
@Suite("backups that restore")
struct BackupTests {
    /// Every command with one personal-data key, as an operator moving an installation sets
    /// GONGKAI_DATA_KEY on the new one to the old one's key (docs/operations.md).
    func gongkai(_ arguments: [String], database: String) async throws -> CLITests.Run {
        try await CLITests().gongkai(arguments, database: database, environment: ["GONGKAI_DATA_KEY": TestDatabase.dataKey])
    }

    static func temporaryFile(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-backup-\(UUID().uuidString)\(suffix)").path
    }

    /// The demo county, with an attachment whose bytes are not text (the demo has none): a blob
    /// must survive byte for byte, and NULL must stay distinct from the empty string.
    func loadDemo(into database: (location: DatabaseLocation, url: String)) async throws {
        let demo = try await gongkai(["demo"], database: database.url)
        try #require(demo.status == 0, "\(demo.stderr)")
        try await BackupDatabase.with(database.location) { sql in
            let request = try #require(try await sql.raw("SELECT MIN(id) AS id FROM disclosure_requests").first()?.decode(column: "id", as: Int.self))
            let bytes = Data([0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]) + Data("信封扫描件".utf8)
            try await sql.raw("""
                INSERT INTO request_attachments (request_id, filename, content_type, size, data, uploaded_at, uploaded_by)
                VALUES (\(bind: request), \(bind: "信封.bin"), \(bind: "application/octet-stream"), \(bind: bytes.count), \(bind: bytes),
                        \(bind: Date(timeIntervalSince1970: 1_764_921_600.123456)), \(bind: ""))
                """).run()
        }
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000Z"),
        (-1, "1969-12-31T23:59:59.999999Z"),
        (951_782_400_000_000, "2000-02-29T00:00:00.000000Z"),
        (1_764_921_600_123_456, "2025-12-05T08:00:00.123456Z"),
    ])
    func timestampsHaveOneTextThatReadsBack(micro: Int64, text: String) {
        #expect(CanonicalValue.timestamp(micro) == text)
        #expect(CanonicalValue.microseconds(timestamp: text) == micro)
    }

    @Test func canonicalValuesAreExact() {
        // a date as SQLite stores it (seconds since 1970 in a double) gives PostgreSQL's microsecond
        #expect(CanonicalValue.microseconds(of: Date(timeIntervalSince1970: 1_764_921_600.123456)) == 1_764_921_600_123_456)
        #expect(CanonicalValue.microseconds(timestamp: "2026-02-30T00:00:00.000000Z") == nil)
        #expect(CanonicalValue.microseconds(timestamp: "2026-02-28 00:00:00") == nil)
        let bytes = Data([0x00, 0x0f, 0xa0, 0xff])
        #expect(CanonicalValue.hex(bytes) == "000fa0ff")
        #expect(CanonicalValue.data(hex: "000fa0ff") == bytes)
        #expect(CanonicalValue.data(hex: "000FA0FF") == nil)  // one text per value: lower case only
        // NULL and the empty string hash differently
        var null = RowDigest(table: "t", columns: ["a"]), empty = RowDigest(table: "t", columns: ["a"])
        null.add([nil])
        empty.add([""])
        #expect(null.finish().checksum != empty.finish().checksum)
        // and two values cannot read as one
        var split = RowDigest(table: "t", columns: ["a", "b"]), joined = RowDigest(table: "t", columns: ["a", "b"])
        split.add(["1", "23"])
        joined.add(["12", "3"])
        #expect(split.finish().checksum != joined.finish().checksum)
    }

    /// pg_dump runs under ExternalTool's limits, and a failure still says what the tool said.
    @Test(.enabled(if: TestDatabase.isPostgres)) func aFailingPostgresToolSaysWhy() async throws {
        let tool = try PostgresTool.find("pg_dump")
        let url = try #require(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"])
        var parts = try #require(URLComponents(string: url))
        parts.path = "/gongkai_no_such_database_\(UInt32.random(in: 0...UInt32.max))"
        let missing = try #require(parts.string)
        do {
            try await tool.run(["-Fc", "-f", Self.temporaryFile(".dump"), String(parts.path.dropFirst())], databaseURL: missing)
            Issue.record("pg_dump of a missing database succeeded")
        } catch let problem as BackupProblem {
            #expect(problem.message.contains("pg_dump 失败") && problem.message.contains("gongkai_no_such_database"), "\(problem.message)")
        }
    }

    @Test func aBackupRestoresToTheSameChecksumsAndOnlyIntoAnEmptyDatabase() async throws {
        // given the demo county
        let source = try await makeTestDatabase()
        let target = try await makeTestDatabase()
        let file = Self.temporaryFile(TestDatabase.isPostgres ? ".dump" : ".sqlite")
        defer {
            try? FileManager.default.removeItem(atPath: file)
            Task { try? await source.cleanup(); try? await target.cleanup() }
        }
        try await loadDemo(into: (source.location, source.url))
        let checksums = try await gongkai(["checksums"], database: source.url)
        try #require(checksums.status == 0, "\(checksums.stderr)")
        let expected = lines(checksums.stdout)
        #expect(expected.first?.hasPrefix("_fluent_migrations ") == true)
        #expect(expected.contains { $0.hasPrefix("request_attachments 1 ") })
        #expect(expected.contains { $0.hasPrefix("disclosure_requests ") && !$0.hasPrefix("disclosure_requests 0 ") })
        #expect(expected.allSatisfy { $0.range(of: #"^[a-z_]+ [0-9]+ [0-9a-f]{64}$"#, options: .regularExpression) != nil })

        // when it is backed up and restored into a fresh database
        let backup = try await gongkai(["backup", "--out", file], database: source.url)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(lines(backup.stdout) == expected)
        let restored = try await gongkai(["restore", file], database: target.url)

        // then the restored database prints the same lines, and so does `checksums` on it
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(lines(restored.stdout) == expected)
        #expect(lines(try await gongkai(["checksums"], database: target.url).stdout) == expected)

        if TestDatabase.isPostgres {
            // a database nothing has run on (no schema yet) takes the dump as well
            let name = "gk_test_\(ProcessInfo.processInfo.processIdentifier)_never_migrated"
            try await BackupDatabase.with(.postgres(url: TestDatabase.postgresURL!)) { sql in
                try await sql.raw("CREATE DATABASE \(ident: name)").run()
            }
            let fresh = try await gongkai(["restore", file], database: PostgresTemplate.url(replacingDatabaseWith: name))
            try await PostgresTemplate.shared.drop(name)
            #expect(fresh.status == 0, "\(fresh.stderr)")
            #expect(lines(fresh.stdout) == expected)
        }

        // a second restore into the database, now holding data, is refused
        let again = try await gongkai(["restore", file], database: target.url)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("错误：目标数据库 "))
        #expect(again.stderr.contains("不是空的（agencies 有 "))
        #expect(again.stderr.contains("只能恢复或导入到空数据库"))
        // an existing backup is never overwritten
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int
        let overwrite = try await gongkai(["backup", "--out", file], database: source.url)
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr == "错误：文件 \(file) 已存在，不会覆盖：请指定新的文件名\n")
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int == size)
        // a folder given as the file is named as one
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        let intoFolder = try await gongkai(["backup", "--out", folder], database: source.url)
        #expect(intoFolder.status == 1)
        #expect(intoFolder.stderr == "错误：\(folder) 是一个目录，不是文件：请指定该目录中一个新的文件名\n", "\(intoFolder.stderr)")

        // a changed row changes its table's line, and only that line
        try await BackupDatabase.with(target.location) { sql in
            try await sql.raw("UPDATE agencies SET phone = phone || '0' WHERE id = (SELECT MIN(id) FROM agencies)").run()
        }
        let tampered = lines(try await gongkai(["checksums"], database: target.url).stdout)
        let changed = zip(expected, tampered).filter { $0 != $1 }
        #expect(tampered.count == expected.count)
        #expect(changed.count == 1)
        #expect(changed.first?.0.hasPrefix("agencies ") == true)
        #expect(changed.first?.1.hasPrefix(changed.first?.0.split(separator: " ").prefix(2).joined(separator: " ") ?? "?") == true)
    }

    @Test func anExportFromSQLiteImportsWithTheSameChecksums() async throws {
        // given the demo county on SQLite (the installation a county starts with)
        let sqlitePath = Self.temporaryFile(".sqlite")
        let source = (location: DatabaseLocation.sqlite(path: sqlitePath), url: "sqlite://" + sqlitePath)
        let target = try await makeTestDatabase()  // PostgreSQL when TEST_DATABASE_URL is set
        let truncatedTarget = try await makeTestDatabase()
        let file = Self.temporaryFile(".jsonl"), truncated = Self.temporaryFile(".jsonl")
        defer {
            for path in [file, truncated, sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm"] { try? FileManager.default.removeItem(atPath: path) }
            Task { try? await target.cleanup(); try? await truncatedTarget.cleanup() }
        }
        try await loadDemo(into: source)
        let expected = lines(try await gongkai(["checksums"], database: source.url).stdout)

        // when it is exported and imported into an empty database
        let exported = try await gongkai(["export", "--out", file], database: source.url)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(lines(exported.stdout) == expected)
        let imported = try await gongkai(["import", file], database: target.url)

        // then the target prints the same lines
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(lines(imported.stdout) == expected)
        #expect(lines(try await gongkai(["checksums"], database: target.url).stdout) == expected)
        // and it works on: new rows get new ids (PostgreSQL's sequences were moved past the imported ones)
        let csv = Self.temporaryFile(".csv")
        try "code,name,kind,parent_code,credit_code\nmoved-dept,迁移后新建的部门,department,,\n".write(toFile: csv, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: csv) }
        let added = try await gongkai(["agency", "import", csv], database: target.url)
        #expect(added.status == 0, "\(added.stderr)")
        if case .sqlite = target.location {
            // SQLite's search tables are derived, not exported: the import rebuilt them
            func hits(_ location: DatabaseLocation) async throws -> Int {
                try await BackupDatabase.with(location) { sql in
                    try await sql.raw("SELECT COUNT(*) AS n FROM publication_fts WHERE publication_fts MATCH '政府信息'").first()?.decode(column: "n", as: Int.self) ?? 0
                }
            }
            let before = try await hits(source.location)
            #expect(before > 0)
            #expect(try await hits(target.location) == before)
        }

        // a second import into the database, now holding data, is refused
        let again = try await gongkai(["import", file], database: target.url)
        #expect(again.status == 1)
        #expect(again.stderr.contains("不是空的（agencies 有 "))
        // a file cut short is refused, and nothing of it is kept
        let content = try String(contentsOfFile: file, encoding: .utf8)
        try (content.split(separator: "\n").dropLast().joined(separator: "\n") + "\n").write(toFile: truncated, atomically: true, encoding: .utf8)
        let cut = try await gongkai(["import", truncated], database: truncatedTarget.url)
        #expect(cut.status == 1)
        #expect(cut.stderr.contains("不完整（没有结尾记录）"))
        let left = lines(try await gongkai(["checksums"], database: truncatedTarget.url).stdout)
        #expect(left.contains { $0.hasPrefix("agencies 0 ") })
        #expect(left.contains { $0.hasPrefix("public_messages 0 ") })
    }
}
