import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// What the second round on proactive disclosure (#11) left: every writer of a round kept from
/// reviewing it, the chain's rule taken at submission, 有效期至 not put back by a stale revision,
/// and the portal's cache — unknown parameters, Last-Modified at midnight, withdrawn attachments.
@Suite("Publications: writers, snapshots, stale revisions, cache keys")
struct PublicationFollowUpTests {
    /// `who` as the console would name him in the history (his user id with it).
    func actor(_ who: StaffPrincipal) -> AuditActor {
        AuditActor(userID: who.userID, name: who.displayName, requestID: "test", ipAddress: "127.0.0.1")
    }

    func fields(_ values: [String: String]) -> FormFields {
        FormFields(values.mapValues { [$0] })
    }

    /// pub drafts, pub2 (publisher and reviewer) edits the draft, pub submits it: pub2 is neither
    /// its author nor its submitter, but wrote part of it, and may not pass its 初审.
    @Test func anEditorOfTheDraftCannotReviewIt() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("pub2", [.publisher, .reviewer], in: desk.county.bureau, on: app)
            let (pub, pub2, rev) = (try await desk.principal("pub"), try await desk.principal("pub2"), try await desk.principal("rev"))
            let context = try await app.publicationContext()
            var form = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "县教育局关于开展校园安全检查的通知", body: "各学校：开展安全检查。",
                                                                             agencyID: desk.bureauID).map { ($0.0.replacingOccurrences(of: "[]", with: ""), $0.1) })
            let p = try await PublicationService.create(fields: fields(form), staff: pub, actor: actor(pub), context: context, on: app.db)
            let id = try p.requireID()
            form["body"] = "各学校：开展安全大检查，五月底前报送结果。"
            form["version"] = String(try await desk.version(id))
            try await PublicationService.update(id: id, fields: fields(form), staff: pub2, actor: actor(pub2), context: context, on: app.db)
            try await PublicationService.perform(fields: fields(["action": "submit", "version": String(try await desk.version(id))]),
                                                 door: .publish, publicationID: id, staff: pub, actor: actor(pub), context: context, on: app.db)
            let pass = fields(["action": "pass", "version": String(try await desk.version(id))])
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.perform(fields: pass, door: .review, publicationID: id, staff: pub2, actor: actor(pub2),
                                                     context: context, on: app.db)
            }
            #expect(error?.message.contains("参与撰写、修改或提交本稿的人员不能审核") == true)
            // the console says so on the page, and the list does not offer it to him
            let detail = try await PublicationDetailQuery.load(id, calendar: context.calendar, today: context.today, on: app.db)
            #expect(detail.writers == [pub.userID, pub2.userID])
            // a reviewer who did not write it may
            try await PublicationService.perform(fields: pass, door: .review, publicationID: id, staff: rev, actor: actor(rev),
                                                 context: context, on: app.db)
            #expect(try await PublicationService.currentPasses(of: try await desk.publication(id), on: app.db).count == 1)
        }
    }

    /// Calling a scheduled item back to a draft changes nothing in its text: who does it is not
    /// one of its writers (review of #11).
    @Test func cancellingAScheduleDoesNotMakeAWriter() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("pub2", [.publisher, .reviewer], in: desk.county.bureau, on: app)
            let (pub, pub2) = (try await desk.principal("pub"), try await desk.principal("pub2"))
            var form = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "定时发布的通知", body: "正文。", agencyID: desk.bureauID)
                .map { ($0.0.replacingOccurrences(of: "[]", with: ""), $0.1) })
            form["scheduled_at"] = try await desk.scheduledTime()
            let context = try await app.publicationContext()
            let id = try (try await PublicationService.create(fields: fields(form), staff: pub, actor: actor(pub), context: context, on: app.db)).requireID()
            for (who, door, action) in [("pub", Permission.publish, "submit"), ("rev", .review, "pass"), ("sec", .confidentialityReview, "pass"),
                                        ("head", .review, "pass")] {
                try await PublicationService.perform(fields: fields(["action": action, "version": String(try await desk.version(id))]), door: door,
                                                     publicationID: id, staff: try await desk.principal(who), actor: .system, context: context, on: app.db)
            }
            #expect(try await desk.publication(id).status == .scheduled)
            try await PublicationService.perform(fields: fields(["action": "unschedule", "version": String(try await desk.version(id))]),
                                                 door: .publish, publicationID: id, staff: pub2, actor: actor(pub2), context: context, on: app.db)
            #expect(try await PublicationWriters.of(try await desk.publication(id), on: app.db) == [pub.userID])
        }
    }

    /// Once the item is public, the next revision starts a new text: who wrote the first one
    /// may review the revision written by someone else.
    @Test func writersOfAnEarlierVersionMayReviewTheNextOne() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("pub2", [.publisher, .reviewer], in: desk.county.bureau, on: app)
            let pub2 = try await desk.principal("pub2")
            let p = try await desk.published("县教育局关于做好招生工作的通知", body: "正文。", publisherName: "pub2")
            let id = try p.requireID()
            let context = try await app.publicationContext()
            #expect(try await PublicationWriters.of(p, on: app.db) == [])
            let pub = try await desk.principal("pub")
            var form = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "县教育局关于做好招生工作的通知", body: "正文（修订）。",
                                                                             agencyID: desk.bureauID).map { ($0.0.replacingOccurrences(of: "[]", with: ""), $0.1) })
            form["change_note"] = "补充报名时间"
            form["version"] = String(try await desk.version(id))
            try await PublicationService.update(id: id, fields: fields(form), staff: pub, actor: actor(pub), context: context, on: app.db)
            #expect(try await PublicationWriters.of(try await desk.publication(id), on: app.db) == [pub.userID])
            // pub2 is still the item's first author, which the chain refuses on its own
            try await PublicationService.perform(fields: fields(["action": "submit", "version": String(try await desk.version(id))]),
                                                 door: .publish, publicationID: id, staff: pub, actor: actor(pub), context: context, on: app.db)
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.perform(fields: self.fields(["action": "pass", "version": String(try await desk.version(id))]),
                                                     door: .review, publicationID: id, staff: pub2, actor: self.actor(pub2), context: context, on: app.db)
            }
            #expect(error?.message.contains("起草人不能审核") == true)
        }
    }

    /// The agency allowed one person several steps when the round was submitted; changing the
    /// profile afterwards does not change the rule of that round (and the other way round).
    @Test func theSamePersonRuleIsTakenAtSubmission() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.county.user("solo", [.publisher, .reviewer, .confidentialityReviewer], in: desk.county.bureau, on: app)
            let solo = try await desk.principal("solo")
            let context = try await app.publicationContext()
            let profile = try await PublishingProfile.effective(for: desk.county.bureau, on: app.db)
            profile.allowSamePerson = false
            try await profile.save(on: app.db)
            let form = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "乡镇小额工程公示", body: "正文。", agencyID: desk.bureauID)
                .map { ($0.0.replacingOccurrences(of: "[]", with: ""), $0.1) })
            let id = try (try await PublicationService.create(fields: fields(form), staff: solo, actor: actor(solo), context: context, on: app.db)).requireID()
            try await PublicationService.perform(fields: fields(["action": "submit", "version": String(try await desk.version(id))]),
                                                 door: .publish, publicationID: id, staff: solo, actor: actor(solo), context: context, on: app.db)
            #expect(try await desk.publication(id).reviewAllowsSamePerson == false)
            // the administrator allows it now: the round under review keeps the rule it was submitted under
            profile.allowSamePerson = true
            try await profile.save(on: app.db)
            let error = await #expect(throws: AppError.self) {
                try await PublicationService.perform(fields: self.fields(["action": "pass", "version": String(try await desk.version(id))]),
                                                     door: .review, publicationID: id, staff: solo, actor: self.actor(solo), context: context, on: app.db)
            }
            #expect(error?.message.contains("起草人不能审核") == true)
            // returned and submitted again, the new round takes the new rule
            try await PublicationService.perform(fields: fields(["action": "return", "comment": "重新提交", "version": String(try await desk.version(id))]),
                                                 door: .review, publicationID: id, staff: try await desk.principal("rev"), actor: .system,
                                                 context: context, on: app.db)
            try await PublicationService.perform(fields: fields(["action": "submit", "version": String(try await desk.version(id))]),
                                                 door: .publish, publicationID: id, staff: solo, actor: actor(solo), context: context, on: app.db)
            try await PublicationService.perform(fields: fields(["action": "pass", "version": String(try await desk.version(id))]),
                                                 door: .review, publicationID: id, staff: solo, actor: actor(solo), context: context, on: app.db)
            #expect(try await desk.publication(id).reviewAllowsSamePerson == true)
        }
    }

    /// A revision drafted before 有效期至 was registered carries the old date; passing it must
    /// not put the old date back. A revision that changes the date itself does change it.
    @Test func aStaleRevisionDoesNotResetTheValidityDate() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let normative = ["normative_kind": [NormativeKind.normativeDocument.rawValue], "document_number": ["测教规〔2024〕1号"],
                             "effective_on": ["2024-03-11"], "valid_until": ["2026-06-30"]]
            let p = try await desk.published("测试县规范性文件", body: "正文", fields: normative)
            let id = try p.requireID()
            let context = try await app.publicationContext()
            let pub = try await desk.principal("pub")
            func revise(validUntil: String, note: String) async throws {
                var form = Dictionary(uniqueKeysWithValues: PublicationDesk.form(title: "测试县规范性文件", body: "正文（\(note)）", agencyID: desk.bureauID)
                    .map { ($0.0.replacingOccurrences(of: "[]", with: ""), $0.1) })
                for (key, value) in normative { form[key] = value[0] }
                form["valid_until"] = validUntil
                form["change_note"] = note
                form["version"] = String(try await desk.version(id))
                try await PublicationService.update(id: id, fields: fields(form), staff: pub, actor: actor(pub), context: context, on: app.db)
            }
            func passRevision() async throws {
                for (who, door, action) in [("pub", Permission.publish, "submit"), ("rev", .review, "pass"), ("sec", .confidentialityReview, "pass"),
                                            ("head", .review, "pass")] {
                    try await PublicationService.perform(fields: fields(["action": action, "version": String(try await desk.version(id))]), door: door,
                                                         publicationID: id, staff: try await desk.principal(who), actor: .system, context: context, on: app.db)
                }
            }
            try await revise(validUntil: "2026-06-30", note: "更正错字")
            // while the revision waits, the register gets a new 有效期至
            try await PublicationService.perform(fields: fields(["action": "register_validity", "version": String(try await desk.version(id)),
                                                                 "valid_until": "2027-12-31"]),
                                                 door: .publish, publicationID: id, staff: pub, actor: .system, context: context, on: app.db)
            // saved again (the form still shows the revision's date), then passed
            try await revise(validUntil: "2026-06-30", note: "更正错字")
            try await passRevision()
            let after = try await desk.publication(id)
            #expect(after.versionNumber == 2)
            #expect(after.bodyText.contains("更正错字"))
            #expect(after.validUntil?.iso == "2027-12-31")
            // a revision that sets the date itself does set it
            try await revise(validUntil: "2028-06-30", note: "延长有效期")
            try await passRevision()
            #expect(try await desk.publication(id).validUntil?.iso == "2028-06-30")
        }
    }

    /// A parameter the page does not read is not part of the cache key: `/?x=…` is the home page
    /// from memory, not a new render per value.
    @Test func unknownParametersDoNotMakeNewCacheEntries() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.published("第一条公告", body: "正文一")
            let visitor = TestClient(app)
            #expect(try await visitor.get("/").headers.first(name: "X-Portal-Cache") == "miss")
            for bust in ["/?x=1", "/?utm_source=wx&x=2", "/?"] {
                #expect(try await visitor.get(bust).headers.first(name: "X-Portal-Cache") == "hit", "\(bust)")
            }
            // the page's own parameters, in any order, are one key
            #expect(try await visitor.get("/publications?year=2024&category=catalogue").headers.first(name: "X-Portal-Cache") == "miss")
            #expect(try await visitor.get("/publications?category=catalogue&year=2024&x=9").headers.first(name: "X-Portal-Cache") == "hit")
            #expect(try await visitor.get("/publications?category=catalogue").headers.first(name: "X-Portal-Cache") == "miss")
            // A query Vapor cannot decode reads as no parameters: its page is the unfiltered one,
            // and it must not be kept as the filtered page (review of #11).
            let agency = desk.county.bureau.code
            let poisoned = try await visitor.get("/publications?agency=\(agency)&%E4=1")
            let filtered = try await visitor.get("/publications?agency=\(agency)")
            let unfiltered = try await visitor.get("/publications")
            #expect(poisoned.body == unfiltered.body)
            #expect(filtered.headers.first(name: "X-Portal-Cache") == "miss" || filtered.body != unfiltered.body)
        }
        let key = { (values: [String: String]) in PortalCache.key(mode: "standard", today: CivilDate(iso: "2024-03-12")!, path: "/publications", values: values) }
        #expect(key(["agency": "edu", "fbclid": "1"]) == key(["agency": "edu"]))
        #expect(key(["agency": "a&page=2"]) != key(["agency": "a", "page": "2"]))  // values are escaped in the key
        #expect(key(["page": "2"]) != key([:]))
    }

    /// Statuses computed from dates (有效 → 失效) change at midnight in Beijing with no change to the
    /// records: a page's Last-Modified is never before the start of its day, so a browser's
    /// `If-Modified-Since` from yesterday does not get a 304 for yesterday's status.
    @Test func lastModifiedIsNeverBeforeTheStartOfTheDay() throws {
        let today = try #require(CivilDate(iso: "2026-07-01"))
        // 2026-06-30 16:00 UTC = 2026-07-01 00:00 in Beijing
        #expect(PortalCache.lastModified(changedAt: "Mon, 01 Jun 2026 08:00:00 GMT", today: today) == "Tue, 30 Jun 2026 16:00:00 GMT")
        #expect(PortalCache.lastModified(changedAt: "Wed, 01 Jul 2026 02:00:00 GMT", today: today) == "Wed, 01 Jul 2026 02:00:00 GMT")
        #expect(PortalCache.lastModified(changedAt: "garbage", today: today) == "Tue, 30 Jun 2026 16:00:00 GMT")
    }

    @Test func aBrowserCopyFromBeforeMidnightIsNotCurrent() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app, today: "2026-07-01")
            try await desk.published("第一条公告", body: "正文一")
            let visitor = TestClient(app)
            let page = try await visitor.get("/publications")
            #expect(page.status == .ok)
            let yesterday = PortalCache.httpDate(Date(timeIntervalSince1970: TimeInterval(try #require(CivilDate(iso: "2026-06-30")).dayNumber * 86_400)))
            let again = try await visitor.get("/publications", headers: ["If-Modified-Since": yesterday])
            #expect(again.status == .ok)
        }
    }

    /// A public attachment is cached only with revalidation (ETag → 304), and a withdrawal stops
    /// it at once: no hour of a withdrawn file in browsers' and proxies' caches.
    @Test func attachmentsAreRevalidatedAndStopAtWithdrawal() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.draft("附件测试", body: "正文")
            let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
            let file = try await PublicationService.attach(filename: "附件.pdf", data: pdf, to: id, staff: try await desk.principal("pub"),
                                                           actor: .system, on: app.db)
            try await desk.publish(id)
            let path = "/publications/\(id)/attachments/\(try file.requireID())"
            let visitor = TestClient(app)
            let first = try await visitor.get(path)
            #expect(first.status == .ok)
            #expect(first.headers.first(name: .cacheControl) == "public, no-cache")
            let etag = try #require(first.headers.first(name: .eTag))
            let again = try await visitor.get(path, headers: ["If-None-Match": etag])
            #expect(again.status == .notModified)
            try await desk.step(desk.publisher, id, door: "actions", "withdraw", [("reason", "发布有误")])
            #expect(try await visitor.get(path, headers: ["If-None-Match": etag]).status == .notFound)
        }
    }
}
