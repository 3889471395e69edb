import GongkaiCore

enum ConsoleSection: Sendable {
    case dashboard, requests, challenges, statistics, agencies, users, audit, calendar, tokens, password, reportCheck
    case messages  // 政民互动 (#12)
}
