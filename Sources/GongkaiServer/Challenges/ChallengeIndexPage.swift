import GongkaiCore

/// The register of reconsideration and litigation cases, with the form to add one and, per
/// case, the form to record its result.
enum ChallengeIndexPage {
    struct Row {
        var id: Int
        var version: Int
        var agency: String
        var kind: ChallengeKind
        var filedOn: String
        var body: String
        var caseNumber: String
        var result: ChallengeResult
        var decidedOn: String?
        var summary: String
        var request: (Int, String)?
        var reopened: (Int, String)?
        /// The new reply's period the decision set, in words, if it set one.
        var orderedPeriod: String?
        var asCoDefendant: Bool
        var canDecide: Bool
    }

    struct Model {
        var context: ConsoleContext
        var year: Int?
        var rows: [Row]
        /// Agencies the user may register cases for; empty when they may not.
        var agencies: [(String, String)]
        var values: FormFields
        var errors: [String: String]
        var error: String?
        var today: CivilDate
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "行政复议、行政诉讼", context: model.context) {
                if let error = model.error { H.div(.class("error-summary"), Attribute("role", "alert")) { H.p { error } } }
                H.nav(.class("years"), .aria("label", "年份")) {
                    H.a(.href(SiteURL.challenges.path), .when(model.year == nil, Attribute("aria-current", "page"))) { "全部" }
                    for year in stride(from: model.today.year, through: model.today.year - 4, by: -1) {
                        H.a(.href(SiteURL.challenges.path + "?year=\(year)"), .when(model.year == year, Attribute("aria-current", "page"))) { "\(year)" }
                    }
                }
                H.div(.class("table-scroll")) {
                    H.table(.class("list")) {
                        H.thead { H.tr { for h in ["机关", "类型", "立案日期", "复议机关／法院", "案号", "关联申请", "结果", ""] { H.th { h } } } }
                        H.tbody { for row in model.rows { Self.row(row, csrf: model.context.csrfToken, today: model.today) } }
                    }
                }
                if model.rows.isEmpty { H.p(.class("muted")) { "没有登记的案件。" } }
                if !model.agencies.isEmpty { registration }
            }.render()
        }

        static func row(_ row: Row, csrf: String, today: CivilDate) -> Node {
            H.tr {
                H.td { row.agency }
                H.td {
                    row.kind.chineseLabel
                    if row.asCoDefendant { H.br(); H.small { "本机关作为复议机关共同被告，不计入本机关表四" } }
                }
                H.td { row.filedOn }
                H.td { row.body }
                H.td { row.caseNumber }
                H.td {
                    if let (id, tracking) = row.request { H.a(.href(SiteURL.request(.value(id)).path)) { tracking } } else { "—" }
                    if let (id, tracking) = row.reopened {
                        H.br()
                        H.small {
                            "重新办理："; H.a(.href(SiteURL.request(.value(id)).path)) { tracking }
                            if let ordered = row.orderedPeriod { "（决定期限：\(ordered)）" }
                        }
                    }
                }
                H.td {
                    H.span(.class("challenge-result \(row.result.rawValue)")) { row.result.chineseLabel }
                    if let decided = row.decidedOn { H.br(); H.small { decided } }
                }
                H.td {
                    if row.canDecide {
                        H.details(.class("action")) {
                            H.summary { "记录结果" }
                            H.form(.method("post"), .action(SiteURL.challenge(.value(row.id)).path)) {
                                Form.csrf(csrf)
                                Form.hidden("version", String(row.version))
                                Form.select("result", label: "审理结果", options: ChallengeResult.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                            selected: row.result.rawValue)
                                Form.text("decided_on", label: "决定（判决）日期", value: row.decidedOn ?? "", type: "date")
                                let receiptHint = "结果纠正且关联申请时必填：重新答复的期限自此起算"
                                Form.text("decision_received_on", label: "收到决定书之日（判决为生效之日）", hint: receiptHint, type: "date")
                                H.fieldset {
                                    H.legend { "结果纠正时：决定确定的重新答复期限（未确定则按条例 20 个工作日）" }
                                    Form.text("ordered_reply_on", label: "于此日期前重新答复", type: "date")
                                    Form.text("ordered_days", label: "或：在收到决定后若干日内", type: "number")
                                    Form.select("ordered_days_kind", label: "天数的计算", options: [("calendar", "日（自然日）"), ("working", "工作日")],
                                                selected: "calendar")
                                    Form.text("order_basis", label: "依据（如决定书文号）")
                                }
                                Form.submit("记录结果")
                            }
                        }
                        // Table 四 counts a case the reconsideration body defends with the agency only
                        // at the agency: a flag set wrongly at registration is corrected here.
                        if row.kind == .litigationAfterReconsideration || row.asCoDefendant {
                            H.details(.class("action")) {
                                H.summary { "更正共同被告" }
                                H.form(.method("post"), .action(SiteURL.challengeCoDefendant(.value(row.id)).path)) {
                                    Form.csrf(csrf)
                                    Form.hidden("version", String(row.version))
                                    let choices = [("false", "否（计入本机关表四）"), ("true", "是（只由原行为机关计入表四）")]
                                    let label = "本机关是否作为作出维持决定的复议机关与原行为机关同为被告"
                                    Form.select("as_co_defendant", label: label, options: choices, selected: row.asCoDefendant ? "true" : "false")
                                    Form.submit("更正")
                                }
                            }
                        }
                    }
                }
            }
        }

        private var registration: Node {
            let f = model.values, e = model.errors
            return H.section(.class("card")) {
                H.h2 { "登记案件" }
                Form.errorSummary(e)
                H.form(.method("post"), .action(SiteURL.challenges.path), .class("inline-fields")) {
                    Form.csrf(model.context.csrfToken)
                    Form.select("agency_id", label: "被申请人（被告）机关", options: model.agencies, selected: f["agency_id"], error: e["agency_id"], required: true)
                    Form.select("kind", label: "类型", options: [("", "请选择")] + ChallengeKind.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                selected: f["kind"], error: e["kind"], required: true)
                    Form.text("filed_on", label: "立案（受理）日期", value: f["filed_on"], error: e["filed_on"], type: "date", required: true)
                    Form.text("body", label: "复议机关或人民法院", value: f["body"], error: e["body"], required: true)
                    Form.text("case_number", label: "案号", value: f["case_number"], error: e["case_number"])
                    Form.text("request_tracking_number", label: "关联申请的查询号", value: f["request_tracking_number"],
                              error: e["request_tracking_number"] ?? e["request_id"])
                    Form.textarea("summary", label: "案情摘要", value: f["summary"], error: e["summary"], rows: 2)
                    Form.checkboxes("as_co_defendant", legend: "复议后起诉：本机关是作出维持决定的复议机关，与原行为机关同为被告",
                                    options: [("1", "是（按年度报告格式，此类案件只由原行为机关计入表四）")],
                                    checked: f.all("as_co_defendant").isEmpty ? [] : ["1"], error: e["as_co_defendant"])
                    H.div(.class("actions")) { H.button(.type("submit"), .class("primary")) { "登记" } }
                }
                H.p(.class("hint")) {
                    "结果为“结果纠正”且关联了申请时，系统将以原申请为基础新建一件申请重新办理：期限按决定确定的日期或天数，未确定的自收到决定之日起算 20 个工作日。"
                    "重新办理不是新的申请，不计入年度报告表三。"
                }
            }
        }
    }
}
