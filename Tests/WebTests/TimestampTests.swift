import Foundation
import Storage
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test func formatsAndParsesLikeISO8601() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for seconds in [0.0, 1_795_000_000.123, 951_782_400.999, 4_102_444_799.5, -86_400.25] {
            let d = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.string(d)
            #expect(text == f.string(from: d), "\(seconds)")
            #expect(abs((Timestamp.date(text)?.timeIntervalSince1970 ?? 0) - (seconds * 1000).rounded(.down) / 1000) < 0.0005)
        }
        #expect(Timestamp.date("kein Datum") == nil)
    }
}
