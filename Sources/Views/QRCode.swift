/// A QR code (ISO/IEC 18004) in byte mode at error correction level M, versions 1 to 10 (up to 213 bytes): enough for
/// the `otpauth://` address of a second factor, so that it can be scanned instead of typed (QA42 coordination #7).
/// No library on the mirrored list draws one; the encoder follows the standard's steps one by one.
public struct QRCode: Sendable {
    /// The modules, row by row (true = dark), without the quiet zone.
    public let modules: [[Bool]]
    public let version: Int
    public let mask: Int
    public var size: Int { modules.count }

    /// Level M, per version: error correction codewords per block, and the blocks' data codeword counts.
    private static let blocks: [(ecc: Int, data: [Int])] = [
        (10, [16]), (16, [28]), (26, [44]), (18, [32, 32]), (24, [43, 43]), (16, [27, 27, 27, 27]),
        (18, [31, 31, 31, 31]), (22, [38, 38, 39, 39]), (22, [36, 36, 36, 37, 37]), (26, [43, 43, 43, 43, 44]),
    ]

    /// The code for `text`, with the mask of least penalty (or `mask`, 0–7); nil when the text is too long.
    public init?(_ text: String, mask forced: Int? = nil) {
        let bytes = Array(text.utf8)
        guard let version = (1...10).first(where: { v in
            4 + (v < 10 ? 8 : 16) + 8 * bytes.count <= 8 * Self.blocks[v - 1].data.reduce(0, +)
        }) else { return nil }
        var grid = Grid(version: version)
        grid.place(Self.codewords(bytes, version: version))
        // Each candidate masked once; the one of least penalty is kept.
        let (chosen, best) = (forced.map { [$0] } ?? Array(0..<8)).map { ($0, grid.masked($0)) }.min { $0.1.penalty < $1.1.penalty }!
        self.modules = best.dark
        self.version = version
        self.mask = chosen
    }

    /// Mode, length, data, terminator and padding, split into blocks with their Reed–Solomon codewords, interleaved.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let (ecc, lengths) = blocks[version - 1]
        let capacity = lengths.reduce(0, +)
        var bits: [Bool] = []
        func put(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        put(0b0100, 4)
        put(bytes.count, version < 10 ? 8 : 16)
        for b in bytes { put(Int(b), 8) }
        put(0, min(4, capacity * 8 - bits.count))
        put(0, (8 - bits.count % 8) % 8)
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { i in bits[i..<i + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) } }
        var pad: UInt8 = 0xEC
        while data.count < capacity { data.append(pad); pad ^= 0xEC ^ 0x11 }

        let divisor = ReedSolomon.divisor(degree: ecc)
        var start = 0
        var dataBlocks: [[UInt8]] = [], eccBlocks: [[UInt8]] = []
        for n in lengths {
            let block = Array(data[start..<start + n])
            start += n
            dataBlocks.append(block)
            eccBlocks.append(ReedSolomon.remainder(block, divisor))
        }
        var out: [UInt8] = []
        for i in 0..<(lengths.max() ?? 0) { for b in dataBlocks where i < b.count { out.append(b[i]) } }
        for i in 0..<ecc { for b in eccBlocks { out.append(b[i]) } }
        return out
    }

    /// The code as an SVG image (one path, a quiet zone of four modules), scaled by the page.
    public var svg: String {
        let side = size + 8
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" class="qr" role="img" \
            shape-rendering="crispEdges" data-version="\(version)" data-mask="\(mask)"><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }
}

/// The module matrix while it is built: function patterns (finders, timing, alignment, format and version areas) and
/// the data bits placed around them.
private struct Grid {
    var dark: [[Bool]]
    var function: [[Bool]]
    let version: Int
    var size: Int { dark.count }

    init(version: Int) {
        self.version = version
        let size = 17 + 4 * version
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        function = dark
        for i in 0..<size { set(6, i, i % 2 == 0); set(i, 6, i % 2 == 0) }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 { for dx in -4...4 {
                let x = cx + dx, y = cy + dy, d = max(abs(dx), abs(dy))
                if (0..<size).contains(x) && (0..<size).contains(y) { set(x, y, d != 2 && d != 4) }
            } }
        }
        let centres = Self.alignment[version - 1]
        for (i, cx) in centres.enumerated() { for (j, cy) in centres.enumerated() {
            let last = centres.count - 1
            if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
            for dy in -2...2 { for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
        } }
        format(mask: 0)   // reserves the format areas (drawn again with the chosen mask)
        if version >= 7 {
            var rem = version
            for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
            let bits = version << 12 | rem
            for i in 0..<18 {
                let bit = (bits >> i) & 1 == 1, a = size - 11 + i % 3, b = i / 3
                set(a, b, bit); set(b, a, bit)
            }
        }
    }

    /// Centres of the alignment patterns per version (row and column alike).
    static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    /// x is the column, y the row.
    mutating func set(_ x: Int, _ y: Int, _ isDark: Bool) { dark[y][x] = isDark; function[y][x] = true }

    /// The 15 format bits (level M = 00, the mask), BCH-coded, in both copies, and the dark module.
    mutating func format(mask: Int) {
        let data = 0b00 << 3 | mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        let bits = (data << 10 | rem) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6)); set(8, 8, bit(7)); set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)
    }

    /// The codewords' bits in the two-column zigzag from the bottom right, skipping the vertical timing column.
    mutating func place(_ codewords: [UInt8]) {
        var i = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vert in 0..<size {
                for j in 0..<2 {
                    let x = right - j, upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vert : vert
                    if !function[y][x] && i < codewords.count * 8 {
                        dark[y][x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1
                        i += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// A copy with mask `m` applied to the data modules and its format bits drawn.
    func masked(_ m: Int) -> Grid {
        var g = self
        for y in 0..<size { for x in 0..<size where !function[y][x] {
            let invert: Bool
            switch m {
            case 0: invert = (x + y) % 2 == 0
            case 1: invert = y % 2 == 0
            case 2: invert = x % 3 == 0
            case 3: invert = (x + y) % 3 == 0
            case 4: invert = (x / 3 + y / 2) % 2 == 0
            case 5: invert = x * y % 2 + x * y % 3 == 0
            case 6: invert = (x * y % 2 + x * y % 3) % 2 == 0
            default: invert = ((x + y) % 2 + x * y % 3) % 2 == 0
            }
            if invert { g.dark[y][x].toggle() }
        } }
        g.format(mask: m)
        return g
    }

    /// The standard's penalty: runs of five or more, 2×2 blocks, finder-like patterns, imbalance of dark and light.
    var penalty: Int {
        var score = 0
        let lines = dark + (0..<size).map { x in (0..<size).map { y in dark[y][x] } }
        let finder: [Bool] = [true, false, true, true, true, false, true]
        for line in lines {
            var run = 1
            for i in 1..<line.count {
                if line[i] == line[i - 1] { run += 1 } else { if run >= 5 { score += run - 2 }; run = 1 }
            }
            if run >= 5 { score += run - 2 }
            // 1:1:3:1:1 with four light modules on either side (outside the symbol counts as light).
            for i in 0...(line.count - 7) where Array(line[i..<i + 7]) == finder {
                let before = (max(0, i - 4)..<i).allSatisfy { !line[$0] }
                let after = (i + 7..<min(line.count, i + 11)).allSatisfy { !line[$0] }
                if before || after { score += 40 }
            }
        }
        for y in 0..<size - 1 { for x in 0..<size - 1 {
            let c = dark[y][x]
            if c == dark[y][x + 1] && c == dark[y + 1][x] && c == dark[y + 1][x + 1] { score += 3 }
        } }
        let total = size * size, darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
        score += 10 * ((abs(darkCount * 20 - total * 10) + total - 1) / total - 1)
        return score
    }
}


/// Reed–Solomon over GF(2^8) with the QR code's polynomial x^8 + x^4 + x^3 + x^2 + 1.
private enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> UInt8(i)) & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial's coefficients (highest first, the leading 1 left out).
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for b in data {
            let factor = b ^ result.removeFirst()
            result.append(0)
            for (i, c) in divisor.enumerated() { result[i] ^= multiply(c, factor) }
        }
        return result
    }
}
