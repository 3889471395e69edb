import Foundation
import GongkaiCore

/// Reads and checks the publication form (console) and JSON body (API): the same fields, the
/// same messages. The body is sanitised here (`RichText`), before anything is stored.
enum PublicationInput {
    static let titleLimit = 200
    static let bodyLimit = 200_000
    /// No information of the People's Republic's governments was formed or written before its
    /// founding; an earlier date is a mistyped year. (Items older than the holiday calendar, 2019,
    /// are real — the demo's policies of 2014 — and are kept, their deadline “cannot be computed”.)
    static let earliestDate = CivilDate(year: 1949, month: 10, day: 1)!

    /// How far ahead a publication may be scheduled: a year (a later date is a typing slip, such
    /// as 9999-12-31, or a plan better made nearer the time).
    static let scheduleHorizon: TimeInterval = 366 * 86_400

    /// The JSON types of the API's fields (OpenAPI `PublicationInput`): the API refuses a value
    /// of another type (`FormFields(json:types:)`).
    static let jsonTypes: [String: JSONFieldType] = [
        "agency_id": .integer, "title": .text, "document_number": .text, "body": .text, "written_on": .text, "formed_on": .text,
        "scheduled_at": .text, "category": .text, "genre": .text, "subject": .text, "art20_item": .text, "key_domains": .list(.text),
        "topic_ids": .list(.integer), "disclosure": .text, "non_disclosure_reason": .text, "disclosure_note": .text, "normative_kind": .text,
        "effective_on": .text, "valid_until": .text, "requires_interpretation": .boolean, "interprets_id": .integer,
        "interpretation_form": .text, "video_url": .text, "catalogue_item_id": .integer, "change_note": .text, "version": .integer,
    ]

    /// - Parameter images: the attachments the body may show, by the reference an author writes
    ///   (`attachment:ID` or the attachment's address).
    /// - Parameter now: when given (an item not yet public), a scheduled time at or before it is
    ///   refused: it would publish at the last step without anyone having chosen that; so is one
    ///   more than `scheduleHorizon` ahead. (A time in a year the holiday calendar does not hold
    ///   yet is accepted: publishing needs no working days, and in December the next year's
    ///   holidays are often not imported yet.)
    static func parse(
        _ f: FormFields, today: CivilDate, now: Date? = nil,
        images: @escaping (String) -> RichText.Image? = { _ in nil }
    ) throws -> PublicationContent {
        var errors: [String: String] = [:]
        func date(_ name: String, _ label: String, required: Bool = false) -> CivilDate? {
            let text = f[name]
            if text.isEmpty {
                if required { errors[name] = "请填写\(label)" }
                return nil
            }
            guard let d = CivilDate(iso: text) else { errors[name] = "\(label)应为 YYYY-MM-DD 格式的日期"; return nil }
            // Every date of the form, 施行日期 and 有效期至 too (cold review 11o L6).
            guard d >= earliestDate else { errors[name] = "\(label)不能早于 \(earliestDate.iso)（中华人民共和国成立），请核对年份"; return nil }
            return d
        }
        func choice<T: RawRepresentable>(_ name: String, _ label: String, _ type: T.Type, required: Bool = true) -> T? where T.RawValue == String {
            let text = f[name]
            if text.isEmpty {
                if required { errors[name] = "请选择\(label)" }
                return nil
            }
            guard let value = T(rawValue: text) else { errors[name] = "\(label)“\(text)”无法识别"; return nil }
            return value
        }
        func id(_ name: String, _ label: String) -> Int? {
            let text = f[name]
            guard !text.isEmpty else { return nil }
            guard let n = Int(text), n > 0 else { errors[name] = "\(label)编号无效"; return nil }
            return n
        }

        let title = f["title"]
        if title.isEmpty { errors["title"] = "请填写标题" } else if title.count > titleLimit { errors["title"] = "标题不能超过 \(titleLimit) 字" }
        let documentNumber = f["document_number"]
        if documentNumber.count > 100 { errors["document_number"] = "文号过长" }
        let raw = f.raw("body")
        if raw.count > bodyLimit { errors["body"] = "正文不能超过 \(bodyLimit) 字" }
        let body = RichText.sanitise(raw, resolveImage: images)
        if body.nestingTooDeep {
            errors["body"] = "正文嵌套层级过深（超过 \(RichText.nestingLimit) 层），无法完整读取；请去掉多余的嵌套（如层层相套的 div）后重新提交"
        } else if body.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !body.html.contains("<img") {
            errors["body"] = "请填写正文"
        }
        let writtenOn = date("written_on", "成文日期")
        let formedOn = date("formed_on", "信息形成（变更）日期", required: true)
        if let formedOn, formedOn > today { errors["formed_on"] = "信息形成（变更）日期不能晚于今天" }
        if let writtenOn, writtenOn > today { errors["written_on"] = "成文日期不能晚于今天" }
        // A year mistyped (0001, 1900) would leave the item under 无法计算期限 for good (cold review 11n, L4).
        let category = choice("category", "信息类别", PublicationCategory.self)
        let genre = choice("genre", "体裁", PublicationGenre.self)
        let subject = choice("subject", "主题分类", PublicationSubject.self)
        let art20 = choice("art20_item", "条例第二十条事项", Art20Item.self, required: false)
        var domains: Set<KeyDomain> = []
        for code in f.all("key_domains") {
            guard let d = KeyDomain(rawValue: code) else { errors["key_domains"] = "重点领域“\(code)”无法识别"; continue }
            domains.insert(d)
        }
        let disclosure = choice("disclosure", "公开属性", DisclosureAttribute.self)
        let reason = choice("non_disclosure_reason", "不予公开的理由", NonDisclosureReason.self, required: disclosure == .notDisclosed)
        let note = f["disclosure_note"]
        if disclosure == .onRequest && note.isEmpty { errors["disclosure_note"] = "依申请公开须说明理由" }
        var scheduledAt: Date?
        if !f["scheduled_at"].isEmpty {
            if let at = ScheduledTime.parse(f["scheduled_at"]) {
                scheduledAt = at
                if let now, at <= now {
                    errors["scheduled_at"] = "定时发布时间 \(Beijing.dateTime(at)) 已过；请填写将来的时间，或留空（审核完成即发布）"
                } else if let now, at.timeIntervalSince(now) > scheduleHorizon {
                    errors["scheduled_at"] = "定时发布时间 \(Beijing.dateTime(at)) 晚于一年以后；请填写一年以内的时间，或留空（审核完成即发布）"
                }
            } else {
                errors["scheduled_at"] = "定时发布时间应为 YYYY-MM-DDTHH:MM（可带秒 :SS），北京时间"
            }
        }
        let normative = choice("normative_kind", "文件类型", NormativeKind.self, required: false)
        let effectiveOn = date("effective_on", "施行日期")
        let validUntil = date("valid_until", "有效期至")
        if normative != nil {
            if documentNumber.isEmpty { errors["document_number"] = "规章和行政规范性文件须填写文号" }
            if writtenOn == nil && errors["written_on"] == nil { errors["written_on"] = "规章和行政规范性文件须填写成文日期" }
            if let until = validUntil, let from = effectiveOn ?? writtenOn, until < from { errors["valid_until"] = "有效期不能早于施行日期" }
        }
        let interprets = id("interprets_id", "所解读的政策")
        let form = choice("interpretation_form", "解读形式", InterpretationForm.self, required: interprets != nil)
        let video = f["video_url"]
        if form == .video {
            if video.isEmpty { errors["video_url"] = "视频解读须填写视频地址" }
            else if RichText.safeLink(video) == nil || !video.lowercased().hasPrefix("http") { errors["video_url"] = "视频地址应以 http:// 或 https:// 开头" }
        }
        let topics = f.all("topic_ids").compactMap(Int.init)
        let requires = ["1", "true", "on", "yes"].contains(f["requires_interpretation"].lowercased())
        let changeNote = f["change_note"]
        if changeNote.count > 500 { errors["change_note"] = "修改说明不能超过 500 字" }
        guard errors.isEmpty, let formedOn, let category, let genre, let subject, let disclosure else { throw AppError.validation(errors) }
        return PublicationContent(
            title: title, documentNumber: documentNumber, bodyHTML: body.html, bodyText: body.text, writtenOn: writtenOn,
            formedOn: formedOn, category: category, genre: genre, subject: subject, art20Item: art20, keyDomains: domains,
            disclosure: disclosure, nonDisclosureReason: reason, disclosureNote: note, scheduledAt: scheduledAt, normativeKind: normative,
            effectiveOn: effectiveOn, validUntil: validUntil, requiresInterpretation: requires, interpretsID: interprets,
            interpretationForm: form, videoURL: form == .video ? video : "", catalogueItemID: id("catalogue_item_id", "标准目录事项"),
            topicIDs: Array(Set(topics)).sorted(), changeNote: changeNote)
    }
}
