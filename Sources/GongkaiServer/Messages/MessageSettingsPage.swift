import GongkaiCore

/// An agency's channels and its own time limits.
enum MessageSettingsPage {
    struct Model {
        var context: ConsoleContext
        var agencyID: Int
        var agencies: [(String, String)]
        var channels: [(name: String, kind: String)]
        var rules: [MessageTimeLimitRule]
        var defaultDays: Int
        var consultationDays: Int
        var canEdit: Bool
        var errors: [String: String]
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            func value(channel: MessageChannelKind?, kind: MessageKind?) -> String {
                m.rules.first { $0.channel == channel && $0.kind == kind }.map { String($0.days) } ?? ""
            }
            return ConsoleLayout(title: "渠道和办理时限", context: m.context) {
                Form.errorSummary(m.errors)
                H.form(.method("get"), .action(SiteURL.messageSettings.path), .class("card inline-fields")) {
                    Form.select("agency_id", label: "机关", options: m.agencies, selected: String(m.agencyID))
                    H.div(.class("actions")) { H.button(.type("submit")) { "查看" } }
                }
                H.section(.class("card")) {
                    H.h2 { "渠道" }
                    H.p(.class("hint")) { "导入文件中的渠道名称须与下列名称完全一致；统计按这些渠道分列。" }
                    H.ul { for c in m.channels { H.li { "\(c.name)（\(c.kind)）" } } }
                }
                H.section(.class("card")) {
                    H.h2 { "办理时限（工作日）" }
                    H.p(.class("hint")) {
                        "平台默认：咨询 \(m.consultationDays) 个工作日，其他 \(m.defaultDays) 个工作日（按平台的工作日历计算，自收到之次日起算）。"
                        "本机关可按渠道或按类型另定；两者都定时以渠道为准。修改只影响此后收到的来信。"
                    }
                    H.form(.method("post"), .action(SiteURL.messageSettings.path)) {
                        Form.csrf(m.context.csrfToken)
                        Form.hidden("agency_id", String(m.agencyID))
                        H.fieldset {
                            H.legend { "按渠道" }
                            for c in MessageChannelKind.allCases {
                                Form.text("channel_\(c.rawValue)", label: c.chineseLabel, value: value(channel: c, kind: nil),
                                          error: m.errors["channel_\(c.rawValue)"], type: "number")
                            }
                        }
                        H.fieldset {
                            H.legend { "按类型" }
                            for k in MessageKind.allCases {
                                Form.text("kind_\(k.rawValue)", label: k.chineseLabel, value: value(channel: nil, kind: k),
                                          error: m.errors["kind_\(k.rawValue)"], type: "number")
                            }
                        }
                        if m.canEdit { Form.submit("保存") }
                    }
                }
            }.render()
        }
    }
}
