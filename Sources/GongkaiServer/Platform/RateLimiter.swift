import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Counts events per key in a sliding window and says how long a key must wait once it has had
/// its share: requests per client address, lookups per tracking number, sign-in failures per
/// account. In memory, per server instance: with several instances behind a balancer each keeps
/// its own counts (docs/security.md).
final class RateLimiter: Sendable {
    struct Rule: Sendable, Equatable {
        var limit: Int
        var window: TimeInterval
    }

    private struct Window {
        var start: Date
        var count: Int
    }

    private let windows = NIOLockedValueBox<[String: Window]>([:])
    private let maxKeys: Int

    init(maxKeys: Int = 100_000) {
        self.maxKeys = maxKeys
    }

    /// Counts one event for `key`; nil when it is within the rule, otherwise the seconds until
    /// the key may act again.
    func hit(_ key: String, _ rule: Rule, now: Date = Date()) -> Int? {
        windows.withLockedValue { windows in
            if windows.count >= maxKeys { Self.prune(&windows, now: now, window: rule.window) }
            var w = windows[key] ?? Window(start: now, count: 0)
            if now.timeIntervalSince(w.start) >= rule.window { w = Window(start: now, count: 0) }
            guard w.count < rule.limit else {
                return max(1, Int((rule.window - now.timeIntervalSince(w.start)).rounded(.up)))
            }
            w.count += 1
            windows[key] = w
            return nil
        }
    }

    /// Whether `key` is over its rule, without counting.
    func wait(_ key: String, _ rule: Rule, now: Date = Date()) -> Int? {
        windows.withLockedValue { windows in
            guard let w = windows[key], now.timeIntervalSince(w.start) < rule.window, w.count >= rule.limit else { return nil }
            return max(1, Int((rule.window - now.timeIntervalSince(w.start)).rounded(.up)))
        }
    }

    func reset(_ key: String) {
        _ = windows.withLockedValue { $0.removeValue(forKey: key) }
    }

    /// Counts for a key prefix to drop (a user unlocked by an administrator).
    func reset(prefix: String) {
        windows.withLockedValue { windows in windows = windows.filter { !$0.key.hasPrefix(prefix) } }
    }

    private static func prune(_ windows: inout [String: Window], now: Date, window: TimeInterval) {
        windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
    }
}

extension AppError {
    /// 429 with `Retry-After`, in words a person can act on.
    static func tooManyRequests(retryAfter seconds: Int, _ message: String = "操作过于频繁") -> AppError {
        let wait = seconds >= 120 ? "\(seconds / 60) 分钟" : "\(seconds) 秒"
        return AppError(status: .tooManyRequests, code: "rate_limited", message: "\(message)，请 \(wait) 后再试",
                        headers: ["Retry-After": String(seconds)])
    }
}
