import Crypto
import Foundation

/// The running hash of one table's rows.
struct RowDigest {
    private var hasher = SHA256()
    private let table: String
    private(set) var rows = 0

    init(table: String, columns: [String]) {
        self.table = table
        hasher.update(data: Data("gongkai-table-checksum/1 \(table)\n\(columns.joined(separator: ","))\n".utf8))
    }

    mutating func add(_ values: [String?]) {
        var bytes: [UInt8] = []
        for value in values {
            if let value {
                bytes.append(contentsOf: "\(value.utf8.count):".utf8)
                bytes.append(contentsOf: value.utf8)
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        hasher.update(data: bytes)
        rows += 1
    }

    func finish() -> TableChecksum {
        TableChecksum(table: table, rows: rows, checksum: hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
