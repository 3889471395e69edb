import Fluent
import GongkaiCore
import Vapor

enum DashboardController {
    static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewConsole)
        let agency = try await Agency.find(staff.homeAgencyID, on: req.db)
        let today = req.application.settings.today
        let calendar = try await req.calendar()
        let can = { (p: Permission) in staff.has(p) }
        let canReports = can(.prepareReports) || can(.signOffReports) || can(.reviewReports)
        let areas: [DashboardPage.WorkArea] = [
            .init(title: "主动公开", description: "信息发布、审核与保密审查，公开目录、专题专栏、政策解读与公开事项标准目录。",
                  href: nil, status: can(.publish) || can(.review) || can(.confidentialityReview) ? "建设中" : "建设中（需信息发布或审核角色）"),
            .init(title: "依申请公开", description: "各渠道登记申请，按法定工作日计时：补正、征求意见、延期、收费与答复。",
                  href: can(.viewRequests) ? SiteURL.requests.path : nil, status: can(.viewRequests) ? nil : "需承办人、负责人或监督角色",
                  summary: can(.viewRequests) ? try await workload(staff, today: today, calendar: calendar, on: req.db) : nil),
            .init(title: "行政复议与诉讼", description: "因政府信息公开引起的行政复议、行政诉讼案件登记与结果。",
                  href: can(.viewRequests) ? SiteURL.challenges.path : nil, status: can(.viewRequests) ? nil : "需承办人、负责人或监督角色"),
            .init(title: "年度报告", description: "由办理记录生成国家格式的年度报告，校验勾稽关系，逐级报送审核后发布，并导出网页、Word、PDF。",
                  href: canReports ? SiteURL.reports(year: nil).path : nil, status: canReports ? nil : "需信息发布、负责人或监督角色",
                  summary: canReports ? try await reportSummary(staff, today: today, deadlines: req.application.settings.reportDeadlines, on: req.db) : nil),
            .init(title: "报告体检", description: "读取已发布的年度报告（文本、网页、Word），指出不相符之处。",
                  href: SiteURL.consoleReportCheck.path, status: nil),
            .init(title: "工作日历", description: "法定节假日与调休安排，期限计算及逐日说明。", href: SiteURL.calendar(year: nil).path, status: nil),
        ]
        let model = DashboardPage.Model(
            context: try req.consoleContext(.dashboard), agencyName: agency?.name ?? "",
            roles: staff.roles.sorted().map(\.chineseLabel), today: today,
            todayIsWorkingDay: try? calendar.isWorkingDay(today), areas: areas,
            reminders: try await reportReminders(staff, today: today, deadlines: req.application.settings.reportDeadlines, on: req.db))
        return .html(DashboardPage.View(model: model).render())
    }

    /// The user's own reports that need attention: returned with comments, not published and due
    /// within 30 days, or late (last year's too, while it is not published). The platform sends
    /// no e-mail; this is where reminders appear.
    private static func reportReminders(_ staff: StaffPrincipal, today: CivilDate, deadlines: ReportDeadlineRules,
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
    private static func reportSummary(_ staff: StaffPrincipal, today: CivilDate, deadlines: ReportDeadlineRules,
                                      on db: any Database) async throws -> String? {
        let year = ReportProgressQuery.currentYear(today: today)
        let reviewed = staff.agencies(with: .reviewReports).subtracting([staff.homeAgencyID])
        guard !reviewed.isEmpty else { return nil }
        let outline = try await AgencyTree.outline(of: Array(reviewed), on: db).filter { reviewed.contains($0.agency.id ?? -1) }
        let rows = try await ReportProgressQuery.list(outline, year: year, deadlines: deadlines, on: db)
        return "\(year) 年度 · " + ReportIndexPage.View.summary(rows, today: today)
    }

    /// 办理中 12 · 5 个工作日内到期 3 · 已逾期 1, over the agencies the user sees.
    private static func workload(_ staff: StaffPrincipal, today: CivilDate, calendar: WorkingDayCalendar, on db: any Database) async throws -> String {
        let query = RequestListQuery(agencyIDs: Array(staff.agencies(with: .viewRequests)))
        let dueSoon = (try? calendar.addingWorkingDays(RequestListQuery.dueSoonDays, to: today)) ?? today
        let counts = try await query.counts(today: today, dueSoonLimit: dueSoon, on: db)
        return [RequestListQuery.Filter.open, .dueSoon, .overdue].map { "\($0.chineseLabel) \(counts[$0] ?? 0)" }.joined(separator: " · ")
    }
}
