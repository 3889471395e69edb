import GongkaiCore

enum StatisticsPage {
    struct Model {
        var context: ConsoleContext
        var year: Int
        var agencyID: Int
        var includeSubtree: Bool
        var agencies: [(Int, String)]
        var report: AnnualReport
        var checks: CrossChecks.Outcome
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "年度统计：表三、表四", context: model.context) {
                H.form(.method("get"), .action(SiteURL.statistics(year: nil).path), .class("card inline-fields")) {
                    Form.select("agency", label: "机关", options: model.agencies.map { (String($0.0), $0.1) }, selected: String(model.agencyID))
                    Form.text("year", label: "年度", value: String(model.year), type: "number")
                    H.div(.class("field")) {
                        H.label {
                            H.input(.type("checkbox"), .name("subtree"), .value("1"), .when(model.includeSubtree, .checked))
                            " 含下属机关（汇总）"
                        }
                    }
                    H.div(.class("actions")) { H.button(.type("submit"), .class("primary")) { "统计" } }
                }
                H.p(.class("muted")) {
                    "由办理记录实时统计：本年新收以收到申请之日计，办理结果以答复日期计，12 月 31 日仍在办理的结转下年度；"
                    "表四以本年立案的案件计，年底尚无结果的计入“尚未审结”。"
                }
                // The 2019 Regulation took effect on 15 May 2019: applications received earlier
                // (2007 Regulation) are not registered here, so 2019's table 三 covers part of the year.
                if model.year == ClockRules.regulationInForce.year {
                    H.p(.class("muted")) {
                        "2019 年表三只含 2019 年 5 月 15 日（现行条例施行）以后收到的申请；此前收到的申请适用 2007 年条例，本系统未登记，需另行统计补入。"
                    }
                }
                H.section(.class("card")) {
                    H.h2 { "勾稽关系" }
                    if model.checks.findings.isEmpty {
                        H.ul(.class("checks")) { for p in model.checks.passed { H.li(.class("passed")) { "✓ \(p.rule)：\(p.message)" } } }
                    } else {
                        H.ul(.class("findings")) { for f in model.checks.findings { H.li(.class("finding")) { "\(f.rule)：\(f.message)" } } }
                    }
                }
                H.section(.class("card report")) {
                    H.div(.class("table-scroll")) { ReportRenderer.t3Table(model.report, marks: .init()) }
                }
                H.section(.class("card report")) {
                    H.div(.class("table-scroll")) { ReportRenderer.t4Table(model.report, marks: .init()) }
                }
            }.render()
        }
    }
}
