import AnjieDomain
import Foundation

/// A county's township register as it travels (DOMAIN.md, Part II): CSV `name,code,aliases` with a
/// header row, several aliases separated by `;`, in UTF-8 or GB18030 (as Excel saves it). Every
/// problem of every row is reported at once; a file with any problem yields no register.
public enum TownshipFile {
    /// Header cells accepted per column, English first (the deployment's `/config/townships.csv`).
    static let columns: [(id: String, names: [String])] = [
        ("name", ["name", "名称", "乡镇", "乡镇名称"]),
        ("code", ["code", "代码", "统计用区划代码", "区划代码"]),
        ("aliases", ["aliases", "alias", "别名"]),
    ]

    public static func read(_ bytes: [UInt8], county: String, forced: LedgerEncoding? = nil) throws -> TownshipRegister {
        let decoded = try LedgerEncoding.decode(bytes, forced: forced)
        let table = try LedgerTable.parse(decoded.text)
        var position: [String: Int] = [:]
        var problems: [FieldProblem] = []
        for (index, cell) in table.header.enumerated() {
            guard let column = columns.first(where: { $0.names.contains(cell.lowercased()) }) else {
                problems.append(FieldProblem(field: "第1行 row 1", rule: "header",
                                             zh: "未知的列「\(cell.prefix(40))」；可用列：name,code,aliases",
                                             en: "unknown column \(cell.prefix(40)); columns: name,code,aliases"))
                continue
            }
            if position[column.id] != nil {
                problems.append(FieldProblem(field: "第1行 row 1", rule: "header", zh: "列 \(column.id) 重复", en: "column \(column.id) appears twice"))
            }
            position[column.id] = index
        }
        if position["name"] == nil {
            problems.append(FieldProblem(field: "第1行 row 1", rule: "header", zh: "缺少 name 列（表头应为 name,code,aliases）",
                                         en: "no name column (the header is name,code,aliases)"))
        }
        guard problems.isEmpty else { throw refusal(problems) }
        func cell(_ row: LedgerTable.Row, _ id: String) -> String {
            guard let index = position[id], row.cells.indices.contains(index) else { return "" }
            return row.cells[index]
        }
        var townships: [Township] = []
        var rows: [Int] = []
        for row in table.rows {
            let aliases = cell(row, "aliases").split(whereSeparator: { $0 == ";" || $0 == "；" }).map(String.init)
            let code = cell(row, "code")
            townships.append(Township(name: cell(row, "name"), code: code.isEmpty ? nil : code, aliases: aliases))
            rows.append(row.number)
        }
        if townships.isEmpty {
            throw DomainError.invalidInput("乡镇名册没有数据行", "the township register has no rows")
        }
        return try TownshipRegister(county: county, townships: townships, rows: rows)
    }

    /// The register as a file (`county townships list --format csv`), UTF-8 without a BOM.
    public static func csv(_ register: TownshipRegister) throws -> String {
        try LedgerTable.write(header: ["name", "code", "aliases"],
                              rows: register.townships.map { [$0.name, $0.code ?? "", $0.aliases.joined(separator: ";")] })
    }

    static func refusal(_ problems: [FieldProblem]) -> DomainError {
        DomainError(code: .invalidInput,
                    zh: "乡镇名册有误，未写入任何内容：" + problems.map { "\($0.field)：\($0.zh)" }.joined(separator: "；"),
                    en: "the township register has errors; nothing was written: " + problems.map { "\($0.field): \($0.en)" }.joined(separator: "; "),
                    fields: problems)
    }
}
