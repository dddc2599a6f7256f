import AnjieDomain
import Crypto
import Foundation

/// The hash chain of a case's events (migration 006).
public enum EventChain {
    /// SHA-256 of the previous hash (empty for the first event) and the canonical event.
    public static func hash(previous: [UInt8]?, county: String, workflow: String, caseNumber: String, seq: Int,
                            event: String, at: Date, actor: String, data: EventData) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous ?? [])
        hasher.update(data: CanonicalEvent.bytes(county: county, workflow: workflow, caseNumber: caseNumber, seq: seq,
                                                 event: event, at: at, actor: actor, data: data))
        return Array(hasher.finalize())
    }

    /// The same, given the data already encoded by `CanonicalEvent.dataJSON`.
    public static func hash(previous: [UInt8]?, county: String, workflow: String, caseNumber: String, seq: Int,
                            event: String, at: Date, actor: String, dataJSON: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous ?? [])
        hasher.update(data: CanonicalEvent.bytes(county: county, workflow: workflow, caseNumber: caseNumber, seq: seq,
                                                 event: event, at: at, actor: actor, dataJSON: dataJSON))
        return Array(hasher.finalize())
    }
}
