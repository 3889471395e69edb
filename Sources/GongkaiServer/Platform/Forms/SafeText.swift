import Foundation

/// Text from strangers made safe to store and show where it is not escaped by the HTML layer
/// (file names in headers and archives, log lines).
enum SafeText {
    /// Control characters, bidirectional overrides and path separators are removed; at most
    /// 200 characters; never empty.
    static func filename(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { s in
            !(s.properties.generalCategory == .control || s.properties.generalCategory == .format || s == "/" || s == "\\")
        }
        let text = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "file" : String(text.prefix(200))
    }
}
