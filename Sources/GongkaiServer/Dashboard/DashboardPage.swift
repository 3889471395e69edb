import GongkaiCore

enum DashboardPage {
    struct WorkArea: Sendable {
        var title: String
        var description: String
        var href: String?
        /// Nil when the area is in service; otherwise why it is not yet.
        var status: String?
        /// The work waiting there, in one line.
        var summary: String? = nil
    }

    /// Something due that the platform reminds of here, since it sends no e-mail.
    struct Reminder: Sendable {
        var text: String
        var href: String
        var urgent: Bool
    }

    struct Model {
        var context: ConsoleContext
        var agencyName: String
        var roles: [String]
        var today: CivilDate
        var todayIsWorkingDay: Bool?
        var areas: [WorkArea]
        var reminders: [Reminder] = []
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "工作台", context: model.context) {
                H.section(.class("card")) {
                    H.p { "\(model.agencyName) · 您的角色：\(model.roles.joined(separator: "、"))" }
                    H.p(.class("muted")) {
                        "今天是 \(model.today.chinese)（\(model.today.chineseWeekday)）"
                        switch model.todayIsWorkingDay {
                        case true?: "，工作日"
                        case false?: "，非工作日"
                        case nil: "，本年度节假日安排尚未导入"
                        }
                    }
                }
                if !model.reminders.isEmpty {
                    H.section(.class("card reminders"), .aria("label", "提醒")) {
                        H.h2 { "提醒" }
                        H.ul {
                            for reminder in model.reminders {
                                H.li(.when(reminder.urgent, .class("urgent"))) { H.a(.href(reminder.href)) { reminder.text } }
                            }
                        }
                    }
                }
                H.section(.class("areas")) {
                    for area in model.areas {
                        H.article(.class("card area")) {
                            H.h2 {
                                if let href = area.href { H.a(.href(href)) { area.title } } else { area.title }
                            }
                            H.p { area.description }
                            if let summary = area.summary { H.p(.class("summary")) { H.a(.href(area.href ?? "#")) { summary } } }
                            if let status = area.status { H.p(.class("badge")) { status } }
                        }
                    }
                }
            }.render()
        }
    }
}
