import Fluent
import Foundation
import Logging
import Vapor

/// Running the server as one of several instances, or as the only one (issue #14): the first-run
/// link where an operator sees it, and one SQLite server per database file.
extension Operations {
    /// What `serve` holds for its life: on SQLite the lock that keeps a second server off the file.
    public struct ServerClaim: Sendable {
        let instanceLock: InstanceLock?
    }

    /// Called first by `serve`. On SQLite, refuses to start when another server uses the file.
    static func claimServer(_ settings: Settings) throws -> ServerClaim {
        guard case .sqlite(let path) = settings.database else { return ServerClaim(instanceLock: nil) }
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            return ServerClaim(instanceLock: try InstanceLock(databasePath: url.path))
        } catch let refusal as InstanceLock.Refusal {
            throw CommandError(refusal.errorDescription ?? "\(refusal)")
        }
    }

    /// The first-run link, written both to standard output (flushed) and through the logger at
    /// notice level with the link as structured metadata, so it reaches the journal or the log
    /// collector even when nobody watches the terminal.
    static func announceSetupLink(_ token: String, settings: Settings, logger: Logger) {
        let link = setupLink(token, settings: settings)
        writeNow(
            """

            公开 · 政府信息公开工作平台 —— 首次运行
            数据库中还没有任何用户。请在浏览器中打开下面的一次性链接，创建本级机关和第一个系统管理员（24 小时内有效）：

                \(link)

            也可以运行 `gongkai user create` 创建管理员，或运行 `gongkai demo` 载入演示县。
            链接丢失时，运行 `gongkai setup-link` 可得到新的链接。


            """)
        logger.notice(
            "first-run setup link (valid 24 hours, one use): \(link)",
            metadata: ["event": "setup_link", "setup_url": .string(link), "valid_hours": "\(Int(SetupService.linkLifetime / 3600))"])
    }

    /// The line saying where the server listens, written at once like the link.
    static func announceStarted(_ settings: Settings) {
        writeNow("Gongkai 已启动：\(settings.baseURL)（数据库：\(settings.database)）\n")
    }

    /// Writes to standard output at once. `print` goes through C's stdout, which is
    /// block-buffered when it is a pipe or a file (systemd's journal, `> log`): the first-run link
    /// would sit in the buffer unseen. Whatever `print` buffered before is flushed first, to keep
    /// the order.
    private static func writeNow(_ text: String) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func setupLink(_ token: String, settings: Settings) -> String {
        settings.baseURL + SiteURL.setup(.value(token)).path
    }

    /// `gongkai setup-link`: a fresh one-time link on a database without users (older unused links
    /// stop working). Refused once anyone can sign in: the link would create a second top agency's
    /// administrator without any check.
    public static func issueSetupLink(_ settings: Settings) async throws -> String {
        try await withApplication(settings) { app in
            let users = try await StaffUser.query(on: app.db).count()
            guard users == 0, let token = try await SetupService.issueLinkIfNeeded(on: app.db) else {
                throw CommandError(
                    "数据库中已有 \(users) 个用户，不再发放初始化链接；请由系统管理员登录，或用 gongkai user create / gongkai user reset-password 处理账号（数据库：\(settings.database)）")
            }
            app.logger.notice("setup link issued from the command line", metadata: ["event": "setup_link"])
            return setupLink(token, settings: settings)
        }
    }
}
