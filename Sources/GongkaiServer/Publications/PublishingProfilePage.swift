import GongkaiCore

/// An agency's publishing settings: its index-number rule and its review chain.
enum PublishingProfilePage {
    struct Model {
        var context: ConsoleContext
        var agencyID: Int
        var agencyName: String
        var version: Int
        var values: FormFields
        var errors: [String: String]
        var example: String?
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return ConsoleLayout(title: "发布设置：\(m.agencyName)", context: m.context) {
                Form.errorSummary(m.errors)
                H.form(.method("post"), .action(SiteURL.publishingProfile(.value(m.agencyID)).path), .class("narrow")) {
                    Form.csrf(m.context.csrfToken)
                    Form.hidden("version", String(m.version))
                    H.fieldset {
                        H.legend { "索引号" }
                        Form.text("index_code", label: "机构代码", value: m.values["index_code"], error: m.errors["index_code"],
                                  hint: "索引号中代表本机关的部分：字母、数字或 -", required: true)
                        Form.text("index_template", label: "索引号规则", value: m.values["index_template"], error: m.errors["index_template"],
                                  hint: "可用 {agency} 机构代码、{category} 信息类别、{subject} 主题分类、{year} 年份、{seq:N} N 位流水号；流水号按规则中其余部分分别计数，永不重复"
                                      + (m.example.map { "。示例：\($0)" } ?? ""), required: true)
                    }
                    H.fieldset {
                        H.legend { "审核流程" }
                        Form.text("review_steps", label: "审核步骤（按顺序，用逗号分隔）", value: m.values["review_steps"], error: m.errors["review_steps"],
                                  hint: "可用：" + ReviewStepKind.allCases.map { "\($0.rawValue)（\($0.chineseLabel)）" }.joined(separator: "、") + "。必须包含保密审查（confidentiality）。",
                                  required: true)
                        H.label(.class("check")) {
                            H.input(.type("checkbox"), .name("allow_same_person"), .value("1"), .when(m.values["allow_same_person"] == "1", .checked))
                            "允许同一人办理同一信息的多个审核步骤（含审核自己起草的信息）"
                        }
                    }
                    Form.submit("保存")
                }
            }.render()
        }
    }
}
