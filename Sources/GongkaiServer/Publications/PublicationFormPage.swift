import GongkaiCore

/// Drafting and editing a publication; on a published item the same form writes a revision.
enum PublicationFormPage {
    struct Model {
        var context: ConsoleContext
        /// nil for a new draft.
        var id: Int?
        var version: Int
        var isRevision: Bool
        var values: FormFields
        var errors: [String: String]
        var agencies: [(id: Int, name: String)]
        var topics: [(id: Int, name: String)]
        var catalogueItems: [(id: Int, name: String)]
        var policies: [(id: Int, title: String)]
        /// Images attached to the item, to show in the body as `attachment:ID`.
        var images: [(id: Int, name: String)]
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model, v = m.values
            let title = m.id == nil ? "起草信息" : (m.isRevision ? "修订已发布的信息" : "修改草稿")
            let action = m.id.map { SiteURL.publication(.value($0)).path } ?? SiteURL.publications.path
            return ConsoleLayout(title: title, context: m.context) {
                Form.errorSummary(m.errors)
                if m.isRevision {
                    H.p(.class("warning-box")) { "这是已发布信息的修订稿：保存后须重新提交审核，审核全部通过后才替换公开页面上的内容；公开页面将显示修改说明和版本记录。" }
                }
                H.form(.method("post"), .action(action), .class("publication-form")) {
                    Form.csrf(m.context.csrfToken)
                    Form.hidden("version", String(m.version))
                    H.fieldset {
                        H.legend { "基本信息" }
                        if m.id == nil {
                            Form.select("agency_id", label: "发布机构", options: m.agencies.map { (String($0.id), $0.name) }, selected: v["agency_id"],
                                        error: m.errors["agency_id"], required: true)
                        }
                        Form.text("title", label: "标题", value: v["title"], error: m.errors["title"], required: true)
                        Form.text("document_number", label: "文号", value: v["document_number"], error: m.errors["document_number"],
                                  hint: "公文填写发文字号，如 示政发〔2024〕12号；非公文可不填")
                        H.div(.class("inline-fields")) {
                            Form.text("written_on", label: "成文日期", value: v["written_on"], error: m.errors["written_on"], type: "date")
                            Form.text("formed_on", label: "信息形成（变更）日期", value: v["formed_on"], error: m.errors["formed_on"],
                                      hint: "条例第二十六条：自此日起 20 个工作日内公开", type: "date", required: true)
                            Form.text("scheduled_at", label: "定时发布", value: v["scheduled_at"], error: m.errors["scheduled_at"],
                                      hint: "北京时间；不填则审核通过后立即发布", type: "datetime-local")
                        }
                    }
                    H.fieldset {
                        H.legend { "正文" }
                        Form.textarea("body", label: "正文", value: v.raw("body"), error: m.errors["body"],
                                      hint: "可直接粘贴文字（每行一段），或使用段落、标题、列表、表格、链接等 HTML；脚本、样式和事件属性会被去除。"
                                          + (m.images.isEmpty ? "" : "插入本信息的图片附件：<img src=\"attachment:编号\" alt=\"说明\">（" + m.images.map { "\($0.id)：\($0.name)" }.joined(separator: "；") + "）"),
                                      rows: 16)
                    }
                    H.fieldset {
                        H.legend { "分类" }
                        H.div(.class("inline-fields")) {
                            Form.select("category", label: "信息类别", options: PublicationViews.options(PublicationCategory.self, label: \.chineseLabel, empty: "请选择"),
                                        selected: v["category"], error: m.errors["category"], required: true)
                            Form.select("genre", label: "体裁", options: PublicationViews.options(PublicationGenre.self, label: \.chineseLabel, empty: "请选择"),
                                        selected: v["genre"], error: m.errors["genre"], required: true)
                            Form.select("subject", label: "主题分类", options: PublicationViews.options(PublicationSubject.self, label: \.chineseLabel, empty: "请选择"),
                                        selected: v["subject"], error: m.errors["subject"], required: true)
                        }
                        Form.select("art20_item", label: "对应条例第二十条事项",
                                    options: PublicationViews.options(Art20Item.self, label: { "\($0.clause) \($0.chineseLabel)" }, empty: "（不属于第二十条所列事项）"),
                                    selected: v["art20_item"], error: m.errors["art20_item"])
                        Form.checkboxes("key_domains", legend: "重点领域", options: KeyDomain.allCases.map { ($0.rawValue, $0.chineseLabel) },
                                        checked: Set(v.all("key_domains")), error: m.errors["key_domains"])
                        if !m.topics.isEmpty {
                            Form.checkboxes("topic_ids", legend: "专题专栏", options: m.topics.map { (String($0.id), $0.name) },
                                            checked: Set(v.all("topic_ids")), error: m.errors["topic_ids"])
                        }
                        if !m.catalogueItems.isEmpty {
                            Form.select("catalogue_item_id", label: "落实的标准目录事项", options: [("", "（无）")] + m.catalogueItems.map { (String($0.id), $0.name) },
                                        selected: v["catalogue_item_id"], error: m.errors["catalogue_item_id"])
                        }
                    }
                    H.fieldset {
                        H.legend { "公开属性（起草时确定，保密审查时复核）" }
                        Form.select("disclosure", label: "公开属性", options: PublicationViews.options(DisclosureAttribute.self, label: \.chineseLabel, empty: "请选择"),
                                    selected: v["disclosure"], error: m.errors["disclosure"], required: true)
                        Form.select("non_disclosure_reason", label: "不予公开的法定理由",
                                    options: PublicationViews.options(NonDisclosureReason.self, label: \.chineseLabel, empty: "（主动公开、依申请公开不填）"),
                                    selected: v["non_disclosure_reason"], error: m.errors["non_disclosure_reason"])
                        Form.text("disclosure_note", label: "说明", value: v["disclosure_note"], error: m.errors["disclosure_note"],
                                  hint: "依申请公开须说明理由")
                    }
                    H.fieldset {
                        H.legend { "规章、行政规范性文件（年度报告表二）" }
                        Form.select("normative_kind", label: "文件类型", options: PublicationViews.options(NormativeKind.self, label: \.chineseLabel, empty: "（不是规章或规范性文件）"),
                                    selected: v["normative_kind"], error: m.errors["normative_kind"])
                        H.div(.class("inline-fields")) {
                            Form.text("effective_on", label: "施行日期", value: v["effective_on"], error: m.errors["effective_on"], hint: "不填按成文日期", type: "date")
                            Form.text("valid_until", label: "有效期至", value: v["valid_until"], error: m.errors["valid_until"], hint: "长期有效不填", type: "date")
                        }
                        H.label(.class("check")) {
                            H.input(.type("checkbox"), .name("requires_interpretation"), .value("1"), .when(v["requires_interpretation"] == "1", .checked))
                            "需要同步发布政策解读"
                        }
                    }
                    H.fieldset {
                        H.legend { "政策解读（本信息是对某项政策的解读时填写）" }
                        Form.select("interprets_id", label: "所解读的政策", options: [("", "（不是解读）")] + m.policies.map { (String($0.id), $0.title) },
                                    selected: v["interprets_id"], error: m.errors["interprets_id"])
                        H.div(.class("inline-fields")) {
                            Form.select("interpretation_form", label: "解读形式", options: PublicationViews.options(InterpretationForm.self, label: \.chineseLabel, empty: "请选择"),
                                        selected: v["interpretation_form"], error: m.errors["interpretation_form"])
                            Form.text("video_url", label: "视频地址", value: v["video_url"], error: m.errors["video_url"], hint: "视频解读填写")
                        }
                    }
                    if m.isRevision {
                        Form.text("change_note", label: "修改说明", value: v["change_note"], error: m.errors["change_note"],
                                  hint: "将在公开页面的版本记录中显示", required: true)
                    }
                    Form.submit(m.id == nil ? "保存草稿" : (m.isRevision ? "保存修订稿" : "保存"))
                }
            }.render()
        }
    }
}
