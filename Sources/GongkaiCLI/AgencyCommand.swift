import ArgumentParser
import Foundation
import GongkaiCore
import GongkaiServer

struct AgencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "机构管理", subcommands: [Import.self, List.self])

    struct Import: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "从 CSV 文件导入机构（全部成功才写入）",
            discussion: """
                CSV 须有表头。必需列：code, name, kind；可选列：parent_code, short_name, credit_code, address, phone,
                office_hours, contact_name, contact_phone, contact_email, guide_text。kind 为 government / department /
                township / other（或 人民政府 / 政府部门 / 乡镇（街道） / 其他）。上级机构须已在系统中或在文件前面的行中。
                """)

        @Argument(help: "CSV 文件路径（UTF-8）") var file: String

        func execute() async throws {
            let settings = try settings()
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandError("无法读取文件 \(file)") }
            guard let text = String(data: data, encoding: .utf8) else { throw CommandError("文件 \(file) 不是 UTF-8 编码，请另存为 UTF-8 后再导入") }
            let count = try await Operations.importAgencies(settings, csv: text)
            print("已导入 \(count) 个机构。")
        }
    }

    struct List: GongkaiCommand {
        static let configuration = CommandConfiguration(abstract: "列出机构（代号、名称、类型、上级）")

        @Flag(help: "以 JSON 输出") var json = false

        func execute() async throws {
            let agencies = try await Operations.listAgencies(try settings())
            if json { return try Output.json(agencies) }
            if agencies.isEmpty { return print("还没有机构。") }
            for a in agencies {
                print([a.code, a.name, a.kind.chineseLabel, a.parent ?? "—"].joined(separator: "\t"))
            }
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "用户管理", subcommands: [Create.self, ResetPassword.self, ResetSecondFactor.self])

    /// The operator's reset: the only one an auditor's account may get (三员分立).
    struct ResetPassword: GongkaiCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "重置用户密码（生成一次性临时密码，首次登录须修改；审计员账号只能在此重置）")

        @Option(help: "用户名") var username: String

        func execute() async throws {
            let temporary = try await Operations.resetPassword(try settings(), username: username)
            print("已重置用户 \(username.lowercased()) 的密码，其所有会话和接口令牌已失效。")
            print("临时密码（只显示这一次，首次登录须修改）：\(temporary)")
        }
    }

    /// For a user who lost the phone and the recovery codes (#14); auditors can only be reset here.
    struct ResetSecondFactor: GongkaiCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-second-factor", abstract: "重置用户的两步验证（手机和恢复码都丢失时；审计员账号只能在此重置）")

        @Option(help: "用户名") var username: String

        func execute() async throws {
            try await Operations.resetSecondFactor(try settings(), username: username)
            print("已重置用户 \(username.lowercased()) 的两步验证，其所有会话和接口令牌已失效；该用户下次登录后须重新设置。")
        }
    }

    struct Create: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "新建用户（不提供密码时生成一次性临时密码，首次登录须修改）",
            discussion: "角色：\(Role.allCases.map { "\($0.rawValue)（\($0.chineseLabel)）" }.joined(separator: "、"))")

        @Option(help: "所属机构代号") var agency: String
        @Option(name: .customLong("role"), help: "角色，可重复") var roles: [String]
        @Option(help: "用户名（\(UsernamePolicy.hint)）") var username: String
        @Option(help: "姓名") var name: String
        @Flag(help: "从标准输入读取密码（否则生成临时密码）") var passwordStdin = false

        func validate() throws {
            if roles.isEmpty { throw ValidationError("请至少用 --role 指定一个角色") }
            for role in roles where Role(text: role) == nil {
                throw ValidationError("角色“\(role)”无效，可选：\(Role.allCases.map(\.rawValue).joined(separator: "、"))")
            }
        }

        func execute() async throws {
            let settings = try settings()
            var password: String?
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CommandError("标准输入中没有密码") }
                password = line
            }
            let temporary = try await Operations.createUser(
                settings, agencyCode: agency, username: username, displayName: name,
                roles: Set(roles.compactMap(Role.init(text:))), password: password)
            print("已创建用户 \(username.lowercased())。")
            if let temporary {
                print("临时密码（只显示这一次，首次登录须修改）：\(temporary)")
            }
        }
    }
}
