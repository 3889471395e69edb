import Foundation
@testable import GongkaiServer
import Testing
import Vapor

/// A report check whose client goes away ends at once: its `pdftotext` is killed and its slot
/// given back, instead of both being held to the tool's limits (issue #8).
@Suite("Report check: cancelled when the client goes away")
struct ReportCheckCancellationTests {
    /// A PDF that `pdftotext -layout` takes minutes to read: twenty thousand words, each placed
    /// at a position of its own (laying them out into lines is quadratic). Built here, unpacked.
    static func slowPDF(words: Int = 20_000) -> Data {
        var seed: UInt32 = 1
        func next(_ bound: UInt32) -> UInt32 {
            seed = seed &* 1_103_515_245 &+ 12345
            return (seed >> 8) % bound
        }
        var content = "BT /F1 1 Tf"
        for _ in 0..<words { content += " 1 0 0 1 \(next(600)) \(next(790)) Tm (ab) Tj" }
        content += " ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }

    /// The running children of this process called `name`.
    static func children(named name: String) -> Set<Int32> {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return Set(entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { return nil }
            let command = stat[stat.index(after: open)..<close]
            // after the command: state, then the parent's pid
            let rest = stat[stat.index(after: close)...].split(separator: " ")
            guard command == name, rest.count > 1, Int32(rest[1]) == me, !rest[0].hasPrefix("Z") else { return nil }
            return pid
        })
    }

    @Test func aClientThatGoesAwayEndsItsPdftotextAndFreesItsSlot() async throws {
        try #require(ReportFileLoader.pdfToText != nil, "pdftotext (poppler-utils) is needed")
        // given one report check at a time, and a server on a socket
        try await withTestApp(configureSettings: { $0.reportCheckConcurrency = 1 }) { app in
            try await RawConnection.withServer(app) { port in
                let before = Self.children(named: "pdftotext")
                // when a stranger sends a PDF that takes minutes to read
                let pdf = Self.slowPDF()
                let client = try RawConnection(port: port)
                try client.send("POST /api/v1/report-checks?name=slow.pdf HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/pdf\r\n"
                                + "Content-Length: \(pdf.count)\r\n\r\n")
                try client.send(pdf)
                var started = Set<Int32>()
                for _ in 0..<200 where started.isEmpty {
                    try await Task.sleep(for: .milliseconds(50))
                    started = Self.children(named: "pdftotext").subtracting(before)
                }
                let tool = try #require(started.first, "pdftotext was not started")
                // and goes away while it is being read
                client.close()
                let left = ContinuousClock.now
                var gone = ExternalToolGroupTests.isGone(tool)
                while !gone, ContinuousClock.now - left < .seconds(20) {
                    try await Task.sleep(for: .milliseconds(50))
                    gone = ExternalToolGroupTests.isGone(tool)
                }
                // then pdftotext is killed before its 10 s CPU and 15 s wall limits would have
                // ended it (the bound is loose: a loaded machine is slow to schedule the kill)
                let killedAfter = ContinuousClock.now - left
                #expect(gone && killedAfter < .seconds(9), "pdftotext \(tool) still ran \(killedAfter) after its client left")
                if !gone { kill(tool, SIGKILL) }
                // and the only slot is free again
                var free = false
                while !free, ContinuousClock.now - left < .seconds(20) {
                    do {
                        try await app.reportCheckGate.run(client: "127.0.0.1") {}
                        free = true
                    } catch let error as AppError where error.status == .tooManyRequests {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                #expect(free, "the report check's slot was still held \(ContinuousClock.now - left) after its client left")
            }
        }
    }
}
