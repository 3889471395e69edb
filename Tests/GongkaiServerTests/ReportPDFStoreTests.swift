import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// Printing a report to PDF takes Chromium seconds and hundreds of megabytes: a few at once in
/// all, one per client (issue #8).
@Suite("Report PDFs: bounded printing")
struct ReportPDFStoreTests {
    @Test func aClientPrintsOneReportAtATime() async throws {
        // given a stand-in for Chromium that takes two seconds and writes nothing
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-fake-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let browser = folder.appendingPathComponent("chromium")
        try "#!/bin/sh\nsleep 2\n".write(to: browser, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)
        let store = ReportPDFStore(pdf: ReportPDF(chromium: browser.path), concurrent: 2, perClient: 1)
        let report = AnnualReport(formatVersion: .v2021, year: 2023, issuer: "测试县教育局")
        // when a client asks for one report's PDF
        let first = Task { try await store.data(for: 1, report: report, client: "203.0.113.7") }
        try await Task.sleep(for: .milliseconds(300))
        // then its second report, while the first is printed, is refused with 429
        do {
            _ = try await store.data(for: 2, report: report, client: "203.0.113.7")
            Issue.record("a second printing of the same client was started")
        } catch let error as AppError {
            #expect(error.status == .tooManyRequests)
        }
        // while another client's is printed
        let other = Task { try await store.data(for: 3, report: report, client: "198.51.100.9") }
        // and both end (without a PDF, from this stand-in), giving their slots back
        for task in [first, other] {
            await #expect(throws: ReportPDF.Problem.self) { _ = try await task.value }
        }
        await #expect(throws: ReportPDF.Problem.self) { _ = try await store.data(for: 2, report: report, client: "203.0.113.7") }
    }
}
