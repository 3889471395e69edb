import Fluent
import GongkaiCore
import Vapor

/// The figures page; the API's `/messages/figures` answers from the same named query.
enum MessageFiguresController {
    static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewMessages)
        let scope = try await MessageFiguresScope.resolve(staff, query: { req.query[String.self, at: $0] }, today: req.application.settings.today, on: req.db)
        let figures = try await MessageFigures.query(agencyIDs: scope.agencyIDs, from: scope.from, through: scope.through, on: req.db)
        let model = MessageFiguresPage.Model(context: try req.consoleContext(.messages), scope: scope, figures: figures)
        return .html(MessageFiguresPage.View(model: model).render())
    }
}
