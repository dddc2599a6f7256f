import AnjieDomain
import CSV
import Foundation

/// A ledger read as a table: the header cells and each data row with the row number Excel shows
/// (the header is row 1), which is how clerks find a row again. Parsing (quotes, embedded commas and
/// line breaks, CRLF) is CSV.swift's; this type only decides what a row is.
public struct LedgerTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Excel's row number: 2 for the first data row, counting rows whose cells hold line breaks once.
        public let number: Int
        public let cells: [String]

        public init(number: Int, cells: [String]) {
            (self.number, self.cells) = (number, cells)
        }
    }

    public let header: [String]
    public let rows: [Row]

    public init(header: [String], rows: [Row]) {
        (self.header, self.rows) = (header, rows)
    }

    /// Parses CSV text. Rows with every cell blank are dropped: Excel keeps formatted but empty rows
    /// (",,,,,") at the end of a sheet.
    public static func parse(_ text: String) throws -> LedgerTable {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw DomainError.invalidInput("文件为空，缺少表头行", "the file is empty: no header row")
        }
        let header = (reader.headerRow ?? []).map(clean)
        var rows: [Row] = []
        var number = 1
        while let cells = reader.next() {
            number += 1
            let trimmed = cells.map(clean)
            if trimmed.allSatisfy(\.isEmpty) { continue }
            rows.append(Row(number: number, cells: trimmed))
        }
        if reader.error != nil {
            throw DomainError.invalidInput("CSV 格式有误（第 \(number + 1) 行附近）", "malformed CSV (near row \(number + 1))")
        }
        return LedgerTable(header: header, rows: rows)
    }

    /// CSV text of a header and rows, CRLF line ends as Excel writes them, quoting where needed.
    public static func write(header: [String], rows: [[String]]) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw DomainError.invalidInput("无法生成 CSV", "could not produce the CSV")
        }
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    /// Spreadsheet cells carry stray spaces, non-breaking spaces and full-width spaces.
    static func clean(_ cell: String) -> String {
        cell.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{00A0}\u{3000}\u{FEFF}")))
    }
}
