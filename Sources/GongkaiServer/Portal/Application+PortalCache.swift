import Vapor

extension Application {
    private struct PortalCacheKey: StorageKey { typealias Value = PortalCache }

    /// Called by `configure`, beside `makeServices`.
    func makePortalCache() {
        storage[PortalCacheKey.self] = PortalCache(
            maxBytes: max(1, settings.portalCacheMegabytes) * 1024 * 1024,
            pollInterval: TimeInterval(settings.portalCachePollMilliseconds) / 1000,
            enabled: settings.portalCacheMegabytes > 0)
    }

    /// Rendered public pages of this instance.
    var portalCache: PortalCache {
        guard let cache = storage[PortalCacheKey.self] else { preconditionFailure("configure(_:settings:) makes the portal cache") }
        return cache
    }
}
