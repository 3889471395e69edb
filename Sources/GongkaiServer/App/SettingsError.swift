import Foundation
import GongkaiCore

public struct SettingsError: Error, LocalizedError {
    public let variable: String
    public let message: String
    public var errorDescription: String? { "环境变量 \(variable) 无效：\(message)" }
}
