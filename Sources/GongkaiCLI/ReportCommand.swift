import ArgumentParser
import Foundation
import GongkaiCore
import GongkaiServer

/// `gongkai report`: annual reports from the command line.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "政府信息公开工作年度报告", subcommands: [Show.self])

    struct Show: GongkaiCommand {
        static let configuration = CommandConfiguration(
            abstract: "输出机关某一年度的年度报告（已发布的取最新版本，否则由办理记录即时生成）",
            discussion: """
                格式：json（单元格以规范编号为键，附检查结果）、html、txt、docx、pdf（需要 Chromium）、csv（每个单元格一行）。
                docx 和 pdf 须用 --out 写入文件。报告正在更正时输出由记录生成的草稿，而不是已发布的旧版本。
                """)

        @Option(help: "机构代号") var agency: String
        @Option(help: "报告年度（2019 年起）") var year: String
        @Option(help: "输出格式：\(ReportExport.allCases.map(\.rawValue).joined(separator: "、"))") var format = "json"
        @Option(help: "写入此文件（默认输出到标准输出）") var out: String?

        func execute() async throws {
            let settings = try settings()
            guard let format = ReportExport(rawValue: format.lowercased()) else {
                throw CommandError("格式“\(format)”无效，应为 \(ReportExport.allCases.map(\.rawValue).joined(separator: "、")) 之一")
            }
            guard let year = Int(year.trimmingCharacters(in: .whitespaces)) else { throw CommandError("年度“\(year)”无效，应为四位数字（如 2024）") }
            if format.isBinary, out == nil, isatty(STDOUT_FILENO) == 1 {
                throw CommandError("\(format.rawValue) 是二进制文件，不能输出到终端：请用 --out 文件名 写入文件（或重定向到文件）")
            }
            let document = try await Operations.reportDocument(settings, agencyCode: agency, year: year)
            let data: Data
            do {
                data = try await format.data(document, pdf: ReportPDF(settings: settings))
            } catch let problem as ReportPDF.Problem {
                throw CommandError(problem.errorDescription ?? "无法生成 PDF")
            }
            if let out {
                do {
                    try data.write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw CommandError("无法写入 \(out)：\(error.localizedDescription)")
                }
                FileHandle.standardError.write(Data("已写入 \(out)（\(document.agency) \(document.year) 年度，\(document.status.chineseLabel)）\n".utf8))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
