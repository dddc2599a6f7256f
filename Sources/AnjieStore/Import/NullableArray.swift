import PostgresNIO

/// A PostgreSQL array whose elements may be NULL, bound as ONE parameter. postgres-nio encodes
/// `[T]` but not `[T?]`, and a sentinel such as '' would confuse a real empty string with NULL,
/// so nullable columns of a multi-row statement are sent with this (PostgreSQL's binary array
/// format: an element length of -1 is NULL).
struct NullableArray<Element: PostgresArrayEncodable & PostgresNonThrowingEncodable>: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { Element.psqlArrayType }
    static var psqlFormat: PostgresFormat { .binary }

    var elements: [Element?] = []

    init(_ elements: [Element?] = []) {
        self.elements = elements
    }

    mutating func append(_ element: Element?) {
        elements.append(element)
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Header: number of dimensions (0 for an empty array), has-nulls flag, element type.
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(elements.contains(where: { $0 == nil }) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(Element.psqlType.rawValue)
        guard !elements.isEmpty else { return }
        // The one dimension: its length and lower bound.
        buffer.writeInteger(Int32(elements.count), as: Int32.self)
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            guard let element else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            element.encode(into: &buffer, context: context)
            buffer.setInteger(Int32(buffer.writerIndex - lengthIndex - 4), at: lengthIndex, as: Int32.self)
        }
    }
}
