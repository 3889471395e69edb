import Fluent
import GongkaiCore

/// Per-piece fees count the same applicant's pieces within one calendar month (国办函〔2020〕109号
/// Art. 4: 同一申请人一个自然月内累计申请). The pieces before this request follow from the
/// applicant's other requests to the agency that month: each counts the pieces its own per-piece
/// fee notice billed, or one piece when it had none.
enum FeePiecesQuery {
    /// The applicant's pieces earlier in the month of `r`'s receipt (the same identity number,
    /// received before it that month; re-made replies are not applications).
    static func earlierThisMonth(before r: DisclosureRequest, on db: any Database) async throws -> Int {
        guard let received = r.receivedOn, !r.idNumberHash.isEmpty,
              let first = CivilDate(year: received.year, month: received.month, day: 1) else { return 0 }
        let id = try r.requireID()
        // The applicant's other requests may still be hashed under the previous key (a rotation
        // pending): match the hashes of the identity number under every key, and the stored one.
        let idNumber = r.idNumber
        let hashes = Set([r.idNumberHash] + (idNumber == PersonalDataKeyRegistry.unreadable ? [] : try db.personalDataKeys.idNumberHashes(idNumber)))
        let earlier = try await DisclosureRequest.query(on: db)
            .filter(\.$agency.$id == r.$agency.id).filter(\.$idNumberHash ~~ Array(hashes)).filter(\.$source != .reopened)
            .filter(\.$receivedOn >= first).filter(\.$receivedOn <= received).filter(\.$id != id)
            .field(\.$id).field(\.$receivedOn).all()
            .filter { other in other.receivedOn! < received || (other.id ?? 0) < id }
        let ids = earlier.compactMap(\.id)
        guard !ids.isEmpty else { return 0 }
        let billed = try await RequestFeeNotice.query(on: db).filter(\.$request.$id ~~ ids).filter(\.$method == .pieces).all()
        let piecesByRequest = Dictionary(billed.map { ($0.$request.id, $0.quantity) }, uniquingKeysWith: max)
        return ids.reduce(0) { $0 + (piecesByRequest[$1] ?? 1) }
    }
}
