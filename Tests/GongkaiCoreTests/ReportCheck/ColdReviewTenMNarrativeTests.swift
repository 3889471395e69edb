import Testing
@testable import GongkaiCore

/// Cold review 10m of issue #10, the narrative sums: a list of one part was never judged (M2),
/// and lists whose extent is certain gave warnings where a mismatch is an error (L4).
@Suite("Report check, review 10m: N2 on lists of one part and on lists whose extent is certain")
struct ColdReviewTenMNarrativeTests {
    typealias Sums = NarrativeSumTests

    @Test(
        "N2: a list of one part is an error when the part exceeds its whole, and nothing otherwise (M2)",
        arguments: [
            // The kind after the done status is skipped: one part is left, over the total.
            ("共受理申请40件，其中已办结42件，超期办结2件。", Sums.Verdict.finding(.error)),
            ("共受理申请40件，其中逾期办结41件。", .finding(.error)),
            // At least 1200 of 1000.
            ("全年共受理诉求1000件，其中热线1200余件。", .finding(.error)),
            // Equal or below: no finding, and no sum counted as passed either.
            ("共受理申请40件，其中已办结38件，超期办结2件。", .none),
            ("共受理申请40件，其中已办结40件。", .none),
            ("共受理申请40件，其中涉及征地拆迁的申请12件，予以公开8件。", .none),
            // 其中 may refer to the sum of the figures before it (30 + 2).
            ("共收到申请30件，上年结转2件，其中已办结32件。", .none),
        ])
    func onePart(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }

    @Test func aSinglePartOverItsWholeIsToldAsOnePart() {
        let (verdict, findings) = Sums.verdict("共受理申请40件，其中已办结42件，超期办结2件。")
        #expect(verdict == .finding(.error))
        let message = findings.first?.message ?? ""
        #expect(message.contains("列出的唯一分项为 42 件，超过合计"), "\(message)")
        #expect(findings.first?.expected == "42")
    }

    @Test(
        "N2: a semicolon before a part of the first part's kind ends the list only where it adds up (L4)",
        arguments: [
            // Result groups of table 三, 结转下年度 among them: 50 + 26 + 5 = 81 > 80.
            ("共受理申请80件，其中予以公开50件；不予公开26件；结转下年度5件。", Sums.Verdict.finding(.error)),
            ("共受理申请80件，其中予以公开50件；不予公开25件；结转下年度5件。", .consistent),
            // Complete before 结转下年度: it may stand apart (review 10l L2 still holds).
            ("共受理申请80件，其中予以公开50件、不予公开30件；结转下年度5件。", .consistent),
            // The same with commas: 50 + 25 + 6.
            ("共受理申请80件，其中予以公开50件、不予公开25件、结转下年度继续办理6件。", .finding(.error)),
            // A status first: 未办结 and 结转下年度 are statuses of the same breakdown.
            ("共收到咨询30件，其中已办结27件，按期办结20件；未办结4件。", .finding(.error)),
            ("共收到咨询30件，其中已办结27件，按期办结20件；未办结3件。", .consistent),
            ("共收到咨询30件，其中已办结26件；逾期办结1件；结转下年度5件。", .finding(.error)),
            ("共收到咨询30件，其中已办结25件；逾期办结1件；结转下年度5件。", .consistent),
            // A carry-in (上年结转) may be outside the total: still only a warning.
            ("共收到咨询50件，其中网上咨询30件、当面咨询15件；上年结转6件。", .finding(.warning)),
            // Another channel after a semicolon: the list may be partial, a warning, never an error.
            ("发布信息1000条，其中门户网站600条、部门网站300条；政务新媒体发布900条。", .finding(.warning)),
        ])
    func semicolonBeforeTheSameKind(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }

    @Test(
        "N2: 答复 and 回复 break down by status as 办结 does; kinds before the done status are its details (L4)",
        arguments: [
            // 未答复 is a part of a breakdown that starts with a kind of answer (was dropped: 180 + 12).
            ("共受理留言200件，其中及时答复180件，延期答复12件，未答复9件。", Sums.Verdict.finding(.error)),
            ("共受理留言200件，其中及时答复180件，延期答复12件，未答复8件。", .consistent),
            ("共受理留言200件，其中当场答复100件，限时答复80件，延期答复12件，未答复9件。", .finding(.error)),
            ("共受理留言200件，其中已回复190件，超时回复4件，未回复11件。", .finding(.error)),
            // The kind named before its done status: 28 + 2 (was a false error on 2 + 28 + 2).
            ("共受理申请30件，其中逾期办结2件，已办结28件，未办结2件。", .consistent),
            ("共受理申请30件，其中按期办结26件，逾期办结2件，已办结28件，未办结2件。", .consistent),
            ("共受理申请30件，其中逾期办结2件，已办结29件，未办结2件。", .finding(.error)),
        ])
    func answersAndKindsFirst(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }

    @Test(
        "N2: what follows a complete list is no part: a status after parts of another dimension, a carry-in (review 10l L1, L2)",
        arguments: [
            // 正在办理 after parts by applicant is a status, as 已办结 is (the comma variant of 10k L1).
            ("共收到咨询70件，其中网上咨询60件、来信10件，已办结66件、正在办理4件。", Sums.Verdict.consistent),
            // 上年遗留 after the statuses may stand apart, as 上年结转 does.
            ("共受理咨询80件，其中已办结76件，办结率95%，未办结4件，上年遗留2件已于今年办结。", .consistent),
            // A mismatch stays an error.
            ("共收到咨询70件，其中网上咨询61件、来信10件，已办结66件、正在办理4件。", .finding(.error)),
        ])
    func statusAndCarryInAfterACompleteList(_ item: (String, Sums.Verdict)) {
        let (verdict, findings) = Sums.verdict(item.0)
        #expect(verdict == item.1, "\(item.0): \(findings.map(\.message))")
    }
}
