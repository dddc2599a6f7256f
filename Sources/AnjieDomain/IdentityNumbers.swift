/// Check characters of Chinese identity numbers. An invalid one is a rejected event, never stored.
public enum ResidentIDNumber {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkMap = Array("10X98765432")

    /// GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character. Returns the birth date,
    /// or a problem in both languages.
    public static func check(_ raw: String) -> Result<LocalDate, IdentityProblem> {
        let value = raw.uppercased()
        let chars = Array(value)
        guard chars.count == 18, chars[0..<17].allSatisfy(\.isASCIIDigitChar),
              chars[17].isASCIIDigitChar || chars[17] == "X" else {
            return .failure(IdentityProblem(rule: "format", zh: "身份证号码应为18位（17位数字加校验位）",
                                            en: "an ID number has 18 characters: 17 digits and a check character"))
        }
        let sum = zip(chars[0..<17], weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        guard checkMap[sum % 11] == chars[17] else {
            return .failure(IdentityProblem(rule: "check-character", zh: "身份证号码校验位错误",
                                            en: "the ID number's check character is wrong (GB 11643 MOD 11-2)"))
        }
        let digits = String(chars[6..<14])
        guard let birth = LocalDate.parse(digits), birth.year >= 1900 else {
            return .failure(IdentityProblem(rule: "birth-date", zh: "身份证号码中的出生日期不存在",
                                            en: "the ID number's birth date is not a real date from 1900 on"))
        }
        return .success(birth)
    }
}

/// GB 32100-2015 unified social credit code (统一社会信用代码).
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public static func check(_ raw: String) -> IdentityProblem? {
        let chars = Array(raw.uppercased())
        let values = chars.compactMap { alphabet.firstIndex(of: $0) }
        guard chars.count == 18, values.count == 18 else {
            return IdentityProblem(rule: "format", zh: "统一社会信用代码应为18位（不含I、O、Z、S、V）",
                                   en: "a credit code has 18 characters from 0-9 and A-Y without I, O, Z, S, V")
        }
        let sum = zip(values[0..<17], weights).reduce(0) { $0 + $1.0 * $1.1 }
        let expected = (31 - sum % 31) % 31
        guard values[17] == expected else {
            return IdentityProblem(rule: "check-character", zh: "统一社会信用代码校验位错误",
                                   en: "the credit code's check character is wrong (GB 32100)")
        }
        return nil
    }

    /// The check character that makes 17 characters a valid code (used by generators and tests).
    public static func checkCharacter(for first17: String) -> Character? {
        let values = first17.uppercased().compactMap { alphabet.firstIndex(of: $0) }
        guard values.count == 17 else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }
}

extension ResidentIDNumber {
    /// The check character that completes 17 digits (for generators and tests).
    public static func checkCharacter(for first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17, chars.allSatisfy(\.isASCIIDigitChar) else { return nil }
        let sum = zip(chars, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return checkMap[sum % 11]
    }
}

public struct IdentityProblem: Error, Sendable, Equatable {
    public let rule: String
    public let zh: String
    public let en: String
}
