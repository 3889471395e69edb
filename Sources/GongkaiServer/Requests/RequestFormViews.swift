import GongkaiCore

/// The registration form, for staff (every channel) and the public (online).
enum RequestFormViews {
    struct Values: Sendable {
        var fields: FormFields = FormFields()
        var errors: [String: String] = [:]
    }

    static func applicantFieldset(_ v: Values) -> Node {
        let f = v.fields, e = v.errors
        return H.fieldset {
            H.legend { "申请人信息" }
            Form.select("applicant_kind", label: "申请人类型", options: ApplicantKind.allCases.map { ($0.rawValue, $0.chineseLabel) },
                        selected: f["applicant_kind"].isEmpty ? ApplicantKind.naturalPerson.rawValue : f["applicant_kind"],
                        error: e["applicant_kind"], hint: "法人或其他组织请按商业企业、科研机构、社会公益组织、法律服务机构或其他组织选择", required: true)
            Form.text("applicant_name", label: "姓名或名称", value: f["applicant_name"], error: e["applicant_name"], required: true)
            Form.select("id_type", label: "身份证明", options: IdentityDocumentType.allCases.map { ($0.rawValue, $0.chineseLabel) },
                        selected: f["id_type"].isEmpty ? IdentityDocumentType.residentID.rawValue : f["id_type"],
                        error: e["id_type"], hint: "法人或其他组织请选择统一社会信用代码", required: true)
            Form.text("id_number", label: "证件号码", value: f["id_number"], error: e["id_number"], hint: "居民身份证和统一社会信用代码将核对校验位", required: true)
            Form.text("contact_person", label: "联系人（法人或其他组织）", value: f["contact_person"], error: e["contact_person"])
            Form.text("phone", label: "联系电话", value: f["phone"], error: e["phone"], type: "tel", required: true, autocomplete: "tel")
            Form.text("email", label: "电子邮箱", value: f["email"], error: e["email"], type: "email", autocomplete: "email")
            Form.text("address", label: "通信地址", value: f["address"], error: e["address"], autocomplete: "street-address")
        }
    }

    static func contentFieldset(_ v: Values) -> Node {
        let f = v.fields, e = v.errors
        return H.fieldset {
            H.legend { "所需政府信息" }
            Form.textarea("description", label: "所需政府信息的名称、文号或者便于查询的其他特征描述", value: f["description"], error: e["description"], rows: 5)
            Form.text("document_number", label: "文号（如知道）", value: f["document_number"], error: e["document_number"])
            Form.select("provision_form", label: "提供形式", options: ProvisionForm.allCases.map { ($0.rawValue, $0.chineseLabel) },
                        selected: f["provision_form"].isEmpty ? ProvisionForm.electronic.rawValue : f["provision_form"], error: e["provision_form"], required: true)
            Form.select("delivery_method", label: "获取方式", options: DeliveryMethod.allCases.map { ($0.rawValue, $0.chineseLabel) },
                        selected: f["delivery_method"].isEmpty ? DeliveryMethod.email.rawValue : f["delivery_method"], error: e["delivery_method"], required: true)
        }
    }
}
