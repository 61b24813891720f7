import Reports

/// Small SVG charts drawn on the server (no script; presentation attributes only, so the CSP needs no inline style).
/// Suppressed values (".") are drawn as missing bars and said so in the text alternative.
public enum Charts {
    static let palette = ["#0b5394", "#e69138", "#6aa84f", "#a64d79", "#3d85c6", "#cc0000", "#674ea7", "#999999"]

    /// Vertical stacked bars: one bar per row, one segment per column.
    public static func stackedBars(_ t: CountTable, width: Int = 720, height: Int = 220) -> HTML {
        let n = max(1, t.rowLabels.count)
        let maxValue = max(1, t.cells.map { $0.compactMap { $0 }.reduce(0, +) }.max() ?? 1)
        let plotH = height - 40, barW = max(2, (width - 40) / n - 2)
        var parts: [HTML] = []
        for (r, label) in t.rowLabels.enumerated() {
            var y = plotH
            let x = 30 + r * (barW + 2)
            for (c, v) in t.cells[r].enumerated() {
                guard let v, v > 0 else { continue }
                let h = Int((Double(v) / Double(maxValue) * Double(plotH - 10)).rounded())
                y -= h
                parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barW)\" height=\"\(h)\" fill=\"\(palette[c % palette.count])\"><title>\(label) – \(t.columnLabels[c]): \(v)</title></rect>")
            }
            if n <= 24 || r % 3 == 0 {
                parts.append("<text x=\"\(x + barW / 2)\" y=\"\(plotH + 14)\" font-size=\"9\" text-anchor=\"middle\">\(label)</text>")
            }
        }
        let legend = t.columnLabels.enumerated().map { i, l in
            "<rect x=\"\(30 + i * 140)\" y=\"\(height - 14)\" width=\"10\" height=\"10\" fill=\"\(palette[i % palette.count])\"/><text x=\"\(44 + i * 140)\" y=\"\(height - 5)\" font-size=\"10\">\(l)</text>" as HTML
        }
        return """
        <svg class="chart" role="img" aria-label="\(t.title) (Säulendiagramm; Werte in der Tabelle)" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg">
        <line x1="28" y1="\(plotH)" x2="\(width - 5)" y2="\(plotH)" stroke="#555"/>\(parts)\(legend)</svg>
        """
    }

    /// Horizontal bars for a one-column table (categories).
    public static func bars(_ t: CountTable, width: Int = 520, limit: Int = 12) -> HTML {
        let rows = Array(t.rowLabels.enumerated().prefix(limit))
        let maxValue = max(1, rows.compactMap { t.cells[$0.offset].first ?? nil }.max() ?? 1)
        let height = rows.count * 20 + 10
        let parts = rows.map { r, label -> HTML in
            let v = t.cells[r].first ?? nil
            let w = v.map { Int(Double($0) / Double(maxValue) * Double(width - 250)) } ?? 0
            return """
            <text x="0" y="\(r * 20 + 14)" font-size="11">\(String(label.prefix(26)))</text><rect x="180" y="\(r * 20 + 3)" width="\(w)" height="14" fill="\(palette[0])"/>\
            <text x="\(186 + w)" y="\(r * 20 + 14)" font-size="11">\(CountTable.text(v))</text>
            """
        }
        return """
        <svg class="chart" role="img" aria-label="\(t.title) (Balkendiagramm; Werte in der Tabelle)" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg">\(parts)</svg>
        """
    }
}
