import Foundation
import GongkaiCore

enum PortalReportCheckPage {
    static func render(form: ReportCheckViews.FormModel, result: ReportCheckResult?) -> String {
        PortalLayout(title: "报告体检", agency: nil) {
            H.h1 { "政府信息公开工作年度报告体检" }
            if let result { ReportCheckViews.result(result) }
            ReportCheckViews.form(form)
        }.render()
    }
}
