import GongkaiCore

/// 政府信息公开工作年度报告: the list of published reports (filled by the annual-report feature).
enum PortalAnnualReportsPage {
    struct Model {
        var display: DisplayMode
        var reports: [(title: String, href: String, date: String)]
    }

    struct View {
        let model: Model

        func render() -> String {
            PortalLayout(title: "政府信息公开工作年度报告", agency: nil, display: model.display, section: .annualReports) {
                H.h1 { "政府信息公开工作年度报告" }
                H.p(.class("muted")) { "县级以上人民政府部门于每年 1 月 31 日前、县级以上地方人民政府于每年 3 月 31 日前公布上一年度报告（条例第四十九条）。" }
                if model.reports.isEmpty {
                    H.p(.class("card")) { "尚未发布年度报告。" }
                } else {
                    H.ul(.class("pub-list")) {
                        for r in model.reports { H.li { H.a(.href(r.href)) { r.title }; H.span(.class("meta")) { r.date } } }
                    }
                }
                H.p { "也可以用“"; H.a(.href(SiteURL.reportCheck.path)) { "年度报告体检" }; "”检查一份已发布的年度报告。" }
            }.render()
        }
    }
}
