import Vapor

extension Request {
    /// The client's address. A request from a trusted proxy (GONGKAI_TRUSTED_PROXIES) names the
    /// client in the one header the settings name (GONGKAI_CLIENT_ADDRESS_HEADER:
    /// `X-Forwarded-For` by default, or `Forwarded`): the address nearest the server that is not
    /// itself a trusted proxy is the client. The other header is never read — nginx appends to
    /// `X-Forwarded-For` but passes a client's own `Forwarded` on as it came — and from anyone
    /// but a trusted proxy neither is, since a client can write whatever it likes there.
    var clientIP: String {
        let peer = remoteAddress?.ipAddress ?? ""
        let proxies = application.trustedProxies
        guard !proxies.isEmpty, Self.isTrusted(peer, proxies) else { return peer }
        var chain = Self.forwardedFor(headers, in: application.settings.clientAddressHeader)
        while let last = chain.popLast() {
            guard AddressRange.bytes(of: last) != nil else { return peer }  // "unknown" or an obfuscated name: keep the proxy
            if !Self.isTrusted(last, proxies) { return last }
        }
        return peer
    }

    /// The key of per-client limits: the client's address, an IPv6 client's /64 network (one
    /// subscriber commonly holds a whole /64 and can pick any address in it).
    var clientAddress: String {
        let ip = clientIP
        guard !ip.isEmpty else { return "unknown" }
        guard let bytes = AddressRange.bytes(of: ip), bytes.count == 16 else { return AddressRange.bytes(of: ip).map(AddressRange.text(of:)) ?? ip }
        return AddressRange.text(of: Array(bytes[0..<8]) + Array(repeating: 0, count: 8)) + "/64"
    }

    /// The key of per-network limits: an IPv4 client's /24, an IPv6 client's /48 (what one site
    /// or provider customer is commonly given). A few addresses of one network count together.
    var clientNetwork: String {
        let ip = clientIP
        guard let bytes = AddressRange.bytes(of: ip) else { return ip.isEmpty ? "unknown" : ip }
        if bytes.count == 4 { return AddressRange.text(of: Array(bytes[0..<3]) + [0]) + "/24" }
        return AddressRange.text(of: Array(bytes[0..<6]) + Array(repeating: 0, count: 10)) + "/48"
    }

    /// Whether the request carries any header naming another client (proxied traffic).
    var hasForwardingHeaders: Bool {
        ["Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host"].contains { !headers[$0].isEmpty }
    }

    private static func isTrusted(_ address: String, _ proxies: [AddressRange]) -> Bool {
        guard let bytes = AddressRange.bytes(of: address) else { return false }
        return proxies.contains { $0.contains(bytes) }
    }

    /// The addresses of `X-Forwarded-For`, or of `Forwarded: for=…` (RFC 7239), client first:
    /// only the header chosen, never the other.
    static func forwardedFor(_ headers: HTTPHeaders, in header: ClientAddressHeader) -> [String] {
        switch header {
        case .forwarded:
            return headers["Forwarded"].flatMap { $0.split(separator: ",") }.compactMap { element in
                element.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.lowercased().hasPrefix("for=") }.map { pair in address(inForwardedValue: String(pair.dropFirst(4))) }
            }
        case .xForwardedFor:
            return headers["X-Forwarded-For"].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// `192.0.2.60`, `"192.0.2.60:4711"`, `"[2001:db8::1]:4711"` → the address alone.
    private static func address(inForwardedValue raw: String) -> String {
        var value = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") { return String(value[value.index(after: value.startIndex)..<close]) }
        if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") { value = String(value[..<colon]) }
        return value
    }
}

extension Application {
    private struct TrustedProxiesKey: StorageKey { typealias Value = [AddressRange] }

    /// GONGKAI_TRUSTED_PROXIES, parsed once.
    var trustedProxies: [AddressRange] {
        get { storage[TrustedProxiesKey.self] ?? [] }
        set { storage[TrustedProxiesKey.self] = newValue }
    }
}
