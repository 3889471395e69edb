import GongkaiCore

/// The year's annual reports: the user's own agencies' (start, open, due date) and, for a
/// supervising office, every agency below it with its status, lateness and a link to the roll-up.
enum ReportIndexPage {
    struct Model {
        var context: ConsoleContext
        var year: Int
        var today: CivilDate
        var own: [ReportProgress]
        /// Agencies whose report the user may start.
        var canStart: Set<Int>
        var reviewed: [ReportProgress]
        var canImport: Bool
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "\(model.year) 年度政府信息公开工作年度报告", context: model.context) {
                H.nav(.class("years"), .aria("label", "年度")) {
                    for year in stride(from: model.today.year, through: max(RequestStatistics.firstYear, model.today.year - 5), by: -1) {
                        H.a(.href(SiteURL.reports(year: year).path), .when(model.year == year, Attribute("aria-current", "page"))) { "\(year) 年度" }
                    }
                }
                if !model.own.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "本机关的报告" }
                        H.div(.class("table-scroll")) {
                            H.table(.class("list")) {
                                H.thead { H.tr { for h in ["机关", "发布期限", "状态", ""] { H.th { h } } } }
                                H.tbody {
                                    for row in model.own {
                                        H.tr {
                                            H.td { row.agencyName }
                                            H.td { Self.due(row, today: model.today) }
                                            H.td { Self.status(row, today: model.today) }
                                            H.td { Self.action(row, year: model.year, canStart: model.canStart.contains(row.agencyID), csrf: model.context.csrfToken) }
                                        }
                                    }
                                }
                            }
                        }
                        H.p(.class("hint")) {
                            "报告的表三、表四由依申请公开和复议诉讼记录实时统计；表二中行政许可、处罚、强制和收费等来自其他系统的数据按机关逐项填报并注明来源。"
                            "有错误（勾稽关系、叙述数字、缺失数据、未填写的提示）的报告不能报送或发布。"
                        }
                    }
                }
                if !model.reviewed.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "下级机关报告进度" }
                        H.p { Self.summary(model.reviewed, today: model.today) }
                        H.p { H.a(.href(SiteURL.reportRollup(year: model.year, agency: nil).path)) { "查看汇总表（表二、表三、表四合计）" } }
                        H.div(.class("table-scroll")) {
                            H.table(.class("list")) {
                                H.thead { H.tr { for h in ["机关", "类型", "发布期限", "状态", "首次发布"] { H.th { h } } } }
                                H.tbody {
                                    for row in model.reviewed {
                                        H.tr {
                                            H.td {
                                                String(repeating: "　", count: row.depth)
                                                if let id = row.reportID { H.a(.href(SiteURL.report(.value(id)).path)) { row.agencyName } } else { row.agencyName }
                                            }
                                            H.td { row.agencyKind.chineseLabel }
                                            H.td { row.dueOn.iso }
                                            H.td { Self.status(row, today: model.today) }
                                            H.td { row.publishedOn?.iso ?? "—" }
                                        }
                                    }
                                }
                            }
                        }
                        H.p(.class("hint")) { "本平台不发送邮件或短信：未开始、已退回和即将到期的报告会在相应机关的工作台上提醒。" }
                    }
                }
                if model.canImport {
                    H.section(.class("card")) {
                        H.h2 { "导入表二数据（CSV）" }
                        H.form(.method("post"), .action(SiteURL.reportFigureImport.path), .enctype("multipart/form-data")) {
                            Form.csrf(model.context.csrfToken)
                            Form.hidden("year", String(model.year))
                            H.div(.class("field")) {
                                H.label(Attribute("for", "f-file")) { "CSV 文件（UTF-8）" }
                                H.input(.type("file"), .name("file"), .id("f-file"), Attribute("accept", ".csv,text/csv"))
                            }
                            Form.submit("导入")
                        }
                        H.p(.class("hint")) {
                            "表头：agency_code,year,cell,value,source。cell 为规范的单元格编号，如 t2.art20_6.admin_penalty.decisions_this_year；"
                            "value 留空表示清除；每个数值须注明来源。整个文件有一处错误则全部不导入。已报送、已审核或已发布的报告不能改动其数据。"
                        }
                    }
                }
                if model.own.isEmpty && model.reviewed.isEmpty {
                    H.p(.class("muted")) { "您没有编写、签发或审核年度报告的角色。" }
                }
            }.render()
        }

        static func due(_ row: ReportProgress, today: CivilDate) -> Node {
            let left = row.daysLeft(today: today)
            return .group([
                .text(row.dueOn.iso),
                row.status == .published ? .empty : H.small(.class(left < 0 ? "late" : "muted")) { left < 0 ? "（已逾期 \(-left) 天）" : "（还有 \(left) 天）" },
            ])
        }

        static func status(_ row: ReportProgress, today: CivilDate) -> Node {
            H.span(.class("report-status \(row.status.rawValue)\(row.isLate(today: today) ? " late" : "")")) { row.label(today: today) }
        }

        static func action(_ row: ReportProgress, year: Int, canStart: Bool, csrf: String) -> Node {
            if let id = row.reportID { return H.a(.href(SiteURL.report(.value(id)).path)) { "打开" } }
            guard canStart else { return .text("—") }
            return H.form(.method("post"), .action(SiteURL.reports(year: nil).path), .class("inline")) {
                Form.csrf(csrf)
                Form.hidden("agency_id", String(row.agencyID))
                Form.hidden("year", String(year))
                H.button(.type("submit"), .class("primary")) { "生成初稿" }
            }
        }

        /// 共 12 个机关：已发布 3 · 已报送 2 · … · 逾期 1.
        static func summary(_ rows: [ReportProgress], today: CivilDate) -> String {
            var parts = ReportStatus.allCases.compactMap { status -> String? in
                let n = rows.filter { $0.status == status }.count
                return n == 0 ? nil : "\(status.chineseLabel) \(n)"
            }
            let late = rows.filter { $0.isLate(today: today) }.count
            if late > 0 { parts.append("逾期 \(late)") }
            return "共 \(rows.count) 个机关：" + parts.joined(separator: " · ")
        }
    }
}
