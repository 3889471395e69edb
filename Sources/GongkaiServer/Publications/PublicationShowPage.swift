import Foundation
import GongkaiCore

/// One publication in the console: where it stands, its review chain with the forms of the
/// step waiting, its text and record.
enum PublicationShowPage {
    struct Step: Sendable {
        var kind: ReviewStepKind
        var reviewer: String?
        var decidedAt: String?
        var comment: String
        var isWaiting: Bool
    }

    struct Model {
        var context: ConsoleContext
        var id: Int
        var version: Int
        var title: String
        var status: PublicationState
        var revision: RevisionState
        var revisionNote: String?
        var indexNumber: String?
        var agency: String
        var author: String
        var documentNumber: String
        var writtenOn: CivilDate?
        var formedOn: CivilDate
        var publishedOn: CivilDate?
        var scheduledAt: String?
        var category: PublicationCategory
        var genre: PublicationGenre
        var subject: PublicationSubject
        var art20: Art20Item?
        var domains: [String]
        var disclosure: DisclosureAttribute
        var disclosureReason: String?
        var validity: NormativeDocumentStatus?
        var normativeKind: NormativeKind?
        var normativeDates: [(label: String, value: String)]
        var bodyHTML: String
        var due: CivilDate?
        var standing: ProactiveDeadline.Standing?
        /// Not yet public: the Art. 26 period runs (shown even when it cannot be computed).
        var deadlineApplies = false
        /// The period runs for a revision of a published item (from its 变更 date).
        var deadlineIsRevision = false
        /// The year of holidays the due date needs and the calendar lacks.
        var missingYear: Int?
        /// The scheduled time falls after the Art. 26 due date.
        var scheduledAfterDue = false
        /// The validity register as it stands, to fill the form with (a field sent empty clears it).
        var validityValues: [String: String] = [:]
        var chainSummary: String
        var round: Int
        var steps: [Step]
        var waiting: ReviewStepKind?
        var earlierRounds: [(round: Int, step: String, reviewer: String, passed: Bool, comment: String, at: String)]
        /// `pending`: added with the revision; `removalPending`: public, goes when the revision passes.
        var attachments: [(id: Int, name: String, size: Int, pending: Bool, removalPending: Bool)]
        var topics: [String]
        var catalogueItem: String?
        var interprets: (id: Int, title: String)?
        var interpretations: [(id: Int, title: String, status: PublicationState)]
        /// A policy needing an interpretation: 同步发布 / 解读滞后 / 待发布解读 / 缺少解读.
        var interpretationStanding: InterpretationTimeliness.Standing?
        var versions: [(number: Int, date: String, note: String)]
        var events: [(at: String, actor: String, summary: String)]
        var withdrawn: (on: CivilDate, reason: String)?
        var canPublish: Bool
        var canDecide: Bool
        var decideProblem: String?
        var uploadLimit: String
        var error: String?
        var errors: [String: String]
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model
            return ConsoleLayout(title: m.title, context: m.context) {
                if let error = m.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                Form.errorSummary(m.errors)
                H.section(.class("card")) {
                    H.div(.class("clock-head")) {
                        PublicationViews.statusBadge(m.status, revision: m.revision)
                        if let number = m.indexNumber { H.p(.class("due")) { "索引号 "; H.strong { number } } }
                        if let due = m.due {
                            H.p(.class("due")) {
                                m.deadlineIsRevision
                                    ? "修订稿公开期限（条例第二十六条，信息变更之日起 20 个工作日）："
                                    : "公开期限（条例第二十六条，信息形成之日起 20 个工作日）："
                                H.strong { "\(due.chinese)（\(due.chineseWeekday)）" }
                                " "
                                PublicationViews.standingBadge(m.standing)
                            }
                        } else if m.deadlineApplies {
                            H.p(.class("due")) {
                                "公开期限（条例第二十六条）："
                                    + (m.missingYear.map { "缺少 \($0) 年的节假日安排，无法计算；请系统管理员导入 \($0) 年的节假日安排" }
                                        ?? "节假日安排不足，无法计算")
                                " "
                                PublicationViews.standingBadge(m.standing)
                            }
                        }
                        if let at = m.scheduledAt { H.p { "定时发布：\(at)" } }
                        if m.scheduledAfterDue {
                            H.p(.class("warning-box")) { "定时发布时间晚于条例第二十六条规定的公开期限，届时发布将超期；请提前定时或留空（审核完成即发布）" }
                        }
                    }
                    if let w = m.withdrawn { H.p(.class("warning-box")) { "已于 \(w.on.chinese) 撤回：\(w.reason)" } }
                    if let note = m.revisionNote { H.p(.class("warning-box")) { "修订稿（修改说明：\(note)）" } }
                    H.p(.class("muted")) { "起草人：\(m.author) · 审核流程：\(m.chainSummary)" }
                }
                review(m)
                actions(m)
                H.section(.class("card")) {
                    H.h2 { "信息要素" }
                    PublicationViews.metadataTable(indexNumber: m.indexNumber, agency: m.agency, writtenOn: m.writtenOn, publishedOn: m.publishedOn,
                                                   documentNumber: m.documentNumber, subject: m.subject, category: m.category, genre: m.genre,
                                                   validity: m.validity, title: m.title)
                    H.dl(.class("facts wide")) {
                        H.dt { "信息形成日期" }; H.dd { m.formedOn.chinese }
                        H.dt { "公开属性" }; H.dd { m.disclosure.chineseLabel + (m.disclosureReason.map { "：\($0)" } ?? "") }
                        if let art20 = m.art20 { H.dt { "第二十条" }; H.dd { "\(art20.clause) \(art20.chineseLabel)" } }
                        if !m.domains.isEmpty { H.dt { "重点领域" }; H.dd { m.domains.joined(separator: "、") } }
                        if !m.topics.isEmpty { H.dt { "专题专栏" }; H.dd { m.topics.joined(separator: "、") } }
                        if let item = m.catalogueItem { H.dt { "标准目录事项" }; H.dd { item } }
                        if let kind = m.normativeKind { H.dt { "文件类型" }; H.dd { kind.chineseLabel } }
                        for (label, value) in m.normativeDates { H.dt { label }; H.dd { value } }
                        if let policy = m.interprets {
                            H.dt { "解读的政策" }; H.dd { H.a(.href(SiteURL.publication(.value(policy.id)).path)) { policy.title } }
                        }
                        if let standing = m.interpretationStanding {
                            H.dt { "政策解读" }
                            H.dd { PublicationViews.interpretationBadge(standing) }
                        }
                    }
                    if !m.interpretations.isEmpty {
                        H.h3 { "政策解读" }
                        H.ul {
                            for i in m.interpretations {
                                H.li { H.a(.href(SiteURL.publication(.value(i.id)).path)) { i.title }; "（\(i.status.chineseLabel)）" }
                            }
                        }
                    }
                }
                H.section(.class("card")) {
                    H.h2 { "正文" }
                    H.div(.class("rich-text")) { Node.raw(m.bodyHTML) }
                }
                attachments(m)
                if !m.versions.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "版本记录" }
                        H.ol(.class("history")) { for v in m.versions { H.li { H.time { v.date }; "第 \(v.number) 版：\(v.note)" } } }
                    }
                }
                H.section(.class("card")) {
                    H.h2 { "办理记录" }
                    H.ol(.class("history")) { for e in m.events { H.li { H.time { e.at }; "\(e.actor)：\(e.summary)" } } }
                    if !m.earlierRounds.isEmpty {
                        H.h3 { "审核意见" }
                        H.table(.class("list")) {
                            H.thead { H.tr { for h in ["轮次", "环节", "审核人", "结果", "意见", "时间"] { H.th { h } } } }
                            H.tbody {
                                for r in m.earlierRounds {
                                    H.tr { H.td { String(r.round) }; H.td { r.step }; H.td { r.reviewer }; H.td { r.passed ? "通过" : "退回" }; H.td { r.comment }; H.td { r.at } }
                                }
                            }
                        }
                    }
                }
            }.render()
        }

        private func review(_ m: Model) -> Node {
            guard !m.steps.isEmpty else { return .empty }
            return H.section(.class("card")) {
                H.h2 { "审核（第 \(m.round) 轮）" }
                H.ol(.class("chain")) {
                    for step in m.steps {
                        H.li(.class(step.reviewer != nil ? "passed" : step.isWaiting ? "waiting" : "pending")) {
                            H.strong { step.kind.chineseLabel }
                            if let reviewer = step.reviewer {
                                " ✓ \(reviewer)（\(step.decidedAt ?? "")）" + (step.comment.isEmpty ? "" : "：\(step.comment)")
                            } else if step.isWaiting {
                                " — 待办"
                            }
                        }
                    }
                }
                if let waiting = m.waiting {
                    if m.canDecide {
                        let door = waiting.requiredPermission == .confidentialityReview
                            ? SiteURL.publicationConfidentialityReview(.value(m.id)) : SiteURL.publicationReview(.value(m.id))
                        H.form(.method("post"), .action(door.path), .class("decision")) {
                            Form.csrf(m.context.csrfToken)
                            Form.hidden("version", String(m.version))
                            Form.hidden("step", waiting.rawValue)
                            Form.textarea("comment", label: "\(waiting.chineseLabel)意见", value: "", error: m.errors["comment"],
                                          hint: "退回时必须写明理由", rows: 3)
                            H.div(.class("actions")) {
                                H.button(.type("submit"), .name("action"), .value(PublicationStep.pass.rawValue), .class("primary")) { "\(waiting.chineseLabel)通过" }
                                " "
                                H.button(.type("submit"), .name("action"), .value(PublicationStep.returnToAuthor.rawValue)) { PublicationStep.returnToAuthor.chineseLabel }
                            }
                        }
                    } else if let problem = m.decideProblem {
                        H.p(.class("muted")) { problem }
                    }
                }
            }
        }

        private func actions(_ m: Model) -> Node {
            guard m.canPublish else { return .empty }
            func stepForm(_ step: PublicationStep, label: String, @NodeBuilder fields: () -> [Node] = { [] }) -> Node {
                H.form(.method("post"), .action(SiteURL.publicationActions(.value(m.id)).path), .class("publication-step")) {
                    Form.csrf(m.context.csrfToken)
                    Form.hidden("version", String(m.version))
                    Form.hidden("action", step.rawValue)
                    fields()
                    H.button(.type("submit"), .class(step == .submit ? "primary" : "")) { label }
                }
            }
            let editable = PublicationWorkflow.canEdit(status: m.status, revision: m.revision)
            let canSubmit = PublicationWorkflow.problem(.submit, status: m.status, revision: m.revision, isNormative: m.normativeKind != nil) == nil
            return H.section(.class("card actions-card")) {
                H.h2 { "办理" }
                H.div(.class("toolbar")) {
                    if editable {
                        H.a(.href(SiteURL.publicationEdit(.value(m.id)).path), .class("button")) { m.status == .published ? "修订（形成新版本）" : "修改" }
                    }
                    if canSubmit { stepForm(.submit, label: m.revision == .draft ? "提交修订稿审核" : PublicationStep.submit.chineseLabel) }
                    if m.status == .scheduled { stepForm(.unschedule, label: PublicationStep.unschedule.chineseLabel) }
                    if m.status == .published {
                        H.a(.href(SiteURL.portalPublication(.value(m.id)).path), .class("button")) { "查看公开页面" }
                    }
                }
                if m.status == .published {
                    H.details {
                        H.summary { PublicationStep.withdraw.chineseLabel }
                        stepForm(.withdraw, label: "撤回") {
                            if m.revision == .inReview { H.p(.class("hint")) { "修订稿正在审核中：撤回后，修订稿以“原信息已撤回”退回，审核终止。" } }
                            Form.text("reason", label: "撤回理由（将在公开页面显示）", error: m.errors["reason"], required: true)
                        }
                    }
                }
                if m.normativeKind != nil && (m.status == .published || m.status == .withdrawn) {
                    H.details(m.errors.keys.contains { ["repealed_on", "repealed_by", "amended_on", "amended_by", "valid_until"].contains($0) }
                              ? Attribute("open", nil) : nil) {
                        H.summary { PublicationStep.registerValidity.chineseLabel }
                        stepForm(.registerValidity, label: "登记") {
                            H.div(.class("inline-fields")) {
                                Form.text("repealed_on", label: "废止日期", value: m.validityValues["repealed_on"] ?? "", error: m.errors["repealed_on"], type: "date")
                                Form.text("repealed_by", label: "废止依据（决定或文件）", value: m.validityValues["repealed_by"] ?? "", error: m.errors["repealed_by"])
                            }
                            H.div(.class("inline-fields")) {
                                Form.text("amended_on", label: "修改日期", value: m.validityValues["amended_on"] ?? "", error: m.errors["amended_on"], type: "date")
                                Form.text("amended_by", label: "修改文件", value: m.validityValues["amended_by"] ?? "", error: m.errors["amended_by"])
                            }
                            Form.text("valid_until", label: "有效期至", value: m.validityValues["valid_until"] ?? "", error: m.errors["valid_until"], type: "date")
                        }
                    }
                }
            }
        }

        private func attachments(_ m: Model) -> Node {
            H.section(.class("card")) {
                H.h2 { "附件" }
                if m.attachments.isEmpty { H.p(.class("muted")) { "没有附件。" } }
                let editable = m.canPublish && PublicationWorkflow.canEdit(status: m.status, revision: m.revision)
                H.ul {
                    for a in m.attachments {
                        H.li {
                            H.a(.href(SiteURL.publicationFile(.value(m.id), .value(a.id)).path)) { a.name }
                            "（\(ByteSize.chinese(a.size))，编号 \(a.id)）" + (a.pending ? "随修订稿发布" : "") + (a.removalPending ? "随修订稿删除" : "")
                            // One small form per file: no JavaScript, the CSRF token with it.
                            if editable {
                                let url = a.removalPending ? SiteURL.publicationFileKeep(.value(m.id), .value(a.id))
                                    : SiteURL.publicationFileRemoval(.value(m.id), .value(a.id))
                                H.form(.method("post"), .action(url.path), .class("attachment-action")) {
                                    Form.csrf(m.context.csrfToken)
                                    H.button(.type("submit"), Attribute("aria-label", (a.removalPending ? "保留 " : "删除 ") + a.name)) {
                                        a.removalPending ? "保留" : "删除"
                                    }
                                }
                            }
                        }
                    }
                }
                // A published item's file changes wait for its revision: say so, or a publisher who
                // marked a file for removal believes it is already gone from the portal.
                if m.status == .published && m.attachments.contains(where: { $0.pending || $0.removalPending }) {
                    H.p(.class("muted")) {
                        "“随修订稿发布”“随修订稿删除”的附件在修订稿提交并通过审核后生效，此前门户网站上仍是原来的附件。"
                    }
                }
                if editable {
                    H.form(.method("post"), .action(SiteURL.publicationAttachments(.value(m.id)).path), .enctype("multipart/form-data")) {
                        Form.csrf(m.context.csrfToken)
                        H.div(.class("field")) {
                            H.label(.for("f-file")) { "上传附件（PDF、图片、Word，不超过 \(m.uploadLimit)）" }
                            H.input(.type("file"), .name("file"), .id("f-file"), Attribute("accept", ".pdf,.png,.jpg,.jpeg,.doc,.docx"))
                        }
                        H.button(.type("submit")) { "上传" }
                    }
                }
            }
        }
    }
}
