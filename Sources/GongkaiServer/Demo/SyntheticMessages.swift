import Foundation
import GongkaiCore

/// A deterministic hotline export for the demo, the CLI's sample file and the benchmark: rows
/// like a county's 12345 system writes them (the seed county's mix of channels: the hotline
/// ~96 %, the county head's mailbox, the service site, WeChat), almost all completed, most rated.
public enum SyntheticMessages {
    public static let header = ["工单编号", "渠道", "受理时间", "标题", "内容", "承办单位", "办结时间", "办理结果", "满意度", "类型"]
    static let subjects = [("路灯不亮", "help"), ("噪音扰民", "complaint"), ("社保缴费咨询", "consultation"), ("道路破损", "help"),
                           ("供暖不热", "complaint"), ("医保报销咨询", "consultation"), ("占道经营", "report"), ("小区垃圾清运", "help"),
                           ("建议增设公交站", "suggestion"), ("表扬窗口服务", "praise"), ("拖欠工资", "complaint"), ("户籍办理咨询", "consultation")]
    static let units = ["县住建局", "县人社局", "县医保局", "县市场监管局", "县交通运输局", "城关镇", "县公安局", "县教育局"]

    /// The channels a generated file uses, by the names of a county government's list.
    public static let channels = [("12345热线", 9_600), ("县长信箱", 130), ("政务服务网", 245), ("微信公众号", 25)]

    /// Writes `rows` rows received in `year` as UTF-8 CSV with a byte-order mark (Excel's "CSV UTF-8"),
    /// streaming. Rows received in the last days of the year may be open at its end.
    public static func write(rows: Int, year: Int, to path: String, seed: UInt64 = 12, sourcePrefix: String = "RX",
                             channelNames: [String]? = nil, today: CivilDate? = nil) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF])),
              let handle = FileHandle(forWritingAtPath: path) else { throw CSVStreamError(message: "无法写入 \(path)") }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        var out = CSV.line(header) + "\r\n"
        var random = SplitMix64(seed: seed)
        let weights = channels.map(\.1), total = weights.reduce(0, +)
        let names = channelNames ?? channels.map(\.0)
        let first = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        let last = (today ?? CivilDate(year: year + 1, month: 1, day: 20)!)
        // Received by the day before `today`: an export holds nothing from the future.
        let days = min(CivilDate(year: year, month: 12, day: 31)!.dayNumber, last.dayNumber - 1) - first + 1
        guard days > 0 else { throw CSVStreamError(message: "\(year) 年尚未开始") }
        for i in 0..<rows {
            var pick = Int(random.next() % UInt64(total)), c = 0
            while pick >= weights[c] { pick -= weights[c]; c += 1 }
            let day = CivilDate(dayNumber: first + Int(random.next() % UInt64(days)))
            let seconds = 8 * 3600 + Int(random.next() % 36_000)
            let (subject, kind) = subjects[Int(random.next() % UInt64(subjects.count))]
            let received = "\(day.iso) \(clock(seconds))"
            let completedDay = day.adding(days: Int(random.next() % 12))
            let open = random.next() % 1000 < 2 || completedDay > last
            let completed = open ? "" : "\(completedDay.iso) \(clock(min(seconds + 3600, 86_399)))"
            let r = random.next() % 100
            let satisfaction = open || r >= 85 ? "" : r < 70 ? "满意" : r < 83 ? "基本满意" : "不满意"
            out += CSV.line([
                "\(sourcePrefix)\(year)\(String(format: "%07d", i + 1))", names[c % names.count], received, subject,
                "群众反映：\(subject)，地点：示范县\(["人民路", "建设路", "团结路", "和平街"][i % 4]) \(i % 200 + 1) 号附近，请尽快处理。",
                units[i % units.count], completed, open ? "" : "已办理并电话回复来电人", satisfaction, MessageKind(rawValue: kind)?.chineseLabel ?? "其他",
            ]) + "\r\n"
            if out.utf8.count > 1 << 16 {
                handle.write(Data(out.utf8))
                out = ""
            }
        }
        handle.write(Data(out.utf8))
    }

    static func clock(_ seconds: Int) -> String {
        String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}
