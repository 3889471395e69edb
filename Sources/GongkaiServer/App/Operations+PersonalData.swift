import Foundation
import GongkaiCore

/// Personal data at the command line (issue #14): the retention run and one person's export.
extension Operations {
    public struct RetentionSummary: Sendable {
        public let years: Int
        public let cutoff: String
        public let requests: Int
        public let letters: Int
        public let attachments: Int
        public let messages: Int
    }

    /// `gongkai retention run [--dry-run] [--years N]`: the years default to
    /// GONGKAI_RETENTION_YEARS; without either nothing is anonymised.
    public static func runRetention(_ settings: Settings, years: Int?, dryRun: Bool) async throws -> RetentionSummary {
        guard let years = years ?? settings.retentionYears else {
            throw CommandError("未设置保存期限：请设置 GONGKAI_RETENTION_YEARS（办结后保存的年数），或用 --years 指定")
        }
        guard (1...100).contains(years) else { throw CommandError("--years 应为 1 至 100 之间的整数，当前为 \(years)") }
        return try await withApplication(settings) { app in
            let today = app.settings.today
            let counts = try await RetentionRun.run(
                years: years, today: today, dryRun: dryRun, actor: .commandLine("retention run"), on: app.db)
            return RetentionSummary(
                years: years, cutoff: PersonalDataRetention.cutoff(today: today, years: years).iso, requests: counts.requests,
                letters: counts.letters, attachments: counts.attachments, messages: counts.messages)
        }
    }

    /// `gongkai personal-data export --id-number X [--phone P] [--out FILE]`: the JSON of
    /// everything held, returned, or written to `out` — a new file readable by its owner only,
    /// as a backup is (`OwnerOnlyFile`: it holds identity numbers and phones in plaintext); an
    /// existing file is refused before the database is opened or anything audited.
    public static func exportPersonalData(_ settings: Settings, idNumber: String, phone: String?, out: String? = nil) async throws -> String {
        @Sendable func refusal(_ error: AppError) -> CommandError {
            CommandError(error.fields.sorted { $0.key < $1.key }.map(\.value).first ?? error.message)
        }
        // The service checks it again; checked first here so that bad input is refused before
        // the database is opened (and migrated).
        do {
            try PersonalDataExport.validate(idNumber: idNumber, phone: phone)
        } catch let error as AppError {
            throw refusal(error)
        }
        if let out { try OwnerOnlyFile.createNew(out) }
        do {
            let json = try await withApplication(settings) { app in
                do {
                    let export = try await PersonalDataExport.collect(
                        idNumber: idNumber, phone: phone, actor: .commandLine("personal-data export"), on: app.db)
                    return String(decoding: try JSONCoding.encoder(pretty: true).encode(export), as: UTF8.self) + "\n"
                } catch let error as AppError {
                    throw refusal(error)
                }
            }
            if let out { try OwnerOnlyFile.fill(out, with: Data(json.utf8)) }
            return json
        } catch {
            if let out { try? FileManager.default.removeItem(atPath: out) }
            throw error
        }
    }
}
