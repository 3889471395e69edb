import Foundation
import GongkaiCore

/// One annual report in the console: where it stands and what stops it, the steps the user may
/// take, the text with its live figures, table 二's figures with their sources, the report as
/// it will be published, and its history.
enum ReportPage {
    struct Model {
        var context: ConsoleContext
        var composed: ComposedReport
        var record: AgencyReport
        var today: CivilDate
        var canEdit: Bool
        var hasChildren: Bool
        var steps: [ReportStep]
        var events: [ReportEvent]
        var versions: [PublishedReport]
        /// The text form as sent, when it is shown again with errors.
        var values: FormFields?
        var figureValues: FormFields?
        var errors: [String: String]
        var error: String?
    }

    struct View {
        let model: Model
        private var composed: ComposedReport { model.composed }
        private var record: AgencyReport { model.record }

        func render() -> String {
            ConsoleLayout(title: "\(composed.agency.name) \(record.year) 年度报告", context: model.context) {
                if let error = model.error { H.div(.class("error-summary"), Attribute("role", "alert")) { H.p { error } } }
                header
                if record.status == .returned, !record.returnComment.isEmpty {
                    H.div(.class("warning-box"), Attribute("role", "status")) { H.p { "上级机关退回意见：\(record.returnComment)" } }
                }
                readiness
                if !model.steps.isEmpty { workflow }
                if model.canEdit {
                    textForm
                    figuresForm
                } else {
                    H.p(.class("muted")) { "报告\(record.status.chineseLabel)，文字和数据不能修改。" }
                }
                H.section(.class("card report")) {
                    H.h2 { "报告预览（发布时的样子）" }
                    H.div(.class("table-scroll")) {
                        ReportRenderer.htmlBody(composed.report, marks: .init(missing: Set(composed.report.schema.allCells.filter { composed.report.cells[$0] == nil })))
                    }
                }
                history
                H.script(.src(SiteURL.asset("report-editor.js").path)) { "" }
            }.render()
        }

        private var header: Node {
            H.section(.class("card")) {
                H.dl(.class("facts")) {
                    H.dt { "状态" }
                    H.dd { H.span(.class("report-status \(record.status.rawValue)")) { record.status.chineseLabel } }
                    H.dt { "发布期限" }
                    H.dd {
                        composed.dueOn.iso
                        let left = composed.dueOn.dayNumber - model.today.dayNumber
                        if record.status != .published { H.small(.class(left < 0 ? "late" : "muted")) { left < 0 ? "（已逾期 \(-left) 天）" : "（还有 \(left) 天）" } }
                    }
                    H.dt { "格式" }
                    H.dd { record.year <= 2020 ? "2019 年格式（国办公开办函〔2019〕60号）" : "2021 年格式（国办公开办函〔2021〕30号）" }
                    H.dt { "统计范围" }
                    H.dd { composed.scope == .subtree ? "全县汇总：本机关及下属 \(composed.agencyIDs.count - 1) 个机关" : "本机关" }
                    if !model.versions.isEmpty {
                        H.dt { "已发布版本" }
                        H.dd {
                            for v in model.versions {
                                H.span { "第 \(v.versionNo) 版 \(v.publishedOn.iso)" + (v.correctionNote.isEmpty ? "" : "（更正：\(v.correctionNote)）") }
                                H.br()
                            }
                        }
                    }
                }
            }
        }

        private var readiness: Node {
            let errors = composed.readiness.errors, warnings = composed.readiness.warnings
            let acknowledged = record.acknowledgements
            return H.section(.class("card")) {
                H.h2 { "发布前检查" }
                if errors.isEmpty && warnings.isEmpty {
                    H.p(.class("passed")) { "✓ 勾稽关系成立，没有缺失的数据，叙述中的数字与表格一致。" }
                }
                if !errors.isEmpty {
                    H.p { "以下 \(errors.count) 处错误改正后才能报送或发布：" }
                    H.ol(.class("findings")) { for f in errors { Self.finding(f) } }
                }
                if !warnings.isEmpty {
                    H.p { "以下提示须逐项写明理由（在下方“文字”中填写并保存）：" }
                    H.ol(.class("findings")) {
                        for f in warnings { Self.finding(f, acknowledged: acknowledged[ReportReadiness.key(f)]) }
                    }
                }
            }
        }

        private var workflow: Node {
            H.section(.class("card")) {
                H.h2 { "办理" }
                for step in model.steps {
                    H.form(.method("post"), .action(SiteURL.reportSteps(.value(try! record.requireID())).path), .class("step")) {
                        Form.csrf(model.context.csrfToken)
                        Form.hidden("step", step.rawValue)
                        Form.hidden("version", String(record.version))
                        switch step {
                        case .returnToAgency:
                            Form.textarea("comment", label: "退回意见（必填）", error: model.errors["comment"], rows: 3)
                        case .correct:
                            Form.textarea("comment", label: "需要更正的内容（必填）", error: model.errors["comment"], rows: 2)
                        case .publish where record.publishedVersion != nil:
                            Form.textarea("comment", label: "更正说明（必填，与新版本一同公开）", error: model.errors["comment"], rows: 2)
                        case .submit:
                            Form.textarea("comment", label: "报送说明（可不填）", rows: 2)
                        default:
                            .empty
                        }
                        H.button(.type("submit"), .class(step == .returnToAgency || step == .correct ? "secondary" : "primary")) { step.chineseLabel }
                    }
                }
            }
        }

        private var textForm: Node {
            let v = model.values, e = model.errors
            func value(_ name: String, _ stored: String) -> String { v.map { $0.raw(name) } ?? stored }
            let warnings = composed.readiness.warnings
            return H.section(.class("card")) {
                H.h2 { "文字" }
                H.form(.method("post"), .action(SiteURL.report(.value(try! record.requireID())).path)) {
                    Form.csrf(model.context.csrfToken)
                    Form.hidden("version", String(record.version))
                    Form.textarea("overview", label: ReportSection.overview.heading, value: value("overview", record.overview), error: e["overview"],
                                  hint: "按五个小标题撰写，约 1000 字以内。数字请尽量用下方“引用数据”插入：发布时显示为数值，与表格始终一致。", rows: 18)
                    figurePalette
                    Form.textarea("problems", label: ReportSection.problems.heading, value: value("problems", record.problems), error: e["problems"], rows: 6)
                    Form.textarea("other_matters", label: ReportSection.other.heading, value: value("other_matters", record.otherMatters),
                                  error: e["other_matters"], hint: "按收费记录：\(composed.feeStatement)", rows: 4)
                    Form.checkboxes("regenerate_fee_statement", legend: "收费说明", options: [
                        ("1", "保存时按收费记录重写第六部分的收费说明（现为：\(composed.feeStatement)）"),
                    ], checked: [])
                    if model.hasChildren {
                        Form.hidden("include_subtree", "0")
                        Form.checkboxes("include_subtree", legend: "统计范围", options: [("1", "全县汇总：表二、表三、表四含下属机关的数据（报告页面上注明）")],
                                        checked: record.includeSubtree ? ["1"] : [])
                    }
                    if !warnings.isEmpty {
                        H.fieldset {
                            H.legend { "提示的确认理由" }
                            for f in warnings {
                                let key = ReportReadiness.key(f)
                                Form.text("ack.\(key)", label: "\(f.rule)：\(f.message)", value: v.map { $0["ack.\(key)"] } ?? record.acknowledgements[key] ?? "",
                                          error: e["ack.\(key)"])
                            }
                        }
                    }
                    Form.submit("保存")
                }
            }
        }

        /// Every figure the text may quote, with its value now and a button that inserts it.
        private var figurePalette: Node {
            H.details(.class("figure-palette")) {
                H.summary { "引用数据（点击插入到“总体情况”光标处）" }
                H.table(.class("list")) {
                    H.thead { H.tr { for h in ["数据", "当前数值", "引用写法", ""] { H.th { h } } } }
                    H.tbody {
                        for figure in LiveFigure.allCases {
                            H.tr {
                                H.td { figure.chineseLabel }
                                H.td { composed.liveValues[figure] ?? "（尚无数据）" }
                                H.td { H.code { figure.token } }
                                H.td { H.button(.type("button"), .class("link insert-figure"), .data("token", figure.token), .data("target", "f-overview")) { "插入" } }
                            }
                        }
                    }
                }
            }
        }

        private var figuresForm: Node {
            let schema = composed.report.schema, v = model.figureValues, e = model.errors
            let entries = composed.scope == .agency ? composed.figureSources : [:]
            return H.section(.class("card")) {
                H.h2 { "表二数据（来自其他系统，按项填报并注明来源）" }
                if composed.scope == .subtree {
                    H.p(.class("hint")) { "全县汇总报告的表二为本机关及下属机关填报数（规章、规范性文件未填报的，按公开信息登记统计）的合计；此处填报的是本机关自己的数据。" }
                }
                H.form(.method("post"), .action(SiteURL.reportFigures(.value(try! record.requireID())).path)) {
                    Form.csrf(model.context.csrfToken)
                    H.div(.class("table-scroll")) {
                        H.table(.class("list figures")) {
                            H.thead { H.tr { for h in ["项目", "数值", "来源", "填报"] { H.th { h } } } }
                            H.tbody {
                                for cell in ReportFigureService.tableTwoCells(schema) {
                                    let place = schema.describe(cell), id = cell.rawValue
                                    // A figure counted from the register is shown beside an empty box: saving
                                    // the form must not turn it into a typed figure.
                                    let counted = entries[cell].flatMap { $0.source.hasPrefix(ReportComposer.registerSource) ? $0 : nil }
                                    let entry = counted == nil ? entries[cell] : nil
                                    H.tr {
                                        H.td { H.label(Attribute("for", "f-value.\(id)")) { "\(place.row) · \(place.column)" } }
                                        H.td {
                                            H.input(.type("text"), .name("value.\(id)"), .id("f-value.\(id)"), Attribute("inputmode", "decimal"),
                                                    .value(v.map { $0["value.\(id)"] } ?? entry?.value.plain ?? ""))
                                            if let counted { H.p(.class("hint")) { "登记统计：\(counted.value.plain)（留空即采用）" } }
                                            if let error = e["value.\(id)"] { H.p(.class("error")) { error } }
                                        }
                                        H.td { H.input(.type("text"), .name("source.\(id)"), .aria("label", "\(place.row)的数据来源"), .value(v.map { $0["source.\(id)"] } ?? entry?.source ?? "")) }
                                        H.td { H.small { counted.map { _ in ReportComposer.registerSource } ?? entry.map { "\($0.enteredBy) \(Beijing.dateTime($0.enteredAt))" } ?? "" } }
                                    }
                                }
                            }
                        }
                    }
                    Form.submit("保存表二数据")
                }
                H.p(.class("hint")) {
                    "本机关在平台登记了规章、规范性文件的，其制发、废止、现行有效件数留空时按登记自动统计，填报的数字优先。没有发生的事项请填 0，留空视为缺失。"
                }
            }
        }

        private var history: Node {
            H.section(.class("card")) {
                H.h2 { "办理记录" }
                if model.events.isEmpty { H.p(.class("muted")) { "尚未报送。" } }
                H.ol(.class("history")) {
                    for event in model.events {
                        H.li {
                            H.time { Beijing.dateTime(event.occurredAt) }
                            "\(event.actorName)：\(event.step.chineseLabel)" + (event.comment.isEmpty ? "" : "——\(event.comment)")
                        }
                    }
                }
            }
        }

        static func finding(_ f: Finding, acknowledged: String? = nil) -> Node {
            H.li(.class("finding \(f.severity.rawValue)")) {
                H.span(.class("severity")) { f.severity.chineseLabel }
                "\(f.rule)：\(f.message)"
                if let acknowledged { H.br(); H.small { "已确认：\(acknowledged)" } }
            }
        }
    }
}
