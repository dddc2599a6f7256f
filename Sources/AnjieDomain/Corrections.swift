import Foundation

/// 更正 (DOMAIN.md, Corrections): the log is append-only, so a mistake is fixed by a `correct` event
/// — allowed in every workflow and every state — naming the event it corrects (`seq`), why, and one
/// change: a new time, replacement values for named fields, or `void` (recorded in error, e.g. on
/// the wrong case). State, deadlines and figures come from the history with its corrections
/// applied; the corrected event itself stays as it was, so the hash chain is intact.
public struct Correction: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case at(Date)
        case data(EventData)
        case void
    }

    /// The event name every workflow accepts. Not part of any `…Rules` type: corrections are the
    /// engine's, the same for all workflows.
    public static let event = "correct"
    public static let label = "更正"
    /// Who may correct: whoever may record the corrected event, within this many days of it; a
    /// supervisor (or admin) at any time.
    public static let recorderWindowDays = 30

    public let seq: Int
    public let reason: String
    public let change: Change

    public init(seq: Int, reason: String, change: Change) {
        self.seq = seq
        self.reason = reason
        self.change = change
    }

    /// Why a caller may not correct an event.
    public enum Refusal: Error, Sendable, Equatable {
        /// The caller's role may not record the corrected event at all.
        case notARecorder
        /// The event is older than `recorderWindowDays`: only a supervisor may correct it now.
        case tooOld(DomainError)
    }

    /// Who may correct `target` (DOMAIN.md): whoever may record the corrected event, within
    /// `recorderWindowDays` of it; a supervisor or an admin at any time; no role (the bureau itself,
    /// as the CLI writes) always. Nil: allowed.
    public static func refusal(toCorrect target: LoggedEvent, in workflow: Workflow, role: Role?, at: Date) -> Refusal? {
        guard let role, role != .supervisor, role != .admin else { return nil }
        guard workflow.recorders(of: target.event).contains(role) else { return .notARecorder }
        guard at.timeIntervalSince(target.at) <= Double(recorderWindowDays) * 86_400 else {
            return .tooOld(DomainError.guardFailed(
                "事件 \(target.seq)（\(target.event)）记录已逾\(recorderWindowDays)日，只能由督办人员（supervisor）更正",
                "event \(target.seq) (\(target.event)) is more than \(recorderWindowDays) days old: only a supervisor may correct it"))
        }
        return nil
    }

    /// Whether an event name (as typed: id, any case, or the Chinese label) is a correction.
    public static func isCorrection(_ name: String) -> Bool {
        name.trimmingWhitespace().lowercased() == event || name.trimmingWhitespace() == label
    }

    /// Fields a `correct` event's data may hold.
    public static let fields = ["seq", "reason", "at", "data", "void", "note"]

    /// Reads the data of a `correct` event, refusing anything but exactly one change.
    public init(data: EventData) throws {
        var problems: [FieldProblem] = []
        let unknown = data.keys.filter { !Self.fields.contains($0) }.sorted()
        for field in unknown {
            problems.append(FieldProblem(field: field, rule: "unknown",
                                         zh: "更正事件没有此字段；可用：\(Self.fields.joined(separator: ", "))",
                                         en: "a correction has no such field; fields: \(Self.fields.joined(separator: ", "))"))
        }
        let seq = data["seq"]?.numberValue.flatMap { $0 >= 1 && $0 == $0.rounded() ? Int($0) : nil }
            ?? data["seq"]?.stringValue.flatMap { Int($0) }.flatMap { $0 >= 1 ? $0 : nil }
        if seq == nil {
            problems.append(FieldProblem(field: "seq", rule: "required", zh: "须填写被更正事件的序号（≥1 的整数）",
                                         en: "the corrected event's sequence number (an integer ≥ 1) is required"))
        }
        let reason = data["reason"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if reason.isEmpty {
            problems.append(FieldProblem(field: "reason", rule: "required", zh: "须说明更正理由", en: "a reason is required"))
        }
        var changes: [Change] = []
        if let text = data["at"] {
            if let parsed = text.stringValue.flatMap(Timestamp.parse) {
                changes.append(.at(parsed))
            } else {
                problems.append(FieldProblem(field: "at", rule: "format", zh: "时间格式应为 2025-03-02T09:30:00+08:00 或 2025-03-02 09:30",
                                             en: "a time is RFC 3339 (2025-03-02T09:30:00+08:00) or 2025-03-02 09:30"))
            }
        }
        if let value = data["data"] {
            if let object = value.objectValue, !object.isEmpty {
                changes.append(.data(object))
            } else {
                problems.append(FieldProblem(field: "data", rule: "format", zh: "data 应为包含被更正字段的对象",
                                             en: "data is an object of the fields to replace"))
            }
        }
        if let void = data["void"] {
            if void.boolValue == true {
                changes.append(.void)
            } else {
                problems.append(FieldProblem(field: "void", rule: "format", zh: "void 只能为 true", en: "void can only be true"))
            }
        }
        if changes.count != 1, problems.isEmpty {
            problems.append(FieldProblem(field: "at|data|void", rule: "one-change",
                                         zh: "一次更正须且只能给出 at（新时间）、data（更正的字段）或 void（作废）之一",
                                         en: "a correction gives exactly one of at (a new time), data (fields to replace) or void"))
        }
        guard problems.isEmpty, let seq, let change = changes.first else { throw DomainError.invalidData(problems) }
        self.init(seq: seq, reason: reason, change: change)
    }

    /// The canonical data of the `correct` event, as stored and exported.
    public var eventData: EventData {
        var data: EventData = ["seq": .number(Double(seq)), "reason": .string(reason)]
        switch change {
        case .at(let at): data["at"] = .string(Timestamp.format(at))
        case .data(let values): data["data"] = .object(values)
        case .void: data["void"] = .bool(true)
        }
        return data
    }
}

/// An event as stored in a case's log (a `correct` event included), in the clear.
public struct LoggedEvent: Sendable, Equatable {
    public let seq: Int
    public let event: String
    public let at: Date
    public let actor: String
    public let data: EventData

    public init(seq: Int, event: String, at: Date, actor: String, data: EventData) {
        self.seq = seq
        self.event = event
        self.at = at
        self.actor = actor
        self.data = data
    }
}

/// One event of the history with its corrections applied.
public struct EffectiveEvent: Sendable, Equatable {
    public let seq: Int
    public let event: String
    public let at: Date
    public let data: EventData
    /// The corrections that changed it, oldest first (nil-free: a voided event is left out).
    public let corrections: [Int]
}

/// A case as the fold of its corrected history: what the cases row stores.
public struct Refold: Sendable {
    public let state: String
    public let context: JSONValue
    public let outcome: String?
    public let closedAt: Date?
    public let openedAt: Date
    public let lastEventAt: Date
    public let facts: CaseFacts?
    public let effective: [EffectiveEvent]
    /// The events' data as the rules normalised them, by seq (what a data correction stores).
    public let normalized: [Int: EventData]
}

/// What all the corrections of one event add up to: the latest time, the fields replaced (a later
/// correction wins, field by field) and whether it was voided — what `event_corrections` stores.
public struct NetCorrection: Sendable, Equatable {
    public var at: Date?
    public var data: EventData?
    public var void = false
    /// The `correct` events that made it, oldest first.
    public var by: [Int] = []

    public init() {}

    /// The net correction of every corrected event of a log, by the corrected event's seq.
    public static func of(_ events: [LoggedEvent]) throws -> [Int: NetCorrection] {
        var net: [Int: NetCorrection] = [:]
        for event in events where event.event == Correction.event {
            let correction = try Correction(data: event.data)
            net[correction.seq, default: NetCorrection()].by.append(event.seq)
            switch correction.change {
            case .at(let time): net[correction.seq]!.at = time
            case .data(let values): net[correction.seq]!.data = (net[correction.seq]!.data ?? [:]).merging(values) { $1 }
            case .void: net[correction.seq]!.void = true
            }
        }
        return net
    }
}

extension Workflow {
    /// The events that count, in order: corrections applied (`NetCorrection`), voided events and the
    /// `correct` events themselves left out.
    public func effectiveHistory(_ events: [LoggedEvent]) throws -> [EffectiveEvent] {
        let net = try NetCorrection.of(events)
        return events.filter { $0.event != Correction.event && net[$0.seq]?.void != true }.map { event in
            let correction = net[event.seq]
            return EffectiveEvent(seq: event.seq, event: event.event, at: correction?.at ?? event.at,
                                  data: event.data.merging(correction?.data ?? [:]) { $1 }, corrections: correction?.by ?? [])
        }
    }

    /// Replays the corrected history through the rules, every guard checked again. A refusal names
    /// the event (by its sequence number) that the corrected history no longer allows.
    public func refold(_ events: [LoggedEvent]) throws -> Refold {
        let effective = try effectiveHistory(events)
        guard let first = effective.first else {
            throw DomainError.guardFailed("更正后本案没有任何有效事件", "after the correction the case has no event left")
        }
        var snapshot: CaseSnapshot?
        var outcome: String?, closedAt: Date?, facts: CaseFacts?
        var normalized: [Int: EventData] = [:]
        for event in effective {
            let decision: Decision
            do {
                decision = try decide(snapshot, event: event.event, data: event.data, at: event.at)
            } catch let error as DomainError {
                throw DomainError(code: error.code,
                                  zh: "更正后的记录不符合流程规则（第\(event.seq)个事件 \(event.event)）：\(error.zh)",
                                  en: "the corrected history breaks a rule at event \(event.seq) (\(event.event)): \(error.en)",
                                  fields: error.fields)
            }
            if snapshot == nil { facts = decision.facts }
            switch decision.outcome {
            case .keep: break
            case .clear: outcome = nil
            case .set(let value): outcome = value
            }
            closedAt = decision.closes ? (closedAt ?? event.at) : nil
            normalized[event.seq] = decision.data
            snapshot = CaseSnapshot(state: decision.to, version: event.seq, lastEventAt: event.at, context: decision.context)
        }
        return Refold(state: snapshot!.state, context: snapshot!.context, outcome: outcome, closedAt: closedAt,
                      openedAt: first.at, lastEventAt: snapshot!.lastEventAt, facts: facts, effective: effective,
                      normalized: normalized)
    }

    /// Decides a `correct` event against the case's full history (in the clear): the target exists
    /// and is not itself a correction, a new time keeps the event's place, replaced fields are the
    /// event's own, and the corrected history still obeys every rule. Returns the canonical data to
    /// store and the case as it then stands.
    public func decideCorrection(_ history: [LoggedEvent], data: EventData, at: Date) throws -> (data: EventData, refold: Refold) {
        let correction = try Correction(data: data)
        guard let target = history.first(where: { $0.seq == correction.seq }) else {
            throw DomainError.invalidInput("本案没有第\(correction.seq)个事件（共\(history.count)个）",
                                           "the case has no event \(correction.seq) (it has \(history.count))")
        }
        guard target.event != Correction.event else {
            throw DomainError.invalidInput("不能更正一次更正；请再次更正原事件",
                                           "a correction cannot be corrected; correct the original event again")
        }
        let before = try effectiveHistory(history)
        guard let current = before.first(where: { $0.seq == correction.seq }) else {
            throw DomainError.invalidInput("第\(correction.seq)个事件已作废", "event \(correction.seq) is already void")
        }
        switch correction.change {
        case .at(let time):
            if let index = before.firstIndex(where: { $0.seq == correction.seq }) {
                if index > 0, time < before[index - 1].at {
                    throw DomainError.guardFailed(
                        "更正后的时间 \(Timestamp.format(time)) 早于前一事件（\(Timestamp.format(before[index - 1].at))）",
                        "the corrected time \(Timestamp.format(time)) is before the previous event (\(Timestamp.format(before[index - 1].at)))")
                }
                if index + 1 < before.count, time > before[index + 1].at {
                    throw DomainError.guardFailed(
                        "更正后的时间 \(Timestamp.format(time)) 晚于后一事件（\(Timestamp.format(before[index + 1].at))）",
                        "the corrected time \(Timestamp.format(time)) is after the next event (\(Timestamp.format(before[index + 1].at)))")
                }
            }
        case .data(let values):
            let spec = event(named: current.event)?.spec
            let allowed = (spec?.fields.map(\.name) ?? []) + ["note"]
            let unknown = values.keys.filter { !allowed.contains($0) }.sorted()
            if !unknown.isEmpty {
                throw DomainError.invalidData(unknown.map {
                    FieldProblem(field: "data.\($0)", rule: "unknown",
                                 zh: "事件 \(current.event) 没有此字段；可更正：\(allowed.joined(separator: ", "))",
                                 en: "event \(current.event) has no such field; fields: \(allowed.joined(separator: ", "))")
                })
            }
            if values.keys.contains("parties") {
                throw DomainError.invalidInput("当事人信息不能以更正替换；请作废该事件后重新记录",
                                               "parties cannot be replaced by a correction; void the event and record it again")
            }
        case .void:
            if before.first?.seq == correction.seq {
                throw DomainError.invalidInput("开案事件不能作废（本案将没有事件）；整案登记错误请结案并说明原因",
                                               "the opening event cannot be voided (the case would have none); close the case with a reason instead")
            }
        }
        let stored = LoggedEvent(seq: (history.last?.seq ?? 0) + 1, event: Correction.event, at: at, actor: "",
                                   data: correction.eventData)
        let refold = try self.refold(history + [stored])
        // A data correction stores the values as the rules normalised them (ids, not labels).
        var canonical = correction.eventData
        if case .data(let values) = correction.change, let normalized = refold.normalized[correction.seq] {
            canonical["data"] = .object(normalized.filter { values.keys.contains($0.key) })
        }
        return (canonical, refold)
    }
}


/// A correction as every view shows it beside the event it corrects: who, when, why, and what.
public struct CorrectionNote: Sendable, Equatable {
    /// The `correct` event's own sequence number.
    public let seq: Int
    public let actor: String
    public let at: Date
    public let reason: String
    public let change: Correction.Change

    /// "时间改为 2026-03-01 10:00" / "amount 改为 12000" / "作废": what changed, in the clerk's words.
    public var summaryZH: String {
        switch change {
        case .at(let time): return "时间改为 \(Timestamp.format(time))"
        case .data(let values):
            return values.keys.sorted().map { "\($0) 改为 \(values[$0]!.display)" }.joined(separator: "，")
        case .void: return "作废"
        }
    }

    public var summaryEN: String {
        switch change {
        case .at(let time): return "time set to \(Timestamp.format(time))"
        case .data(let values): return values.keys.sorted().map { "\($0) set to \(values[$0]!.display)" }.joined(separator: ", ")
        case .void: return "voided"
        }
    }

    /// The corrections of each event of a log, by the corrected event's sequence number.
    public static func byCorrectedEvent(_ events: [LoggedEvent]) -> [Int: [CorrectionNote]] {
        var notes: [Int: [CorrectionNote]] = [:]
        for event in events where event.event == Correction.event {
            guard let correction = try? Correction(data: event.data) else { continue }
            notes[correction.seq, default: []].append(CorrectionNote(seq: event.seq, actor: event.actor, at: event.at,
                                                                      reason: correction.reason, change: correction.change))
        }
        return notes
    }
}
