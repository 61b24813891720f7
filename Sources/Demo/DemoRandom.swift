import Screening

/// The random source of the demo site: `SeededRandom` (SplitMix64) with helpers that use only integer
/// arithmetic on its output, so the same seed gives the same site on every platform and Swift version
/// (the standard library's `random(in:using:)` algorithms are not guaranteed to stay the same).
struct DemoRandom {
    private var source: SeededRandom

    init(seed: UInt64) { source = SeededRandom(seed: seed) }

    mutating func next() -> UInt64 { source.next() }

    /// A number in `0..<1`.
    mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992.0 }

    /// An integer in `range` (the modulo bias is negligible for these small ranges).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// One element of a non-empty list of `(element, weight)` pairs, chosen with probability proportional to
    /// its weight.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = int(0...(total - 1))
        for (item, weight) in items {
            if r < weight { return item }
            r -= weight
        }
        return items[items.count - 1].0
    }

    /// The array in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        guard a.count > 1 else { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, int(0...i))
        }
        return a
    }

    /// A lowercase UUID-shaped identifier (version-4 layout) made of the next 128 random bits.
    mutating func uuid() -> String {
        let hi = next(), lo = next()
        var bytes: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: hi >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: lo >> UInt64(shift))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = "0123456789abcdef".map { $0 }
        var out = ""
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append("-") }
            out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0F)])
        }
        return out
    }
}
