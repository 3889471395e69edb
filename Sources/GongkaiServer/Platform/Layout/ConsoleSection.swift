import GongkaiCore

enum ConsoleSection: Sendable {
    case dashboard, requests, challenges, statistics, reports, messages, agencies, users, audit, calendar, tokens, password, reportCheck
}
