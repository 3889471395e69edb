import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Counts events per key in a fixed window and says how long a key must wait once it has had
/// its share: requests per client address, lookups per tracking number, sign-in failures per
/// account. In memory, per server instance: with several instances behind a balancer each keeps
/// its own counts (docs/security.md).
///
/// Strangers choose the keys (a user name, a tracking number), so the table must not grow with
/// what they send: a key is kept as a 128-bit hash of its text, whatever the text's length; each
/// entry keeps its own window and is removed once that window is over (swept at most once a
/// `sweepInterval`); and the table holds at most `maxKeys` entries — when full, the entries
/// closest to the end of their window go first, so a flood of one-minute keys cannot erase
/// fifteen-minute sign-in failures.
final class RateLimiter: Sendable {
    struct Rule: Sendable, Equatable {
        var limit: Int
        var window: TimeInterval
    }

    /// A key as stored: the first 128 bits of its SHA-256.
    struct Key: Hashable, Sendable {
        let high: UInt64, low: UInt64

        init(_ text: String) {
            let digest = Array(SHA256.hash(data: Data(text.utf8)))
            high = digest[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
            low = digest[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    private struct Entry {
        var start: Date
        var count: Int
        /// The window of the rule that created it: the entry ends with it, whichever rule sweeps.
        var window: TimeInterval
        /// Entries dropped together (an account's failures from every address).
        var group: Key?

        var end: Date { start.addingTimeInterval(window) }
    }

    private struct Table {
        var entries: [Key: Entry] = [:]
        var lastSweep = Date.distantPast
    }

    private let table = NIOLockedValueBox(Table())
    let maxKeys: Int
    let sweepInterval: TimeInterval

    /// 100,000 entries take a few megabytes.
    init(maxKeys: Int = 100_000, sweepInterval: TimeInterval = 60) {
        self.maxKeys = max(1, maxKeys)
        self.sweepInterval = sweepInterval
    }

    /// Counts one event for `key`; nil when it is within the rule, otherwise the seconds until
    /// the key may act again (nothing is counted then).
    func hit(_ key: String, _ rule: Rule, group: String? = nil, now: Date = Date()) -> Int? {
        let k = Key(key), g = group.map(Key.init)
        return table.withLockedValue { table in
            Self.sweep(&table, now: now, every: sweepInterval)
            var entry =
                table.entries[k].flatMap { now < $0.end ? $0 : nil }
                ?? Entry(start: now, count: 0, window: rule.window, group: g)
            guard entry.count < rule.limit else { return Self.seconds(until: entry.end, now: now) }
            entry.count += 1
            if table.entries[k] == nil, table.entries.count >= maxKeys { Self.makeRoom(&table, keeping: maxKeys - 1, now: now) }
            table.entries[k] = entry
            return nil
        }
    }

    /// Gives back one event counted by `hit` (work reserved before it was done, then not
    /// counted: a sign-in that succeeded, a lookup that found its request).
    func refund(_ key: String, now: Date = Date()) {
        let k = Key(key)
        table.withLockedValue { table in
            guard var entry = table.entries[k], now < entry.end else { return }
            entry.count -= 1
            table.entries[k] = entry.count > 0 ? entry : nil
        }
    }

    /// Whether `key` is over its rule, without counting.
    func wait(_ key: String, _ rule: Rule, now: Date = Date()) -> Int? {
        let k = Key(key)
        return table.withLockedValue { table in
            guard let entry = table.entries[k], now < entry.end, entry.count >= rule.limit else { return nil }
            return Self.seconds(until: entry.end, now: now)
        }
    }

    /// The events counted for `key` in its current window.
    func count(_ key: String, now: Date = Date()) -> Int {
        let k = Key(key)
        return table.withLockedValue { table in table.entries[k].flatMap { now < $0.end ? $0.count : nil } ?? 0 }
    }

    func reset(_ key: String) {
        let k = Key(key)
        _ = table.withLockedValue { $0.entries.removeValue(forKey: k) }
    }

    /// Drops every entry counted with this `group` (an account unlocked by an administrator).
    func reset(group: String) {
        let g = Key(group)
        table.withLockedValue { table in table.entries = table.entries.filter { $0.value.group != g } }
    }

    /// Entries held now (tests, metrics).
    var size: Int { table.withLockedValue { $0.entries.count } }

    private static func seconds(until end: Date, now: Date) -> Int {
        max(1, Int(end.timeIntervalSince(now).rounded(.up)))
    }

    private static func sweep(_ table: inout Table, now: Date, every interval: TimeInterval) {
        guard now.timeIntervalSince(table.lastSweep) >= interval || now < table.lastSweep else { return }
        table.lastSweep = now
        table.entries = table.entries.filter { now < $0.value.end }
    }

    /// Expired entries first; then, while still full, those whose windows end soonest. A tenth
    /// of the table goes at once so that a full table is not sorted on every new key.
    private static func makeRoom(_ table: inout Table, keeping limit: Int, now: Date) {
        table.entries = table.entries.filter { now < $0.value.end }
        table.lastSweep = now
        guard table.entries.count > limit else { return }
        let excess = table.entries.count - limit
        let drop = min(table.entries.count, max(excess, limit / 10))
        let soonest = table.entries.sorted { $0.value.end < $1.value.end }.prefix(drop).map(\.key)
        for key in soonest { table.entries.removeValue(forKey: key) }
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
