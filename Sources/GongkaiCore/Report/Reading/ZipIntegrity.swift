import Foundation

/// Checks that every offset and size in a ZIP file's directory stays inside the file, before the
/// archive is handed to ZIPFoundation: its in-memory reader traps on out-of-range offsets, and a
/// damaged upload must get a message, not crash the server.
public enum ZipIntegrity {
    static func isSound(_ data: Data) -> Bool { entryNames(data) != nil }

    /// The names of the archive's entries as its central directory lists them, or nil when the
    /// directory is damaged or points outside the file. What an upload's type is judged by: the
    /// bytes `word/document.xml` anywhere in a file (in a comment, inside another entry) do not
    /// make it a Word document.
    public static func entryNames(_ data: Data) -> [String]? {
        let bytes = [UInt8](data)
        let count = bytes.count
        func u16(_ at: Int) -> Int? { at + 2 <= count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at + 4 <= count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        guard count >= 22 else { return nil }
        // End of central directory: signature PK\5\6, at most 64 KiB of comment after it.
        var eocd: Int?
        var position = count - 22
        while position >= max(0, count - 22 - 65_535) {
            if u32(position) == 0x0605_4B50 { eocd = position; break }
            position -= 1
        }
        guard let end = eocd, let entries = u16(end + 10), let size = u32(end + 12), let offset = u32(end + 16),
            entries > 0, offset + size <= end
        else { return nil }
        var entry = offset
        var names: [String] = []
        for _ in 0..<entries {
            guard u32(entry) == 0x0201_4B50, let compressed = u32(entry + 20), let nameLength = u16(entry + 28),
                let extraLength = u16(entry + 30), let commentLength = u16(entry + 32), let local = u32(entry + 42),
                compressed != 0xFFFF_FFFF
            else { return nil }
            let next = entry + 46 + nameLength + extraLength + commentLength
            guard next <= offset + size, u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28),
                local + 30 + localName + localExtra + compressed <= count
            else { return nil }
            names.append(String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self))
            entry = next
        }
        return names
    }
}
