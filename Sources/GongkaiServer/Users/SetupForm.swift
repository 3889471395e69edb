import GongkaiCore

struct SetupForm: Sendable {
    var agencyName = ""
    var agencyCode = ""
    var agencyKind = AgencyKind.government.rawValue
    var creditCode = ""
    var username = ""
    var displayName = ""
    var password = ""
    var passwordConfirmation = ""

    init() {}

    init(_ f: FormFields) {
        agencyName = f["agency_name"]
        agencyCode = f["agency_code"]
        agencyKind = f["agency_kind"]
        creditCode = f["credit_code"]
        username = f["username"]
        displayName = f["display_name"]
        password = f.raw("password")
        passwordConfirmation = f.raw("password_confirmation")
    }
}
