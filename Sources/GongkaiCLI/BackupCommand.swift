import ArgumentParser
import Foundation
import GongkaiServer

/// `gongkai checksums`, `backup`, `restore`, `export`, `import` (docs/operations.md). Each prints
/// the checksum lines (`TABLE ROWS CHECKSUM`) on standard output and nothing else, so two runs
/// compare with `diff`; what was done goes to standard error.
enum BackupOutput {
    static func lines(_ checksums: [TableChecksum]) {
        for checksum in checksums { print(checksum.line) }
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    }
}

struct Checksums: GongkaiCommand {
    static let configuration = CommandConfiguration(
        abstract: "输出数据库每张表的行数和校验和（每行：表名 行数 校验和），用于核对备份、恢复和迁移",
        discussion: "同样的数据在 SQLite 和 PostgreSQL 上得到同样的行。不会升级数据库。")

    func execute() async throws {
        BackupOutput.lines(try await Operations.checksums(try settings()))
    }
}

struct Backup: GongkaiCommand {
    static let configuration = CommandConfiguration(
        abstract: "备份数据库（SQLite：VACUUM INTO，服务运行时也可执行；PostgreSQL：pg_dump 自定义格式），输出所备份数据的校验和",
        discussion: "不会覆盖已有文件。附件和告知书都保存在数据库中，一并备份。")

    @Option(name: .customLong("out"), help: "备份文件（必须是新文件）") var out: String

    func execute() async throws {
        let settings = try settings()
        let file = BackupOutput.absolute(out)
        let checksums = try await Operations.backup(settings, to: file)
        BackupOutput.lines(checksums)
        BackupOutput.note("已备份 \(settings.database) 到 \(file)（\(checksums.count) 张表）")
    }
}

struct Restore: GongkaiCommand {
    static let configuration = CommandConfiguration(
        abstract: "把 gongkai backup 的备份恢复到空数据库，输出恢复后的校验和（应与备份时输出的相同）",
        discussion: "目标数据库必须是空的（新建的，或只运行过 gongkai migrate）；恢复 SQLite 时请先停止服务。")

    @Argument(help: "备份文件") var file: String

    func execute() async throws {
        let settings = try settings()
        let checksums = try await Operations.restore(settings, from: BackupOutput.absolute(file))
        BackupOutput.lines(checksums)
        BackupOutput.note("已把 \(file) 恢复到 \(settings.database)（\(checksums.count) 张表）")
    }
}

struct Export: GongkaiCommand {
    static let configuration = CommandConfiguration(
        abstract: "把整个平台的数据导出为与数据库无关的文件（如从 SQLite 迁到 PostgreSQL），输出所导出数据的校验和",
        discussion: "文件为 JSON Lines，每张表的每一行都是规范文本；不会覆盖已有文件。")

    @Option(name: .customLong("out"), help: "导出文件（必须是新文件）") var out: String

    func execute() async throws {
        let settings = try settings()
        let file = BackupOutput.absolute(out)
        let checksums = try await Operations.exportInstallation(settings, to: file)
        BackupOutput.lines(checksums)
        BackupOutput.note("已把 \(settings.database) 导出到 \(file)（\(checksums.count) 张表）")
    }
}

struct Import: GongkaiCommand {
    static let configuration = CommandConfiguration(
        abstract: "把 gongkai export 的文件导入空数据库（在一个事务中，校验和与导出时一致才提交），输出导入后的校验和",
        discussion: "目标数据库先升级到当前版本；它必须是空的，且与导出时的版本相同。")

    @Argument(help: "导出文件") var file: String

    func execute() async throws {
        let settings = try settings()
        let checksums = try await Operations.importInstallation(settings, from: BackupOutput.absolute(file))
        BackupOutput.lines(checksums)
        BackupOutput.note("已把 \(file) 导入 \(settings.database)（\(checksums.count) 张表，校验和与导出文件一致）")
    }
}
