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
                  summary: can(.viewRequests) ? try await DashboardQuery.workload(staff, today: today, calendar: calendar, on: req.db) : nil),
            .init(title: "行政复议与诉讼", description: "因政府信息公开引起的行政复议、行政诉讼案件登记与结果。",
                  href: can(.viewRequests) ? SiteURL.challenges.path : nil, status: can(.viewRequests) ? nil : "需承办人、负责人或监督角色"),
            .init(title: "年度报告", description: "由办理记录生成国家格式的年度报告，校验勾稽关系，逐级报送审核后发布，并导出网页、Word、PDF。",
                  href: canReports ? SiteURL.reports(year: nil).path : nil, status: canReports ? nil : "需信息发布、负责人或监督角色",
                  summary: canReports ? try await DashboardQuery.reportSummary(staff, today: today, deadlines: req.application.settings.reportDeadlines, on: req.db) : nil),
            .init(title: "报告体检", description: "读取已发布的年度报告（文本、网页、Word），指出不相符之处。",
                  href: SiteURL.consoleReportCheck.path, status: nil),
            .init(title: "工作日历", description: "法定节假日与调休安排，期限计算及逐日说明。", href: SiteURL.calendar(year: nil).path, status: nil),
        ]
        let model = DashboardPage.Model(
            context: try req.consoleContext(.dashboard), agencyName: agency?.name ?? "",
            roles: staff.roles.sorted().map(\.chineseLabel), today: today,
            todayIsWorkingDay: try? calendar.isWorkingDay(today), areas: areas,
            reminders: try await DashboardQuery.reportReminders(staff, today: today, deadlines: req.application.settings.reportDeadlines, on: req.db))
        return .html(DashboardPage.View(model: model).render())
    }
}
