import ArgumentParser
import Foundation
import GongkaiServer

/// `gongkai personal-data export`: one person's data for their access request (PIPL Art. 45).
struct PersonalDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "personal-data", abstract: "个人信息：按证件号码导出本人的全部申请（及按电话导出留言），写入审计日志", subcommands: [Export.self])

    struct Export: GongkaiCommand {
        static let configuration = CommandConfiguration(abstract: "以 JSON 导出一个人的依申请公开记录（含历史和答复书）及政民互动留言")

        @ArgumentParser.Option(name: .customLong("id-number"), help: "证件号码（不区分大小写，忽略空格）") var idNumber: String
        @ArgumentParser.Option(help: "电话号码：同时导出用此号码留言的政民互动记录") var phone: String?
        @ArgumentParser.Option(help: "写入新文件（仅所有者可读写，不覆盖已有文件；默认打印到标准输出）") var out: String?

        func execute() async throws {
            let json = try await Operations.exportPersonalData(try settings(), idNumber: idNumber, phone: phone, out: out)
            if let out {
                FileHandle.standardError.write(Data("已写入 \(out)\n".utf8))
            } else {
                print(json, terminator: "")
            }
        }
    }
}
