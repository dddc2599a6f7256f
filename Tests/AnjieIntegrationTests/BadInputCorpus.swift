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

/// The CLI's share of the corpus: `anjie dispute …` command lines with one thing wrong each.
extension BadInputCorpus {
    struct CLICase {
        let label: String
        let arguments: [[UInt8]]
        /// What the error message must name (any one of them, case-insensitive).
        let mentions: [String]
    }

    /// A register that is recorded as it stands (as JF-2025-00001 in an empty database).
    static let cliValidRegister = ["dispute", "register", "--channel", "walk_in", "--category", "neighbour", "--township", "大埔镇",
                                   "--summary", "相邻排水沟纠纷", "--party", "role=applicant,name=张三", "--at", "2025-03-02 09:30", "--no-input"]

    /// Linux refuses a single argument longer than MAX_ARG_STRLEN (128 KiB) at exec, so a "1 MB
    /// argument" is at most this long; one case spreads 1 MB over eight of them.
    static let longestArgument = 131_071

    /// `caseNumber`: an existing dispute, for the events after register.
    static func cliCases(caseNumber: String) -> [CLICase] {
        var out: [CLICase] = []
        func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
        /// The valid register with `option`'s value replaced (or the option removed when nil).
        func register(_ option: String, _ value: [UInt8]?, mentions: [String], label: String? = nil) {
            var words: [[UInt8]] = []
            var index = 0
            let valid = cliValidRegister
            while index < valid.count {
                if valid[index] == "--\(option)" {
                    if let value { words += [Array(valid[index].utf8), value] }
                    index += 2
                } else {
                    words.append(Array(valid[index].utf8))
                    index += 1
                }
            }
            out.append(CLICase(label: label ?? "register --\(option) \(String(decoding: (value ?? []).prefix(40), as: UTF8.self))",
                               arguments: words, mentions: mentions))
        }
        func event(_ words: [String], mentions: [String]) {
            out.append(CLICase(label: words.joined(separator: " ").prefix(120).description, arguments: bytes(words + ["--no-input"]), mentions: mentions))
        }
        let long = String(repeating: "长", count: longestArgument / 3)     // 3 bytes each in UTF-8
        let sql = ["'; DROP TABLE events; --", "\" OR 1=1 --", "$$; DELETE FROM cases; $$", "walk_in'--", "1; SELECT pg_sleep(5)"]
        let controls = ["a\u{1}b", "bell\u{7}", "esc\u{1B}[31mred", "tab\u{0B}vt", "del\u{7F}", "\u{202E}rtl-override"]

        // Wrong enums, SQL fragments and control characters in every enumerated option.
        for option in ["channel", "category"] {
            for value in ["飞鸽传书", "walk in", "42", "", "WALK_IN_", "neighbour,walk_in"] + sql + controls + [long] {
                register(option, Array(value.utf8), mentions: [option])
            }
        }
        // Control characters and oversized text in free-text fields.
        for option in ["summary", "township"] {
            for value in controls.filter({ $0 != "\u{202E}rtl-override" }) + [long] {
                register(option, Array(value.utf8), mentions: [option])
            }
        }
        // Missing required options, and an option without its value.
        for option in ["channel", "category", "township", "summary", "party"] {
            register(option, nil, mentions: [option == "party" ? "parties" : option], label: "register without --\(option)")
        }
        out.append(CLICase(label: "register --channel (no value)", arguments: bytes(["dispute", "register", "--channel"]), mentions: ["channel"]))
        out.append(CLICase(label: "register --channel --category", arguments: bytes(["dispute", "register", "--channel", "--category", "neighbour"]),
                           mentions: ["channel"]))
        // Bad times: impossible dates, year 9999 and other far years, garbage, a huge value.
        for at in ["2025-02-30", "2025-02-29 10:00", "9999-01-01", "9999-12-31T23:59:59+08:00", "0001-01-01", "1899-12-31", "2101-01-01",
                   "2025-13-01", "2025-03-02 25:00", "2025-03-02T09:30:00+25:00", "yesterday", "", "2025-03-02'; DROP TABLE events; --",
                   String(repeating: "9", count: longestArgument)] {
            register("at", Array(at.utf8), mentions: ["--at", "at"])
        }
        // Parties: invalid ID numbers (check character, birth date, length, letters), malformed syntax.
        for id in ["110105194912310021", "11010520251231002X", "110105194913310028", "123", "ABCDEFGHIJKLMNOPQR", "11010519491231002",
                   "1101051949123100211", "110105194912310021'; --", String(repeating: "1", count: longestArgument - 64)] {
            register("party", Array("role=applicant,name=张三,id_number=\(id)".utf8), mentions: ["id_number", "身份证"])
        }
        for party in ["role=applicant", "name=张三", "role=外星人,name=张三", "garbage", "role=applicant,name=", "role=applicant,name=张三,shoe_size=42",
                      "role=applicant,name=a\u{1}b", "role=applicant,name=张三,phone=12", "=,=,="] {
            register("party", Array(party.utf8), mentions: ["part", "当事人", "name", "role", "phone", "shoe_size"])
        }
        // Invalid UTF-8 where a terminal in another encoding would put it.
        for (option, value) in [("township", [0xFF, 0xFE]), ("summary", [0x61, 0xC3]), ("channel", [0xE4, 0xB8]), ("category", [0x80]),
                                ("party", Array("role=applicant,name=".utf8) + [0xD5, 0xC5, 0xC8, 0xFD])] as [(String, [UInt8])] {
            register(option, value, mentions: ["UTF-8"], label: "register --\(option) <invalid UTF-8>")
        }
        out.append(CLICase(label: "escalation <invalid UTF-8 case number>",
                           arguments: bytes(["dispute", "escalation"]) + [Array("JF-2025-0000".utf8) + [0xFF]] + bytes(["--kind", "criminal", "--no-input"]),
                           mentions: ["UTF-8"]))
        // 1 MB in all: the summary given eight times, 128 KiB each.
        out.append(CLICase(label: "register with 1 MB of --summary",
                           arguments: bytes(Array(cliValidRegister.dropLast())) + Array(repeating: bytes(["--summary", String(repeating: "x", count: longestArgument)]), count: 8).flatMap { $0 },
                           mentions: ["summary"]))
        // Wrong, malformed and hostile case numbers; events with bad values on an existing case.
        for number in ["JF-2025-99999", "JF-1999-00001", "jf-2025-00001x", "", "A" + String(repeating: "9", count: 64), "../../etc/passwd",
                       "\(caseNumber)'; DROP TABLE events; --", "\(caseNumber) OR 1=1", "RM-2025-00001", "JF-2025-00001\u{7}"] {
            event(["dispute", "escalation", number, "--kind", "criminal"], mentions: [String(number.prefix(20)), "案件", "case"].filter { !$0.isEmpty })
        }
        for kind in ["bogus", "民转刑x", "", "criminal; DROP TABLE cases"] + controls {
            event(["dispute", "escalation", caseNumber, "--kind", kind], mentions: ["kind"])
        }
        event(["dispute", "escalation", caseNumber], mentions: ["kind"])
        event(["dispute", "start-mediation", caseNumber], mentions: ["mediator"])
        event(["dispute", "start-mediation", caseNumber, "--mediator", long], mentions: ["mediator"])
        event(["dispute", "start-mediation", caseNumber, "--mediator", "王\u{1}调解员"], mentions: ["mediator"])
        event(["dispute", "mediation-succeeded", caseNumber, "--agreement", "written"], mentions: ["mediation_succeeded", "mediation-succeeded", "不允许"])
        event(["dispute", "assess", caseNumber, "--risk", "extreme", "--complexity", "simple", "--basis", "x"], mentions: ["assess", "不允许", "risk"])
        // Unknown events, unknown options, bad control options.
        event(["dispute", "regster", "--channel", "walk_in"], mentions: ["regster"])
        event(["dispute", "'; DROP TABLE events; --"], mentions: ["DROP TABLE", "event", "事件"])
        event(["dispute", "register", "--catgory", "neighbour", "--channel", "walk_in", "--township", "x", "--summary", "x",
               "--party", "role=applicant,name=张三"], mentions: ["catgory"])
        event(["dispute", "escalation", caseNumber, "--kind", "criminal", "--expect-version", "-1"], mentions: ["expect-version"])
        event(["dispute", "escalation", caseNumber, "--kind", "criminal", "--expect-version", "abc"], mentions: ["expect-version"])
        event(["dispute", "escalation", caseNumber, "--kind", "criminal", "--format", "xml"], mentions: ["format"])
        event(["dispute", "escalation", caseNumber, "--kind", "criminal", "--data", "{not json"], mentions: ["--data", "data", "JSON"])
        event(["dispute", "escalation", caseNumber, "--kind", "criminal", "--data", "[1,2]"], mentions: ["--data", "data", "JSON"])
        event(["dispute", "escalation", caseNumber, "--kind", "criminal", "--county", "45022'"], mentions: ["county", "区划", "45022"])
        event(["dispute", "escalation", caseNumber, "--kind", "criminal", "extra-word"], mentions: ["extra-word"])
        return out
    }
}
