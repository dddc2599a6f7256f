import AnjieDomain
import Foundation
import PostgresNIO

extension AuditService {
    /// Events stored with a time after the server's clock (beyond `Timestamp.futureTolerance`),
    /// recorded before the engine refused them (issue 17). Each one makes every later event of its
    /// case "earlier than the previous event"; a correction of its `at` fixes it, which is what the
    /// finding says.
    public func futureTimes(county: String?, now: Date = Date()) async throws -> [Finding] {
        let limit = now.addingTimeInterval(Timestamp.futureTolerance)
        let rows = try await db.client.query("""
            SELECT county, workflow, case_no, seq, event, at FROM events
            WHERE (\(county)::text IS NULL OR county = \(county)) AND at > \(limit)
            ORDER BY county, workflow, case_no, seq
            """, logger: db.logger)
        var findings: [Finding] = []
        for try await (countyCode, workflow, number, seq, event, at) in rows.decode((String, String, String, Int, String, Date).self) {
            let command = Workflows.find(workflow)?.commandName ?? workflow
            findings.append(Finding(
                county: countyCode, workflow: workflow, caseNumber: number, seq: seq,
                zh: "事件 \(event) 的时间 \(Timestamp.format(at)) 晚于当前时间 \(Timestamp.format(now))；以更正修正："
                    + "anjie case correct \(command) \(number) --seq \(seq) --at <正确时间> --reason …",
                en: "event \(event) is dated \(Timestamp.format(at)), after now (\(Timestamp.format(now))); a correction fixes it: "
                    + "anjie case correct \(command) \(number) --seq \(seq) --at <the right time> --reason …"))
        }
        return findings
    }
}
