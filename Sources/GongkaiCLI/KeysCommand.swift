import ArgumentParser
import Foundation
import GongkaiServer

/// `gongkai keys`: the key applicants' identity numbers and phones are sealed with (issue #14).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "个人信息加密密钥：生成新密钥，轮换密钥（docs/security.md）", subcommands: [Generate.self, Rotate.self])

    struct Generate: GongkaiCommand {
        static let configuration = CommandConfiguration(abstract: "生成一个新密钥（32 字节随机数的 base64），用作 GONGKAI_DATA_KEY")

        func execute() async throws {
            print(Operations.generateDataKey())
        }
    }

    struct Rotate: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "以 GONGKAI_DATA_KEY（新密钥）重新加密全部证件号码和电话，原密钥由 GONGKAI_DATA_KEY_PREVIOUS 给出；全部成功或不做任何改动")

        func execute() async throws {
            let r = try await Operations.rotateDataKey(try settings())
            print("已用密钥 \(r.keyID) 重新加密：依申请公开 \(r.requests) 件，政民互动 \(r.messages) 件；此后可不再设置 GONGKAI_DATA_KEY_PREVIOUS")
        }
    }
}
