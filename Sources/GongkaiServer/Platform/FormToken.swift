import Crypto
import Foundation

/// Spam resistance without a third-party CAPTCHA (intranets have no internet): a public form
/// carries a token signed with the server's key naming the moment it was served and the form it
/// belongs to. A submission is refused when the token is missing, forged, older than its
/// lifetime, or younger than a person can fill the form in (robots post at once); and, by
/// `UsedFormTokens`, when it was used before (a token posts one letter).
struct FormToken: Sendable {
    let key: SymmetricKey
    /// A form filled faster than this was not filled by a person.
    let minimumAge: TimeInterval
    let lifetime: TimeInterval

    init(secret: String?, minimumAge: TimeInterval, lifetime: TimeInterval = 2 * 3600) {
        self.key = secret.map { SymmetricKey(data: SHA256.hash(data: Data($0.utf8))) } ?? SymmetricKey(size: .bits256)
        self.minimumAge = minimumAge
        self.lifetime = lifetime
    }

    /// `<seconds since 1970>.<random nonce>.<hex HMAC of form + seconds + nonce>`. The nonce
    /// tells apart two forms served in the same second, so that one being posted does not make
    /// the other a replay.
    func issue(form: String, now: Date = Date()) -> String {
        let nonce = (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let stamp = String(Int(now.timeIntervalSince1970)) + "." + nonce
        return stamp + "." + signature(form: form, stamp: stamp)
    }

    enum Verdict: Equatable {
        case valid
        case invalid
        case tooFast
        case expired
    }

    func check(_ token: String, form: String, now: Date = Date()) -> Verdict {
        // Tokens served before the nonce (`<seconds>.<HMAC>`) stay valid for their lifetime.
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, let seconds = Int(parts[0]),
              Secrets.constantTimeEquals(parts[parts.count - 1], signature(form: form, stamp: parts.dropLast().joined(separator: ".")))
        else { return .invalid }
        let age = now.timeIntervalSince1970 - TimeInterval(seconds)
        if age < minimumAge { return .tooFast }
        if age > lifetime { return .expired }
        return .valid
    }

    /// When a genuine token stops being accepted (the moment it was served plus the lifetime).
    func expiry(of token: String) -> Date? {
        guard let seconds = token.split(separator: ".", maxSplits: 1).first.flatMap({ Int($0) }) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds)).addingTimeInterval(lifetime)
    }

    private func signature(form: String, stamp: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data((form + "|" + stamp).utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
