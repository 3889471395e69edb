import GongkaiCore

enum ConsoleSection: Sendable {
    case dashboard, requests, challenges, statistics, reports, agencies, users, audit, calendar, tokens, password, reportCheck
}
