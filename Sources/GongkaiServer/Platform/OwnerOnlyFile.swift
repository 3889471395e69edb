import Foundation
import Glibc

/// A file a command writes personal data to (`gongkai backup`, `export`, `personal-data export
/// --out`): created new, readable by its owner only from its first byte. It never replaces a
/// file: an earlier backup may be the only good one (#14 review 14e: `personal-data export --out`
/// wrote plaintext identity numbers with the umask's mode over whatever file it was given).
enum OwnerOnlyFile {
    /// Creates `path` empty with mode 0600. `O_CREAT | O_EXCL` makes the check and the creation
    /// one step, so a file made meanwhile is not replaced either; the mode is set again after
    /// the umask. The caller then writes into it: `VACUUM INTO` accepts an empty file, pg_dump
    /// and `FileHandle(forWritingAtPath:)` keep its mode.
    static func createNew(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                    throw CommandError("\(path) 是一个目录，不是文件：请指定该目录中一个新的文件名")
                }
                throw CommandError("文件 \(path) 已存在，不会覆盖：请指定新的文件名")
            }
            throw CommandError("无法在目录 \(folder) 中创建文件（\(String(cString: strerror(errno)))）")
        }
        let modeSet = fchmod(fd, 0o600) == 0
        close(fd)
        guard modeSet else {
            unlink(path)
            throw CommandError("无法把文件 \(path) 设为仅所有者可读写")
        }
    }

    /// Writes `data` into a file `createNew` made (the name is taken before the data is
    /// gathered, so an existing file is refused before anything is done); a failed write
    /// removes it rather than leave half the data looking like all of it.
    static func fill(_ path: String, with data: Data) throws {
        do {
            guard let handle = FileHandle(forWritingAtPath: path) else { throw CommandError("无法打开") }
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            unlink(path)
            throw CommandError("无法写入 \(path)：\(error.localizedDescription)")
        }
    }
}
