import Fluent
import Foundation
import GongkaiCore
import Vapor

extension DisclosureRequest {
    /// The reply letter as it was issued (stored with the conclusion).
    func issuedLetter() throws -> ReplyLetter {
        guard let json = replyLetterJSON else { throw AppError.notFound("答复书") }
        return try JSONCoding.decoder().decode(ReplyLetter.self, from: Data(json.utf8))
    }
}
