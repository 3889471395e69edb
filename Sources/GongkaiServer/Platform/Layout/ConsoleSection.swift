import GongkaiCore

enum ConsoleSection: Sendable {
    case dashboard, requests, reviews, statistics, agencies, users, audit, calendar, tokens, password, reportCheck
}
