import Fluent
import Foundation
import GongkaiCore

/// The demo county's proactive disclosure: the 250 real documents of the bundled corpus
/// (Resources/DemoCorpus, from a real county-level portal) published by the county's agencies,
/// a few normative documents (one repealed) with interpretations, topic columns, the township's
/// standard catalogue from a real catalogue page, and the education bureau's drafts waiting at
/// every step of its review chain.
enum DemoPublications {
    struct Document: Sendable {
        let file: String
        let columnPath: String
        let columnName: String
        let title: String
        let publishedOn: CivilDate
        let documentNumber: String
        let publisher: String
    }

    static var corpusURL: URL? { Bundle.module.url(forResource: "DemoCorpus", withExtension: nil) }

    /// INDEX.tsv: file, column path, column name, title, date, 索引号, 文号, publisher, characters.
    static func documents() throws -> [Document] {
        guard let root = corpusURL else { return [] }
        let text = try String(contentsOf: root.appendingPathComponent("INDEX.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 8, let date = CivilDate(iso: f[4]) else { return nil }
            return Document(file: f[0], columnPath: f[1], columnName: f[2], title: decodeEntities(f[3]), publishedOn: date,
                            documentNumber: f[6].trimmingCharacters(in: .whitespaces), publisher: f[7])
        }
    }

    static func decodeEntities(_ s: String) -> String {
        s.replacingOccurrences(of: "&#8226;", with: "•").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The text of a crawled page without the portal's furniture (breadcrumb, share buttons, the
    /// metadata block, “附件下载”), in paragraphs; and the 成文日期 the page states, if any.
    static func body(of page: String, title: String, documentNumber: String = "") -> (paragraphs: [String], writtenOn: CivilDate?) {
        let marker = "==================== 正文 ===================="
        var text = page.components(separatedBy: marker).dropFirst().joined(separator: marker).trimmingCharacters(in: .whitespacesAndNewlines)
        var writtenOn: CivilDate?
        if let r = text.range(of: "成文日期： ") { writtenOn = CivilDate(iso: String(text[r.upperBound...].prefix(10))) }
        let head = text.prefix(2000)
        if let r = head.range(of: "QQ空间 ", options: .backwards) {
            text = String(text[r.upperBound...])
        } else if let r = head.range(of: #"时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2} "#, options: .regularExpression) {
            text = String(text[r.upperBound...])
        }
        for ending in [" 附件下载", "附件下载", " 扫一扫在手机上查看当前页面", "【打印本页】"] {
            if let r = text.range(of: ending, options: .backwards), text.distance(from: r.lowerBound, to: text.endIndex) < 600 {
                text = String(text[..<r.lowerBound])
            }
        }
        if let r = text.range(of: " 来源：", options: .backwards), text.distance(from: r.lowerBound, to: text.endIndex) < 60 {
            text = String(text[..<r.lowerBound])
        }
        if let r = text.range(of: "相关链接： -->"), text.distance(from: text.startIndex, to: r.lowerBound) < 40 {
            text = String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        if !documentNumber.isEmpty, text.hasPrefix(documentNumber) {
            text = String(text.dropFirst(documentNumber.count)).trimmingCharacters(in: .whitespaces)
        }
        let t = title.trimmingCharacters(in: .whitespaces)
        let squeezed = { (s: Substring) in s.filter { $0 != " " } }
        if squeezed(text.prefix(t.count + 10)).hasPrefix(squeezed(Substring(t))) {
            // drop the repeated title, however the crawl spaced it
            var kept = 0, index = text.startIndex
            while index < text.endIndex, kept < squeezed(Substring(t)).count {
                if text[index] != " " { kept += 1 }
                index = text.index(after: index)
            }
            text = String(text[index...]).trimmingCharacters(in: .whitespaces)
        }
        // Paragraphs: the crawl kept no line breaks; a space after a full stop, or before a heading
        // (一、 （一） 1.), starts a new one.
        var paragraphs: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            if c == " " || c == "\n" {
                let previous = i > 0 ? chars[i - 1] : " "
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                let heading = "一二三四五六七八九十（".contains(next) || (next.isNumber && i + 2 < chars.count && "．.、".contains(chars[i + 2]))
                if "。！？；：".contains(previous) || heading {
                    if !current.trimmingCharacters(in: .whitespaces).isEmpty { paragraphs.append(current.trimmingCharacters(in: .whitespaces)) }
                    current = ""
                    continue
                }
            }
            current.append(c)
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { paragraphs.append(current.trimmingCharacters(in: .whitespaces)) }
        return (paragraphs.isEmpty ? [t] : paragraphs, writtenOn)
    }

    /// Which demo agency publishes a document: by its column first, then by its publisher.
    static func agencyCode(_ d: Document) -> String {
        let column = d.columnPath
        let byColumn: [(String, String)] = [
            ("jysy", "sfx-jyj"), ("ylws", "sfx-wjw"), ("spypaqun", "sfx-scjgj"), ("cpzl", "sfx-scjgj"), ("jgsf", "sfx-scjgj"),
            ("ssjygk", "sfx-scjgj"), ("cxdb", "sfx-cgz"), ("ylfw", "sfx-mzj"), ("czzj", "sfx-czj"), ("wgjy", "sfx-rsj"),
            ("hjbh", "sfx-zrzyj"), ("zshzzytdfw", "sfx-zrzyj"), ("zdxmjs", "sfx-fgw"), ("zdjsxmdpzh", "sfx-fgw"), ("gmjjhshfzg", "sfx-fgw"),
            ("xczx", "sfx-cgz"), ("aqsc", "sfx-gov"), ("yjyayjxx", "sfx-gov"), ("tjcx", "sfx-gaj"), ("qgwh", "sfx-gov"), ("yata", "sfx-gov"),
        ]
        if let hit = byColumn.first(where: { column.contains($0.0) }) { return hit.1 }
        let byPublisher: [(String, String)] = [
            ("自然资源", "sfx-zrzyj"), ("市场监督", "sfx-scjgj"), ("财政", "sfx-czj"), ("农业农村", "sfx-cgz"), ("卫生", "sfx-wjw"),
            ("社会事业", "sfx-jyj"), ("事业局", "sfx-jyj"), ("附中", "sfx-jyj"), ("经济发展", "sfx-fgw"), ("公安", "sfx-gaj"),
            ("综合执法", "sfx-gaj"), ("片区", "sfx-dhz"), ("住房", "sfx-zjj"), ("国有资产", "sfx-czj"), ("司法", "sfx-gaj"),
        ]
        return byPublisher.first(where: { d.publisher.contains($0.0) })?.1 ?? "sfx-gov"
    }

    /// Category, Art. 20 item, key domains and subject from the portal column the document sat in.
    static func classify(_ d: Document) -> (PublicationCategory, Art20Item?, Set<KeyDomain>, PublicationSubject) {
        let c = d.columnPath
        func has(_ s: String) -> Bool { c.contains(s) }
        if has("gsgg") || has("tzgg") || has("ggwh") || has("ggty") {
            return (.affairs, nil, has("ggwh") || has("ggty") ? [] : [], has("ggwh") || has("ggty") ? .culture : .generalAffairs)
        }
        if has("jgszzyznbs") { return (.overview, .art20_02, [], .generalAffairs) }
        if has("jysy") { return (.catalogue, .art20_11, [.education], .scienceEducation) }
        if has("ylws") { return (.catalogue, .art20_11, [.health], .healthSports) }
        if has("cxdb") { return (.catalogue, .art20_11, [.socialAssistance], .civilAffairs) }
        if has("ylfw") { return (.catalogue, .art20_11, [.elderlyCare], .civilAffairs) }
        if has("wgjy") { return (.catalogue, .art20_11, [.employment], .labour) }
        if has("hjbh") { return (.catalogue, .art20_13, [.environment], .construction) }
        if has("spypaqun") { return (.catalogue, .art20_13, [.foodDrugSafety], .marketSafety) }
        if has("aqsc") { return (.catalogue, has("hzxk") ? .art20_05 : .art20_13, has("hzxk") ? [.workSafety, .licensing] : [.workSafety], .marketSafety) }
        if has("cpzl") || has("ssjygk") || has("jgsf") { return (.catalogue, .art20_13, [], .marketSafety) }
        if has("czzj") { return (.catalogue, .art20_07, [.budget], .finance) }
        if has("yjyayjxx") || has("tfggsjdyjy") { return (.catalogue, .art20_12, [.emergency], .civilAffairs) }
        if has("tjcx") { return (.catalogue, .art20_06, [.penalty], .securityJustice) }
        if has("zdxmjs") || has("zdjsxmdpzh") { return (.catalogue, .art20_10, [.majorProjects], .economy) }
        if has("gmjjhshfzg") { return (.catalogue, .art20_03, [], .economy) }
        if has("hzxkdsxyjt") { return (.catalogue, .art20_05, [.licensing], .generalAffairs) }
        if has("zshzzytdfw") { return (.catalogue, .art20_15, [.landExpropriation], .landEnergy) }
        if has("xczx") { return (.catalogue, .art20_11, [.ruralRevitalisation], .agriculture) }
        if has("hjbhggwsaq") { return (.catalogue, .art20_13, [.environment], .construction) }
        return (.catalogue, has("zxwj") || has("gwhwj") ? .art20_01 : nil, [], .generalAffairs)
    }

    /// Documents of the register (规范性文件) in the demo: by 文号, with their effective dates;
    /// the first is repealed by the demo county's clean-up decision.
    static let normative: [String: (effective: String, until: String?)] = [
        "岚综管综〔2017〕212号": ("2017-10-13", nil),
        "岚综管综〔2019〕72号": ("2019-04-25", "2024-04-24"),
        "闽岚综实管综〔2014〕136号": ("2014-10-21", nil),
    ]
    static let repealedNumber = "闽岚综实管综〔2014〕136号"

    static func load(agencyIDs: [String: Int], users: [String: Int], context: RequestContext, on db: any Database) async throws {
        guard let root = corpusURL else { return }
        let actor = AuditActor.commandLine("demo")
        let agencies = try await Agency.query(on: db).all()
        let byCode = Dictionary(uniqueKeysWithValues: agencies.map { ($0.code, $0) })
        var profiles: [String: PublishingProfile] = [:]
        for a in agencies { profiles[a.code] = try await PublishingProfile.effective(for: a, on: db) }
        func author(_ code: String) -> Int {
            switch code {
            case "sfx-jyj": return users["jyj.officer"]!
            case "sfx-cgz": return users["cgz.officer"]!
            default: return users["sfx.publisher"]!
            }
        }
        // Topic columns of the county.
        var topics: [String: Int] = [:]
        for (name, description, opened, column) in [
            ("乡村振兴", "巩固拓展脱贫攻坚成果、全面推进乡村振兴的政策和工作动态。", "2021-03-01", "xczx"),
            ("安全生产", "安全生产检查、事故调查和隐患治理情况。", "2022-06-01", "aqsc"),
            ("食品药品安全", "食品药品监督抽检和安全知识。", "2023-03-15", "spypaqun"),
            ("防灾减灾", "应急预案、预警信息和防灾减灾工作。", String(context.today.year) + "-01-05", "yjyayjxx"),
        ] {
            let t = TopicColumn()
            t.version = 1
            t.$agency.id = agencyIDs["sfx-gov"]!
            t.name = name
            t.description = description
            t.openedOn = CivilDate(iso: opened)!
            try await t.create(on: db)
            topics[column] = try t.requireID()
        }

        var idByNumber: [String: Int] = [:]
        var policies: [(Int, Document)] = []
        for d in try documents().sorted(by: { ($0.publishedOn, $0.file) < ($1.publishedOn, $1.file) }) {
            guard let page = try? String(contentsOf: root.appendingPathComponent(d.file), encoding: .utf8) else { continue }
            let code = agencyCode(d)
            guard let agencyID = agencyIDs[code], let profile = profiles[code] else { continue }
            let (paragraphs, statedWrittenOn) = body(of: page, title: d.title, documentNumber: d.documentNumber)
            let (category, art20, domains, subject) = classify(d)
            let sanitised = RichText.fromPlainText(paragraphs.joined(separator: "\n"))
            let writtenOn = statedWrittenOn.flatMap { $0 <= d.publishedOn ? $0 : nil } ?? (d.documentNumber.isEmpty ? nil : d.publishedOn)
            let p = Publication()
            p.version = 1
            p.$agency.id = agencyID
            p.$author.id = author(code)
            p.title = d.title
            p.documentNumber = d.documentNumber
            p.bodyHTML = sanitised.html
            p.bodyText = sanitised.text
            p.writtenOn = writtenOn
            p.formedOn = writtenOn ?? d.publishedOn
            p.publishedOn = d.publishedOn
            p.publishedAt = ScheduledTime.parse(d.publishedOn.iso + "T09:00")
            p.category = category
            p.genre = PublicationGenre.guess(fromTitle: d.title)
            p.subject = subject
            p.art20Item = art20
            p.keyDomains = KeyDomain.encode(domains)
            p.disclosure = .proactive
            p.disclosureNote = ""
            p.status = .published
            p.reviewSteps = profile.chain.codes
            p.reviewRound = 0
            p.revisionState = .none
            p.versionNumber = 1
            p.repealedBy = ""
            p.amendedBy = ""
            p.requiresInterpretation = false
            p.videoURL = ""
            if let n = normative[d.documentNumber] {
                p.normativeKind = .normativeDocument
                p.effectiveOn = CivilDate(iso: n.effective)
                p.validUntil = n.until.flatMap { CivilDate(iso: $0) }
                p.requiresInterpretation = true
                p.art20Item = .art20_01
            }
            let values = IndexNumberRule.Values(agencyCode: profile.indexCode, category: category, subject: subject, year: d.publishedOn.year)
            p.indexNumber = try await IndexNumberAllocator.next(rule: profile.rule, values: values, on: db)
            try await p.create(on: db)
            let id = try p.requireID()
            let v = PublicationVersion()
            v.$publication.id = id
            v.number = 1
            v.publishedAt = p.publishedAt ?? Date()
            v.publishedOn = d.publishedOn
            v.title = p.title
            v.bodyHTML = p.bodyHTML
            v.changeNote = "首次发布"
            try await v.create(on: db)
            try await PublicationSearchIndex.put(p, on: db)
            try await PublicationEvent(publicationID: id, actor: actor, kind: .published,
                                       summary: "演示数据：原载平潭综合实验区门户网站“\(d.columnName)”栏目，\(d.publishedOn.iso) 发布").create(on: db)
            if let topic = topics.first(where: { d.columnPath.contains($0.key) })?.value {
                try await PublicationTopic(publicationID: id, topicColumnID: topic).create(on: db)
            }
            if !d.documentNumber.isEmpty { idByNumber[d.documentNumber] = id }
            if p.normativeKind != nil { policies.append((id, d)) }
        }
        // The repeal, through the register step (it shows on the page and in table 二).
        if let id = idByNumber[repealedNumber], let p = try await Publication.find(id, on: db) {
            p.repealedOn = CivilDate(year: context.today.year, month: 1, day: 15)
            p.repealedBy = "示范县人民政府关于废止部分行政规范性文件的决定（示政〔\(context.today.year)〕2号）"
            try await p.save(on: db)
            try await PublicationEvent(publicationID: id, actor: actor, kind: .repealed, summary: "登记有效性：\(p.repealedOn!.iso) 废止（\(p.repealedBy)）").create(on: db)
        }
        // Interpretations of two of the normative documents: one at once, one late.
        for (index, (policyID, d)) in policies.prefix(2).enumerated() {
            guard let policy = try await Publication.find(policyID, on: db), let publishedOn = policy.publishedOn else { continue }
            let on = index == 0 ? publishedOn : publishedOn.adding(days: 12)
            let body = RichText.fromPlainText("""
                一、制定背景
                为便于公众准确理解和执行《\(d.title)》（\(d.documentNumber)），现就有关内容解读如下。
                二、主要内容
                \(policy.bodyText.split(separator: "\n").prefix(2).joined(separator: "\n"))
                三、解读机关及联系方式
                \(byCode[agencyCode(d)]?.name ?? "")，联系电话：\(byCode[agencyCode(d)]?.phone ?? "")。
                """)
            let i = Publication()
            i.version = 1
            i.$agency.id = policy.$agency.id
            i.$author.id = policy.$author.id
            i.title = "《\(d.title)》政策解读"
            i.documentNumber = ""
            i.bodyHTML = body.html
            i.bodyText = body.text
            i.formedOn = on
            i.publishedOn = on
            i.publishedAt = ScheduledTime.parse(on.iso + "T10:00")
            i.category = .catalogue
            i.genre = .interpretation
            i.subject = policy.subject
            i.keyDomains = policy.keyDomains
            i.disclosure = .proactive
            i.disclosureNote = ""
            i.status = .published
            i.reviewSteps = policy.reviewSteps
            i.reviewRound = 0
            i.revisionState = .none
            i.versionNumber = 1
            i.repealedBy = ""
            i.amendedBy = ""
            i.requiresInterpretation = false
            i.interpretationForm = index == 0 ? .text : .graphic
            i.videoURL = ""
            i.$interprets.id = policyID
            let profile = profiles[agencyCode(d)] ?? profiles["sfx-gov"]!
            i.indexNumber = try await IndexNumberAllocator.next(rule: profile.rule, values: .init(agencyCode: profile.indexCode, category: .catalogue,
                                                                                                subject: policy.subject, year: on.year), on: db)
            try await i.create(on: db)
            try await PublicationSearchIndex.put(i, on: db)
        }
        try await catalogue(agencyIDs: agencyIDs, users: users, context: context, on: db)
        try await drafts(agencyIDs: agencyIDs, users: users, context: context, on: db)
    }

    /// The township's standard catalogue, imported from the bundled CSV as a publisher would;
    /// the township's 低保 and rural documents fulfil two of its items.
    static func catalogue(agencyIDs: [String: Int], users: [String: Int], context: RequestContext, on db: any Database) async throws {
        guard let root = corpusURL, let township = agencyIDs["sfx-cgz"], let officer = users["cgz.officer"],
              let user = try await StaffUser.find(officer, on: db),
              let data = FileManager.default.contents(atPath: root.appendingPathComponent("standard-catalogue.csv").path) else { return }
        let staff = try await StaffPrincipal.load(user, on: db)
        let since = CivilDate(year: context.today.year - 1, month: 1, day: 1)!
        _ = try await CatalogueImportService.importItems(data, agencyID: township, defaultDomain: "", staff: staff,
                                                         actor: .commandLine("demo"), today: since, on: db)
        let items = try await CatalogueItem.query(on: db).filter(\.$agency.$id == township).all()
        let byName = Dictionary(items.map { ($0.itemL2, $0) }, uniquingKeysWith: { a, _ in a })
        for (itemName, titleWord) in [("低保对象名单及相关信息", "低保"), ("政策文件", "乡村振兴")] {
            guard let item = byName[itemName] else { continue }
            let linked = try await Publication.query(on: db).filter(\.$agency.$id == township).filter(\.$title, .custom("LIKE"), "%\(titleWord)%").all()
            for p in linked {
                p.$catalogueItem.id = item.id
                try await p.save(on: db)
            }
        }
    }

    /// The education bureau's desk: a draft, items waiting at 初审, 保密审查 and 终审, one returned
    /// with the reviewer's reasons, and one past its Art. 26 deadline.
    static func drafts(agencyIDs: [String: Int], users: [String: Int], context: RequestContext, on db: any Database) async throws {
        guard let bureau = agencyIDs["sfx-jyj"] else { return }
        func principal(_ name: String) async throws -> StaffPrincipal {
            guard let id = users[name], let user = try await StaffUser.find(id, on: db) else { throw AppError.notFound("演示用户 \(name)") }
            return try await StaffPrincipal.load(user, on: db)
        }
        /// The demo's history names the staff who took each step.
        func actor(_ name: String) async throws -> AuditActor {
            let staff = try await principal(name)
            return AuditActor(userID: staff.userID, name: staff.auditName, requestID: "demo", ipAddress: "")
        }
        let service = PublicationService.Context(calendar: context.calendar, today: context.today, now: Date(), cache: nil)
        let today = context.today
        let items: [(title: String, body: String, formedAgo: Int, steps: [(String, Permission, String, String)])] = [
            ("关于做好秋季学期中小学开学工作的通知",
             "各中小学校：\n新学期即将开始，为确保开学工作平稳有序，现将有关事项通知如下。\n一、做好校园安全隐患排查。\n二、落实教材按时到校到生。\n三、做好家庭经济困难学生资助工作。",
             2, []),
            ("示范县教育局关于公布义务教育阶段学校招生范围的通告",
             "根据《中华人民共和国义务教育法》和上级有关规定，现将本县义务教育阶段公办学校招生范围公布如下。\n一、县第一小学：人民路以东、文化路以北。\n二、县第二小学：人民路以西、解放路以南。\n咨询电话：0999-5020201。",
             5, [("jyj.officer", .publish, "submit", "")]),
            ("示范县教育局关于义务教育阶段学生资助资金分配结果的公示",
             "根据学生资助政策，经学校申报、教育局审核，现将本学期义务教育阶段家庭经济困难学生生活补助资金分配结果予以公示。\n公示期 5 个工作日。如有异议，请向县教育局反映。",
             6, [("jyj.officer", .publish, "submit", ""), ("jyj.reviewer", .review, "pass", "内容准确，同意")]),
            ("示范县教育局2025年部门预算公开说明",
             "一、部门职责\n二、机构设置\n三、部门预算收支总体情况\n四、“三公”经费预算情况说明\n五、政府采购情况",
             8, [("jyj.officer", .publish, "submit", ""), ("jyj.reviewer", .review, "pass", "同意"), ("jyj.secrecy", .confidentialityReview, "pass", "不涉及国家秘密、工作秘密和个人信息")]),
            ("示范县教育局关于教师资格认定结果的公告",
             "经审核，以下人员符合教师资格认定条件，现予公告。\n张某某，身份证号码：略，联系电话：略。",
             9, [("jyj.officer", .publish, "submit", ""), ("jyj.reviewer", .review, "pass", "同意"),
                 ("jyj.secrecy", .confidentialityReview, "return", "名单中含有个人身份信息和联系电话，公开前须删除（条例第十五条）")]),
            ("示范县教育局关于校外培训机构专项治理情况的通报",
             "按照县委、县政府统一部署，县教育局会同有关部门开展了校外培训机构专项治理，现将有关情况通报如下。",
             45, []),
        ]
        for item in items {
            var fields: [String: [String]] = [
                "agency_id": [String(bureau)], "title": [item.title], "body": [item.body],
                "formed_on": [today.adding(days: -item.formedAgo).iso], "category": ["catalogue"], "genre": [PublicationGenre.guess(fromTitle: item.title).rawValue],
                "subject": ["scienceEducation"], "disclosure": ["proactive"], "key_domains": ["education"],
            ]
            fields["art20_item"] = ["art20_11"]
            let p = try await PublicationService.create(fields: FormFields(fields), staff: try await principal("jyj.officer"),
                                                        actor: try await actor("jyj.officer"), context: service, on: db)
            let id = try p.requireID()
            for (who, door, action, comment) in item.steps {
                let v = try await Publication.find(id, on: db)!.version
                try await PublicationService.perform(fields: FormFields(["action": [action], "version": [String(v)], "comment": [comment]]), door: door,
                                                     publicationID: id, staff: try await principal(who), actor: try await actor(who), context: service, on: db)
            }
        }
    }
}
