import Fluent
import GongkaiCore
import Vapor

extension Agency {
    var portalSummary: PortalLayout.Agency {
        .init(name: name, code: code, address: address, phone: phone, officeHours: officeHours, contactEmail: contactEmail)
    }
}
