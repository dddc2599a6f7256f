import AnjieDomain
import Foundation

/// The API's OpenAPI document as served: the checked-in text (docs/openapi.json, embedded by
/// scripts/embed-openapi) with whatever names a workflow or an event taken from the registry
/// when it is asked for, so a workflow registered at run time is documented like the others.
///
/// From the registry, in `components.schemas.WorkflowID`:
/// - `enum`: the workflow ids, in registry order (every `{workflow}` path parameter refers to it);
/// - `x-enum-descriptions`: their Chinese labels, in the same order;
/// - `x-events`: for each id, the event names its cases accept (`POST …/events`), in the rules'
///   order. JSON Schema cannot tie an event to the path's workflow, so this stays informative;
///   the requests' `event` remains a string and the server refuses an event of another workflow.
///
/// docs/openapi.json is this document for the built-in workflows (`anjie workflow openapi`); a test
/// fails when the two differ.
extension OpenAPIDocument {
    /// The served document for the workflows registered now.
    public static var json: String {
        json(for: Workflows.ordered)
    }

    /// The document for the given workflows, as `json` renders it; keys sorted, two-space indents.
    public static func json(for workflows: [Workflow]) -> String {
        SortedJSON.render(document(for: workflows))
    }

    static func document(for workflows: [Workflow]) -> JSONValue {
        guard case .object(var root) = checkedInDocument,
              case .object(var components)? = root["components"],
              case .object(var schemas)? = components["schemas"],
              case .object(var workflowID)? = schemas["WorkflowID"]
        else {
            // The embedded text is checked by a test; a document without the schema is a build mistake.
            preconditionFailure("docs/openapi.json lacks components.schemas.WorkflowID")
        }
        workflowID["enum"] = .array(workflows.map { .string($0.id.rawValue) })
        workflowID["x-enum-descriptions"] = .array(workflows.map { .string($0.id.label) })
        workflowID["x-events"] = .object(Dictionary(uniqueKeysWithValues: workflows.map { workflow in
            (workflow.id.rawValue, JSONValue.array(workflow.events.map { .string($0.spec.name) }))
        }))
        schemas["WorkflowID"] = .object(workflowID)
        components["schemas"] = .object(schemas)
        root["components"] = .object(components)
        return .object(root)
    }

    /// The embedded text, parsed once.
    static let checkedInDocument: JSONValue = {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(checkedIn.utf8))
        } catch {
            preconditionFailure("the embedded docs/openapi.json is not JSON: \(error)")
        }
    }()
}
