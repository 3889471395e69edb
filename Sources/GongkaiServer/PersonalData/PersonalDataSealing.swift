import Fluent
import Foundation

/// Seals a request's identity number and phone and a message's phone, and computes their
/// look-up hashes, whenever the model is written through Fluent, with the keys of the database
/// it is written to. Registered on the database by `configure`.
struct PersonalDataSealing: AnyModelMiddleware {
    let keys: PersonalDataKeys

    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        switch event {
        case .create, .update:
            (model as? DisclosureRequest)?.sealPersonalData(with: keys)
            (model as? PublicMessage)?.sealPersonalData(with: keys)
        default: break
        }
        return next.handle(event, model, on: db)
    }
}

extension Database {
    /// The personal-data keys of this database (those of its `PersonalDataSealing`), for the
    /// look-ups that hash what they search for.
    var personalDataKeys: PersonalDataKeys {
        get throws {
            for middleware in configuration.middleware {
                if let sealing = middleware as? PersonalDataSealing { return sealing.keys }
            }
            throw AppError(status: .internalServerError, code: "personal_data_keys", message: "个人信息加密密钥未配置")
        }
    }
}
