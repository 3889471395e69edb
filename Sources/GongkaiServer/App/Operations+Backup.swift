import Foundation

extension Operations {
    /// `gongkai checksums`: a line per table of the configured database, read in one snapshot.
    /// The database is not migrated first: the lines describe it as it is.
    public static func checksums(_ settings: Settings) async throws -> [TableChecksum] {
        if case .sqlite(let path) = settings.database { try BackupDatabase.requireSQLiteFile(path) }
        return try await BackupDatabase.with(settings.database) { sql in
            try await BackupDatabase.snapshot(sql) { try await DatabaseChecksums.compute(on: $0) }
        }
    }

    /// `gongkai backup --out FILE`: the checksums of what the file holds.
    public static func backup(_ settings: Settings, to file: String) async throws -> [TableChecksum] {
        try await DatabaseBackup.backup(settings.database, to: file)
    }

    /// `gongkai restore FILE` into an empty database: the checksums of the restored database.
    public static func restore(_ settings: Settings, from file: String) async throws -> [TableChecksum] {
        try await DatabaseBackup.restore(settings.database, from: file)
    }

    /// `gongkai export --out FILE`: the checksums of what was exported.
    public static func exportInstallation(_ settings: Settings, to file: String) async throws -> [TableChecksum] {
        try await InstallationExport.write(settings.database, to: file)
    }

    /// `gongkai import FILE` into an empty database (migrated first): the checksums of the
    /// target after the import, which equal the export's or the import is undone.
    public static func importInstallation(_ settings: Settings, from file: String) async throws -> [TableChecksum] {
        try await InstallationImport.read(settings, from: file)
    }
}
