import Foundation
import GongkaiCore
import NIOCore
import Testing
import Vapor
import VaporTesting

/// A browser for tests: keeps cookies, finds the CSRF token in the last page, submits forms.
final class TestClient: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var csrfToken: String?
    var bearer: String?
    /// Headers sent with every request (a proxy's `X-Forwarded-For`, naming the client).
    var extraHeaders = HTTPHeaders()
    /// In memory: the client's socket address the app sees (none by default), so tests can send
    /// from many addresses at once through the whole middleware chain.
    var remoteAddress: SocketAddress?

    /// How requests reach the app: in memory, or over a real socket (for streaming bodies).
    let method: Application.Method

    init(_ app: Application, method: Application.Method = .inMemory) {
        self.app = app
        self.method = method
    }

    struct Page {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let body: String

        var location: String? { headers.first(name: .location) }

        func json<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONCoding.decoder().decode(T.self, from: Data(body.utf8))
        }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> Page {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form as a browser does, with the CSRF token of the last page unless told otherwise.
    @discardableResult
    func post(_ path: String, form: [(String, String)] = [], csrf: Bool = true) async throws -> Page {
        var fields = form
        if csrf, let token = csrfToken { fields.append(("_csrf", token)) }
        let encoded = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: encoded))
    }

    /// A JSON API call with the bearer token.
    @discardableResult
    func api(_ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, rawBody: String? = nil, contentType: HTTPMediaType? = nil) async throws -> Page {
        var headers = HTTPHeaders()
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONCoding.encoder().encode(json))
        } else if let rawBody {
            headers.contentType = contentType ?? .plainText
            body = ByteBuffer(string: rawBody)
        }
        return try await send(method, path, headers: headers, body: body)
    }

    /// Signs in through the login form; returns the page after the redirect.
    @discardableResult
    func signIn(_ username: String, _ password: String) async throws -> Page {
        try await get("/login")
        let response = try await post("/login", form: [("username", username), ("password", password)])
        #expect(response.status == .seeOther, "sign-in of \(username) failed: \(response.status) \(response.body.prefix(300))")
        return try await get(response.location ?? "/console")
    }

    /// The sign-in answer itself (its cookies and redirect), not the page after it.
    func signInResponse(_ username: String, _ password: String) async throws -> Page {
        try await get("/login")
        return try await post("/login", form: [("username", username), ("password", password)])
    }

    /// A cookie as an attacker on a sibling site might plant it.
    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    func sendRaw(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> Page {
        try await send(method, path, headers: headers, body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        for (name, value) in extraHeaders where !headers.contains(name: name) { headers.add(name: name, value: value) }
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let request = TestingHTTPRequest(method: method, url: URI(path: path), headers: headers,
                                         body: body ?? ByteBufferAllocator().buffer(capacity: 0))
        let response: (status: HTTPStatus, headers: HTTPHeaders, body: ByteBuffer)
        if let remoteAddress, case .inMemory = self.method {
            // What VaporTesting's in-memory tester does, with a socket address.
            var inHeaders = request.headers
            inHeaders.replaceOrAdd(name: .contentLength, value: request.body.readableBytes.description)
            try await app.asyncBoot()
            let vaporRequest = Request(
                application: app, method: request.method, url: request.url, headers: inHeaders,
                collectedBody: request.body.readableBytes == 0 ? nil : request.body, remoteAddress: remoteAddress,
                logger: app.logger, on: app.eventLoopGroup.next())
            let res = try await app.responder.respond(to: vaporRequest).get()
            let body = try await res.body.collect(on: vaporRequest.eventLoop).get() ?? ByteBufferAllocator().buffer(capacity: 0)
            response = (res.status, res.headers, body)
        } else {
            let tested = try await app.testing(method: self.method).performTest(request: request)
            response = (tested.status, tested.headers, tested.body)
        }
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            let name = String(parts[0]), value = parts.count > 1 ? String(parts[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") || header.lowercased().contains("expires=thu, 01 jan 1970") {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
        let text = response.body.getString(at: response.body.readerIndex, length: response.body.readableBytes) ?? ""
        if let token = Self.csrfField(in: text) { csrfToken = token }
        return Page(status: response.status, headers: response.headers, body: text)
    }

    static func csrfField(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

extension TestClient {
    /// Posts a multipart form (file uploads), with the CSRF token of the last page.
    @discardableResult
    func postMultipart(_ path: String, fields: [(String, String)], files: [(field: String, filename: String, content: String)] = []) async throws -> Page {
        let boundary = "gongkai-test-boundary"
        var body = ""
        for (name, value) in (csrfToken.map { [("_csrf", $0)] } ?? []) + fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for file in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\(file.content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await sendRaw(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }
}
