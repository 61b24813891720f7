/// A minimal Office Open XML workbook (one sheet, inline strings, numbers as numbers), packed in a ZIP without
/// compression: enough for Excel, LibreOffice and openpyxl, and no dependency.
public enum XLSXExport {
    public static func workbook(_ tables: [CountTable], figures: [FigureTable] = [], sheetName: String = "Bericht") -> [UInt8] {
        var rows: [[Cell]] = []
        for t in tables {
            rows.append([.text(t.title)])
            let sum = t.showsRowTotals
            rows.append([.text("")] + t.columnLabels.map(Cell.text) + (sum ? [.text("Summe")] : []))
            for (r, label) in t.rowLabels.enumerated() {
                rows.append([.text(label)] + t.cells[r].map(Cell.count) + (sum ? [.count(t.rowTotals[r])] : []))
            }
            rows.append([.text("Summe")] + t.columnTotals.map(Cell.count) + (sum ? [.count(t.total)] : []))
            rows.append([])
        }
        // Figures stay text where they are rates or suppressed ("87 %", "."), numbers where they are counts.
        for f in figures {
            rows.append([.text(f.title)])
            rows.append(f.columnLabels.map(Cell.text))
            for (r, label) in f.rowLabels.enumerated() { rows.append([.text(label)] + f.cells[r].map { Int($0).map { .count($0) } ?? .text($0) }) }
            rows.append([])
        }
        let files: [(String, String)] = [
            ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
            """),
            ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """),
            ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(xml(String(sheetName.prefix(31))))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
            ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """),
            ("xl/worksheets/sheet1.xml", sheet(rows)),
        ]
        return Zip.stored(files.map { ($0.0, Array($0.1.utf8)) })
    }

    enum Cell {
        case text(String)
        case count(Int?)
    }

    static func sheet(_ rows: [[Cell]]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        for (r, row) in rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = column(c) + String(r + 1)
                switch cell {
                case .text(let s): out += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(xml(s))</t></is></c>"
                case .count(let v?): out += "<c r=\"\(ref)\"><v>\(v)</v></c>"
                case .count(nil): out += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>.</t></is></c>"
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    static func column(_ i: Int) -> String {
        var n = i + 1, s = ""
        while n > 0 { let m = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + m))) + s; n = (n - 1) / 26 }
        return s
    }

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// ZIP archives with stored (uncompressed) entries: local headers, central directory, end record.
enum Zip {
    static func stored(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func u16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        for f in files {
            let name = Array(f.name.utf8), crc = crc32(f.data), offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(f.data.count), &out); u32(UInt32(f.data.count), &out); u16(name.count, &out); u16(0, &out)
            out += name + f.data
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0x0800, &central); u16(0, &central); u16(0, &central); u16(0x21, &central)
            u32(crc, &central); u32(UInt32(f.data.count), &central); u32(UInt32(f.data.count), &central); u16(name.count, &central)
            u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central)
            central += name
        }
        let start = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(files.count, &out); u16(files.count, &out)
        u32(UInt32(central.count), &out); u32(start, &out); u16(0, &out)
        return out
    }

    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
