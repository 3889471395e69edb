import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// Deterministic, realistic-looking requests for the demo county, the statistics tests and the
/// benchmark: the same seed always gives the same rows. Rows are written with multi-row INSERTs
/// (no per-row history or audit: they stand for records migrated from earlier years).
struct SyntheticRequests {
    struct Row: Sendable {
        var agencyID: Int
        var trackingNumber: String
        var channel: RequestChannel
        var applicantKind: ApplicantKind
        var applicantName: String
        var description: String
        var receivedOn: CivilDate
        var dueOn: CivilDate?
        var concludedOn: CivilDate?
        var outcome: RequestOutcome?
    }

    /// Outcomes roughly as county reports show them (disclosed and not-held dominate).
    static let outcomeWeights: [(RequestOutcome, Int)] = [
        (.disclosed, 40), (.partiallyDisclosed, 8), (.withheldStateSecret, 1), (.withheldThirdPartyRights, 2),
        (.withheldProcessInfo, 2), (.withheldEnforcementCaseFile, 1), (.unableNotHeld, 20), (.unableNeedsCreation, 3),
        (.unableUnclearAfterCorrection, 2), (.notProcessedPetitionComplaint, 3), (.notProcessedDuplicate, 2),
        (.notProcessedPublication, 2), (.notProcessedConfirmOrReissue, 1), (.otherNoCorrection, 5), (.otherFeeUnpaid, 1),
        (.otherMisc, 7),
    ]
    static let kindWeights: [(ApplicantKind, Int)] = [
        (.naturalPerson, 85), (.commercialEnterprise, 8), (.researchInstitution, 1), (.publicWelfareOrg, 1), (.legalServiceOrg, 3), (.otherOrg, 2),
    ]
    static let channelWeights: [(RequestChannel, Int)] = [(.internet, 55), (.postSigned, 25), (.inPerson, 15), (.postUnsigned, 4), (.fax, 1)]
    static let subjects = ["征地补偿安置方案", "房屋征收决定及补偿协议", "城区道路改造工程立项批复", "农村危房改造补助名单", "行政处罚决定书",
                           "建设工程规划许可证", "财政预算执行情况", "最低生活保障对象名单", "土地出让合同", "环境影响评价批复",
                           "学校布局调整方案", "拆迁安置房分配方案", "营业执照登记档案", "河道整治项目资金使用情况", "集体土地所有权证"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐")
    static let givenNames = ["明", "华", "强", "芳", "军", "敏", "静", "丽", "伟", "磊", "洋", "勇", "艳", "杰", "娟", "涛"]
    static let companies = ["某建设工程有限公司", "某房地产开发有限公司", "某律师事务所", "某农业科技有限公司", "某研究院", "某商贸有限公司"]

    /// `count` requests received over `years` for the agencies, as of `today`: most concluded
    /// within their period, a few late, recent ones still open.
    static func generate(
        count: Int, agencyIDs: [Int], years: ClosedRange<Int>, today: CivilDate, calendar: WorkingDayCalendar, seed: UInt64,
        firstIndex: Int = 0
    ) -> [Row] {
        var random = SplitMix64(seed: seed)
        let first = CivilDate(year: years.lowerBound, month: 1, day: 1)!.dayNumber
        let last = min(CivilDate(year: years.upperBound, month: 12, day: 31)!.dayNumber, today.dayNumber)
        guard last >= first, !agencyIDs.isEmpty else { return [] }
        var rows: [Row] = []
        rows.reserveCapacity(count)
        for index in 0..<count {
            let received = CivilDate(dayNumber: first + Int(random.next() % UInt64(last - first + 1)))
            // Beyond the last known holiday schedule there is no due date (as for real requests).
            let due = try? calendar.addingWorkingDays(20, to: received)
            let period = (due?.dayNumber ?? received.dayNumber + 28) - received.dayNumber
            // Replies come within the period; about one in twenty runs late.
            let late = random.next() % 20 == 0
            let span = late ? period + 1 + Int(random.next() % 20) : 1 + Int(random.next() % UInt64(max(1, period)))
            var concluded: CivilDate? = CivilDate(dayNumber: received.dayNumber + span)
            if concluded! > today { concluded = nil }
            let kind = pick(kindWeights, &random)
            let name: String
            if kind == .naturalPerson {
                name = String(surnames[Int(random.next() % UInt64(surnames.count))]) + givenNames[Int(random.next() % UInt64(givenNames.count))]
                    + (random.next() % 2 == 0 ? givenNames[Int(random.next() % UInt64(givenNames.count))] : "")
            } else {
                name = companies[Int(random.next() % UInt64(companies.count))]
            }
            let subject = subjects[Int(random.next() % UInt64(subjects.count))]
            let agencyID = agencyIDs[Int(random.next() % UInt64(agencyIDs.count))]
            let number = trackingNumber(firstIndex + index, on: received)
            rows.append(Row(
                agencyID: agencyID, trackingNumber: number,
                channel: pick(channelWeights, &random), applicantKind: kind, applicantName: name,
                description: "\(received.year - 1 - Int(random.next() % 3))年\(subject)", receivedOn: received, dueOn: due,
                concludedOn: concluded, outcome: concluded == nil ? nil : pick(outcomeWeights, &random)))
        }
        return rows
    }

    /// 查询号 of generated rows: `GK` + date + `S` + the row number in the same alphabet as real ones.
    static func trackingNumber(_ index: Int, on date: CivilDate) -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var n = index, suffix = ""
        for _ in 0..<6 { suffix.append(alphabet[n % alphabet.count]); n /= alphabet.count }
        return "GK" + date.iso.replacingOccurrences(of: "-", with: "").dropFirst(2) + "-S" + suffix
    }

    /// Writes the rows in multi-row INSERTs inside one transaction.
    static func insert(_ rows: [Row], on db: any Database, batchSize: Int = 400) async throws {
        try await db.writeTransaction { tx in
            let sql = try tx.requireSQL()
            var start = 0
            while start < rows.count {
                let batch = rows[start..<min(rows.count, start + batchSize)]
                var insert = sql.insert(into: DisclosureRequest.schema).columns(columns)
                for row in batch { insert = insert.values(values(row)) }
                try await insert.run()
                start += batchSize
            }
        }
    }

    static let columns = ["version", "agency_id", "tracking_number", "source", "channel", "submitted_on", "received_on", "applicant_kind",
                          "applicant_name", "id_type", "id_number", "contact_person", "phone", "email", "address", "description",
                          "document_number", "provision_form", "delivery_method", "status", "due_on", "concluded_on", "outcome",
                          "reply_type", "service_method"]

    private static func values(_ r: Row) -> [any SQLExpression] {
        let organisation = r.applicantKind.isOrganisation
        let status: ClockState.Phase = r.concludedOn == nil ? .running : .concluded
        let texts: [String?] = [
            r.trackingNumber, RequestSource.migrated.rawValue, r.channel.rawValue, r.receivedOn.iso, r.receivedOn.iso, r.applicantKind.rawValue,
            r.applicantName, (organisation ? IdentityDocumentType.creditCode : .residentID).rawValue, "", organisation ? "联系人" : "", "", "", "", r.description,
            "", ProvisionForm.electronic.rawValue, DeliveryMethod.email.rawValue, status.rawValue, r.dueOn?.iso, r.concludedOn?.iso,
            r.outcome?.rawValue, r.outcome?.replyTypes.first?.rawValue, r.concludedOn == nil ? nil : ServiceMethod.post.rawValue,
        ]
        return [SQLBind(1), SQLBind(r.agencyID)] + texts.map { text in text.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null }
    }

    private static func pick<T>(_ weights: [(T, Int)], _ random: inout SplitMix64) -> T {
        let total = weights.reduce(0) { $0 + $1.1 }
        var roll = Int(random.next() % UInt64(total))
        for (value, weight) in weights {
            if roll < weight { return value }
            roll -= weight
        }
        return weights[0].0
    }
}
