import ArgumentParser
import Foundation
import GongkaiCore
import GongkaiServer

/// `gongkai`: the platform's command line. Thin: parse, call `Operations`, print.
public struct Gongkai: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "公开 · 政府信息公开工作平台 (Gongkai: government information disclosure platform)",
        discussion: "数据库由环境变量 DATABASE_URL 选择（默认 ./data/gongkai.sqlite）；其他设置见 .env.example。",
        version: "0.1.0",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, AgencyCommand.self, UserCommand.self, CalendarCommand.self, FeeCommand.self, Check.self,
            MessagesCommand.self, ReportCommand.self, SetupLinkCommand.self, RetentionCommand.self, PersonalDataCommand.self, KeysCommand.self,
            Checksums.self, Backup.self, Restore.self, Export.self, Import.self,
        ]
    )

    public init() {}
}

/// A subcommand whose failures print as one line (`错误：…`) and exit with status 1.
protocol GongkaiCommand: AsyncParsableCommand {
    func execute() async throws
}

extension GongkaiCommand {
    public func run() async throws {
        do {
            try await execute()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
            FileHandle.standardError.write(Data("错误：\(message)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The settings from the environment, with logging quiet for one-shot commands.
    func settings(quiet: Bool = true) throws -> Settings {
        let settings = try Settings.fromEnvironment()
        Operations.bootstrapLogging(settings, level: quiet ? .warning : nil)
        return settings
    }
}

enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let data = try JSONCoding.encoder(pretty: true).encode(value)
        print(String(decoding: data, as: UTF8.self))
    }
}

struct Serve: GongkaiCommand {
    static let configuration = CommandConfiguration(abstract: "启动平台（应用数据库迁移后提供网页和接口服务）")

    @Option(help: "监听地址（默认 127.0.0.1，或环境变量 GONGKAI_HOST）") var host: String?
    @Option(help: "监听端口（默认 8080，或环境变量 GONGKAI_PORT）") var port: Int?

    func execute() async throws {
        var settings = try settings(quiet: false)
        if let host { settings.host = host }
        if let port {
            guard (1...65535).contains(port) else { throw CommandError("端口 \(port) 无效，应为 1–65535") }
            settings.port = port
        }
        try await Operations.serve(settings)
    }
}

struct Migrate: GongkaiCommand {
    static let configuration = CommandConfiguration(abstract: "把数据库升级到当前版本（serve 启动时也会自动执行）")

    func execute() async throws {
        let settings = try settings()
        try await Operations.migrate(settings)
        print("数据库已是最新版本：\(settings.database)")
    }
}

struct Demo: GongkaiCommand {
    static let configuration = CommandConfiguration(abstract: "向空数据库载入演示县（县政府、部门、乡镇，各角色用户，两年的依申请公开记录和复议诉讼案件）")

    func execute() async throws {
        let settings = try settings()
        let demo = try await Operations.loadDemo(settings)
        print("已载入演示县：\(demo.agencies) 个机构，\(demo.users.count) 个用户，\(demo.requests) 件依申请公开申请和 \(demo.challengeCases) 件行政复议、诉讼案件（数据库：\(settings.database)）。")
        print("主动公开：\(demo.publications) 条已发布的信息（来自真实县级门户网站的文件），\(demo.drafts) 件草稿和审核中的信息（教育局）。")
        print("所有演示用户的密码（只显示这一次）：\(demo.password)\n")
        for user in demo.users {
            let roles = user.roles.map(\.chineseLabel).joined(separator: "、")
            print("  \(user.username.padding(toLength: 16, withPad: " ", startingAt: 0)) \(user.name)  \(user.agency)  \(roles)")
        }
        print("\n启动：swift run gongkai serve，然后访问 \(settings.baseURL)/login")
    }
}

extension Gongkai {
    /// Parses the process arguments (or `arguments`) and runs the chosen command. Spelled out
    /// because a top-level `await Gongkai.main()` resolves to ArgumentParser's synchronous entry.
    public static func run(arguments: [String]? = nil) async {
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
