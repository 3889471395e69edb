import Foundation
import Vapor

/// The fields of a submitted HTML form, by name. Every value is trimmed of surrounding spaces;
/// a field that was not sent reads as empty, so a handler validates instead of crashing.
struct FormFields: Sendable {
    private var values: [String: [String]]

    init(_ values: [String: [String]] = [:]) {
        self.values = values
    }

    /// Parses `application/x-www-form-urlencoded` text.
    init(urlEncoded body: String) {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            values[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        self.values = values
    }

    subscript(_ name: String) -> String {
        values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Text exactly as typed (passwords keep their spaces).
    func raw(_ name: String) -> String { values[name]?.first ?? "" }

    /// All values of a repeated field (`roles[]` checkboxes).
    func all(_ name: String) -> [String] {
        (values[name] ?? values[name + "[]"] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func int(_ name: String) -> Int? { Int(self[name]) }

    /// Whether the field was sent at all (an empty text box is sent; an omitted API key is not).
    func has(_ name: String) -> Bool { values[name] != nil }

    /// The names of the fields sent, sorted.
    var names: [String] { values.keys.sorted() }

    /// Replaces a field (a handler resolving, say, a tracking number into an id).
    mutating func set(_ name: String, _ value: String) { values[name] = [value] }

    /// Refuses the whole submission when any value holds characters no form needs (SafeText):
    /// nothing of it is stored.
    func requireSafeText() throws -> FormFields {
        var errors: [String: String] = [:]
        for (name, list) in values {
            for value in list { if let problem = SafeText.problem(value) { errors[name] = problem } }
            if let problem = SafeText.problem(name) { errors["_field"] = "字段名" + problem }
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return self
    }
}

extension Request {
    /// The submitted form (URL-encoded; multipart forms are read with `content.decode`).
    func formFields() throws -> FormFields {
        guard let body = body.string else { return FormFields() }
        guard headers.contentType == .urlEncodedForm else {
            throw AppError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "表单应以 application/x-www-form-urlencoded 提交")
        }
        return try FormFields(urlEncoded: body).requireSafeText()
    }
}
