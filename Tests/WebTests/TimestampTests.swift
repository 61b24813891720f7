import Foundation
import Storage
import Testing
import Views

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

@Suite("Digest text")
struct HexTests {
    @Test func hexDigestsAreLowerCaseTwoDigitsPerByte() {
        // The audit chain stores these digests: the text must stay exactly what earlier rows were hashed with.
        #expect(Hex.string([0x00, 0x0f, 0xf0, 0xff, 0x5a]) == "000ff0ff5a")
        #expect(Hex.string([UInt8]()) == "")
        #expect(AccountStore.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite("Times on staff pages")
struct GermanTimeTests {
    @Test func momentsAreShownInGermanFormatAndGermanTime() {
        #expect(GermanTime.format("2026-12-05T02:38:12.345Z") == "05.12.2026, 03:38")      // winter: UTC+1
        #expect(GermanTime.format("2026-07-01T10:00:00Z") == "01.07.2026, 12:00")          // summer: UTC+2
        #expect(GermanTime.day("2026-12-05T23:30:00.000Z") == "06.12.2026")                // already the next day in Germany
        #expect(GermanTime.format("2026-03-29T00:59:59Z") == "29.03.2026, 01:59")          // the hour before the clocks change
        #expect(GermanTime.format("2026-03-29T01:00:00Z") == "29.03.2026, 03:00")
        #expect(GermanTime.format("kein Zeitpunkt") == "kein Zeitpunkt")
    }
}
