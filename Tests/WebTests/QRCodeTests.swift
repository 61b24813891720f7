import Crypto
import Foundation
import Testing
import Views

/// The QR code of the second factor's enrolment, against an independent encoder: the matrices of segno 1.6.6
/// (`segno.make_qr(text, error="m", version=v, mask=m, boost_error=False, mode="byte").matrix`, rows of 0/1 joined by
/// newlines, SHA-256) for the longest text of every version 1–10 and two masks each. The browser test decodes the
/// enrolment page's code with zxing-cpp.
@Suite("QR code")
struct QRCodeTests {
    static let text = "otpauth://totp/Bleibe:probe%40elbstadt.example?secret=" + String(repeating: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", count: 8)
    static let reference: [(length: Int, version: Int, mask: Int, sha256: String)] = [
        (14, 1, 1, "7e424e4ae61722f5bd6c59f18e25f8a391ffcacfd0274778891d543bb8962f56"),
        (14, 1, 4, "0624ac625ac863ec55124cd70914fa2d4945027ee46d3cefe21288ce9b875ac1"),
        (26, 2, 2, "82142e82ae6f3d10ab06583a28f8b930cc8370acfb61a1b6e571e16a2f44272f"),
        (26, 2, 5, "977aa4d40979b36b9b146770a219ceccb51b4d937236d769a4bce1ccc8f6792a"),
        (42, 3, 3, "1eefcb2f1082db43ce9e4d6969a085177589f027ef1ae98a075998f5866ee563"),
        (42, 3, 6, "55b15ccbe749e69160aff2ca719390c76ed87e72d1580793c0896e372053681d"),
        (62, 4, 4, "01bd0736a9a9b6860ed9fe39c10691b447e7f8d7a714e663541e0a4d3afdce3d"),
        (62, 4, 7, "0bd1e7f223fa49e3aaaef9cebc63a1a6f94eeef21c19f172343613b72933c7ce"),
        (84, 5, 5, "56e58dedbfcd4a0cc8cc9effe5abd030c4f729ecfec9ad852cbf80b4261a7f1c"),
        (84, 5, 0, "85117a79b79dc681f4ab1c25e20fadd97492f3afb6f8a28f07b3ad0fb6c0a6d1"),
        (106, 6, 6, "049dc4ac69ba099f3ecc2489cae958ed49c03312e8b07f39d1a4e0e21b5ff16e"),
        (106, 6, 1, "d98d6085b820582209b53242b74deb57214481445868c3d1a08a7425aa0a36a6"),
        (122, 7, 7, "a413ffd039c5fcb817cddc7b51f6e9c0e4807f5a046cebc812964cb6d3500189"),
        (122, 7, 2, "fa3da473e43a33c77ea5a6f40836ea91ceb2704b2544cdb968993fa9723f72da"),
        (152, 8, 0, "da7508fa30969b4830dd88f6e596d73b0c9e353699d151d27bafeefbff7e3c10"),
        (152, 8, 3, "d889bd090959960151ebfd42c33dbc2f2de92751058d6a6d35adf495fe096c06"),
        (180, 9, 1, "18d0acdb3714b783141b8dbaba3b22457c325ff6dae506f54b45ca822f020a30"),
        (180, 9, 4, "1db9fb5cd4b12b39bf9f8c636fb1e28f80df84058ffcbc33bc1ae24c128d97a4"),
        (213, 10, 2, "4978e5a2ef15e4411d660f1b4585968d962a29648f3a597991524e3e8aba6d74"),
        (213, 10, 5, "486b80be0b6c64b9dc30a0f776069e41ed26839b850ed788c8ac650c691637c5"),
    ]

    @Test func eachVersionAndMaskMatchesAnIndependentEncoder() throws {
        for r in Self.reference {
            let code = try #require(QRCode(String(Self.text.prefix(r.length)), mask: r.mask))
            let rows = code.modules.map { row in String(row.map { $0 ? "1" : "0" }) }.joined(separator: "\n")
            let digest = SHA256.hash(data: Data(rows.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(code.version == r.version && code.size == 17 + 4 * r.version)
            #expect(digest == r.sha256, "version \(r.version), mask \(r.mask)")
        }
        // One byte more than version 10 holds at level M: no code (the page then shows the key alone).
        #expect(QRCode(String(Self.text.prefix(214))) == nil)
        // Without a given mask the one of least penalty is chosen, and the image says which.
        let auto = try #require(QRCode(String(Self.text.prefix(122))))
        #expect(auto.version == 7 && auto.svg.contains("data-mask=\"\(auto.mask)\"") && auto.svg.hasPrefix("<svg"))
    }
}
