import GongkaiCore

/// A supervising office's roll-up of a year: the subtree's report statuses and the aggregate of
/// tables 二, 三 and 四 with their cross-checks.
enum ReportRollupPage {
    struct Model {
        var context: ConsoleContext
        var year: Int
        var today: CivilDate
        var rootID: Int
        var agencies: [(String, String)]
        var rollup: ReportRollup
    }

    struct View {
        let model: Model

        func render() -> String {
            let rollup = model.rollup
            return ConsoleLayout(title: "\(rollup.rootName) \(model.year) 年度报告汇总", context: model.context) {
                H.form(.method("get"), .action(SiteURL.reportRollup(year: nil, agency: nil).path), .class("card inline-fields")) {
                    Form.select("agency", label: "汇总范围（含下属机关）", options: model.agencies, selected: String(model.rootID))
                    Form.text("year", label: "年度", value: String(model.year), type: "number")
                    H.div(.class("actions")) { H.button(.type("submit"), .class("primary")) { "汇总" } }
                }
                H.section(.class("card")) {
                    H.h2 { "报告进度" }
                    H.p { ReportIndexPage.View.summary(rollup.progress, today: model.today) }
                    H.div(.class("table-scroll")) {
                        H.table(.class("list")) {
                            H.thead { H.tr { for h in ["机关", "发布期限", "状态"] { H.th { h } } } }
                            H.tbody {
                                for row in rollup.progress {
                                    H.tr {
                                        H.td {
                                            String(repeating: "　", count: row.depth)
                                            if let id = row.reportID { H.a(.href(SiteURL.report(.value(id)).path)) { row.agencyName } } else { row.agencyName }
                                        }
                                        H.td { row.dueOn.iso }
                                        H.td { ReportIndexPage.View.status(row, today: model.today) }
                                    }
                                }
                            }
                        }
                    }
                }
                H.section(.class("card")) {
                    H.h2 { "勾稽关系" }
                    if rollup.checks.findings.isEmpty {
                        H.ul(.class("checks")) { for p in rollup.checks.passed { H.li(.class("passed")) { "✓ \(p.rule)：\(p.message)" } } }
                    } else {
                        H.ul(.class("findings")) { for f in rollup.checks.findings { H.li(.class("finding")) { "\(f.rule)：\(f.message)" } } }
                    }
                    H.p(.class("hint")) {
                        "表三、表四为汇总范围内各机关办理记录的逐格合计（与各机关表格之和相同）；表二为各机关填报数的合计。"
                        if !rollup.withoutFigures.isEmpty { "尚未填报表二的机关：\(rollup.withoutFigures.joined(separator: "、"))。" }
                    }
                }
                for (section, table) in [(ReportSection.proactive, ReportRenderer.t2Table), (.requests, ReportRenderer.t3Table),
                                          (.reviewLitigation, ReportRenderer.t4Table)] {
                    H.section(.class("card report")) {
                        H.h2 { section.heading }
                        H.div(.class("table-scroll")) { table(rollup.aggregate, .init()) }
                    }
                }
            }.render()
        }
    }
}
