import Foundation
import GongkaiCore

enum ConsoleReportCheckPage {
    static func render(context: ConsoleContext, form: ReportCheckViews.FormModel, result: ReportCheckResult?) -> String {
        ConsoleLayout(title: "报告体检", context: context) {
            if let result { ReportCheckViews.result(result) }
            ReportCheckViews.form(form)
        }.render()
    }
}
