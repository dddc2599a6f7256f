/// The 调解结果 column: what happened to the case, in the words ledgers use.
enum LedgerOutcome: CaseIterable {
    /// Blank or 调解中: the case is only accepted so far.
    case open
    case agreed, failed, terminated

    var labels: [String] {
        switch self {
        case .open: return ["", "调解中", "正在调解", "在调", "mediating", "open"]
        case .agreed: return ["达成协议", "调解成功", "成功", "调结", "agree", "agreed"]
        case .failed: return ["调解不成", "调解不成功", "不成功", "调解失败", "失败", "fail", "failed"]
        case .terminated: return ["终止调解", "终止", "撤回", "terminate", "terminated"]
        }
    }

    static func match(_ cell: String) -> LedgerOutcome? {
        let key = cell.lowercased()
        return allCases.first { $0.labels.contains(key) }
    }

    static let listing = "达成协议（调解成功）、调解不成、终止调解、调解中（或空）"
}
