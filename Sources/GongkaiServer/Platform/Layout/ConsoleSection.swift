import GongkaiCore

enum ConsoleSection: Sendable {
    case dashboard, requests, challenges, statistics, reports, messages, agencies, users, audit, calendar, tokens, sessions, password, reportCheck
    case secondFactor, personalData  // #14
    // proactive disclosure (issue #11)
    case publications, topicColumns, catalogue
}
