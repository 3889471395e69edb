import GongkaiCore

/// Parts shared by the message pages.
enum MessageViews {
    static func statusBadge(_ status: MessageStatus, overdue: Bool) -> Node {
        let css: String
        switch status {
        case .received: css = "awaiting_receipt"
        case .accepted: css = "running"
        case .completed, .notAccepted, .convertedToRequest: css = "concluded"
        }
        return H.span(.class("phase \(overdue ? "overdue" : css)")) { overdue ? "已逾期" : status.chineseLabel }
    }

    /// The clock's notes and its day-by-day reading, as on a request's page.
    static func clock(_ c: MessageClockState, status: MessageStatus) -> Node {
        H.section(.class("card clock")) {
            H.div(.class("clock-head")) {
                statusBadge(status, overdue: c.isOverdue)
                if let due = c.dueOn {
                    H.p(.class("due")) { "办理期限："; H.strong { "\(due.chinese)（\(due.chineseWeekday)）" } }
                    if let remaining = c.remainingDays, status.isOpen {
                        H.p { "已用 \(c.countedDays) / \(c.periodDays) 个工作日，剩余 \(remaining) 个工作日" + (c.isDueSoon ? "（即将到期）" : "") }
                    }
                    if let onTime = c.completedOnTime {
                        H.p { (onTime ? "在期限内办结" : "超过期限办结") + (c.handlingDays.map { "，用时 \($0) 个工作日" } ?? "，用时暂无法计算（缺少节假日安排）") }
                    }
                } else if let problem = c.problem {
                    H.p(.class("error-summary")) { problem }
                }
            }
            H.ol(.class("clock-notes")) {
                for note in c.notes {
                    H.li(note.isWarning ? .class("warning") : nil) {
                        if let d = note.date { H.time(Attribute("datetime", d.iso)) { d.iso }; " " }
                        note.text
                    }
                }
            }
            if !c.days.isEmpty {
                H.details {
                    H.summary { "逐日说明（\(c.days.count) 天）" }
                    H.ol(.class("explanation")) { for day in c.days { H.li(.class(day.kind.rawValue)) { day.chineseLine } } }
                }
            }
        }
    }

    /// The toolbar of the message pages.
    static func toolbar(canHandle: Bool) -> Node {
        H.div(.class("toolbar")) {
            if canHandle {
                H.a(.href(SiteURL.messageNew.path), .class("button primary")) { "登记来信" }
                H.a(.href(SiteURL.messageImports.path), .class("button")) { "导入（12345 热线等）" }
            }
            H.a(.href(SiteURL.messageFigures.path), .class("button")) { "统计与满意度" }
            H.a(.href(SiteURL.messageSettings.path), .class("button")) { "渠道和办理时限" }
        }
    }
}
