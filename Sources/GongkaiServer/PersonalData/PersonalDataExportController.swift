import GongkaiCore
import Vapor

/// 个人信息导出: the console's door to the export `gongkai personal-data export` makes (PIPL
/// Art. 45). The office head, after checking the person's identity, downloads what their own
/// agency holds about them; the same service collects it and audits the export in the same
/// transaction, with the head as the actor and the agencies it covered.
enum PersonalDataExportController {
    static func show(req: Request) async throws -> Response {
        _ = try req.requireStaff(.exportPersonalData)
        let model = PersonalDataExportPage.Model(context: try req.consoleContext(.personalData))
        return .html(PersonalDataExportPage.View(model: model).render())
    }

    static func export(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.exportPersonalData)
        let form = try req.formFields()
        let idNumber = form["id_number"], phone = form["phone"]
        do {
            let export = try await PersonalDataExport.collect(
                idNumber: idNumber, phone: phone.isEmpty ? nil : phone, agencies: staff.agencies(with: .exportPersonalData),
                actor: req.auditActor, on: req.db)
            return .download(try JSONCoding.encoder(pretty: true).encode(export), type: .json, filename: "个人信息导出.json")
        } catch let error as AppError where !error.fields.isEmpty {
            let model = PersonalDataExportPage.Model(
                context: try req.consoleContext(.personalData), idNumber: idNumber, phone: phone, errors: error.fields)
            return .html(PersonalDataExportPage.View(model: model).render(), status: .unprocessableEntity)
        }
    }
}
