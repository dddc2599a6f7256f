import Foundation

/// A horizontal bar chart of percentages as inline SVG: no JavaScript, prints as vectors, and the
/// same code draws the dashboard and the printable report. Each bar may link to the cases behind it.
public struct BarChart: Sendable, Equatable {
    public struct Bar: Sendable, Equatable {
        public var label: String
        /// 0…100; nil when there is nothing to divide (no cases received).
        public var percent: Double?
        /// Printed at the end of the bar, e.g. "96.7%（58/60）".
        public var valueText: String
        public var href: String?

        public init(label: String, percent: Double?, valueText: String, href: String? = nil) {
            self.label = label
            self.percent = percent
            self.valueText = valueText
            self.href = href
        }
    }

    public var title: String
    public var bars: [Bar]

    public init(title: String, bars: [Bar]) {
        self.title = title
        self.bars = bars
    }

    // Geometry in SVG user units; the SVG scales to its container (viewBox), so these are proportions.
    static let labelWidth = 150.0
    static let barArea = 360.0
    static let valueWidth = 150.0
    static let rowHeight = 26.0
    static let barHeight = 16.0
    static let top = 8.0
    /// Room under the bars for the scale: tick marks and their percentages.
    static let axisHeight = 24.0
    /// The scale's marks, in percent.
    static let ticks = [0.0, 25.0, 50.0, 75.0, 100.0]

    /// The chart as an `<svg>` element. Every text is escaped; the markup is XML-well-formed so it
    /// can sit inside XHTML-compatible pages and be checked by an XML parser.
    public func svg() -> String {
        let width = Self.labelWidth + Self.barArea + Self.valueWidth
        let barsBottom = Self.top + Double(max(bars.count, 1)) * Self.rowHeight
        let height = barsBottom + Self.axisHeight
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 \(n(width)) \(n(height))" \
            width="100%" aria-label="\(htmlEscaped(title))">
            <title>\(htmlEscaped(title))</title>

            """
        // The scale: a gridline at every tick so a bar's length can be read, and under the bars an
        // axis with the ticks' percentages.
        for mark in Self.ticks {
            let x = Self.labelWidth + Self.barArea * mark / 100
            out += "<line class=\"grid\" x1=\"\(n(x))\" y1=\"\(n(Self.top / 2))\" x2=\"\(n(x))\" y2=\"\(n(barsBottom + 4))\"/>\n"
            out += "<text class=\"tick\" x=\"\(n(x))\" y=\"\(n(barsBottom + 17))\" text-anchor=\"middle\">\(n(mark))%</text>\n"
        }
        out += "<line class=\"axis\" x1=\"\(n(Self.labelWidth))\" y1=\"\(n(barsBottom + 4))\" x2=\"\(n(Self.labelWidth + Self.barArea))\" y2=\"\(n(barsBottom + 4))\"/>\n"
        out += "<text class=\"tick\" x=\"\(n(Self.labelWidth - 16))\" y=\"\(n(barsBottom + 17))\" text-anchor=\"end\">办结率</text>\n"
        if bars.isEmpty {
            out += "<text x=\"\(n(Self.labelWidth))\" y=\"\(n(Self.top + Self.rowHeight / 2 + 4))\">无数据</text>\n"
        }
        for (index, bar) in bars.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            let textY = y + Self.rowHeight / 2 + 4
            let length = Self.barArea * min(max(bar.percent ?? 0, 0), 100) / 100
            var row = """
                <text class="label" x="\(n(Self.labelWidth - 8))" y="\(n(textY))" text-anchor="end">\(htmlEscaped(bar.label))</text>
                <rect class="bar" x="\(n(Self.labelWidth))" y="\(n(y + (Self.rowHeight - Self.barHeight) / 2))" \
                width="\(n(length))" height="\(n(Self.barHeight))"/>
                <text class="value" x="\(n(Self.labelWidth + length + 6))" y="\(n(textY))">\(htmlEscaped(bar.valueText))</text>

                """
            if let href = bar.href {
                row = "<a href=\"\(htmlEscaped(href))\">\n\(row)</a>\n"
            }
            out += row
        }
        return out + "</svg>"
    }

    /// Numbers in SVG attributes: at most one decimal, never a locale's comma.
    func n(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}
