import GongkaiCore
import Vapor

/// The query parameters of a cached portal page, read once, the way the page uses them: a value
/// the page cannot use reads as no value (`?year=random` is no year filter, `?page=abc` is page 1,
/// `?category=zzz` no category). The page is rendered from these values and the cache key is
/// built from their canonical text (`keyValues`), so every spelling of one page — junk values,
/// `page=02`, parameters the page does not read — is one cache entry, not a render per request.
struct PortalPageQuery: Sendable {
    enum Name: String, CaseIterable, Sendable {
        case agency, category, domain, page, subject, topic, year
    }

    /// The years a catalogue may filter by: anything else is no filter.
    static let years = 2000...2100

    /// An agency's code (an unknown one is a 404, never a cached page).
    var agency: String?
    var category: PublicationCategory?
    /// A standard catalogue's domain, as stored.
    var domain: String?
    /// 1 when missing or malformed, clamped like every list's page (`PageNumber`).
    var page = 1
    var subject: PublicationSubject?
    var topic: Int?
    var year: Int?

    init() {}

    /// Reads the named parameters only: one the page does not read leaves its default, so it
    /// cannot split the page's cache entry.
    init(_ req: Request, reading names: Set<Name>) {
        func text(_ name: Name) -> String? {
            guard names.contains(name) else { return nil }
            let value = req.query[String.self, at: name.rawValue]?.trimmingCharacters(in: .whitespaces)
            return value?.isEmpty == false ? value : nil
        }
        agency = text(.agency)
        category = text(.category).flatMap(PublicationCategory.init(rawValue:))
        domain = text(.domain)
        page = names.contains(.page) ? PageNumber.parse(text(.page)) : 1
        subject = text(.subject).flatMap(PublicationSubject.init(rawValue:))
        topic = text(.topic).flatMap { Int($0) }
        year = text(.year).flatMap { Int($0) }.flatMap { Self.years.contains($0) ? $0 : nil }
    }

    /// The canonical text of each value set, for `PortalCache.key`; the defaults are left out, so
    /// `?page=1` and no page are one page.
    var keyValues: [String: String] {
        var values: [String: String] = [:]
        values[Name.agency.rawValue] = agency
        values[Name.category.rawValue] = category?.rawValue
        values[Name.domain.rawValue] = domain
        if page != 1 { values[Name.page.rawValue] = String(page) }
        values[Name.subject.rawValue] = subject?.rawValue
        values[Name.topic.rawValue] = topic.map(String.init)
        values[Name.year.rawValue] = year.map(String.init)
        return values
    }
}
