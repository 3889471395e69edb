import Foundation
@testable import GongkaiServer
import NIOCore
import Testing
import Vapor

/// Who the client is, for the limits and the audit log: the socket's address, or behind a
/// trusted proxy (GONGKAI_TRUSTED_PROXIES) the address it names; an IPv6 client by its /64.
@Suite("Client addresses behind proxies")
struct ClientAddressTests {
    static func twoProxies(_ s: inout Settings) { s.trustedProxies = ["10.0.0.5", "198.51.100.0/24"] }

    static func twoProxiesSettingForwarded(_ s: inout Settings) {
        twoProxies(&s)
        s.clientAddressHeader = .forwarded
    }

    static func request(_ app: Application, from address: String, headers: [(String, String)] = [], path: String = "/") throws -> Request {
        Request(
            application: app, method: .GET, url: URI(path: path), headers: HTTPHeaders(headers),
            remoteAddress: try SocketAddress(ipAddress: address, port: 40000), on: app.eventLoopGroup.next())
    }

    @Test func forwardingHeadersAreIgnoredFromAnyoneButATrustedProxy() async throws {
        try await withTestApp { app in
            let direct = try Self.request(
                app, from: "198.51.100.7", headers: [("X-Forwarded-For", "203.0.113.9"), ("Forwarded", "for=203.0.113.10")])
            #expect(direct.clientIP == "198.51.100.7")
            #expect(direct.clientAddress == "198.51.100.7")
        }
    }

    @Test func aTrustedProxyNamesTheClient() async throws {
        try await withTestApp(configureSettings: Self.twoProxies) { app in
            func client(_ peer: String, _ headers: [(String, String)] = []) throws -> String {
                try Self.request(app, from: peer, headers: headers).clientIP
            }
            let seen1 = try client("10.0.0.5", [("X-Forwarded-For", "203.0.113.9")])
            #expect(seen1 == "203.0.113.9")
            // the nearest address that is not a proxy: what a client wrote to the left is not believed
            let seen2 = try client("10.0.0.5", [("X-Forwarded-For", "1.1.1.1, 203.0.113.9, 198.51.100.8")])
            #expect(seen2 == "203.0.113.9")
            let seen5 = try client("10.0.0.5")
            #expect(seen5 == "10.0.0.5")
            let seen6 = try client("10.0.0.6", [("X-Forwarded-For", "203.0.113.9")])
            #expect(seen6 == "10.0.0.6")
        }
    }

    /// nginx appends the client to X-Forwarded-For but passes a client's own `Forwarded` header
    /// on unchanged: read first, it let any client name itself (and dodge every per-address limit).
    @Test func aClientsOwnForwardedHeaderIsNotBelievedByDefault() async throws {
        try await withTestApp(configureSettings: Self.twoProxies) { app in
            let spoofed = try Self.request(app, from: "10.0.0.5", headers: [
                ("Forwarded", "for=192.0.2.1"), ("X-Forwarded-For", "203.0.113.9"),
            ])
            #expect(spoofed.clientIP == "203.0.113.9")
            let onlyForwarded = try Self.request(app, from: "10.0.0.5", headers: [("Forwarded", "for=192.0.2.1")])
            #expect(onlyForwarded.clientIP == "10.0.0.5")
            // through the whole app: sign-in attempts are counted by the proxy's X-Forwarded-For,
            // however the client varies its Forwarded header
            let client = TestClient(app)
            client.remoteAddress = try SocketAddress(ipAddress: "10.0.0.5", port: 40000)
            client.extraHeaders.add(name: "X-Forwarded-For", value: "203.0.113.50")
            try await client.get("/login")
            var statuses: [HTTPStatus] = []
            for n in 0..<(app.settings.signInPerMinute + 1) {
                let page = try await client.sendRaw(.POST, "/login", headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Forwarded": "for=192.0.2.\(n + 1)",
                ], body: ByteBuffer(string: "username=nobody\(n)&password=wrong+wrong+1&_csrf=\(client.csrfToken ?? "")"))
                statuses.append(page.status)
            }
            #expect(statuses.last == .tooManyRequests)
            #expect(statuses.dropLast().allSatisfy { $0 != .tooManyRequests })
        }
    }

    @Test func aDeploymentMayChooseForwardedInstead() async throws {
        try await withTestApp(configureSettings: Self.twoProxiesSettingForwarded) { app in
            func client(_ headers: [(String, String)]) throws -> String { try Self.request(app, from: "10.0.0.5", headers: headers).clientIP }
            let seen3 = try client([("Forwarded", #"for=192.0.2.43, for="[2001:db8:cafe::17]:4711""#)])
            #expect(seen3 == "2001:db8:cafe::17")
            let seen4 = try client([("Forwarded", "for=unknown")])
            #expect(seen4 == "10.0.0.5")
            // then X-Forwarded-For is the header not believed
            let other = try client([("X-Forwarded-For", "203.0.113.9")])
            #expect(other == "10.0.0.5")
        }
        #expect(try Settings.fromEnvironment(["GONGKAI_CLIENT_ADDRESS_HEADER": "forwarded"]).clientAddressHeader == .forwarded)
        #expect(throws: SettingsError.self) { try Settings.fromEnvironment(["GONGKAI_CLIENT_ADDRESS_HEADER": "x-real-ip"]) }
    }

    @Test func anIPv6ClientIsCountedByItsSlash64() async throws {
        try await withTestApp { app in
            func key(_ peer: String) throws -> String { try Self.request(app, from: peer).clientAddress }
            let a = try key("2001:db8:1:2::5"), b = try key("2001:db8:1:2:ffff:ffff:ffff:ffff"), other = try key("2001:db8:1:3::5")
            #expect(a == b)
            #expect(a != other)
            #expect(a == "2001:db8:1:2:0:0:0:0/64")
            let seen7 = try key("::ffff:198.51.100.7")
            #expect(seen7 == "198.51.100.7")
        }
    }

    @Test func theSettingTakesAddressesAndRanges() throws {
        #expect(
            try Settings.fromEnvironment(["GONGKAI_TRUSTED_PROXIES": "10.0.0.5, 10.1.0.0/16,fd00::/8"]).trustedProxies
                == ["10.0.0.5", "10.1.0.0/16", "fd00::/8"])
        for bad in ["10.0.0.300", "10.0.0.0/33", "proxy.example", "10.0.0.5/"] {
            #expect(throws: SettingsError.self, "\(bad)") { try Settings.fromEnvironment(["GONGKAI_TRUSTED_PROXIES": bad]) }
        }
        #expect(AddressRange("10.1.0.0/16")?.contains("10.1.255.3") == true)
        #expect(AddressRange("10.1.0.0/16")?.contains("10.2.0.1") == false)
        #expect(AddressRange("fd00::/8")?.contains("fd12::1") == true)
    }

    @Test func metricsWithoutATokenRefuseProxiedRequests() async throws {
        try await withTestApp { app in
            func metrics(_ peer: String, _ headers: [(String, String)] = []) throws {
                _ = try OperationsController.metrics(req: try Self.request(app, from: peer, headers: headers, path: "/metrics"))
            }
            #expect(throws: Never.self) { try metrics("127.0.0.1") }
            #expect(throws: Never.self) { try metrics("::1") }
            // a reverse proxy on the same machine passes a stranger's request on from loopback
            #expect(throws: AppError.self) { try metrics("127.0.0.1", [("X-Forwarded-For", "203.0.113.9")]) }
            #expect(throws: AppError.self) { try metrics("127.0.0.1", [("Forwarded", "for=203.0.113.9")]) }
            #expect(throws: AppError.self) { try metrics("198.51.100.7") }
        }
    }

    /// A proxy on the same machine that adds no forwarding header makes every stranger's request
    /// come from loopback: named as a trusted proxy, loopback no longer opens /metrics.
    @Test func metricsBehindALoopbackProxyNeedTheToken() async throws {
        try await withTestApp(configureSettings: { $0.trustedProxies = ["127.0.0.1"] }) { app in
            #expect(throws: AppError.self) {
                _ = try OperationsController.metrics(req: try Self.request(app, from: "127.0.0.1", headers: [], path: "/metrics"))
            }
        }
        try await withTestApp(configureSettings: { $0.trustedProxies = ["127.0.0.1"]; $0.metricsToken = "monitor-1" }) { app in
            #expect(throws: Never.self) {
                _ = try OperationsController.metrics(
                    req: try Self.request(app, from: "127.0.0.1", headers: [("Authorization", "Bearer monitor-1")], path: "/metrics"))
            }
            // with a token set, loopback without it is refused too
            #expect(throws: AppError.self) {
                _ = try OperationsController.metrics(req: try Self.request(app, from: "::1", headers: [], path: "/metrics"))
            }
        }
    }

    @Test func startingWhereMetricsMayBeOpenIsWarnedOf() throws {
        // on loopback with no proxy nothing but the machine reaches /metrics: no warning
        #expect(try Settings.fromEnvironment([:]).metricsExposureWarning == nil)
        // on every interface, or behind a proxy, without a token: warned
        #expect(try Settings.fromEnvironment(["GONGKAI_HOST": "0.0.0.0"]).metricsExposureWarning?.contains("GONGKAI_METRICS_TOKEN") == true)
        #expect(try Settings.fromEnvironment(["GONGKAI_TRUSTED_PROXIES": "127.0.0.1"]).metricsExposureWarning != nil)
        #expect(try Settings.fromEnvironment(["GONGKAI_CLIENT_ADDRESS_HEADER": "Forwarded"]).metricsExposureWarning != nil)
        // with a token: none
        #expect(try Settings.fromEnvironment(["GONGKAI_HOST": "0.0.0.0", "GONGKAI_METRICS_TOKEN": "m"]).metricsExposureWarning == nil)
    }
}
