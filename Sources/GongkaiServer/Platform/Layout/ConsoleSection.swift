import GongkaiCore

enum ConsoleSection: Sendable {
    case dashboard, requests, challenges, statistics, reports, messages, agencies, users, audit, calendar, tokens, sessions, password, reportCheck
    // proactive disclosure (issue #11)
    case publications, topicColumns, catalogue
}
