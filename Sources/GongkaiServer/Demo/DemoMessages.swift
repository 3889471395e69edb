import Fluent
import Foundation
import GongkaiCore

/// The demo county's 政民互动: the county head's mailbox with letters at every stage (new,
/// accepted, assigned, overdue, answered and waiting for the head, published, rated online and
/// by phone, not accepted, transferred to the education bureau), and an imported 12345 hotline
/// history of last year and this year so the figures page has something to show.
enum DemoMessages {
    struct Letter {
        let daysAgo: Int
        let name: String
        let phone: String
        let kind: MessageKind
        let subject: String
        let content: String
        let publish: Bool
        /// The steps taken, in order.
        let steps: [Step]
    }

    enum Step {
        case accept, assign(String), reply(String, daysAgo: Int), approve, rateOnline(Satisfaction), ratePhone(Satisfaction)
        case notAccept(NotAcceptedReason, String), transfer(String, String)
    }

    static let letters: [Letter] = [
        .init(daysAgo: 0, name: "刘小红", phone: "13912340001", kind: .suggestion, subject: "建议在人民公园增设健身器材",
              content: "人民公园北门附近空地较大，建议增设一些适合老年人的健身器材。", publish: true, steps: []),
        .init(daysAgo: 2, name: "陈建华", phone: "13912340002", kind: .complaint, subject: "建设路夜间施工噪音",
              content: "建设路与团结路口工地连续一周夜间十一点后仍在施工，噪音很大，影响休息。", publish: false, steps: [.accept]),
        .init(daysAgo: 4, name: "王丽", phone: "13912340003", kind: .help, subject: "小区路灯损坏",
              content: "和平街 9 号小区内三盏路灯损坏一个多月，晚上出行不便。", publish: true, steps: [.accept, .assign("县住建局")]),
        .init(daysAgo: 30, name: "赵强", phone: "13912340004", kind: .complaint, subject: "供暖温度不达标",
              content: "团结路 35 号小区今年供暖以来室温一直不到 16 度。", publish: false, steps: [.accept, .assign("县住建局")]),
        .init(daysAgo: 12, name: "孙梅", phone: "13912340005", kind: .consultation, subject: "灵活就业人员养老保险缴费",
              content: "请问灵活就业人员如何缴纳城镇职工养老保险，在哪里办理？", publish: true,
              steps: [.accept, .reply("灵活就业人员可持身份证到县人社局一楼社保窗口或通过“新疆智慧人社”办理参保登记，按月或按季缴费。", daysAgo: 9)]),
        .init(daysAgo: 40, name: "周杰", phone: "13912340006", kind: .suggestion, subject: "建议延长图书馆周末开放时间",
              content: "县图书馆周末下午五点闭馆，建议延长到晚上八点，方便学生和上班族。", publish: true,
              steps: [.accept, .reply("感谢您的建议。自下月起县图书馆周六、周日开放时间延长至 20:00。", daysAgo: 33), .approve, .rateOnline(.satisfied)]),
        .init(daysAgo: 60, name: "吴敏", phone: "13912340007", kind: .complaint, subject: "菜市场占道经营",
              content: "商贸街菜市场门口长期占道经营，早高峰车辆无法通行。", publish: false,
              steps: [.accept, .assign("县市场监管局"), .reply("已会同城关镇对占道经营进行整治，设置临时疏导点。", daysAgo: 50), .ratePhone(.basicallySatisfied)]),
        .init(daysAgo: 20, name: "郑伟", phone: "13912340008", kind: .other, subject: "（无实际内容）",
              content: "测试测试测试测试测试", publish: false, steps: [.notAccept(.unclear, "来信未写明具体事项，无法办理。如有诉求请写明时间、地点和事项后重新来信。")]),
        .init(daysAgo: 6, name: "冯雪", phone: "13912340009", kind: .consultation, subject: "义务教育阶段转学手续",
              content: "孩子从外县转入城关镇第二小学，需要办理哪些手续？", publish: true,
              steps: [.transfer("sfx-jyj", "属于教育局职责")]),
    ]

    static func load(agencyIDs: [String: Int], users: [String: Int], calendar: WorkingDayCalendar, today: CivilDate, on db: any Database) async throws {
        guard let county = agencyIDs["sfx-gov"] else { return }
        let context = MessageContext(calendar: calendar, today: today, limits: MessageTimeLimits(), dueSoonDays: 2)
        let officer = AuditActor(userID: users["sfx.officer"], name: "sfx.officer（王建国）", requestID: "demo", ipAddress: "")
        let head = AuditActor(userID: users["sfx.head"], name: "sfx.head（李海燕）", requestID: "demo", ipAddress: "")
        let publicActor = AuditActor(userID: nil, name: "公众", requestID: "demo", ipAddress: "")
        let mailbox = try await MessageChannels.mailbox(agencyID: county, on: db)
        for (i, l) in letters.enumerated() {
            let received = today.adding(days: -l.daysAgo)
            var letter = try MessageIntake.Letter(fields: FormFields([
                "sender_name": [l.name], "sender_phone": [l.phone], "subject": [l.subject], "content": [l.content], "kind": [l.kind.rawValue],
            ]), nameRequired: true)
            letter.publicationAllowed = l.publish
            let m = try await MessageIntake.insert(letter, agencyID: county, channel: mailbox, source: .mailbox,
                                                   receivedAt: Date(timeIntervalSince1970: TimeInterval(received.dayNumber * 86_400 + 2 * 3600 + i * 600)),
                                                   receivedOn: received, context: context, actor: publicActor, summary: "网上信箱收到来信：\(l.subject)", on: db)
            let id = try m.requireID()
            for step in l.steps {
                let version = try await PublicMessage.find(id, on: db)?.version ?? 1
                switch step {
                case .accept:
                    try await MessageService.perform(.accept(on: received), messageID: id, expectedVersion: version, actorName: "王建国", actor: officer, context: context, on: db)
                case .assign(let unit):
                    try await MessageService.perform(.assign(unit: unit, officerID: users["sfx.officer"], on: min(today, received.adding(days: 1))), messageID: id, expectedVersion: version,
                                                     actorName: "王建国", actor: officer, context: context, on: db)
                case .reply(let text, let daysAgo):
                    try await MessageService.perform(.reply(text: text, on: today.adding(days: -daysAgo)), messageID: id, expectedVersion: version,
                                                     actorName: "王建国", actor: officer, context: context, on: db)
                case .approve:
                    try await MessageService.perform(.approvePublication(content: nil, reply: nil), messageID: id, expectedVersion: version,
                                                     actorName: "李海燕", actor: head, context: context, on: db)
                case .rateOnline(let s):
                    try await MessageService.rate(trackingNumber: m.trackingNumber ?? "", phoneLast4: String(l.phone.suffix(4)), satisfaction: s,
                                                  today: today, actor: publicActor, on: db)
                case .ratePhone(let s):
                    try await MessageService.perform(.recordRating(s, on: today, note: "电话回访"), messageID: id, expectedVersion: version,
                                                     actorName: "王建国", actor: officer, context: context, on: db)
                case .notAccept(let reason, let note):
                    try await MessageService.perform(.notAccept(reason: reason, note: note, on: received.adding(days: 1)), messageID: id,
                                                     expectedVersion: version, actorName: "王建国", actor: officer, context: context, on: db)
                case .transfer(let code, let reason):
                    guard let target = agencyIDs[code] else { continue }
                    try await MessageService.perform(.transfer(agencyID: target, reason: reason), messageID: id, expectedVersion: version,
                                                     actorName: "王建国", actor: officer, context: context, on: db)
                }
            }
        }
        // The hotline's history: last year whole, this year to yesterday, imported as an office would.
        let target = try await MessageImporter.target(agencyID: county, context: context, on: db)
        for (year, rows) in [(today.year - 1, 3_000), (today.year, max(1, 3_000 * (today.dayNumber - CivilDate(year: today.year, month: 1, day: 1)!.dayNumber) / 365))] {
            guard today > CivilDate(year: year, month: 1, day: 2)! else { continue }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-demo-hotline-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try SyntheticMessages.write(rows: rows, year: year, to: path, seed: UInt64(year), sourcePrefix: "SFX", today: today)
            _ = try await MessageImporter.apply(path: path, target: target, skipBadRows: false, jobID: nil, actor: .commandLine("demo"), on: db)
        }
    }
}
