import AnjieDomain
import Foundation

/// The JSON shapes of cases, clocks and reports, shared by the CLI (`--format json`) and the HTTP
/// API so the two can never drift. Personal data is masked unless `revealPersonalData`.
public enum RecordJSON {
    public static func summary(_ summary: CaseSummary) -> [String: JSONValue] {
        let workflow = Workflows[summary.workflow]
        return [
            "county": .string(summary.county),
            "workflow": .string(summary.workflow.rawValue),
            "case": .string(summary.caseNumber),
            "state": .string(summary.state),
            "state_label": .string(workflow?.stateLabel(summary.state) ?? summary.state),
            "version": .number(Double(summary.version)),
            "outcome": summary.outcome.map(JSONValue.string) ?? .null,
            "township": summary.township.map(JSONValue.string) ?? .null,
            "opened_at": .string(Timestamp.format(summary.openedAt)),
            "closed_at": summary.closedAt.map { .string(Timestamp.format($0)) } ?? .null,
            "last_event_at": .string(Timestamp.format(summary.lastEventAt)),
        ]
    }

    static func data(_ data: EventData, reveal: Bool) -> JSONValue {
        .object(reveal ? data : Masking.mask(data))
    }

    public static func detail(_ detail: CaseDetail, clocks: [Clock] = [], today: LocalDate? = nil, reveal: Bool = false) -> JSONValue {
        var object = summary(detail.summary)
        // Every event as recorded; a corrected one carries its corrections (who, when, why, what).
        let notes = CorrectionNote.byCorrectedEvent(detail.events.map(\.logged))
        object["events"] = .array(detail.events.map { event in
            var row: [String: JSONValue] = [
                "seq": .number(Double(event.seq)),
                "event": .string(event.event),
                "at": .string(Timestamp.format(event.at)),
                "actor": .string(event.actor),
                "data": data(event.data, reveal: reveal),
            ]
            if let corrections = notes[event.seq] {
                row["corrected_by"] = .array(corrections.map { note in
                    .object(["seq": .number(Double(note.seq)), "at": .string(Timestamp.format(note.at)), "actor": .string(note.actor),
                             "reason": .string(note.reason), "change_zh": .string(note.summaryZH), "change_en": .string(note.summaryEN)])
                })
                row["void"] = .bool(corrections.contains { $0.change == .void })
            }
            return .object(row)
        })
        object["allowed_events"] = .array(detail.allowedEvents.map(JSONValue.string))
        if let today { object["clocks"] = .array(clocks.map { clock($0, today: today) }) }
        return .object(object)
    }

    public static func recorded(_ recorded: RecordedEvent, reveal: Bool = false) -> JSONValue {
        var object = summary(recorded.summary)
        object["seq"] = .number(Double(recorded.seq))
        object["event"] = .string(recorded.decision.event)
        object["data"] = data(recorded.decision.data, reveal: reveal)
        object["allowed_events"] = .array(recorded.allowedEvents.map(JSONValue.string))
        object["warnings"] = .array(recorded.decision.warnings.map { warning in
            .object(["code": .string(warning.code), "zh": .string(warning.zh), "en": .string(warning.en)])
        })
        return .object(object)
    }

    public static func clock(_ clock: Clock, today: LocalDate) -> JSONValue {
        .object([
            "clock": .string(clock.id), "label": .string(clock.zh), "start": .string(clock.start.description),
            "length": .number(Double(clock.length)), "unit": .string(clock.unit.rawValue), "due": .string(clock.due.description),
            "status": .string(clock.status(on: today).rawValue), "overdue_days": .number(Double(clock.overdueDays(on: today))),
            "stopped": clock.stoppedAt.map { .string($0.description) } ?? .null,
            "explanation": .string(clock.explanation), "lapse": clock.lapse.map(JSONValue.string) ?? .null,
        ])
    }

    public static func deadline(_ entry: DeadlineService.Entry, today: LocalDate) -> JSONValue {
        .object([
            "workflow": .string(entry.workflow.rawValue), "case": .string(entry.caseNumber),
            "township": entry.township.map(JSONValue.string) ?? .null, "clock": .string(entry.clock.id),
            "label": .string(entry.clock.zh), "start": .string(entry.clock.start.description),
            "due": .string(entry.clock.due.description), "status": .string(entry.clock.status(on: today).rawValue),
            "overdue_days": .number(Double(entry.clock.overdueDays(on: today))),
            "explanation": .string(entry.clock.explanation), "lapse": entry.clock.lapse.map(JSONValue.string) ?? .null,
            "kind": .string(entry.clock.kind.rawValue), "kind_label": .string(entry.clock.kind.zh),
        ])
    }

    public static func report(_ report: ReportService.Report) -> JSONValue {
        .object([
            "county": .string(report.county),
            "year": .number(Double(report.year)),
            "township": report.township.map(JSONValue.string) ?? .null,
            "indicators": .array(report.results.map { result in
                var object: [String: JSONValue] = [
                    "id": .string(result.indicator.id),
                    "label": .string(result.indicator.label),
                    "unit": .string(result.indicator.unit),
                    "value": result.value.map(JSONValue.number) ?? .null,
                    "numerator": result.counts.map { .number($0.numerator) } ?? .null,
                    "denominator": result.counts?.denominator.map(JSONValue.number) ?? .null,
                    "published": result.indicator.published.map { .number($0.number) } ?? .null,
                    "matches": result.matches.map(JSONValue.bool) ?? .null,
                ]
                if let published = result.indicator.published { object["published_text"] = .string(published.text) }
                if let note = result.note { object["note"] = .string(note) }
                return .object(object)
            }),
        ])
    }

    public static func closure(_ row: ClosureStatistics.Row) -> JSONValue {
        .object(["group": .string(row.group), "received": .number(Double(row.received)),
                 "concluded": .number(Double(row.concluded)), "closure_rate": row.rate.map(JSONValue.number) ?? .null,
                 "median_days": row.medianDays.map { .number(($0 * 10).rounded() / 10) } ?? .null])
    }

    public static func workflow(_ workflow: Workflow) -> JSONValue {
        .object([
            "workflow": .string(workflow.id.rawValue),
            "label": .string(workflow.id.label),
            "states": .array(workflow.states.map { state in
                .object(["id": .string(state.id), "label": .string(state.zh), "closed": .bool(state.closed),
                         "allowed_events": .array(workflow.allowedEvents(in: state.id).map(JSONValue.string))])
            }),
            "events": .array(workflow.events.map { info in
                .object(["id": .string(info.spec.name), "label": .string(info.spec.zh),
                         "from": .array(info.from.map { $0.map(JSONValue.string) ?? .null }),
                         "to": info.to.map(JSONValue.string) ?? .null,
                         "fields": .array(info.spec.fields.map { field in
                             .object(["name": .string(field.name), "label": .string(field.zh), "required": .bool(field.required)])
                         })])
            }),
            "mermaid": .string(WorkflowDiagram.mermaid(workflow)),
        ])
    }

    /// Sorted keys: key order otherwise changes between processes on Linux.
    public static func encode(_ value: JSONValue, pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
