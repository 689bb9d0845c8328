import FlyingFox
import FlyingSocks
import Foundation
import Reports

/// The what-if page's HTTP server (`callsim serve`): the page at `/`, the API under `/api/`.
/// Built on FlyingFox (docs/what-if.md says why): a small server on Swift concurrency with no
/// dependencies of its own. A bad request answers 400 `{"error": "field: …"}` and the server goes on.
public struct WhatIfServer: Sendable {
    public let service: WhatIfService
    let server: HTTPServer

    /// The largest request body read: a national request with every centre by hour is ~10 kB.
    static let maximumBody = 1 << 20

    /// How long an answer may take, its turn included, before FlyingFox gives up with an empty 500:
    /// a run within `run`'s work limits, behind others asked at once on a busy machine (its 15 s
    /// default cut answers short when 24 asks queued on two loaded cores).
    static let longestAnswer: TimeInterval = 600

    /// A server for `service` on `host`:`port` (port 0: a free port, see `port()`).
    public init(service: WhatIfService, host: String = "127.0.0.1", port: UInt16) throws {
        self.service = service
        let address: any SocketAddress = host.contains(":")
            ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
        server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: Self.longestAnswer, logger: .disabled))
    }

    /// Serves until cancelled or stopped.
    public func run() async throws {
        let page = WhatIfPage.page(title: service.base.name)
        let service = self.service
        await server.appendRoute("GET /") { _ in Self.answer(page, type: "text/html; charset=utf-8") }
        await server.appendRoute("GET /api/scenario") { _ in Self.answer(service.scenarioDocument()) }
        await server.appendRoute("POST /api/run") { request in
            await Self.respond(request) { try await service.document($0) }
        }
        await server.appendRoute("POST /api/estimate") { request in
            await Self.respond(request) { try await service.estimate($0) }
        }
        await server.appendRoute("POST /api/view") { request in
            await Self.respond(request) { try await service.view($0) }
        }
        try await server.run()
    }

    /// Waits until the server listens, and gives its port.
    public func port() async throws -> UInt16 {
        try await server.waitUntilListening()
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: return port
        default: throw WhatIfError(field: "--port", message: "the server does not listen")
        }
    }

    /// Stops listening and lets the requests under way finish (a second at most).
    public func stop() async { await server.stop(timeout: 1) }

    /// Reads the request, answers `work`'s text, or 400 naming the field that is wrong.
    static func respond(_ request: HTTPRequest, _ work: @Sendable (WhatIfRequest) async throws -> String) async -> HTTPResponse {
        do {
            let body = try await request.bodyData
            guard body.count <= maximumBody else {
                throw WhatIfError(field: "<body>", message: "larger than \(maximumBody) bytes")
            }
            return answer(try await work(WhatIfRequest(json: body)))
        } catch let error as WhatIfError {
            return answer(Reports.JSON.object([("error", .string(error.description)), ("field", .string(error.field))]).text(), status: .badRequest)
        } catch {
            return answer(Reports.JSON.object([("error", .string("internal error: \(error)"))]).text(), status: .internalServerError)
        }
    }

    static func answer(_ text: String, type: String = "application/json", status: HTTPStatusCode = .ok) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"], body: Data(text.utf8))
    }
}
