import Foundation

/// The nationality codes a form accepts: ISO 3166-1 alpha-3, Kosovo (XKX) and the ICAO codes of travel documents for
/// stateless persons and refugees (XXA, XXB, XXC) and an unspecified nationality (XXX).
public enum CountryCodes {
    public static let all: Set<String> = Set(("""
        ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH \
        BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB \
        CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO \
        GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN \
        IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA \
        MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER \
        NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU \
        RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA \
        TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT \
        WLF WSM YEM ZAF ZMB ZWE XKX XXA XXB XXC XXX
        """).split(separator: " ").map(String.init))

    public static func isValid(_ code: String) -> Bool { all.contains(code) }

    /// The German name of a nationality code for pages staff read ("SYR" → "Syrien"); the code itself if unknown.
    public static func germanName(_ code: String) -> String { germanNames[code] ?? code }

    /// The German name with the code, for the client file where the code is what the form takes ("Syrien (SYR)").
    public static func germanNameWithCode(_ code: String) -> String { germanNames[code].map { "\($0) (\(code))" } ?? code }

    /// Built once from the ICU data that Foundation bundles (it takes alpha-3 codes); the non-ISO codes by hand.
    static let germanNames: [String: String] = {
        let de = Locale(identifier: "de_DE")
        var names: [String: String] = ["XKX": "Kosovo", "XXA": "staatenlos", "XXB": "Flüchtling (GFK)", "XXC": "Flüchtling (sonstiger)", "XXX": "ungeklärt"]
        for code in all where names[code] == nil {
            if let n = de.localizedString(forRegionCode: code), n != code { names[code] = n }
        }
        return names
    }()
}
