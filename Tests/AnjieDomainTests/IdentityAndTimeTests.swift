import AnjieDomain
import Foundation
import Testing

@Suite struct IdentityNumberTests {
    @Test func residentIDNumbers() throws {
        #expect(try ResidentIDNumber.check("11010519491231002X").get() == LocalDate(year: 1949, month: 12, day: 31))
        #expect(try ResidentIDNumber.check("11010519491231002x").get().year == 1949)
        // Wrong check character.
        #expect(throws: IdentityProblem.self) { try ResidentIDNumber.check("110105194912310021").get() }
        // 1949-02-30 does not exist; give it a correct check character so only the date is wrong.
        let first17 = "11010519490230002"
        let fake = first17 + String(ResidentIDNumber.checkCharacter(for: first17)!)
        #expect(throws: IdentityProblem.self) { try ResidentIDNumber.check(fake).get() }
        if case .failure(let problem) = ResidentIDNumber.check(fake) { #expect(problem.rule == "birth-date") }
        #expect(throws: IdentityProblem.self) { try ResidentIDNumber.check("1101051949123100").get() }
    }

    @Test func creditCodes() throws {
        let first17 = "91450222MA5K0001Q"
        let valid = first17 + String(CreditCode.checkCharacter(for: first17)!)
        #expect(CreditCode.check(valid) == nil)
        #expect(CreditCode.check(valid.lowercased()) == nil)
        let wrongCheck = first17 + (valid.last == "0" ? "1" : "0")
        #expect(CreditCode.check(wrongCheck)?.rule == "check-character")
        #expect(CreditCode.check("91450222MA5K0001I0")?.rule == "format")  // I is not in the alphabet
    }

    @Test func birthDateAfterTheEventIsRefused() throws {
        let first17 = "45022220250601001"
        let baby = first17 + String(ResidentIDNumber.checkCharacter(for: first17)!)
        let data: EventData = [
            "channel": .string("walk_in"), "category": .string("other"), "township": .string("大埔镇"),
            "summary": .string("x"),
            "parties": .array([.object(["role": .string("party"), "name": .string("婴"), "id_number": .string(baby)])]),
        ]
        var before = Fold(Workflows.of(DisputeRules.self))
        #expect(before.refusal("register", data, at: "2025-05-31") == "invalid-data")
        var after = Fold(Workflows.of(DisputeRules.self))
        #expect(after.refusal("register", data, at: "2025-06-02") == nil)
    }
}

@Suite struct LocalDateAndTimestampTests {
    @Test func parsesWhatClerksType() {
        let expected = LocalDate(year: 2025, month: 3, day: 2)
        for text in ["2025-03-02", "2025/3/2", "2025.3.2", "2025年3月2日", "20250302", " 2025-3-2 "] {
            #expect(LocalDate.parse(text) == expected, "\(text)")
        }
        for text in ["2025-02-30", "2025-13-01", "25-3-2", "2025年3月", "abc", ""] {
            #expect(LocalDate.parse(text) == nil, "\(text)")
        }
    }

    @Test func dayNumbersAndWeekdays() {
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(LocalDate(year: 2025, month: 10, day: 1)!.isoWeekday == 3)  // a Wednesday
        #expect(LocalDate(year: 2024, month: 2, day: 29)!.adding(days: 366) == LocalDate(year: 2025, month: 3, day: 1))
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test func timestampsRoundTripInBeijingTime() {
        let at = Timestamp.parse("2025-03-02T09:30:00+08:00")!
        #expect(Timestamp.format(at) == "2025-03-02T09:30:00+08:00")
        #expect(Timestamp.parse("2025-03-02T01:30:00Z") == at)
        #expect(Timestamp.parse("2025-03-02 09:30") == at)
        #expect(Timestamp.format(Timestamp.parse("2025-03-02")!) == "2025-03-02T12:00:00+08:00")
        #expect(Timestamp.format(Timestamp.parse("2025-03-02T09:30:00.250+08:00")!) == "2025-03-02T09:30:00.250+08:00")
        // 23:30 on Dec 31 in Beijing is still the old year locally, though already Jan 1 nowhere else.
        #expect(LocalDate(Timestamp.parse("2025-12-31T23:30:00+08:00")!) == LocalDate(year: 2025, month: 12, day: 31))
        #expect(LocalDate(Timestamp.parse("2025-12-31T16:30:00Z")!) == LocalDate(year: 2026, month: 1, day: 1))
        for bad in ["2025-03-02T25:00", "2025-03-02T09:30+8", "yesterday", "2025-03-02T09:30:00+08:00x"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}
