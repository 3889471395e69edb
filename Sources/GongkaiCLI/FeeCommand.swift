import ArgumentParser
import GongkaiCore
import GongkaiServer

/// `gongkai fee`: 信息处理费 by pages or by pieces (国办函〔2020〕109号), no database needed.
struct FeeCommand: GongkaiCommand {
    static let configuration = CommandConfiguration(
        commandName: "fee", abstract: "计算信息处理费（按量或按件，国办函〔2020〕109号）",
        discussion: """
            按量：gongkai fee --pages 2219（1–30 页免费，31–100 页每页 10 元，101–200 页每页 20 元，201 页以上每页 40 元）
            按件：gongkai fee --pieces 5 --earlier-this-month 27（同一申请人本自然月已申请 27 件，再申请 5 件即第 28–32 件）
            同一申请只能选择一种计收方式。金额单位为元。
            """)

    @Option(help: "按量计收：页数") var pages: Int?
    @Option(help: "按件计收：本次件数") var pieces: Int?
    @Option(help: "按件计收：同一申请人本自然月此前已计件数") var earlierThisMonth: Int?
    @Flag(help: "以 JSON 输出") var json = false

    func execute() async throws {
        let quote: FeeQuote
        switch (pages, pieces) {
        case (let pages?, nil):
            guard earlierThisMonth == nil else { throw CommandError("--earlier-this-month 只用于按件计收（--pieces）") }
            guard pages >= 0 else { throw CommandError("页数应为非负整数，实际为 \(pages)") }
            quote = FeeCalculator.perPage(pages)
        case (nil, let pieces?):
            let earlier = earlierThisMonth ?? 0
            guard pieces >= 0, earlier >= 0 else { throw CommandError("件数应为非负整数") }
            quote = FeeCalculator.perPiece(pieces, earlierThisMonth: earlier)
        case (.some, .some):
            throw CommandError("同一申请只能选择一种计收方式：--pages 与 --pieces 不能同时使用")
        case (nil, nil):
            throw CommandError("请指定 --pages（按量计收）或 --pieces（按件计收）")
        }
        if json { return try Output.json(quote) }
        for line in quote.breakdown { print("\(line.description)：\(line.to - line.from + 1) × \(line.rate) 元 = \(line.amount) 元") }
        print("合计：\(quote.amount) 元（\(quote.method.chineseLabel)）")
    }
}
