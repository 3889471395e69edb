import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

@Suite("Portal page cache: ETag and 304, invalidation on publish, on every instance")
struct PortalCacheTests {
    @Test func pagesAreServedFromMemoryUntilSomethingIsPublished() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.published("第一条公告", body: "正文一")
            let visitor = TestClient(app)
            let first = try await visitor.get("/")
            #expect(first.headers.first(name: "X-Portal-Cache") == "miss")
            #expect(first.body.contains("第一条公告"))
            let second = try await visitor.get("/")
            #expect(second.headers.first(name: "X-Portal-Cache") == "hit")
            #expect(second.body == first.body)
            // when: a new item passes the chain
            try await desk.published("第二条公告", body: "正文二")
            // then the home page shows it at once
            let third = try await visitor.get("/")
            #expect(third.headers.first(name: "X-Portal-Cache") == "miss")
            #expect(third.body.contains("第二条公告"))
            // and a withdrawal takes it away
            let id = try #require(try await Publication.query(on: app.db).filter(\.$title == "第二条公告").first()?.requireID())
            try await desk.step(desk.publisher, id, door: "actions", "withdraw", [("reason", "重复发布")])
            #expect(!(try await visitor.get("/").body.contains("第二条公告")))
        }
    }

    @Test func browsersRevalidateWithETagAndLastModified() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let p = try await desk.published("可缓存的页面", body: "正文")
            let visitor = TestClient(app)
            let page = try await visitor.get("/publications/\(try p.requireID())")
            let etag = try #require(page.headers.first(name: .eTag))
            let modified = try #require(page.headers.first(name: .lastModified))
            #expect(page.headers.first(name: .cacheControl)?.contains("must-revalidate") == true)
            #expect(try await visitor.get("/publications/\(try p.requireID())", headers: ["If-None-Match": etag]).status == .notModified)
            #expect(try await visitor.get("/publications/\(try p.requireID())", headers: ["If-Modified-Since": modified]).status == .notModified)
            #expect(try await visitor.get("/publications/\(try p.requireID())", headers: ["If-None-Match": "\"other\""]).status == .ok)
            // the large-text page is another page, with its own tag
            let toggle = try await visitor.get("/display?mode=large")
            #expect(toggle.status == .seeOther)
            let large = try await visitor.get("/publications/\(try p.requireID())")
            #expect(large.body.contains("class=\"large-text\""))
            #expect(large.headers.first(name: .eTag) != etag)
        }
    }

    /// Two server instances on one database (PostgreSQL in production, or one SQLite file): a
    /// publication made through instance A reaches the pages instance B had cached, because B
    /// reads the change counter (here on every page: poll interval 0).
    @Test func invalidationReachesAnotherInstance() async throws {
        try await withTestApp(configureSettings: { $0.portalCachePollMilliseconds = 0 }) { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.published("甲实例发布的第一条", body: "正文")
            let other = try await Application.make(.testing)
            do {
                try configure(other, settings: app.settings)
                let visitorB = TestClient(other)
                let before = try await visitorB.get("/")
                #expect(before.body.contains("甲实例发布的第一条"))
                #expect(try await visitorB.get("/").headers.first(name: "X-Portal-Cache") == "hit")
                // when instance A publishes (its own cache is told, B's is not)
                try await desk.published("甲实例发布的第二条", body: "正文")
                // then B notices the counter and renders afresh
                let after = try await visitorB.get("/")
                #expect(after.headers.first(name: "X-Portal-Cache") == "miss")
                #expect(after.body.contains("甲实例发布的第二条"))
            } catch {
                try? await other.asyncShutdown()
                throw error
            }
            try await other.asyncShutdown()
        }
    }

    @Test func withAPollIntervalAnotherInstanceIsStaleAtMostThatLong() async throws {
        try await withTestApp(configureSettings: { $0.portalCachePollMilliseconds = 60_000 }) { app in
            let desk = try await PublicationDesk.make(app)
            try await desk.published("第一条", body: "正文")
            let cache = PortalCache(maxBytes: 1 << 20, pollInterval: 60)
            let t0 = Date()
            try await cache.synchronise(on: app.db, now: t0)
            let generation = cache.generation
            cache.store("k", .init(body: ByteBuffer(string: "old"), etag: "\"1\"", lastModified: "", contentType: "text/html"), epoch: cache.begin().epoch)
            try await desk.published("第二条", body: "正文")
            try await cache.synchronise(on: app.db, now: t0.addingTimeInterval(30))
            #expect(cache.lookup("k") != nil)  // within the interval: not read yet
            try await cache.synchronise(on: app.db, now: t0.addingTimeInterval(61))
            #expect(cache.lookup("k") == nil)
            #expect(cache.generation > generation)
        }
    }

    /// A junk value of a real parameter is read as the page reads it (`?year=random` is no year
    /// filter), so it is the cache entry of the page it shows, not a new render per request.
    @Test func junkValuesOfPageParametersMakeOneCacheEntry() async throws {
        try await withTestApp { app in
            let desk = try await PublicationDesk.make(app)
            let id = try await desk.published("第一条公告", body: "正文一").requireID()
            let visitor = TestClient(app)
            let plain = try await visitor.get("/publications")
            #expect(plain.headers.first(name: "X-Portal-Cache") == "miss")
            let entries = app.portalCache.count
            // when the catalogue is asked for with junk values, alone and together
            let junk = ["year=random", "year=1999", "year=", "page=abc", "page=-3", "page=1", "page=", "category=zzz", "subject=nope",
                        "topic=x", "year=random&page=abc&category=zzz&subject=%E4%B8%AD", "agency=&year=20x4"]
            for query in junk {
                let page = try await visitor.get("/publications?" + query)
                // then each is the plain catalogue, from memory
                #expect(page.status == .ok, "\(query)")
                #expect(page.headers.first(name: "X-Portal-Cache") == "hit", "\(query)")
                #expect(page.body == plain.body, "\(query)")
            }
            #expect(app.portalCache.count == entries)
            // real values are pages of their own; two spellings of one value are one page
            #expect(try await visitor.get("/publications?year=2024").headers.first(name: "X-Portal-Cache") == "miss")
            #expect(try await visitor.get("/publications?year=02024").headers.first(name: "X-Portal-Cache") == "hit")
            #expect(try await visitor.get("/publications?page=2").headers.first(name: "X-Portal-Cache") == "miss")
            #expect(try await visitor.get("/publications?page=02&category=zzz").headers.first(name: "X-Portal-Cache") == "hit")
            // a parameter a page does not read does not split it
            #expect(try await visitor.get("/publications/\(id)").headers.first(name: "X-Portal-Cache") == "miss")
            for query in ["page=3", "year=2024", "category=catalogue"] {
                #expect(try await visitor.get("/publications/\(id)?" + query).headers.first(name: "X-Portal-Cache") == "hit", "\(query)")
            }
            #expect(try await visitor.get("/normative-documents").headers.first(name: "X-Portal-Cache") == "miss")
            #expect(try await visitor.get("/normative-documents?page=abc&year=2024").headers.first(name: "X-Portal-Cache") == "hit")
        }
    }

    @Test func aRenderOverlappingAChangeIsNotKept() {
        let cache = PortalCache(maxBytes: 1 << 20, pollInterval: 1)
        let (epoch, _) = cache.begin()
        cache.didChange()
        cache.store("k", .init(body: ByteBuffer(string: "stale"), etag: "\"1\"", lastModified: "", contentType: "text/html"), epoch: epoch)
        #expect(cache.lookup("k") == nil)
        // and the budget is kept: the oldest pages go first
        let small = PortalCache(maxBytes: 40, pollInterval: 1)
        for key in ["a", "b", "c"] {
            small.store(key, .init(body: ByteBuffer(string: String(repeating: "x", count: 10)), etag: "", lastModified: "", contentType: ""),
                        epoch: small.begin().epoch)
        }
        small.store("d", .init(body: ByteBuffer(string: String(repeating: "x", count: 10)), etag: "", lastModified: "", contentType: ""),
                    epoch: small.begin().epoch)
        small.store("e", .init(body: ByteBuffer(string: String(repeating: "x", count: 10)), etag: "", lastModified: "", contentType: ""),
                    epoch: small.begin().epoch)
        #expect(small.lookup("a") == nil)
        #expect(small.lookup("e") != nil)
        #expect(small.count == 4)
    }
}
