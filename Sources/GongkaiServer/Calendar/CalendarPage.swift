import GongkaiCore

enum CalendarPage {
    struct Model {
        var context: ConsoleContext
        var year: Int
        var knownYears: [Int]
        /// Years added by administrators (they replace the bundled data for that year).
        var importedYears: Set<Int>
        /// Nil when the year has no schedule.
        var calendar: WorkingDayCalendar?
        var entries: [ScheduleEntry]
        var calculator: Calculator
        var canManage: Bool
        var upload = Upload()
    }

    struct Calculator {
        var start = ""
        var days = "20"
        var result: DeadlineExplanation?
        var error: String?
    }

    struct Upload {
        var year = ""
        var content = ""
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "工作日历", context: model.context) {
                H.nav(.class("years"), .aria("label", "年份")) {
                    for year in model.knownYears {
                        H.a(.href(SiteURL.calendar(year: year).path), .when(year == model.year, Attribute("aria-current", "page"))) {
                            "\(year)"
                            if model.importedYears.contains(year) { H.small { "（导入）" } }
                        }
                    }
                }
                calculator
                H.section(.class("card")) {
                    H.h2 { "\(model.year) 年" }
                    if let calendar = model.calendar {
                        H.ul(.class("legend")) {
                            H.li { H.span(.class("day holiday")) { "休" }; " 法定节假日" }
                            H.li { H.span(.class("day adjusted")) { "班" }; " 调休上班" }
                            H.li { H.span(.class("day weekend")) { "六" }; " 周末" }
                        }
                        H.div(.class("months")) {
                            for month in 1...12 { Self.month(year: model.year, month: month, calendar: calendar) }
                        }
                        entryTable
                    } else {
                        H.p(.class("error-summary")) { "\(model.year) 年没有节假日安排数据，涉及该年的期限无法计算。" }
                    }
                }
                if model.canManage { uploadForm }
            }.render()
        }

        private var calculator: Node {
            let c = model.calculator
            return H.section(.class("card")) {
                H.h2 { "期限计算" }
                H.form(.method("get"), .action(SiteURL.calendar(year: nil).path), .class("inline-fields")) {
                    Form.hidden("year", String(model.year))
                    Form.text("start", label: "起算日期", value: c.start, hint: "如收到申请之日", type: "date", required: true)
                    Form.text("days", label: "工作日数", value: c.days, type: "number", required: true, attributes: [Attribute("min", "0"), Attribute("max", "400")])
                    Form.submit("计算")
                }
                if let error = c.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                if let result = c.result {
                    H.p(.class("result")) { H.strong { "届满日期：\(result.due.chinese)（\(result.due.chineseWeekday)）" } }
                    H.p { result.chineseSummary }
                    H.p(.class("muted")) { "计算规则：\(result.convention.chineseLabel)" }
                    H.details {
                        H.summary { "逐日说明" }
                        H.ol(.class("explanation")) {
                            for line in result.lines { H.li(.class(line.kind.rawValue)) { line.chineseLine } }
                        }
                    }
                }
            }
        }

        private var entryTable: Node {
            H.table(.class("list")) {
                H.caption { "\(model.year) 年放假与调休安排" }
                H.thead { H.tr { H.th { "日期" }; H.th { "星期" }; H.th { "安排" }; H.th { "节日" }; H.th { "依据" } } }
                H.tbody {
                    for entry in model.entries {
                        H.tr {
                            H.td { entry.date.iso }
                            H.td { entry.date.chineseWeekday }
                            H.td { entry.designation.chineseLabel }
                            H.td { entry.name }
                            H.td { entry.source }
                        }
                    }
                }
            }
        }

        private var uploadForm: Node {
            let u = model.upload
            return H.section(.class("card")) {
                H.h2 { "导入某一年的节假日安排" }
                H.p(.class("hint")) {
                    "国务院办公厅每年发布次年节假日安排后，在此导入。导入的年份整体替换内置数据（可用于更正）。"
                    "格式：每行“日期、类型、节日、依据”，以制表符或逗号分隔；类型为 holiday（放假）或 workday（调休上班）。"
                }
                Form.errorSummary(u.errors)
                H.form(.method("post"), .action(SiteURL.calendarYears.path), .enctype("multipart/form-data")) {
                    Form.csrf(model.context.csrfToken)
                    Form.text("year", label: "年份", value: u.year, error: u.errors["year"], type: "number", required: true)
                    Form.textarea("content", label: "安排内容（粘贴）", value: u.content, error: u.errors["content"],
                                  hint: "例如：2027-01-01\tholiday\t元旦\t国办发明电〔2026〕X号", rows: 8)
                    H.div(.class("field")) {
                        H.label(.for("f-file")) { "或选择文件（.tsv / .csv，UTF-8）" }
                        H.input(.type("file"), .name("file"), .id("f-file"), Attribute("accept", ".tsv,.csv,.txt,text/plain"))
                    }
                    Form.submit("导入")
                }
            }
        }

        static func month(year: Int, month: Int, calendar: WorkingDayCalendar) -> Node {
            let first = CivilDate(year: year, month: month, day: 1)!
            let days = CivilDate.daysIn(month: month, year: year)
            let leading = first.isoWeekday - 1
            let cells: [CivilDate?] = Array(repeating: nil, count: leading) + (0..<days).map { first.adding(days: $0) }
            let weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<min($0 + 7, cells.count)]) }
            return H.table(.class("month")) {
                H.caption { "\(month) 月" }
                H.tr { for w in ["一", "二", "三", "四", "五", "六", "日"] { H.th { w } } }
                for week in weeks {
                    H.tr {
                        for cell in week {
                            if let date = cell {
                                let entry = calendar.schedule.entries[date]
                                let kind = entry?.designation == .holiday ? "holiday" : entry?.designation == .workday ? "adjusted" : date.isWeekend ? "weekend" : "work"
                                H.td(.class(kind), entry.map { .title("\($0.name) \($0.designation.chineseLabel)") }) { String(date.day) }
                            } else {
                                H.td { "" }
                            }
                        }
                    }
                }
            }
        }
    }
}
