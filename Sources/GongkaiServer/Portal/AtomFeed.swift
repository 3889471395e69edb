import Foundation
import GongkaiCore

/// An agency's newest publications as an Atom feed (RFC 4287). Dates are written by hand
/// (no shared formatter state).
enum AtomFeed {
    struct Entry {
        var id: Int
        var title: String
        var summary: String
        var published: Date
        var updated: Date
    }

    static func render(agencyName: String, agencyCode: String, baseURL: String, entries: [Entry], updated: Date) -> String {
        func x(_ s: String) -> String { Node.escape(s) }
        let feedURL = baseURL + SiteURL.agencyFeed(.value(agencyCode)).path
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
        out += "  <title>\(x(agencyName))主动公开信息</title>\n"
        out += "  <id>\(x(feedURL))</id>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(x(feedURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(x(baseURL + SiteURL.agencyHome(.value(agencyCode)).path))\"/>\n"
        out += "  <updated>\(rfc3339(updated))</updated>\n"
        out += "  <author><name>\(x(agencyName))</name></author>\n"
        for e in entries {
            let url = baseURL + SiteURL.portalPublication(.value(e.id)).path
            out += "  <entry>\n"
            out += "    <title>\(x(e.title))</title>\n"
            out += "    <id>\(x(url))</id>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(x(url))\"/>\n"
            out += "    <published>\(rfc3339(e.published))</published>\n"
            out += "    <updated>\(rfc3339(e.updated))</updated>\n"
            out += "    <summary>\(x(e.summary))</summary>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// `2024-05-06T01:30:00Z`.
    static func rfc3339(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let seconds = total - days * 86_400
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(CivilDate(dayNumber: days).iso)T\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))Z"
    }
}
