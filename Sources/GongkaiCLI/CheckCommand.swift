import ArgumentParser
import Foundation
import GongkaiCore
import GongkaiServer

/// `gongkai check`: 报告体检 from the command line.
struct Check: GongkaiCommand {
    static let configuration = CommandConfiguration(
        abstract: "报告体检：读取已发布的政府信息公开工作年度报告，指出对不上的地方",
        discussion: """
            支持 .txt（各种排版）、.html、.docx；.pdf 需要安装 poppler-utils（pdftotext）。
            参数为文件夹时逐个检查其中的报告，输出 CSV 汇总（机关、年度、格式、读到的表、错误数、提示数）。
            读到报告即退出码 0（无论发现什么问题）；无法读取时退出码 1。
            """)

    @Argument(help: "报告文件或文件夹") var paths: [String]
    @Flag(help: "以 JSON 输出完整结果（cells 以规范的单元格编号为键，缺失为 null）") var json = false
    @Option(help: "上一年度的报告，用于核对结转数（A1）和内容雷同（Y1）") var previous: String?
    @Option(name: .customLong("csv"), help: "文件夹模式下把 CSV 汇总写入此文件（默认输出到标准输出）") var csvPath: String?

    func execute() async throws {
        _ = try settings()
        var unreadable = 0
        var isFolder: ObjCBool = false
        if paths.count == 1, FileManager.default.fileExists(atPath: paths[0], isDirectory: &isFolder), isFolder.boolValue {
            return try await folder(paths[0])
        }
        // Last year's report is read once, for every file checked against it.
        var previousReport: AnnualReport?
        if let path = previous {
            guard let report = try ReportChecker.report(from: try await ReportFileLoader.load(path: path)) else {
                throw CommandError("上一年度报告 \(path) 无法识别为年度报告，不能用于比较")
            }
            previousReport = report
        }
        var results: [ReportCheckResult] = []
        for path in paths {
            do {
                let result = try ReportChecker.check(try await ReportFileLoader.load(path: path), previous: previousReport)
                results.append(result)
                if !json { print(CheckSummary.text(result)) }
            } catch {
                unreadable += 1
                let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
                FileHandle.standardError.write(Data("错误：\(path)：\(message)\n".utf8))
            }
        }
        if json {
            if results.count == 1 { try Output.json(results[0]) } else { try Output.json(results) }
        }
        if unreadable > 0 { throw ExitCode.failure }
    }

    private func folder(_ path: String) async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        let files = names.filter { ReportFileLoader.canRead(extension: ($0 as NSString).pathExtension.lowercased()) }
        guard !files.isEmpty else { throw CommandError("文件夹 \(path) 中没有可读取的报告（.txt .html .docx\(ReportFileLoader.pdfToText != nil ? " .pdf" : "")）") }
        var csv = CSV.line(["file", "issuer", "year", "format", "tables_found", "errors", "warnings", "status"]) + "\n"
        // Checked on every core at once; the summary keeps the files' name order.
        let rows = await ReportBatch.map(count: files.count) { i -> (line: String, read: Bool) in
            let name = files[i]
            let full = (path as NSString).appendingPathComponent(name)
            do {
                let r = try ReportChecker.check(try await ReportFileLoader.load(path: full))
                let format = r.formatVersion?.rawValue ?? "unsupported"
                let fields = [name, r.issuer ?? "", r.year.map(String.init) ?? "", format, r.tablesFound.joined()]
                return (CSV.line(fields + [String(r.errorCount), String(r.warningCount), "read"]), true)
            } catch {
                let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
                return (CSV.line([name, "", "", "", "", "", "", "unreadable: \(message)"]), false)
            }
        }
        for row in rows { csv += row.line + "\n" }
        let unreadable = rows.filter { !$0.read }.count
        if let csvPath {
            try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
            print("已检查 \(files.count) 份报告（\(unreadable) 份无法读取），汇总写入 \(csvPath)")
        } else {
            print(csv, terminator: "")
        }
        if unreadable > 0 { throw ExitCode.failure }
    }
}

/// The readable Chinese summary of a check.
enum CheckSummary {
    static func text(_ r: ReportCheckResult) -> String {
        var lines: [String] = []
        let title = [r.issuer, r.year.map { "\($0) 年度" }].compactMap { $0 }.joined(separator: " ")
        lines.append("【报告体检】\(title.isEmpty ? r.source : title)")
        lines.append("文件：\(r.source)；发布机关：\(r.issuerText)；格式：\(r.formatVersion?.chineseLabel ?? "无法识别或不支持")")
        if r.formatVersion != nil {
            let missingSections = ReportSection.allCases.filter { !r.sectionsFound.contains($0) }
            lines.append("读到：\(missingSections.isEmpty ? "六个部分齐全" : "缺少\(missingSections.map(\.heading).joined(separator: "、"))")；"
                         + "表格：\(r.tablesFound.isEmpty ? "无" : r.tablesFound.map { "表\($0)" }.joined(separator: "、"))；"
                         + "读出 \(r.cells.values.compactMap { $0 }.count)/\(r.cells.count) 个数值")
        }
        if !r.repairs.isEmpty {
            lines.append("\n修补 \(r.repairs.count) 处（均可证明，已说明）：")
            for repair in r.repairs { lines.append("  · \(repair.message)") }
        }
        if !r.assumptions.isEmpty {
            lines.append("\n读取时作为前提的勾稽关系（相应的列不计入已通过的检查）：")
            for a in r.assumptions { lines.append("  · \(a.rule)：\(a.message)") }
        }
        let errors = r.findings.filter { $0.severity == .error }.count
        lines.append("\n发现 \(r.findings.count) 项（错误 \(errors)，提示 \(r.findings.filter { $0.severity == .warning }.count)，说明 \(r.findings.filter { $0.severity == .info }.count)）：")
        if r.findings.isEmpty { lines.append("  （无）") }
        for f in r.findings { lines.append("  [\(f.severity.chineseLabel)] \(f.rule) \(f.message)") }
        if !r.passed.isEmpty {
            lines.append("\n通过的检查：")
            for p in r.passed { lines.append("  ✓ \(p.rule) \(p.message)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
