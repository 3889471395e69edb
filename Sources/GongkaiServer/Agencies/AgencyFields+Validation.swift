import GongkaiCore

extension AgencyFields {
    /// Field → Chinese message for everything wrong that can be seen without the database.
    func problems() -> [String: String] {
        var errors: [String: String] = [:]
        let codeChars = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        if code.isEmpty {
            errors["code"] = "请填写机构代号"
        } else if !(2...40).contains(code.count) || !code.allSatisfy(codeChars.contains) || code.hasPrefix("-") {
            errors["code"] = "机构代号应为 2–40 位小写字母、数字或连字符，例如 sfx-edu"
        }
        if name.isEmpty { errors["name"] = "请填写机构名称" } else if name.count > 100 { errors["name"] = "机构名称不能超过 100 个字" }
        if shortName.count > 30 { errors["short_name"] = "简称不能超过 30 个字" }
        if let creditCode {
            do { _ = try UnifiedSocialCreditCode(creditCode) } catch { errors["credit_code"] = error.localizedDescription }
        }
        for (key, value, label) in [("phone", phone, "电话"), ("contact_phone", contactPhone, "联系电话")] where !value.isEmpty {
            let allowed = Set("0123456789-+()（） 、,，转")
            if value.count > 60 || !value.allSatisfy(allowed.contains) { errors[key] = "\(label)只能包含数字、连字符、括号和空格" }
        }
        if !contactEmail.isEmpty, !(contactEmail.contains("@") && contactEmail.count <= 120 && !contactEmail.contains(" ")) {
            errors["contact_email"] = "电子邮箱格式不正确"
        }
        if address.count > 200 { errors["address"] = "地址不能超过 200 个字" }
        if officeHours.count > 200 { errors["office_hours"] = "办公时间不能超过 200 个字" }
        if guideText.count > 20000 { errors["guide_text"] = "公开指南不能超过 20000 个字" }
        if reconsiderationBody.count > 100 { errors["reconsideration_body"] = "行政复议机关不能超过 100 个字" }
        if litigationCourt.count > 100 { errors["litigation_court"] = "管辖法院不能超过 100 个字" }
        return errors
    }

    /// Reads the agency form; an empty short name defaults to the name.
    init(form f: FormFields) {
        let kind = AgencyKind(rawValue: f["kind"]) ?? .department
        self.init(code: f["code"].lowercased(), name: f["name"], shortName: f["short_name"].isEmpty ? f["name"] : f["short_name"],
                  kind: kind, governmentLevel: GovernmentLevel(rawValue: f["government_level"]) ?? .county, creditCode: f["credit_code"].isEmpty ? nil : f["credit_code"].uppercased(),
                  address: f["address"], phone: f["phone"], officeHours: f["office_hours"], contactName: f["contact_name"],
                  contactPhone: f["contact_phone"], contactEmail: f["contact_email"], guideText: f["guide_text"],
                  reconsiderationBody: f["reconsideration_body"], litigationCourt: f["litigation_court"])
    }
}
