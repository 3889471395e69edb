import Vapor

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}

extension CharacterSet {
    /// What a path with its query may hold unencoded (no spaces, no control characters).
    static let urlPathAndQueryAllowed: CharacterSet = CharacterSet.urlPathAllowed.union(.urlQueryAllowed)
}
