extension TownshipRegister {
    /// An event's data with its `township` stored as the canonical name; data without one, or an
    /// event that has no such field (the field rules report that), comes back unchanged. The value
    /// stays under the key it arrived with (`township`, `乡镇` or the dashed spelling).
    public func canonicalizing(_ data: EventData, spec: EventSpec) throws -> EventData {
        guard let field = spec.field(named: "township") else { return data }
        guard let key = [field.name, field.zh, field.dashedName].first(where: { data[$0] != nil }),
              let raw = data[key], !FieldValidator.isBlank(raw), let text = FieldValidator.scalarText(raw) else { return data }
        var data = data
        data[key] = .string(try canonical(text))
        return data
    }
}
