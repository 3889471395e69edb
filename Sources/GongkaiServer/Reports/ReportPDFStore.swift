import Foundation
import GongkaiCore

/// PDFs of published versions for the portal. A version never changes, so each is printed once
/// and kept (the most recently used few); a second request for a PDF being printed waits for
/// that printing; and only a few are printed at once, one per client address, since each takes
/// Chromium seconds of CPU and hundreds of megabytes — beyond that the visitor is asked to try
/// again shortly. (Chromium's memory cannot be capped by an address-space limit: see
/// `ReportPDF.limits`; these bounds and its time limits are what holds it.)
actor ReportPDFStore {
    let pdf: ReportPDF
    let capacity: Int
    let concurrent: Int
    let perClient: Int
    private var byClient: [String: Int] = [:]
    private var cached: [Int: Data] = [:]
    /// Least recently used first.
    private var order: [Int] = []
    private var printing: [Int: Task<Data, any Error>] = [:]
    /// How many times Chromium was started (what the cache saves).
    private(set) var printings = 0

    init(pdf: ReportPDF, capacity: Int = 32, concurrent: Int = 2, perClient: Int = 1) {
        self.pdf = pdf
        self.capacity = capacity
        self.concurrent = concurrent
        self.perClient = perClient
    }

    static let busy = AppError(
        status: .tooManyRequests, code: "busy", message: "正在生成其他报告的 PDF，请稍后再试",
        headers: ["Retry-After": "5"])

    /// The PDF of the published version `id`, for `client` (its address: one printing each;
    /// waiting for a printing already under way, or reading a kept PDF, is not counted).
    func data(for id: Int, report: AnnualReport, client: String) async throws -> Data {
        if let data = cached[id] {
            touch(id)
            return data
        }
        if let running = printing[id] { return try await running.value }
        guard pdf.chromium != nil else { throw ReportPDF.Problem.notInstalled }
        guard printing.count < concurrent, byClient[client, default: 0] < perClient else { throw Self.busy }
        let pdf = self.pdf
        let task = Task { try await pdf.data(report) }
        printing[id] = task
        printings += 1
        byClient[client, default: 0] += 1
        defer {
            byClient[client, default: 1] -= 1
            if byClient[client] == 0 { byClient[client] = nil }
        }
        do {
            let data = try await task.value
            printing[id] = nil
            store(data, for: id)
            return data
        } catch {
            printing[id] = nil
            throw error
        }
    }

    private func store(_ data: Data, for id: Int) {
        cached[id] = data
        touch(id)
        while order.count > capacity { cached[order.removeFirst()] = nil }
    }

    private func touch(_ id: Int) {
        order.removeAll { $0 == id }
        order.append(id)
    }
}
