import Fluent
import GongkaiCore
import SQLKit

/// Questions about the agency tree, answered by recursive SQL on both databases.
enum AgencyTree {
    /// The agencies themselves and everything below them.
    static func subtreeIDs(of roots: [Int], on db: any Database) async throws -> [Int] {
        guard !roots.isEmpty else { return [] }
        let rows = try await db.requireSQL().raw("""
            WITH RECURSIVE subtree(id) AS (
                SELECT id FROM agencies WHERE id IN (\(binds: roots))
                UNION
                SELECT a.id FROM agencies a JOIN subtree s ON a.parent_id = s.id
            )
            SELECT id FROM subtree ORDER BY id
            """).all()
        return try rows.map { try $0.decode(column: "id", as: Int.self) }
    }

    /// The agency's place in the tree as written into audit entries: its ancestors' ids and its
    /// own, root first, between slashes (`/1/5/17/`). An auditor's scope is "has `/A/` in it", so
    /// an entry keeps the subtree it was written in after the agency moves. Only digits and
    /// slashes: no `%` or `_` for LIKE to misread. An agency no longer there is `/id/`.
    static func path(of id: Int, on db: any Database) async throws -> String {
        let ids = try await ancestorIDs(of: id, on: db)
        return path(ids.isEmpty ? [id] : ids)
    }

    /// The ids from the root down to the agency (inclusive); empty when there is no such agency.
    private static func ancestorIDs(of id: Int, on db: any Database) async throws -> [Int] {
        let rows = try await db.requireSQL().raw(
            """
            WITH RECURSIVE chain(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM agencies WHERE id = \(bind: id)
                UNION ALL
                SELECT a.id, a.parent_id, c.depth + 1 FROM agencies a JOIN chain c ON a.id = c.parent_id
                WHERE c.depth < 64
            )
            SELECT id, depth FROM chain ORDER BY depth DESC
            """
        ).all()
        return try rows.map { try $0.decode(column: "id", as: Int.self) }
    }

    /// Every agency's path from the (id, parent) pairs of the whole tree, for a backfill.
    static func paths(parents: [Int: Int?]) -> [Int: String] {
        var result: [Int: String] = [:]
        for id in parents.keys {
            var chain = [id], seen: Set<Int> = [id]
            while let parent = parents[chain[0]] ?? nil, seen.insert(parent).inserted, chain.count < 64 { chain.insert(parent, at: 0) }
            result[id] = path(chain)
        }
        return result
    }

    static func path(_ idsRootFirst: [Int]) -> String { "/" + idsRootFirst.map(String.init).joined(separator: "/") + "/" }

    /// The chain from the root down to the agency (inclusive).
    static func ancestry(of id: Int, on db: any Database) async throws -> [Agency] {
        let ids = try await ancestorIDs(of: id, on: db)
        let agencies = try await Agency.query(on: db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: agencies.compactMap { a in a.id.map { ($0, a) } })
        return ids.compactMap { byID[$0] }
    }

    /// Whether putting `id` under `newParent` would make the tree a cycle.
    static func wouldCreateCycle(moving id: Int, under newParent: Int, on db: any Database) async throws -> Bool {
        try await subtreeIDs(of: [id], on: db).contains(newParent)
    }

    /// The agencies of a subtree in display order (depth first, each level by kind then name),
    /// with their depth below the nearest listed ancestor.
    static func outline(of roots: [Int], on db: any Database) async throws -> [(agency: Agency, depth: Int)] {
        let ids = try await subtreeIDs(of: roots, on: db)
        let agencies = try await Agency.query(on: db).filter(\.$id ~~ ids).all()
        let idSet = Set(ids)
        var children: [Int?: [Agency]] = [:]
        for agency in agencies {
            let parent = agency.$parent.id.flatMap { idSet.contains($0) ? $0 : nil }
            children[parent, default: []].append(agency)
        }
        // Government first, then departments, townships, others (the order of `AgencyKind`).
        let rank = { (a: Agency) in AgencyKind.allCases.firstIndex(of: a.kind) ?? 0 }
        for key in children.keys {
            children[key]!.sort { (rank($0), $0.name) < (rank($1), $1.name) }
        }
        var result: [(Agency, Int)] = []
        func visit(_ parent: Int?, depth: Int) {
            for agency in children[parent] ?? [] {
                result.append((agency, depth))
                visit(agency.id, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        return result
    }
}

