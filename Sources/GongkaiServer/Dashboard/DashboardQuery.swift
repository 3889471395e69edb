import Fluent
import GongkaiCore

/// What the console's home counts for the signed-in user: report reminders, the supervised
/// reports' progress, the request workload.
enum DashboardQuery {
    /// The user's own reports that need attention: returned with comments, not published and due
    /// within 30 days, or late (last year's too, while it is not published). The platform sends
    /// no e-mail; this is where reminders appear.
    static func reportReminders(_ staff: StaffPrincipal, today: CivilDate, deadlines: ReportDeadlineRules,
                                on db: any Database) async throws -> [DashboardPage.Reminder] {
        let own = staff.agencies(with: .prepareReports).union(staff.agencies(with: .signOffReports))
        guard !own.isEmpty else { return [] }
        let current = ReportProgressQuery.currentYear(today: today)
        let outline = try await AgencyTree.outline(of: Array(own), on: db).filter { own.contains($0.agency.id ?? -1) }
        var reminders: [DashboardPage.Reminder] = []
        for year in [current - 1, current] where (try? RequestStatistics.checkYear(year)) != nil {
            for row in try await ReportProgressQuery.list(outline, year: year, deadlines: deadlines, on: db) {
                let href = row.reportID.map { SiteURL.report(.value($0)).path } ?? SiteURL.reports(year: year).path
                let left = row.daysLeft(today: today)
                if row.status == .returned {
                    reminders.append(.init(text: "\(row.agencyName) \(year) 年度报告已被上级退回：\(row.returnComment)", href: href, urgent: true))
                } else if row.status != .published, left <= 30, year == current || left < 0 {
                    let when = left < 0 ? "已逾期 \(-left) 天" : left == 0 ? "今天到期" : "还有 \(left) 天"
                    reminders.append(.init(text: "\(row.agencyName) \(year) 年度报告应于 \(row.dueOn.chinese)前发布（\(when)），当前：\(row.status.chineseLabel)",
                                           href: href, urgent: left < 7))
                }
            }
        }
        return reminders
    }

    /// 下级机关 12 个：已发布 3 … for a supervising office; the own report's status otherwise.
    static func reportSummary(_ staff: StaffPrincipal, today: CivilDate, deadlines: ReportDeadlineRules,
                              on db: any Database) async throws -> String? {
        let year = ReportProgressQuery.currentYear(today: today)
        let reviewed = staff.agencies(with: .reviewReports).subtracting([staff.homeAgencyID])
        guard !reviewed.isEmpty else { return nil }
        let outline = try await AgencyTree.outline(of: Array(reviewed), on: db).filter { reviewed.contains($0.agency.id ?? -1) }
        let rows = try await ReportProgressQuery.list(outline, year: year, deadlines: deadlines, on: db)
        return "\(year) 年度 · " + ReportIndexPage.View.summary(rows, today: today)
    }

    /// 办理中 12 · 5 个工作日内到期 3 · 已逾期 1, over the agencies the user sees.
    static func workload(_ staff: StaffPrincipal, today: CivilDate, calendar: WorkingDayCalendar, on db: any Database) async throws -> String {
        let query = RequestListQuery(agencyIDs: Array(staff.agencies(with: .viewRequests)))
        let dueSoon = calendar.dueSoonThrough(today: today, workingDays: RequestListQuery.dueSoonDays)
        let counts = try await query.counts(today: today, dueSoonLimit: dueSoon, on: db)
        return [RequestListQuery.Filter.open, .dueSoon, .overdue].map { "\($0.chineseLabel) \(counts[$0] ?? 0)" }.joined(separator: " · ")
    }
}
