import Fluent
import Foundation
import GongkaiCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Rendered public pages, kept in memory so that the crowd after an announcement does not reach
/// the database.
///
/// Invalidation, also across server instances: every change to what the portal shows (publish,
/// withdraw, revision, validity, catalogue) bumps `portal_state.generation` in the change's own
/// transaction (`bump`). This instance drops its pages as soon as its change commits
/// (`didChange`); every instance reads the generation — one primary-key row — at most once per
/// `pollInterval` while serving pages, and drops its pages when the number moved. So a page is
/// at most one interval stale on another instance, and nothing is rendered twice in between.
/// A page rendered while a change landed is not kept (the epoch check in `store`).
final class PortalCache: Sendable {
    struct Entry: Sendable {
        let body: ByteBuffer
        let etag: String
        let lastModified: String
        let contentType: String
    }

    private struct State {
        var generation: Int64 = 0
        var changedAt = PortalCache.httpDate(Date())
        var lastCheck: Date = .distantPast
        /// Moves on every invalidation; a render that started in an older epoch is not stored.
        var epoch = 0
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
    }

    let maxBytes: Int
    let pollInterval: TimeInterval
    let enabled: Bool
    private let state = NIOLockedValueBox(State())

    init(maxBytes: Int, pollInterval: TimeInterval, enabled: Bool = true) {
        self.maxBytes = maxBytes
        self.pollInterval = pollInterval
        self.enabled = enabled
    }

    var count: Int { state.withLockedValue { $0.entries.count } }
    var generation: Int64 { state.withLockedValue { $0.generation } }

    /// Reads the generation when the interval has passed; drops every page when it moved.
    func synchronise(on db: any Database, now: Date = Date()) async throws {
        let due = state.withLockedValue { s -> Bool in
            guard now.timeIntervalSince(s.lastCheck) >= pollInterval else { return false }
            s.lastCheck = now
            return true
        }
        guard due else { return }
        let row = try await db.requireSQL().raw("SELECT generation, changed_at FROM portal_state WHERE id = 1").first()
        let generation = try row?.decode(column: "generation", as: Int64.self) ?? 0
        let changedAt = try row?.decode(column: "changed_at", as: String.self) ?? Self.httpDate(now)
        state.withLockedValue { s in
            guard s.generation != generation else { return }
            s.generation = generation
            s.changedAt = changedAt
            Self.clear(&s)
        }
    }

    /// After this instance committed a change: drop everything and read the generation again
    /// on the next page.
    func didChange() {
        state.withLockedValue { s in
            Self.clear(&s)
            s.lastCheck = .distantPast
        }
    }

    private static func clear(_ s: inout State) {
        s.entries = [:]
        s.order = []
        s.bytes = 0
        s.epoch += 1
    }

    func lookup(_ key: String) -> Entry? {
        guard enabled else { return nil }
        return state.withLockedValue { $0.entries[key] }
    }

    /// What a render starting now needs: the epoch to store under and the Last-Modified to send.
    func begin() -> (epoch: Int, lastModified: String) {
        state.withLockedValue { ($0.epoch, $0.changedAt) }
    }

    /// Keeps a page unless the cache was invalidated since its render began. Oldest pages go
    /// first when the budget is full.
    func store(_ key: String, _ entry: Entry, epoch: Int) {
        guard enabled, entry.body.readableBytes <= maxBytes / 4 else { return }
        state.withLockedValue { s in
            guard s.epoch == epoch else { return }
            if let old = s.entries[key] {
                s.bytes -= old.body.readableBytes
                s.order.removeAll { $0 == key }
            }
            s.entries[key] = entry
            s.order.append(key)
            s.bytes += entry.body.readableBytes
            while s.bytes > maxBytes, !s.order.isEmpty {
                let oldest = s.order.removeFirst()
                if let gone = s.entries.removeValue(forKey: oldest) { s.bytes -= gone.body.readableBytes }
            }
        }
    }

    /// Bumps the generation inside the transaction of a change to what the portal shows.
    static func bump(on db: any Database) async throws {
        try await db.requireSQL().raw("""
            UPDATE portal_state SET generation = generation + 1, changed_at = \(bind: httpDate(Date())) WHERE id = 1
            """).run()
    }

    /// RFC 9110 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }

    /// The query parameters that change what a cached portal page shows (`PortalPageQuery`).
    /// Others (tracking tags, a random `?x=` to bust the cache) are left out of the key, so they
    /// cannot fill the cache with copies of one page or send every request to the database.
    static let pageParameters = Set(PortalPageQuery.Name.allCases.map(\.rawValue))

    /// The cache key of a page: display mode, the day (statuses computed from dates change at
    /// midnight), the path, and the page's own parameters in name order — as the page reads
    /// them (`values`: `PortalPageQuery.keyValues`, the canonical text of what the page uses, so
    /// `?year=random` is the key of the page without a year, which is the page it shows). Keyed
    /// on decoded values, not the raw query: a query Vapor cannot decode as a whole (`%E4=1`,
    /// `x[a=1`) reads as no parameters at all, and the page rendered for it must be keyed as the
    /// page without them.
    static func key(mode: String, today: CivilDate, path: String, values: [String: String]) -> String {
        let query = pageParameters.sorted().compactMap { name in
            values[name].map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined(separator: "&")
        return "\(mode)|\(today.iso)|\(path)?\(query)"
    }

    /// Last-Modified of a page rendered on `today`: the last change, but never before the day's
    /// start in Beijing, when statuses computed from dates (有效 → 失效, overdue) may have moved
    /// without any change to the records.
    static func lastModified(changedAt: String, today: CivilDate) -> String {
        let midnight = Date(timeIntervalSince1970: TimeInterval(today.dayNumber * 86_400 - 8 * 3600))
        guard let changed = parseHTTPDate(changedAt), changed >= midnight else { return httpDate(midnight) }
        return changedAt
    }

    /// A strong validator from the page's bytes (FNV-1a, 64 bits).
    static func etag(_ body: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        body.withUnsafeReadableBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        return "\"" + String(hash, radix: 16) + "\""
    }
}

extension Request {
    /// A public page through the cache: answered from memory when it is there, with 304 when
    /// the browser's copy is current (ETag / Last-Modified), rendered and kept otherwise.
    /// The key: `PortalCache.key` of the parameters the page reads (`reading`), as it reads them;
    /// the page renders from the same values (`render`'s argument).
    /// `keyedBy`: what else the page is rendered from, canonically (a search's terms and filters).
    func portalPage(
        reading parameters: Set<PortalPageQuery.Name> = [], contentType: String = "text/html; charset=utf-8",
        keyedBy extra: String = "", _ render: (PortalPageQuery) async throws -> String
    ) async throws -> Response {
        let cache = application.portalCache
        if cache.enabled { try await cache.synchronise(on: db) }
        let today = application.settings.today
        let pageQuery = PortalPageQuery(self, reading: parameters)
        let key =
            PortalCache.key(mode: DisplayMode.of(self).rawValue, today: today, path: url.path, values: pageQuery.keyValues)
            + (extra.isEmpty ? "" : "#" + extra)
        if let entry = cache.lookup(key) {
            return answer(entry, cached: true)
        }
        let (epoch, changedAt) = cache.begin()
        let lastModified = PortalCache.lastModified(changedAt: changedAt, today: today)
        let html = try await render(pageQuery)
        var buffer = ByteBufferAllocator().buffer(capacity: html.utf8.count)
        buffer.writeString(html)
        let entry = PortalCache.Entry(body: buffer, etag: PortalCache.etag(buffer), lastModified: lastModified, contentType: contentType)
        cache.store(key, entry, epoch: epoch)
        return answer(entry, cached: false)
    }

    private func answer(_ entry: PortalCache.Entry, cached: Bool) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: entry.contentType)
        headers.replaceOrAdd(name: .eTag, value: entry.etag)
        headers.replaceOrAdd(name: .lastModified, value: entry.lastModified)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=0, must-revalidate")
        headers.replaceOrAdd(name: .vary, value: "Cookie")
        headers.replaceOrAdd(name: "X-Portal-Cache", value: cached ? "hit" : "miss")
        if let match = self.headers.first(name: .ifNoneMatch) {
            let tags = match.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") }
            if tags.contains(entry.etag) || tags.contains("*") { return Response(status: .notModified, headers: headers) }
        } else if let since = self.headers.first(name: .ifModifiedSince).flatMap(PortalCache.parseHTTPDate),
                  let modified = PortalCache.parseHTTPDate(entry.lastModified), modified <= since {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(buffer: entry.body))
    }
}
