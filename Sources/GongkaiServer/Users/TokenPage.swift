import GongkaiCore

enum TokenPage {
    struct Row: Sendable {
        var id: Int
        var name: String
        var created: String
        var expires: String
        var lastUsed: String
        var revoked: Bool
    }

    struct Model {
        var context: ConsoleContext
        var rows: [Row]
        /// The secret of a token just created: shown once.
        var newSecret: String?
        var errors: [String: String] = [:]
    }

    struct View {
        let model: Model

        func render() -> String {
            ConsoleLayout(title: "接口令牌", context: model.context) {
                H.p(.class("hint")) {
                    "接口令牌用于以您的身份调用 JSON 接口（/api/v1，说明见 "
                    H.a(.href(APIURL.openAPI.path)) { "OpenAPI 文档" }
                    "）。请求头：Authorization: Bearer 令牌。"
                }
                if let secret = model.newSecret {
                    H.section(.class("card")) {
                        H.p { "新令牌（只显示这一次，请妥善保存）：" }
                        H.p(.class("secret")) { H.code { secret } }
                    }
                }
                Form.errorSummary(model.errors)
                H.form(.method("post"), .action(SiteURL.tokens.path), .class("card inline-fields")) {
                    Form.csrf(model.context.csrfToken)
                    Form.text("name", label: "用途", error: model.errors["name"], required: true)
                    Form.text("valid_days", label: "有效天数（最长 \(APITokenService.maxValidDays) 天）", value: String(APITokenService.defaultValidDays),
                              error: model.errors["valid_days"], type: "number")
                    Form.submit("创建令牌")
                }
                H.table(.class("list")) {
                    H.thead { H.tr { H.th { "用途" }; H.th { "创建时间" }; H.th { "到期" }; H.th { "最近使用" }; H.th { "" } } }
                    H.tbody {
                        for row in model.rows {
                            H.tr {
                                H.td { row.name }
                                H.td { row.created }
                                H.td { row.expires }
                                H.td { row.lastUsed }
                                H.td {
                                    if row.revoked {
                                        "已撤销"
                                    } else {
                                        H.form(.method("post"), .action(SiteURL.tokenRevoke(.value(row.id)).path), .class("inline")) {
                                            Form.csrf(model.context.csrfToken)
                                            H.button(.type("submit")) { "撤销" }
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
