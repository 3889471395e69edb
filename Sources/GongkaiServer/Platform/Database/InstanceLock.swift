import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// SQLite serves one `gongkai serve` per database file (issue #14): the background jobs are not
/// coordinated between processes there, and SQLite's single writer gains nothing from a second
/// server. The server holds an exclusive `flock` on `<database>.lock` for its whole life; the
/// kernel releases it when the process ends, however it ends (`kill -9` included), so a restart
/// after a crash is never refused. One-shot commands (`migrate`, `demo`, `user create`, …) do not
/// take it: they still work beside a running server, as SQLite's busy timeout lets them.
final class InstanceLock: Sendable {
    let path: String
    private let descriptor: Int32

    /// Why a second server was refused, in Chinese and English.
    struct Refusal: Error, LocalizedError {
        let database: String
        let holder: String?
        var errorDescription: String? {
            let who = holder.map { "（进程 \($0)）" } ?? ""
            let whoEnglish = holder.map { " (process \($0))" } ?? ""
            return "另一个 gongkai serve\(who)正在使用数据库 \(database)：SQLite 数据库只能由一个服务实例使用，多个实例请改用 PostgreSQL。"
                + " / Another gongkai serve\(whoEnglish) is already using \(database): an SQLite database serves one instance only; use PostgreSQL for several."
        }
    }

    struct Failure: Error, LocalizedError {
        let path: String
        let reason: String
        var errorDescription: String? { "无法创建实例锁文件 \(path)：\(reason) / cannot open the instance lock file \(path): \(reason)" }
    }

    /// Takes the lock for the SQLite file at `databasePath`, or throws `Refusal` when another
    /// process holds it.
    init(databasePath: String) throws {
        path = databasePath + ".lock"
        // O_CLOEXEC: a child the server starts (pdftotext, Chromium) must not inherit the
        // descriptor, or the lock would outlive the server in it.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw Refusal(database: databasePath, holder: holder?.isEmpty == false ? holder : nil)
        }
        // The holder's process id, for the refusal message of a second server (informative only:
        // the lock, not the file's content, decides).
        _ = ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        descriptor = fd
    }

    deinit {
        close(descriptor)  // releases the flock
    }
}
