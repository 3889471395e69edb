import Fluent
import Foundation
import GongkaiCore

/// A reconsideration or lawsuit about a disclosure decision, as registered (table 四's source).
struct ChallengeInput: Sendable {
    var agencyID: Int
    var requestID: Int?
    var kind: ChallengeKind
    var filedOn: CivilDate
    var body: String
    var caseNumber: String
    var summary: String
    var asCoDefendant: Bool

    /// From the console form or the API (same field names).
    init(form f: FormFields, today: CivilDate) throws {
        var errors: [String: String] = [:]
        if f.int("agency_id") == nil { errors["agency_id"] = "请选择被申请复议或被诉的机关" }
        let kind = ChallengeKind(rawValue: f["kind"])
        if kind == nil { errors["kind"] = "请选择行政复议、直接起诉或复议后起诉" }
        let filed = CivilDate(iso: f["filed_on"])
        if filed == nil { errors["filed_on"] = f["filed_on"].isEmpty ? "请填写立案（受理）日期" : "立案日期“\(f["filed_on"])”无效，应为 YYYY-MM-DD" }
        if let filed, filed > today { errors["filed_on"] = "立案日期不能晚于今天" }
        let body = f["body"].trimmingCharacters(in: .whitespaces)
        if body.isEmpty { errors["body"] = "请填写复议机关或人民法院" } else if body.count > 100 { errors["body"] = "复议机关或法院名称不能超过 100 个字" }
        if f["case_number"].count > 100 { errors["case_number"] = "案号不能超过 100 个字" }
        if f["summary"].count > 2000 { errors["summary"] = "摘要不能超过 2000 个字" }
        if !f["request_id"].isEmpty, f.int("request_id") == nil { errors["request_id"] = "关联申请编号无效" }
        let coDefendant = Self.coDefendant(f)
        if coDefendant == nil { errors["as_co_defendant"] = Self.coDefendantValues }
        if coDefendant == true, let kind { errors["as_co_defendant"] = Self.coDefendantProblem(kind: kind) ?? errors["as_co_defendant"] }
        if !errors.isEmpty { throw AppError.validation(errors) }
        self.agencyID = f.int("agency_id")!
        self.requestID = f.int("request_id")
        self.kind = kind!
        self.filedOn = filed!
        self.body = body
        self.caseNumber = f["case_number"].trimmingCharacters(in: .whitespaces)
        self.summary = f["summary"]
        self.asCoDefendant = coDefendant!
    }

    /// `as_co_defendant` as sent by the form's checkbox (`1`) or the API (`true`/`false`): not
    /// sent is false; a value that is neither is nil, refused rather than read as false.
    static func coDefendant(_ f: FormFields) -> Bool? {
        let values = Set(f.all("as_co_defendant").map { $0.lowercased() })
        if values.isEmpty || values.isSubset(of: ["0", "false", "off"]) { return false }
        return values.isSubset(of: ["1", "true", "on"]) ? true : nil
    }

    static let coDefendantValues = "as_co_defendant 应为 true 或 false"

    /// Only after reconsideration is the reconsideration body sued together with the agency.
    static func coDefendantProblem(kind: ChallengeKind) -> String? {
        kind == .litigationAfterReconsideration ? nil : "只有复议后起诉的案件，复议机关才会与原行为机关作为共同被告"
    }
}
