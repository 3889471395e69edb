import Foundation

/// Counts events per key in a sliding window and refuses the one over the limit: "5 letters per
/// address per hour". In memory, per instance (several instances each allow the limit); old
/// keys are forgotten as their window passes, so memory follows the active keys only.
actor RateLimiter {
    let limit: Int
    let window: TimeInterval
    private var events: [String: [Date]] = [:]
    private var lastSweep = Date.distantPast

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an event for `key` unless the key is at its limit; returns the seconds to wait
    /// when refused, nil when allowed.
    func attempt(_ key: String, now: Date = Date()) -> Int? {
        sweep(now)
        var recent = (events[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < limit else {
            let wait = window - now.timeIntervalSince(recent[0])
            return max(1, Int(wait.rounded(.up)))
        }
        recent.append(now)
        events[key] = recent
        return nil
    }

    /// Whether `key` could have one more event now, without recording one.
    func isLimited(_ key: String, now: Date = Date()) -> Bool {
        (events[key] ?? []).filter { now.timeIntervalSince($0) < window }.count >= limit
    }

    private func sweep(_ now: Date) {
        guard now.timeIntervalSince(lastSweep) > window else { return }
        lastSweep = now
        events = events.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
    }
}
