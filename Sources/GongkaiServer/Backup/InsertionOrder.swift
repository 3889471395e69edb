import Foundation

/// Tables in an order that inserts every row after the rows it refers to: a table after the
/// tables its foreign keys name (by name among equals, so the order is stable). A reference to
/// the table itself (an agency's parent) or round a cycle cannot be ordered this way; the import
/// sets those columns once every row is in (`InstallationImport`).
enum InsertionOrder {
    static func sorted(_ tables: [TableSchema]) -> [TableSchema] {
        let known = Set(tables.map(\.name))
        var remaining = tables.sorted { DatabaseCatalogue.byteOrder($0.name, $1.name) }
        var placed: Set<String> = []
        var order: [TableSchema] = []
        while !remaining.isEmpty {
            let ready = remaining.firstIndex { table in
                table.foreignKeys.allSatisfy { $0.table == table.name || placed.contains($0.table) || !known.contains($0.table) }
            } ?? 0  // a cycle: take the first and let the import defer its references
            let table = remaining.remove(at: ready)
            placed.insert(table.name)
            order.append(table)
        }
        return order
    }
}
