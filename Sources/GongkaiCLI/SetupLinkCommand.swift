import ArgumentParser
import Foundation
import GongkaiServer

/// `gongkai setup-link`: a fresh first-run link when the one printed by `serve` was lost.
struct SetupLinkCommand: GongkaiCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup-link",
        abstract: "为还没有任何用户的数据库生成新的一次性初始化链接（旧的未用链接随即失效）")

    func execute() async throws {
        let settings = try settings()
        let link = try await Operations.issueSetupLink(settings)
        print("一次性初始化链接（24 小时内有效）：\n\n    \(link)\n")
    }
}
