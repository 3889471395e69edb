import GongkaiCore

enum ConsoleSection: Sendable {
    case dashboard, requests, challenges, statistics, agencies, users, audit, calendar, tokens, password, reportCheck
    // proactive disclosure (issue #11)
    case publications, topicColumns, catalogue
}
