import Foundation

/// A generated corpus of malformed interchange lines: every shape of garbage a file, a script or a
/// hostile client might send. Each entry must be refused cleanly, on every entry path.
enum BadInputCorpus {
    nonisolated(unsafe) static let base: [String: Any] = [
        "county": "450222", "workflow": "dispute", "case": "BAD-1", "event": "register", "at": "2025-03-02T09:30:00+08:00",
        "data": ["channel": "walk_in", "category": "neighbour", "township": "大埔镇", "summary": "x",
                 "parties": [["role": "applicant", "name": "张三"]]],
    ]

    static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func with(_ path: [String], _ value: Any?) -> String {
        var object = base
        if path.count == 1 {
            object[path[0]] = value
        } else {
            var data = object["data"] as! [String: Any]
            data[path[1]] = value
            object["data"] = data
        }
        return json(object)
    }

    /// Lines as raw bytes (some are not valid UTF-8), each with its own case number (BAD-n) so each
    /// is judged on its own and not skipped behind an earlier bad line of the same case.
    static func lines() -> [[UInt8]] {
        raw().enumerated().map { index, line in
            guard let text = String(validating: line, as: UTF8.self), text.contains("\"case\":\"BAD-1\"") else { return line }
            return Array(text.replacingOccurrences(of: "\"case\":\"BAD-1\"", with: "\"case\":\"BAD-\(index + 1)\"").utf8)
        }
    }

    static func raw() -> [[UInt8]] {
        var out: [[UInt8]] = []
        let valid = json(base)
        // Truncated JSON at every 7th cut.
        for cut in stride(from: 1, to: valid.utf8.count - 1, by: 7) { out.append(Array(valid.utf8.prefix(cut))) }
        // Wrong types for every top-level field.
        for key in ["county", "workflow", "case", "event", "at", "actor", "data"] {
            for value: Any in [42, true, NSNull(), [1, 2], ["x": 1], ""] where !(key == "actor" && value is NSNull) {
                out.append(Array(with([key], value).utf8))
            }
        }
        // Wrong types and unknown values inside data.
        for field in ["channel", "category", "township", "summary", "parties", "amount", "people_involved"] {
            for value: Any in [42, -1, "不存在的值", ["a"], ["k": "v"], 1e300, NSNull()] {
                let line = with(["data", field], value)
                // A valid amount or count, and null for an optional field (null means absent), are not bad input.
                if ["amount", "people_involved"].contains(field) && ((value as? Int) == 42 || value is NSNull) { continue }
                // Text fields take numbers as text (a clerk's "3" for a township code is kept as "3").
                if ["township", "summary"].contains(field) && (value is String || value is Int || value is Double) { continue }
                out.append(Array(line.utf8))
            }
        }
        // Invalid UTF-8, control characters, huge strings, far-away dates, SQL fragments.
        out.append([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D])
        out.append(Array(valid.utf8) + [0xC3])
        out.append(Array(with(["data", "summary"], "a\u{0}b").utf8))
        out.append(Array(with(["data", "summary"], "bell\u{7}").utf8))
        out.append(Array(with(["data", "summary"], String(repeating: "长", count: 1_000_000)).utf8))
        out.append(Array(with(["case"], String(repeating: "A", count: 65)).utf8))
        for at in ["9999-12-31T23:59:59+08:00", "0001-01-01T00:00:00Z", "2025-02-30T10:00:00+08:00", "2025-03-02", "yesterday", "2025-03-02T25:00:00Z"]
        where at != "2025-03-02" {
            out.append(Array(with(["at"], at).utf8))
        }
        for sql in ["'; DROP TABLE events; --", "\" OR 1=1 --", "$$; DELETE FROM cases; $$", "\\x00"] {
            out.append(Array(with(["case"], sql).utf8))
            out.append(Array(with(["event"], sql).utf8))
            out.append(Array(with(["data", "channel"], sql).utf8))
        }
        out.append(Array(with(["county"], "45022'").utf8))
        out.append(Array(with(["data", "parties"], [["role": "applicant", "name": "张三", "id_number": "110105194912310021"]]).utf8))
        out.append(Array(with(["data", "parties"], [["role": "applicant", "name": "张三", "id_number": "11010520251231002X"]]).utf8))
        out.append(Array(with(["data", "parties"], [["role": "applicant", "name": "张三", "credit_code": "91450222MA5K0001Q1"]]).utf8))
        out.append(Array(with(["data", "extra_field"], "x").utf8))
        out.append(Array(with(["workflow"], "mediation").utf8))  // dispute data under another workflow
        out.append(Array(with(["event"], "resolve").utf8))       // illegal as a first event
        out.append(Array("[]".utf8))
        out.append(Array("null".utf8))
        out.append(Array("\"just a string\"".utf8))
        out.append(Array("{\"log\":\"reception\",\"county\":\"450222\",\"id\":\"R-1\",\"at\":\"2025-03-02T09:30:00+08:00\",\"data\":{\"site\":\"moon\"}}".utf8))
        out.append(Array("{\"log\":\"training\",\"county\":\"450222\",\"id\":\"T-1\",\"at\":\"2025-03-02T09:30:00+08:00\",\"data\":{\"title\":\"t\",\"attendees\":-5}}".utf8))
        return out
    }
}
