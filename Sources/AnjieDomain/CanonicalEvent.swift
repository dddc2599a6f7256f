import Foundation

/// The canonical encoding of an event for its tamper-evidence hash: every field that makes the
/// record evidence, in a fixed order, data keys sorted, the time in milliseconds of UTC. The same
/// bytes are produced when writing and when verifying, whatever JSON formatting the database uses.
public enum CanonicalEvent {
    public static func bytes(county: String, workflow: String, caseNumber: String, seq: Int, event: String,
                             at: Date, actor: String, data: EventData) -> [UInt8] {
        bytes(county: county, workflow: workflow, caseNumber: caseNumber, seq: seq, event: event, at: at, actor: actor,
              dataJSON: dataJSON(data))
    }

    /// The data as the hash covers it: JSON with sorted keys. The store writes the same text into
    /// `events.data`, so one encoding serves both.
    public static func dataJSON(_ data: EventData) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(JSONValue.object(data))) ?? Data("{}".utf8))
    }

    public static func bytes(county: String, workflow: String, caseNumber: String, seq: Int, event: String,
                             at: Date, actor: String, dataJSON: [UInt8]) -> [UInt8] {
        let millis = Int64((at.timeIntervalSince1970 * 1000).rounded())
        var out: [UInt8] = []
        for field in [county, workflow, caseNumber, String(seq), event, String(millis), actor] {
            out += Array(field.utf8)
            out.append(0x1F)  // unit separator: no field can contain it (all are validated text)
        }
        out += dataJSON
        return out
    }
}
