import Fluent
import Foundation
import GongkaiCore

/// The demo county's annual reports on last year: every agency's table-二 figures entered, most
/// departments' and townships' reports published in January, a few at other stages (submitted,
/// returned with a comment), and the county government's and 城关镇's not yet started — so a
/// newcomer can walk the whole workflow: 城关镇 drafts, the county returns and approves, the
/// county drafts its own with live figures and publishes.
enum DemoReports {
    enum Plan {
        case published, submitted, returned, notStarted
    }

    static func plan(_ code: String) -> Plan {
        switch code {
        case "sfx-gov", "sfx-cgz", "sfx-jyj": return .notStarted
        case "sfx-dhz": return .submitted
        case "sfx-nhz": return .returned
        default: return .published
        }
    }

    static func load(agencyIDs: [String: Int], today: CivilDate, on db: any Database) async throws {
        let year = today.year - 1
        guard (try? RequestStatistics.checkYear(year)) != nil else { return }
        var random = SplitMix64(seed: UInt64(year))
        let schema = ReportSchema.of(ReportFormatVersion.inForce(forYear: year)!)
        guard let government = agencyIDs["sfx-gov"] else { return }
        let supervisor = principal(agencyID: government, roles: [.supervisor], subtree: Array(agencyIDs.values))
        let supervisorActor = AuditActor(userID: nil, name: "sfx.supervisor（马文斌）", requestID: "demo", ipAddress: "")
        for seed in DemoCounty.agencies {
            guard let id = agencyIDs[seed.code] else { continue }
            let office = principal(agencyID: id, roles: [.officeHead], subtree: [id])
            let actor = AuditActor(userID: nil, name: "\(seed.shortName)公开办（演示）", requestID: "demo", ipAddress: "")
            // The rows the publications register counts are not entered where the agency publishes here.
            let register = try await PublicationFigures.reportPart(agencyIDs: [id], year: year, on: db)
            let counted = schema.version == .v2021 && !(register.rules.isEmpty && register.normativeDocuments.isEmpty)
            _ = try await ReportFigureService.save(agencyID: id, year: year,
                                                   fields: figures(schema, kind: seed.kind, skipRegisterRows: counted, random: &random),
                                                   staff: office, by: actor, on: db)
            let plan = plan(seed.code)
            guard plan != .notStarted else { continue }
            let started = try await ReportService.start(agencyID: id, year: year, staff: office, today: today, by: actor, on: db)
            var report = try await ReportService.edit(try started.requireID(), fields: written(started, agency: seed), staff: office, by: actor, on: db)
            // Published in the second half of January, as most are; the dates stay before today.
            let submitted = min(today, CivilDate(year: year + 1, month: 1, day: 16)!)
            let published = min(today, CivilDate(year: year + 1, month: 1, day: 20 + Int(random.next() % 8))!)
            report = try await step(report, .submit, office, actor, today: submitted, on: db)
            switch plan {
            case .returned:
                _ = try await step(report, .returnToAgency, supervisor, supervisorActor, today: submitted,
                                   comment: "“五、存在的主要问题及改进情况”过于简略，请写明上一年度问题的整改情况", on: db)
            case .published:
                report = try await step(report, .approve, supervisor, supervisorActor, today: published, on: db)
                _ = try await step(report, .publish, office, actor, today: published, on: db)
            case .submitted, .notStarted:
                break
            }
        }
    }

    /// A staff member holding `roles` in one agency, for steps taken by the demo loader itself.
    static func principal(agencyID: Int, roles: [Role], subtree: [Int]) -> StaffPrincipal {
        var reach: [Permission: Set<Int>] = [:]
        for role in roles { for permission in role.permissions { reach[permission, default: []].formUnion(role.coversSubtree ? Set(subtree) : [agencyID]) } }
        return StaffPrincipal(userID: 0, username: "demo", displayName: "演示", homeAgencyID: agencyID, mustChangePassword: false,
                              assignments: roles.map { ($0, agencyID) }, reach: reach)
    }

    /// Table 二 as the systems of record would give it: no rules (a county makes none), a few
    /// normative documents for the government and departments, licensing and penalty decisions
    /// for the regulatory bureaus, fees in 万元.
    static func figures(_ schema: ReportSchema, kind: AgencyKind, skipRegisterRows: Bool = false, random: inout SplitMix64) -> FormFields {
        var values: [String: [String]] = [:]
        for cell in ReportFigureService.tableTwoCells(schema) {
            let id = cell.rawValue
            let value: String
            if id.contains(".rules.") || id.contains("repealed") {
                value = id.contains(".rules.") ? "0" : String(random.next() % 2)
            } else if id.contains("normative_docs") {
                let issued = kind == .township ? 0 : Int(random.next() % 4)
                value = id.hasSuffix("in_force") || id.hasSuffix("total_published") ? String(issued + 5 + Int(random.next() % 10)) : String(issued)
            } else if cell == ReportSchema.feeAmountCell || id.hasSuffix("procurement_total_amount") {
                value = kind == .township ? "0" : String(format: "%.2f", Double(random.next() % 5000) / 100)
            } else if id.contains("change_this_year") {
                value = "0"
            } else {
                value = String(random.next() % (kind == .department ? 60 : 8))
            }
            // (drawn all the same, so the other figures stay as they were)
            if skipRegisterRows && id.hasPrefix("t2.art20_1.") { continue }
            values["value.\(id)"] = [value]
            values["source.\(id)"] = ["演示数据（\(id.contains("fee") ? "非税收入管理系统" : id.contains("normative") || id.contains("rules") ? "规范性文件备案系统" : "行政执法信息平台")导出）"]
        }
        return FormFields(values)
    }

    /// The first draft with what only the office can write filled in.
    static func written(_ report: AgencyReport, agency: DemoCounty.AgencySeed) -> FormFields {
        let fillers = [
            "主动公开政府信息的数量和重点领域信息公开情况": "围绕重点领域做好信息公开，及时公开财政预决算、重大建设项目和民生资金等信息。",
            "政府信息管理情况，如公开属性源头认定、保密审查、政策文件清理": "落实公开属性源头认定和发布前保密审查制度，全年未发生泄密事件。",
            "政府网站、政务新媒体、政民互动等平台建设情况": "依托县政府门户网站“政府信息公开”专栏集中发布信息，及时更新公开指南和公开目录。",
            // The draft's prompt when the agency's messages are kept here (their figures precede it).
            "政府网站、政务新媒体等平台建设情况": "依托县政府门户网站“政府信息公开”专栏集中发布信息，及时更新公开指南和公开目录。",
            "组织领导、制度建设、培训、考核、社会评议和责任追究情况": "明确分管领导和工作人员，组织政府信息公开业务培训 2 次，未发生责任追究情况。",
            "本年度工作存在的主要问题，以及上一年度问题的改进情况；避免与往年雷同": "政策解读形式较为单一。下一步将丰富图解、问答等解读形式，提高解读质量。",
        ]
        func fill(_ text: String) -> String {
            var text = text
            for (prompt, sentence) in fillers { text = text.replacingOccurrences(of: "\(ReportReadiness.placeholderMark)：\(prompt)】", with: sentence) }
            return text
        }
        return FormFields([
            "version": [String(report.version)], "overview": [fill(report.overview)], "problems": [fill(report.problems)],
            "other_matters": [report.otherMatters],
        ])
    }

    private static func step(_ report: AgencyReport, _ step: ReportStep, _ staff: StaffPrincipal, _ actor: AuditActor, today: CivilDate,
                             comment: String = "", on db: any Database) async throws -> AgencyReport {
        try await ReportService.perform(try report.requireID(), fields: FormFields([
            "step": [step.rawValue], "version": [String(report.version)], "comment": [comment],
        ]), staff: staff, today: today, deadlines: ReportDeadlineRules(), by: actor, on: db).0
    }
}
