import GongkaiCore


enum RequestShowPage {
    struct Model {
        var context: ConsoleContext
        var id: Int
        var version: Int
        var trackingNumber: String
        var agencyName: String
        var channel: RequestChannel
        var source: RequestSource
        var submittedOn: String
        var receivedOn: String?
        var applicantKind: ApplicantKind
        var applicantName: String
        var idTypeLabel: String
        var idNumber: String
        var contactPerson: String
        var phone: String
        var email: String
        var address: String
        var revealed: Bool
        var description: String
        var documentNumber: String
        var provision: String
        var officerName: String?
        var officers: [(id: Int, label: String)]
        var clock: ClockState
        var consultations: [(id: Int, party: String, kind: String, sentOn: String, partyReceivedOn: String?, deadline: String, answeredOn: String?,
                             summary: String)]
        var fees: [(id: Int, summary: String, sentOn: String, receivedOn: String?, status: String, outstanding: Bool, receiptKnown: Bool)]
        var extensionRequested: (days: Int, reason: String)?
        var extensionGranted: Bool
        var outcome: RequestOutcome?
        var replyType: ReplyType?
        var letterNumber: String?
        var events: [(date: String, actor: String, summary: String)]
        var attachments: [(id: Int, name: String, size: Int)]
        var related: [(id: Int, trackingNumber: String)]
        var canHandle: Bool
        var canApprove: Bool
        var today: CivilDate
        /// The periods the forms mention, as configured.
        var rules: ClockRules
        /// "10 MB": the configured upload limit.
        var uploadLimit: String
        var error: String?
        var errors: [String: String] = [:]
        /// 政民互动 (#12): the messages it became or came from, and whether it may become one.
        var linkedMessages: [(id: Int, reference: String, cameFromMessage: Bool)] = []
        var canConvertToMessage = false
    }

    struct View {
        let model: Model

        func render() -> String {
            let m = model, c = m.clock
            return ConsoleLayout(title: "依申请公开 \(m.trackingNumber)", context: m.context) {
                if let error = m.error { H.p(.class("error-summary"), Attribute("role", "alert")) { error } }
                Form.errorSummary(m.errors)
                H.section(.class("card clock")) {
                    H.div(.class("clock-head")) {
                        RequestViews.phaseBadge(c.phase, overdue: c.isOverdue)
                        if let due = c.dueOn {
                            H.p(.class("due")) {
                                c.phase == .concluded ? "答复期限 " : "答复期限："
                                H.strong { "\(due.chinese)（\(due.chineseWeekday)）" }
                                if c.isProvisional { H.small { "（按最迟答复日计）" } }
                            }
                            if c.phase != .concluded, let remaining = c.remainingDays {
                                H.p { "已用 \(c.countedDays) / \(c.periodDays) 个工作日，剩余 \(remaining) 个工作日" }
                            }
                            if let onTime = c.concludedOnTime { H.p { onTime ? "已在期限内答复" : "超过期限答复" } }
                        } else if let problem = c.problem {
                            H.p(.class("error-summary")) { problem }
                        }
                    }
                    H.ol(.class("clock-notes")) {
                        // The problem is shown above already.
                        for note in c.notes where c.problem.map({ !note.text.hasSuffix($0) }) ?? true {
                            H.li(note.isWarning ? .class("warning") : nil) {
                                if let d = note.date { H.time(Attribute("datetime", d.iso)) { d.iso }; " " }
                                note.text
                            }
                        }
                    }
                    if !c.days.isEmpty {
                        H.details {
                            H.summary { "逐日说明（\(c.days.count) 天）" }
                            H.ol(.class("explanation")) { for day in c.days { H.li(.class(day.kind.rawValue)) { day.chineseLine } } }
                        }
                    }
                }
                H.div(.class("two-columns")) {
                    H.section(.class("card")) {
                        H.h2 { "申请" }
                        H.dl(.class("facts")) {
                            H.dt { "受理机关" }; H.dd { m.agencyName }
                            H.dt { "渠道" }; H.dd { m.channel.chineseLabel + (m.source == .publicForm ? "（网上申请）" : "") }
                            H.dt { "提交日期" }; H.dd { m.submittedOn }
                            H.dt { "收到申请之日" }; H.dd { m.receivedOn ?? "待确认（\(m.channel.receiptRule)）" }
                            if m.source == .reopened {
                                H.dt { "来源" }; H.dd { "复议诉讼决定纠正原答复后重新办理：不是新的申请，不计入年度报告表三" }
                            }
                            H.dt { "所需信息" }; H.dd { m.description }
                            if !m.documentNumber.isEmpty { H.dt { "文号" }; H.dd { m.documentNumber } }
                            H.dt { "提供形式" }; H.dd { m.provision }
                            H.dt { "承办人" }; H.dd { m.officerName ?? "未指定" }
                            if let outcome = m.outcome {
                                H.dt { "办理结果" }; H.dd { outcome.reportLabel }
                                H.dt { "答复" }; H.dd { (m.replyType?.chineseLabel ?? "") + (m.letterNumber.map { "（\($0)）" } ?? "") }
                            }
                        }
                        if m.outcome != nil, m.letterNumber != nil {
                            H.p {
                                H.a(.href(SiteURL.requestLetter(.value(m.id)).path + "?format=html"), .class("button")) { "答复书（打印）" }
                                " "
                                H.a(.href(SiteURL.requestLetter(.value(m.id)).path + "?format=docx"), .class("button")) { "答复书（Word）" }
                            }
                        }
                        for linked in m.linkedMessages {
                            H.p(.class("warning-box")) {
                                linked.cameFromMessage ? "由政民互动来信转来：" : "已转为政民互动："
                                H.a(.href(SiteURL.message(.value(linked.id)).path)) { linked.reference }
                            }
                        }
                        if m.canConvertToMessage {
                            H.form(.method("post"), .action(SiteURL.requestToMessage(.value(m.id)).path), .class("inline")) {
                                Form.csrf(m.context.csrfToken)
                                Form.hidden("version", String(m.version))
                                Form.hidden("kind", MessageKind.complaint.rawValue)
                                Form.hidden("service_method", ServiceMethod.online.rawValue)
                                H.button(.type("submit")) { "属于信访、投诉、举报：转为政民互动办理" }
                                H.small(.class("muted")) { " 本申请按“信访举报投诉类申请”办结（表三），来信按政民互动办理" }
                            }
                        }
                        if !m.related.isEmpty {
                            H.p(.class("warning-box")) {
                                "相关申请（疑似重复或复议后重新办理）："
                                for r in m.related { H.a(.href(SiteURL.request(.value(r.id)).path)) { r.trackingNumber }; " " }
                            }
                        }
                    }
                    H.section(.class("card")) {
                        H.h2 { "申请人" }
                        H.dl(.class("facts")) {
                            H.dt { "类型" }; H.dd { m.applicantKind.chineseLabel }
                            H.dt { "姓名或名称" }; H.dd { m.applicantName }
                            H.dt { m.idTypeLabel }; H.dd { m.idNumber }
                            if !m.contactPerson.isEmpty { H.dt { "联系人" }; H.dd { m.contactPerson } }
                            H.dt { "联系电话" }; H.dd { m.phone }
                            if !m.email.isEmpty { H.dt { "电子邮箱" }; H.dd { m.email } }
                            if !m.address.isEmpty { H.dt { "通信地址" }; H.dd { m.address } }
                        }
                        if m.canHandle, !m.revealed {
                            H.form(.method("post"), .action(SiteURL.requestReveal(.value(m.id)).path), .class("inline")) {
                                Form.csrf(m.context.csrfToken)
                                H.button(.type("submit")) { "查看完整证件号码和电话" }
                                H.small(.class("muted")) { " 查看记录将写入审计日志" }
                            }
                        }
                    }
                }
                if !m.consultations.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "征求意见" }
                        H.table(.class("list")) {
                            H.tr { for h in ["对象", "类型", "发函", "对方收到", "对方最迟答复", "答复", "摘要"] { H.th { h } } }
                            for x in m.consultations {
                                H.tr {
                                    H.td { x.party }; H.td { x.kind }; H.td { x.sentOn }; H.td { x.partyReceivedOn ?? "未登记" }
                                    H.td { x.partyReceivedOn == nil ? "\(x.deadline)（估算）" : x.deadline }
                                    H.td { x.answeredOn ?? "未答复" }; H.td { x.summary }
                                }
                            }
                        }
                    }
                }
                if !m.fees.isEmpty {
                    H.section(.class("card")) {
                        H.h2 { "信息处理费" }
                        H.table(.class("list")) {
                            H.tr { for h in ["计收", "通知日期", "申请人收到", "状态", ""] { H.th { h } } }
                            for fee in m.fees {
                                H.tr {
                                    H.td { fee.summary }; H.td { fee.sentOn }; H.td { fee.receivedOn ?? "未登记" }; H.td { fee.status }
                                    H.td { H.a(.href(SiteURL.requestFeeNotice(.value(m.id), .value(fee.id)).path)) { "收费通知（Word）" } }
                                }
                            }
                        }
                    }
                }
                if m.canHandle || m.canApprove, c.phase != .concluded { actions }
                H.section(.class("card")) {
                    H.h2 { "附件" }
                    if m.attachments.isEmpty { H.p(.class("muted")) { "无" } }
                    H.ul {
                        for a in m.attachments {
                            H.li { H.a(.href(SiteURL.requestAttachment(.value(m.id), .value(a.id)).path)) { a.name }; " （\(a.size / 1024 + 1) KB）" }
                        }
                    }
                    if m.canHandle {
                        H.form(.method("post"), .action(SiteURL.requestAttachments(.value(m.id)).path), .enctype("multipart/form-data"), .class("inline-fields")) {
                            Form.csrf(m.context.csrfToken)
                            H.div(.class("field")) {
                                H.label(.for("f-attachment")) { "上传扫描件（PDF、图片、Word，\(m.uploadLimit) 以内）" }
                                H.input(.type("file"), .name("file"), .id("f-attachment"), Attribute("accept", ".pdf,.jpg,.jpeg,.png,.docx,.doc,.txt"))
                            }
                            Form.submit("上传")
                        }
                    }
                }
                H.section(.class("card")) {
                    H.h2 { "办理记录" }
                    H.ol(.class("history")) {
                        for e in m.events { H.li { H.time { e.date }; " "; H.strong { e.actor }; " "; e.summary } }
                    }
                }
            }.render()
        }

        /// A step's form, posted to the door its permission names (officer: actions, head: approvals).
        /// Titled by the vocabulary (`RequestStep.formTitle`), with the party or the days it names.
        private func form(_ step: RequestStep, party: String? = nil, days: Int? = nil, open: Bool = false,
                          @NodeBuilder _ fields: () -> [Node]) -> Node {
            let title = step.formTitle(party: party, days: days)
            let target = step.requiredPermission == .approveExtensionsAndFees
                ? SiteURL.requestApprovals(.value(model.id)).path : SiteURL.requestActions(.value(model.id)).path
            return H.details(.class("action"), .when(open, Attribute("open", nil))) {
                H.summary { title }
                H.form(.method("post"), .action(target)) {
                    Form.csrf(model.context.csrfToken)
                    Form.hidden("version", String(model.version))
                    Form.hidden("action", step.rawValue)
                    H.fragment(fields)
                    Form.submit(title)
                }
            }
        }

        private func withdrawal(_ today: String) -> Node {
            form(.withdraw) {
                Form.text("on", label: "撤回日期", value: today, type: "date")
                Form.textarea("note", label: "说明", rows: 2)
            }
        }

        private var actions: Node {
            let m = model, c = m.clock, today = m.today.iso
            let waitingOnApplicant = c.phase == .waitingOnApplicant
            return H.section(.class("card actions-panel")) {
                H.h2 { "办理" }
                if m.canHandle {
                    if c.phase == .awaitingReceipt {
                        form(.confirmReceipt, open: true) {
                            Form.text("received_on", label: "与申请人确认之日", value: today,
                                      hint: "申请材料于 \(m.submittedOn) 送达；条例第三十一条要求当日确认", type: "date", required: true)
                            Form.textarea("reason", label: "未能当日确认的原因（确认之日晚于送达之日时必填）", rows: 2)
                        }
                        withdrawal(today)
                    } else {
                        form(.assign) {
                            Form.select("case_officer_id", label: "承办人", options: m.officers.map { (String($0.id), $0.label) }, selected: nil)
                        }
                        if c.correctionDeadline == nil {
                            form(.requestCorrection) {
                                Form.text("sent_on", label: "发出日期", value: today,
                                          hint: c.correctionNoticeDue.map { "应于 \($0.iso) 前发出（收到申请后 \(m.rules.correctionNoticeDays) 个工作日内）" }, type: "date")
                                Form.text("deadline", label: "补正期限", type: "date", required: true)
                                Form.textarea("items", label: "需要补正的全部事项", rows: 3)
                            }
                        } else if waitingOnApplicant {
                            form(.receiveCorrection, open: true) {
                                Form.text("received_on", label: "收到补正日期", value: today, type: "date")
                                if let deadline = c.correctionDeadline, m.today > deadline {
                                    let label = "逾期补正的正当理由（补正期限 \(deadline.iso) 已过，必填）"
                                    Form.textarea("reason", label: label, hint: "条例第三十条：无正当理由逾期不补正的，视为放弃申请", rows: 2)
                                }
                            }
                        }
                        if !waitingOnApplicant {
                            form(.sendConsultation) {
                                Form.select("kind", label: "类型", options: RequestTimeline.ConsultationKind.allCases.map { ($0.rawValue, $0.chineseLabel) }, selected: nil)
                                Form.text("party", label: "征求意见对象", required: true)
                                Form.text("sent_on", label: "发函日期", value: today, type: "date")
                                Form.text("party_received_on", label: "对方收到日期（如知道）", hint: "对方 \(m.rules.consultationDays) 个工作日的答复期限自收到之日起算", type: "date")
                            }
                            for x in m.consultations where x.answeredOn == nil && x.partyReceivedOn == nil {
                                form(.recordConsultationReceipt, party: x.party, open: true) {
                                    Form.hidden("consultation_id", String(x.id))
                                    Form.text("party_received_on", label: "对方收到日期", value: today,
                                              hint: "对方 \(m.rules.consultationDays) 个工作日的答复期限自收到之日起算；未登记前不视为逾期", type: "date")
                                }
                            }
                            for x in m.consultations where x.answeredOn == nil {
                                form(.answerConsultation, party: x.party) {
                                    Form.hidden("consultation_id", String(x.id))
                                    Form.text("answered_on", label: "答复日期", value: today, type: "date")
                                    Form.textarea("summary", label: "答复摘要", rows: 2)
                                }
                            }
                            if m.extensionRequested == nil {
                                form(.requestExtension) {
                                    Form.text("days", label: "延长工作日数（最多 \(m.rules.maxExtensionDays)）", value: String(m.rules.maxExtensionDays), type: "number")
                                    Form.textarea("reason", label: "延期理由", rows: 2)
                                }
                            }
                        }
                        if m.fees.contains(where: { $0.outstanding && !$0.receiptKnown }) {
                            form(.recordFeeNoticeReceipt, open: true) {
                                Form.text("applicant_received_on", label: "申请人收到日期", value: today,
                                          hint: "缴费期限自收到次日起算 \(m.rules.feePaymentDays) 个工作日；未登记前不能按逾期未缴费办结", type: "date")
                            }
                        }
                        if m.fees.contains(where: \.outstanding) {
                            form(.recordPayment) {
                                Form.text("paid_on", label: "缴费日期", value: today, type: "date")
                                Form.text("receipt_number", label: "缴款票据号码", required: true)
                            }
                        }
                        withdrawal(today)
                        form(.conclude) {
                            H.div(.class("field")) {
                                H.label(.for("f-outcome")) { "办理结果（与年度报告表三的行一一对应）" }
                                H.select(.name("outcome"), .id("f-outcome"), .required) { RequestViews.outcomeOptions(selected: nil) }
                            }
                            Form.select("reply_type", label: "答复类型", options: ReplyType.allCases.map { ($0.rawValue, $0.chineseLabel) }, selected: nil,
                                        hint: "须与办理结果相符，例如“予以公开”可选“予以公开”或“已主动公开”")
                            Form.text("legal_basis", label: "法律依据（不填则按办理结果自动写明）")
                            Form.textarea("details", label: "答复要点（获取方式、理由、负责机关联系方式等）", rows: 3)
                            Form.select("service_method", label: "送达方式", options: ServiceMethod.allCases.map { ($0.rawValue, $0.chineseLabel) }, selected: ServiceMethod.post.rawValue,
                                        hint: "答复日：直接送达以签收之日、邮寄以交邮之日为准")
                            Form.text("served_on", label: "答复（送达）日期", value: today, type: "date")
                            Form.text("letter_number", label: "答复书文号（不填自动编号）")
                        }
                    }
                }
                if m.canApprove, c.phase != .awaitingReceipt {
                    H.h3 { "负责人审批" }
                    if let requested = m.extensionRequested, !m.extensionGranted {
                        form(.approveExtension, days: requested.days, open: true) {
                            H.p { "理由：\(requested.reason)" }
                            Form.text("on", label: "批准日期", value: today, type: "date")
                        }
                    }
                    form(.setDeferral) {
                        Form.text("due_on", label: "延迟至", type: "date", required: true)
                        Form.textarea("reason", label: "理由", rows: 2)
                        Form.text("on", label: "确定日期", value: today, type: "date")
                    }
                    if !m.fees.contains(where: \.outstanding) {
                        form(.sendFeeNotice) {
                            Form.select("method", label: "计收方式（一件申请只能选一种）", options: FeeMethod.allCases.map { ($0.rawValue, $0.chineseLabel) }, selected: "pages")
                            Form.text("quantity", label: "页数或件数", type: "number", required: true)
                            Form.text("earlier_this_month", label: "按件计收：该申请人本月此前已申请件数（不填则按系统记录计算）",
                                      hint: "同一申请人一个自然月内累计（国办函〔2020〕109号第四条）；按本机关收到的该申请人本月其他申请自动计算", type: "number")
                            Form.text("earlier_reason", label: "人工填写件数的理由（与系统计算不同时必填）")
                            Form.text("sent_on", label: "通知日期", value: today, type: "date")
                            Form.text("applicant_received_on", label: "申请人收到通知日期（如知道）", type: "date")
                        }
                    } else {
                        form(.waiveFee) {
                            Form.textarea("reason", label: "减免理由", rows: 2)
                            Form.text("on", label: "决定日期", value: today, type: "date")
                        }
                    }
                }
            }
        }
    }
}
