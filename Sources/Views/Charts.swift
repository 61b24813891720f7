import Reports

/// Small SVG charts drawn on the server (no script; presentation attributes only, so the CSP needs no inline style).
/// Suppressed values (".") are drawn as missing bars and said so in the text alternative.
public enum Charts {
    static let palette = ["#0b5394", "#b45f06", "#38761d", "#a64d79", "#3d85c6", "#cc0000", "#674ea7", "#666666"]

    /// Vertical stacked bars: one bar per row, one segment per column. A suppressed value cannot be drawn to
    /// scale; it is marked by a dashed box on top of its bar, so the bar is not read as complete.
    public static func stackedBars(_ t: CountTable, width: Int = 720, height: Int = 220) -> HTML {
        let n = max(1, t.rowLabels.count)
        // Counts that do not add up across a row (first sessions beside grants) stand side by side, not stacked (QA of
        // 05.12.2026: the Land chart added them).
        let grouped = !t.rowsAdd
        // Several values hidden in a row whose published sum is known: together they are that sum less the shown ones
        // (no single one is revealed), drawn to scale as one dashed segment (QA29 F10: a sum of 6 looked like none).
        func hiddenTogether(_ r: Int) -> Int? {
            guard !grouped, t.cells[r].filter({ $0 == nil }).count >= 2, r < t.rowTotals.count, let total = t.rowTotals[r] else { return nil }
            let rest = total - t.cells[r].compactMap { $0 }.reduce(0, +)
            return rest > 0 ? rest : nil
        }
        let maxValue = max(1, t.cells.indices.map { r in
            grouped ? (t.cells[r].compactMap { $0 }.max() ?? 0) : t.cells[r].compactMap { $0 }.reduce(0, +) + (hiddenTogether(r) ?? 0)
        }.max() ?? 1)
        let anySuppressed = t.cells.contains { $0.contains(nil) }
        var legendItems = t.columnLabels.enumerated().map { (label: $0.element, mark: swatch(palette[$0.offset % palette.count])) }
        if anySuppressed { legendItems.append((label: "Wert unterdrückt (Datenschutz)", mark: suppressedMark(x: 0, y: 0, w: 10, h: 10))) }
        let (legend, legendHeight) = Self.legend(legendItems, width: width)
        // Room on the left for the value axis (QA of 06.12.2026: without one the bars could not be read).
        let left = 48
        let plotH = height - 26, barW = max(2, (width - left - 10) / n - 2)
        var parts: [HTML] = axis(maxValue: maxValue, plotH: plotH, left: left, width: width)
        for (r, label) in t.rowLabels.enumerated() {
            var y = plotH
            let x = left + r * (barW + 2)
            var hidden: [String] = []
            for (c, v) in t.cells[r].enumerated() {
                guard let v else {
                    hidden.append(t.columnLabels[c])
                    // Side by side, the mark sits in the hidden column's own slot, not across the group (QA of 05.12.2026).
                    if grouped {
                        let w = max(1, barW / max(1, t.columnLabels.count))
                        parts.append("<g>\(suppressedMark(x: x + c * w, y: plotH - 8, w: w, h: 8))<title>\(label) – \(t.columnLabels[c]): Wert unterdrückt (Datenschutz)</title></g>")
                    }
                    continue
                }
                guard v > 0 else { continue }
                // At least one unit: a count of 1 beside thousands is still there (QA of 05.12.2026: drawn with height 0).
                let h = max(1, Int((Double(v) / Double(maxValue) * Double(plotH - 10)).rounded()))
                if grouped {
                    let w = max(1, barW / max(1, t.columnLabels.count))
                    parts.append("<rect x=\"\(x + c * w)\" y=\"\(plotH - h)\" width=\"\(w)\" height=\"\(h)\" fill=\"\(palette[c % palette.count])\"><title>\(label) – \(t.columnLabels[c]): \(v)</title></rect>")
                    y = min(y, plotH - h)
                    continue
                }
                y -= h
                parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barW)\" height=\"\(h)\" fill=\"\(palette[c % palette.count])\"><title>\(label) – \(t.columnLabels[c]): \(v)</title></rect>")
            }
            if !hidden.isEmpty, !grouped {
                if let together = hiddenTogether(r) {
                    let h = max(1, Int((Double(together) / Double(maxValue) * Double(plotH - 10)).rounded()))
                    parts.append("<g>\(suppressedMark(x: x, y: y - h, w: barW, h: h))<title>\(label) – \(hidden.joined(separator: ", ")): zusammen \(Labels.count(together)), einzeln unterdrückt (Datenschutz)</title></g>")
                } else {
                    let h = 8
                    parts.append("<g>\(suppressedMark(x: x, y: max(10, y - h), w: barW, h: h))<title>\(label) – \(hidden.joined(separator: ", ")): Wert unterdrückt (Datenschutz)</title></g>")
                }
            }
            if n <= 24 || r % 3 == 0 {
                // A provision's paragraph on a second line ("§ 25b" / "Abs. 6"): the full name is too wide for a bar.
                let name = label.hasSuffix(" AufenthG") ? String(label.dropLast(9)) : label
                let lines = name.components(separatedBy: " Abs. ")
                let text: HTML = lines.count == 2
                    ? "<tspan x=\"\(x + barW / 2)\">\(lines[0])</tspan><tspan x=\"\(x + barW / 2)\" dy=\"10\">Abs. \(lines[1])</tspan>"
                    : "\(name)"
                parts.append("<text x=\"\(x + barW / 2)\" y=\"\(plotH + 12)\" font-size=\"9\" text-anchor=\"middle\">\(text)<title>\(label)</title></text>")
            }
        }
        let total = height + legendHeight
        return """
        <svg class="chart" role="img" aria-label="\(t.title) (Säulendiagramm\(anySuppressed ? "; einzelne Werte aus Datenschutzgründen unterdrückt" : ""); Werte in der Tabelle)" viewBox="0 0 \(width) \(total)" width="\(width)" height="\(total)" xmlns="http://www.w3.org/2000/svg">
        <line x1="\(left - 2)" y1="\(plotH)" x2="\(width - 5)" y2="\(plotH)" stroke="#555"/>\(parts)<g transform="translate(0 \(height))">\(legend)</g></svg>
        """
    }

    /// A value axis: a line and four or five ticks at round steps (1, 2 or 5 times a power of ten), labelled in German.
    static func axis(maxValue: Int, plotH: Int, left: Int, width: Int) -> [HTML] {
        let step = niceStep(maxValue)
        var out: [HTML] = ["<line x1=\"\(left - 2)\" y1=\"0\" x2=\"\(left - 2)\" y2=\"\(plotH)\" stroke=\"#555\"/>"]
        var v = step
        while v <= maxValue {
            let y = plotH - Int((Double(v) / Double(maxValue) * Double(plotH - 10)).rounded())
            out.append("<line x1=\"\(left - 5)\" y1=\"\(y)\" x2=\"\(width - 5)\" y2=\"\(y)\" stroke=\"#ddd\"/><text x=\"\(left - 7)\" y=\"\(y + 3)\" font-size=\"9\" text-anchor=\"end\">\(Labels.count(v))</text>")
            v += step
        }
        out.append("<text x=\"\(left - 7)\" y=\"\(plotH + 3)\" font-size=\"9\" text-anchor=\"end\">0</text>")
        return out
    }

    /// The step between ticks for values up to `maxValue`: at most five ticks.
    public static func niceStep(_ maxValue: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= max(1, maxValue / 4) { magnitude *= 10 }
        for f in [1, 2, 5, 10] where maxValue / (f * magnitude) <= 5 { return f * magnitude }
        return 10 * magnitude
    }

    static func swatch(_ color: String) -> HTML { "<rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" fill=\"\(color)\"/>" }

    static func suppressedMark(x: Int, y: Int, w: Int, h: Int) -> HTML {
        "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" fill=\"none\" stroke=\"#555\" stroke-dasharray=\"2 2\"/>"
    }

    /// Legend entries laid out in lines that fit `width` (an entry is as wide as its label, about 6 px per
    /// character at this size), so a long label or many columns wrap instead of running off the chart.
    static func legend(_ items: [(label: String, mark: HTML)], width: Int) -> (HTML, Int) {
        var out: [HTML] = []
        var x = 30, line = 0
        for item in items {
            let w = 24 + item.label.count * 6
            if x > 30 && x + w > width - 5 { x = 30; line += 1 }
            out.append("<g transform=\"translate(\(x) \(line * 16))\">\(item.mark)<text x=\"14\" y=\"9\" font-size=\"10\">\(item.label)</text></g>")
            x += w + 12
        }
        return ("\(out)", items.isEmpty ? 0 : (line + 1) * 16)
    }

    /// Horizontal bars for a one-column table (categories).
    public static func bars(_ t: CountTable, width: Int = 520, limit: Int = 12) -> HTML {
        let rows = Array(t.rowLabels.enumerated().prefix(limit))
        let maxValue = max(1, rows.compactMap { t.cells[$0.offset].first ?? nil }.max() ?? 1)
        // The chart shows the first `limit` rows (the table's order: the largest first); the rest are named as a count.
        let more = t.rowLabels.count - rows.count
        let height = rows.count * 20 + 10 + (more > 0 ? 20 : 0)
        let parts = rows.map { r, label -> HTML in
            let v = t.cells[r].first ?? nil
            let w = v.map { $0 > 0 ? max(1, Int(Double($0) / Double(maxValue) * Double(width - 250))) : 0 } ?? 12
            // A suppressed value has no length: a dashed box, not an empty bar that reads as zero.
            let bar: HTML = v == nil ? suppressedMark(x: 180, y: r * 20 + 3, w: w, h: 14)
                : "<rect x=\"180\" y=\"\(r * 20 + 3)\" width=\"\(w)\" height=\"14\" fill=\"\(palette[0])\"/>"
            return """
            <text x="0" y="\(r * 20 + 14)" font-size="11">\(label.count > 26 ? String(label.prefix(25)) + "…" : label)<title>\(label)</title></text>\(bar)\
            <text x="\(186 + w)" y="\(r * 20 + 14)" font-size="11">\(v.map(Labels.count) ?? ".")</text>
            """
        }
        return """
        <svg class="chart" role="img" aria-label="\(t.title) (Balkendiagramm\(more > 0 ? ", die ersten \(rows.count) von \(t.rowLabels.count)" : ""); Werte in der Tabelle)" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg">\(parts)\(more > 0 ? "<text x=\"0\" y=\"\(rows.count * 20 + 22)\" font-size=\"11\">und \(more) weitere – alle in der Tabelle</text>" as HTML : .empty)</svg>
        """
    }
}
