import GongkaiCore

/// What every staff-console page knows about who is looking.
struct ConsoleContext: Sendable {
    var displayName: String
    var username: String
    var permissions: Set<Permission>
    var csrfToken: String
    var flash: String?
    /// The console section to highlight in the navigation.
    var section: ConsoleSection = .dashboard
}
