import Foundation
import Vapor

/// 适老化: the portal's large-text mode, chosen with a link (no JavaScript) and kept in a cookie.
enum DisplayMode: String, Sendable, CaseIterable {
    case standard
    case large

    static let cookieName = "gongkai_display"

    static func of(_ req: Request) -> DisplayMode {
        req.cookies[cookieName]?.string == DisplayMode.large.rawValue ? .large : .standard
    }

    /// Where `/display` sends the visitor back: the Referer's path and query when the Referer is
    /// this site and its path, decoded, is a plain path here — `/` then neither `/` nor `\`
    /// (browsers read `/\host` and `//host` as another site), no control character (a decoded
    /// tab or line break would reach the Location header) — and the address as sent is printable
    /// ASCII; otherwise the home page. The path is sent on percent-encoded, as it came.
    static func returnPath(referer: String?, host: String?) -> String {
        let home = SiteURL.home.path
        guard let referer, let url = URL(string: referer), let refererHost = url.host?.lowercased(),
            let host = host?.split(separator: ":").first.map({ $0.lowercased() }), refererHost == host
        else { return home }
        let path = url.path(percentEncoded: true)
        guard let decoded = path.removingPercentEncoding else { return home }
        let scalars = Array(decoded.unicodeScalars)
        guard scalars.count >= 2, scalars[0] == "/", scalars[1] != "/", scalars[1] != "\\",
            !scalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else { return home }
        let back = path + (url.query(percentEncoded: true).map { "?" + $0 } ?? "")
        guard back.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else { return home }
        return back
    }
}
