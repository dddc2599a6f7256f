import AnjieDomain
@testable import AnjieServer
import AnjieStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// docs/openapi.json is the API's contract: the binary serves exactly that file (its workflows and
/// events filled from the registry), and its paths and methods are exactly the router's routes
/// (scripts/schemathesis then fuzzes a live server against it).
@Suite struct OpenAPITests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func onDisk() throws -> String {
        try String(contentsOf: repoRoot.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
    }

    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(onDisk().utf8)) as? [String: Any])
    }

    /// "GET /v1/cases/{workflow}" → the statuses the document lists for it.
    static func operations() throws -> [String: Set<Int>] {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var operations: [String: Set<Int>] = [:]
        for (path, item) in paths {
            for method in methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let responses = (operation["responses"] as? [String: Any]) ?? [:]
                operations["\(method.uppercased()) \(path)"] = Set(responses.keys.compactMap { Int($0) })
            }
        }
        return operations
    }

    /// What docs/openapi.json describes: the contract's workflows (a test registers one more in this process).
    static var checkedInWorkflows: [Workflow] { Workflows.contract }

    @Test func theBinaryCarriesTheDocumentInTheRepository() throws {
        let file = try Self.onDisk()
        let served = OpenAPIDocument.json(for: Self.checkedInWorkflows)
        #expect(served == file || served + "\n" == file,
                "docs/openapi.json is not what the binary serves: run scripts/embed-openapi, build, then `anjie workflow openapi > docs/openapi.json` (see the script)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(served.utf8)) as? [String: Any])
        #expect((parsed["openapi"] as? String)?.hasPrefix("3.1") == true)
    }

    /// components.schemas.WorkflowID of a served document: its enum, labels and events.
    static func workflowSchema(_ text: String) throws -> (ids: [String], labels: [String], events: [String: [String]]) {
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let schema = try #require(((parsed["components"] as? [String: Any])?["schemas"] as? [String: Any])?["WorkflowID"] as? [String: Any])
        return (try #require(schema["enum"] as? [String]), try #require(schema["x-enum-descriptions"] as? [String]),
                try #require(schema["x-events"] as? [String: [String]]))
    }

    @Test func theWorkflowsAndTheirEventsAreTheRegistrys() throws {
        _ = RecipeProofTests.workflow  // registered first, so no registration lands between the two reads
        let registered = Workflows.ordered
        let served = try Self.workflowSchema(OpenAPIDocument.json)
        #expect(served.ids == registered.map(\.id.rawValue))
        #expect(served.labels == registered.map(\.id.label))
        #expect(served.events == Dictionary(uniqueKeysWithValues: registered.map { ($0.id.rawValue, $0.events.map(\.spec.name)) }))
        // Whatever the list, the document follows it: two workflows, in the order given.
        let two = try Self.workflowSchema(OpenAPIDocument.json(for: [try Workflows.named("legal_aid"), try Workflows.named("dispute")]))
        #expect(two.ids == ["legal_aid", "dispute"])
        #expect(Set(two.events.keys) == ["legal_aid", "dispute"])
        #expect(two.events["dispute"]?.contains("register") == true)
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() async throws {
        let documented = try Self.operations()
        #expect(!documented.isEmpty)
        try await TestDatabase.withFreshDatabase("openapi") { db, _ in
            let router = buildRouter(db: db, logger: Logger(label: "anjie.test.openapi"), metrics: nil)
            // Hummingbird lists its routes with the path in OpenAPI's own form: /v1/cases/{workflow}.
            let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            let undocumented = registered.subtracting(documented.keys).sorted()
            let unrouted = Set(documented.keys).subtracting(registered).sorted()
            #expect(undocumented.isEmpty, "routes missing from docs/openapi.json: \(undocumented)")
            #expect(unrouted.isEmpty, "docs/openapi.json documents operations the router lacks: \(unrouted)")

            // The same seen from outside: each documented operation, driven through the router, is
            // answered by a route (not "no such route") with a status the document lists for it.
            let token = try await TokenStore(db).create(county: "450222", name: "openapi-test", role: .admin, townships: []).token
            let app = Application(router: router)
            try await app.test(.router) { client in
                for (operation, statuses) in documented.sorted(by: { $0.key < $1.key }) {
                    let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                    let method = HTTPRequest.Method(rawValue: parts[0])!
                    var uri = parts[1].replacingOccurrences(of: "{workflow}", with: "mediation")
                        .replacingOccurrences(of: "{case}", with: "OPENAPI-1").replacingOccurrences(of: "{year}", with: "2025")
                    if uri == "/v1/stats/closure" { uri += "?year=2025" }
                    var headers: HTTPFields = [.authorization: "Bearer \(token)"]
                    var body: ByteBuffer?
                    if method == .post {
                        headers[.contentType] = "application/json"
                        body = ByteBuffer(string: "{}")
                    }
                    let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                    let text = String(buffer: response.body)
                    #expect(!text.contains("no such route"), "\(operation) (\(uri)) is not routed: \(text)")
                    #expect(statuses.contains(Int(response.status.code)),
                            "\(operation) (\(uri)) answered \(response.status.code), not among the documented \(statuses.sorted()): \(text)")
                    if operation == "GET /openapi.json" {
                        #expect(text == OpenAPIDocument.json)
                    }
                }
            }
        }
    }
}
