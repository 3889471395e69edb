import GongkaiCore

/// One import: progress while it works (the page reloads itself), then the check's preview and
/// row errors with their lines and the choice of mode, then the outcome.
enum MessageImportJobPage {
    struct Model {
        var context: ConsoleContext
        var id: Int
        var agencyName: String
        var filename: String
        var status: MessageImportStatus
        var encoding: String?
        var rows: Int
        var validRows: Int
        var existingRows: Int
        var errorCount: Int
        var errors: [ImportRowError]
        var preview: [MessageImportJobs.PreviewRow]
        var inserted: Int
        var updated: Int
        var skipped: Int
        var failure: String
        /// Rows read and percent of the file, while working.
        var progress: (rows: Int, percent: Int)?
        var error: String?
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return ConsoleLayout(title: "导入 \(m.filename)", context: m.context) {
                if let error = m.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                H.section(.class("card")) {
                    H.dl(.class("facts")) {
                        H.dt { "导入到" }; H.dd { m.agencyName }
                        H.dt { "状态" }; H.dd { H.strong { m.status.chineseLabel } }
                        if let encoding = m.encoding { H.dt { "编码" }; H.dd { encoding == "GB18030" ? "GBK（GB18030）" : encoding } }
                    }
                    if m.status.isWorking {
                        let p = m.progress ?? (0, 0)
                        H.p(Attribute("role", "status")) { "已读取 \(p.rows) 行（文件的 \(p.percent)%）。本页每 2 秒自动刷新。" }
                        H.element("progress", [Attribute("max", "100"), .value(String(p.percent)), .aria("label", "进度")], [.text("\(p.percent)%")])
                    }
                    if m.status == .failed { H.p(.class("error-summary")) { "导入失败，未写入任何一行：\(m.failure)" } }
                    if m.status == .done {
                        H.p(.class("flash")) { "已导入：新增 \(m.inserted) 条，更新 \(m.updated) 条" + (m.skipped > 0 ? "，跳过错误行 \(m.skipped) 行" : "") + "。" }
                        H.p { H.a(.href(SiteURL.messages.path + "?filter=all"), .class("button")) { "查看来信" }; " "
                              H.a(.href(SiteURL.messageFigures.path), .class("button")) { "查看统计" } }
                    }
                }
                if m.status == .checked || m.status == .done || (m.status == .failed && m.rows > 0) {
                    H.section(.class("card")) {
                        H.h2 { "检查结果" }
                        H.p {
                            "共 \(m.rows) 行：正确 \(m.validRows) 行（其中 \(m.existingRows) 行的工单编号已导入过，将按新文件更新），错误 \(m.errorCount) 行。"
                        }
                        if m.status == .checked {
                            H.form(.method("post"), .action(SiteURL.messageImportRun(.value(m.id)).path)) {
                                Form.csrf(m.context.csrfToken)
                                H.fieldset {
                                    H.legend { "导入方式" }
                                    for mode in MessageImportMode.allCases {
                                        H.label(.class("check")) {
                                            H.input(.type("radio"), .name("mode"), .value(mode.rawValue),
                                                    .when(mode == (m.errorCount == 0 ? .allOrNothing : .skipBadRows), .checked))
                                            " " + mode.chineseLabel
                                        }
                                    }
                                }
                                Form.submit("确认导入")
                            }
                        }
                    }
                }
                if !m.errors.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "错误行（\(m.errorCount)）" + (m.errors.count < m.errorCount ? "，显示前 \(m.errors.count) 行" : "") }
                        H.ol(.class("findings")) { for e in m.errors { H.li(.class("finding error")) { e.description } } }
                    }
                }
                if !m.preview.isEmpty, m.status == .checked {
                    H.section(.class("card")) {
                        H.h2 { "预览（前 \(m.preview.count) 行）" }
                        H.div(.class("table-scroll")) {
                            H.table(.class("list")) {
                                H.thead { H.tr { for h in ["行", "工单编号", "渠道", "受理日期", "标题", "办结日期", "满意度"] { H.th { h } } } }
                                H.tbody {
                                    for r in m.preview {
                                        H.tr {
                                            H.td { String(r.line) }; H.td { r.sourceID }; H.td { r.channel }; H.td { r.receivedOn.iso }
                                            H.td(.class("clip")) { r.subject }; H.td { r.completedOn?.iso ?? "未办结" }; H.td { r.satisfaction ?? "" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }.render()
        }
    }
}
