import Vapor

/// What the report routes read from the path and the query string, the same at the portal, the
/// console and the API.
extension Request {
    /// A query parameter that must be a whole number when given.
    func optionalPositiveInt(_ name: String, what: String) throws -> Int? {
        guard let text = query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let value = Int(text), value > 0 else { throw AppError.badRequest("\(what)“\(text)”无效") }
        return value
    }

    /// The published report named by the path: `code` on the portal, `agency_code` in the API,
    /// `year`, and `?version=`.
    func publishedReportKey() throws -> (code: String, year: Int, version: Int?) {
        guard let code = (parameters.get("code") ?? parameters.get("agency_code"))?.lowercased() else { throw AppError.notFound("机构") }
        guard let year = parameters.get("year", as: Int.self) else { throw AppError.notFound("年度报告") }
        return (code, year, try optionalPositiveInt("version", what: "版本号"))
    }
}
