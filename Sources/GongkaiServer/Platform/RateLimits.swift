import Foundation
import Vapor

/// The platform's limits on what strangers can do quickly, from the settings.
struct RateLimits: Sendable {
    /// Sign-in attempts per client address.
    var signInPerAddress: RateLimiter.Rule
    /// Failed sign-ins for one account from one address before it must wait.
    var signInFailuresPerAddressAndAccount: RateLimiter.Rule
    /// Failed sign-ins for one account from anywhere before each try waits a moment (a slowdown,
    /// never a refusal: SignInService.accountSlowdown).
    var signInFailuresPerAccount: RateLimiter.Rule
    /// Sign-in attempts per client network (`Request.clientNetwork`). There is no site-wide
    /// budget: one that a few networks could spend would refuse everyone.
    var signInPerNetwork: RateLimiter.Rule
    /// Status lookups per client address.
    var trackingPerAddress: RateLimiter.Rule
    /// Failed lookups per tracking number (the phone's last four digits cannot be guessed).
    var trackingFailuresPerNumber: RateLimiter.Rule
    /// Online applications per client address.
    var applicationsPerAddress: RateLimiter.Rule
    /// Letters to an agency's mailbox per client address, and per sender's phone number.
    var mailboxPerAddress: RateLimiter.Rule
    var mailboxPerPhone: RateLimiter.Rule
    /// Reply look-ups and ratings on the mailbox's tracking page per client address.
    var messageLookupsPerAddress: RateLimiter.Rule

    init(settings: Settings) {
        signInPerAddress = .init(limit: settings.signInPerMinute, window: 60)
        signInFailuresPerAddressAndAccount = .init(limit: settings.signInFailuresBeforeDelay, window: 15 * 60)
        signInFailuresPerAccount = .init(limit: settings.signInFailuresBeforeDelay * 4, window: 15 * 60)
        signInPerNetwork = .init(limit: settings.signInPerNetworkPerMinute, window: 60)
        trackingPerAddress = .init(limit: settings.trackingPerMinute, window: 60)
        trackingFailuresPerNumber = .init(limit: settings.trackingFailuresPerHour, window: 3600)
        applicationsPerAddress = .init(limit: settings.applicationsPerHour, window: 3600)
        mailboxPerAddress = .init(limit: settings.mailboxPerAddressPerHour, window: 3600)
        mailboxPerPhone = .init(limit: settings.mailboxPerPhonePerDay, window: 86_400)
        messageLookupsPerAddress = .init(limit: settings.messageLookupsPerHour, window: 3600)
    }
}
