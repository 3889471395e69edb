import Foundation
@testable import GongkaiServer
import Testing

/// The in-memory counters behind every rate limit: bounded whatever strangers send.
@Suite("Rate limiter: bounded memory, each window its own")
struct RateLimiterTests {
    let failures = RateLimiter.Rule(limit: 1, window: 15 * 60)
    let perMinute = RateLimiter.Rule(limit: 100, window: 60)
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// Before the review's fix a full table was pruned by the window of the rule being hit, so a
    /// one-minute rule erased fifteen-minute sign-in failures.
    @Test func aFullTableKeepsLongerWindows() {
        let limiter = RateLimiter(maxKeys: 3)
        _ = limiter.hit("signin:fail:owner:*", failures, now: t0)
        #expect(limiter.wait("signin:fail:owner:*", failures, now: t0 + 90) != nil)
        _ = limiter.hit("track:addr:a", perMinute, now: t0 + 90)
        _ = limiter.hit("track:addr:b", perMinute, now: t0 + 90)
        _ = limiter.hit("track:addr:c", perMinute, now: t0 + 91)
        #expect(limiter.wait("signin:fail:owner:*", failures, now: t0 + 91) != nil, "the 15-minute failure count was forgotten")
        #expect(limiter.size <= 3)
    }

    @Test func entriesEndWithTheirOwnWindowAndAreSwept() {
        let limiter = RateLimiter(maxKeys: 1000, sweepInterval: 60)
        for n in 0..<500 { _ = limiter.hit("track:addr:\(n)", perMinute, now: t0) }
        _ = limiter.hit("signin:fail:x:*", failures, now: t0)
        #expect(limiter.size == 501)
        // a minute later the one-minute entries are gone at the next count, the 15-minute one stays
        _ = limiter.hit("other", perMinute, now: t0 + 61)
        #expect(limiter.size == 2)
        #expect(limiter.count("signin:fail:x:*", now: t0 + 61) == 1)
    }

    @Test func theTableNeverHoldsMoreThanItsBound() {
        let limiter = RateLimiter(maxKeys: 100)
        for n in 0..<10_000 { _ = limiter.hit("signin:addr:\(n)", perMinute, now: t0 + Double(n) / 1000) }
        #expect(limiter.size <= 100)
    }

    @Test func keysAreHashedWhateverTheirLength() {
        let limiter = RateLimiter()
        let huge = String(repeating: "x", count: 1_000_000)
        _ = limiter.hit(huge, failures, now: t0)
        #expect(limiter.wait(huge, failures, now: t0 + 1) != nil)
        #expect(limiter.wait(huge + "y", failures, now: t0 + 1) == nil)
        #expect(MemoryLayout<RateLimiter.Key>.size == 16)
    }

    @Test func aGroupIsClearedTogetherAndARefundGivesBackOneEvent() {
        let limiter = RateLimiter()
        let rule = RateLimiter.Rule(limit: 2, window: 900)
        _ = limiter.hit("signin:fail:wang:1.2.3.4", rule, group: "signin:fail:wang", now: t0)
        _ = limiter.hit("signin:fail:wang:*", rule, group: "signin:fail:wang", now: t0)
        _ = limiter.hit("signin:fail:li:*", rule, group: "signin:fail:li", now: t0)
        limiter.reset(group: "signin:fail:wang")
        #expect(limiter.count("signin:fail:wang:1.2.3.4", now: t0) == 0 && limiter.count("signin:fail:wang:*", now: t0) == 0)
        #expect(limiter.count("signin:fail:li:*", now: t0) == 1)
        _ = limiter.hit("signin:fail:li:*", rule, now: t0)
        #expect(limiter.hit("signin:fail:li:*", rule, now: t0) != nil)
        limiter.refund("signin:fail:li:*", now: t0)
        #expect(limiter.hit("signin:fail:li:*", rule, now: t0) == nil)
    }
}
