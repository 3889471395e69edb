import GongkaiCore

/// 个人信息导出: the form an office head fills in for a person's access request.
enum PersonalDataExportPage {
    struct Model {
        var context: ConsoleContext
        var idNumber = ""
        var phone = ""
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "个人信息导出", context: model.context) {
                H.section(.class("card narrow")) {
                    H.p(.class("hint")) {
                        "个人依《个人信息保护法》第四十五条查阅、复制其个人信息时，请先核实其身份，再按证件号码导出本机构保存的该申请人的全部依申请公开记录"
                        "（含证件号码、电话等完整信息和办理经过）；填写电话号码时，同时导出从该号码发出的政民互动留言。"
                        "导出文件为 JSON，含完整个人信息，请妥善保管、仅交给本人。每次导出都记入审计日志。"
                    }
                    Form.errorSummary(model.errors)
                    H.form(.method("post"), .action(SiteURL.personalDataExport.path)) {
                        Form.csrf(model.context.csrfToken)
                        Form.text(
                            "id_number", label: "证件号码", value: model.idNumber, error: model.errors["id_number"], required: true,
                            autocomplete: "off")
                        Form.text(
                            "phone", label: "电话号码（可选）", value: model.phone, error: model.errors["phone"],
                            hint: "只比较数字，分隔符和 +86 不影响", type: "tel", autocomplete: "off")
                        Form.submit("导出")
                    }
                }
            }.render()
        }
    }
}
