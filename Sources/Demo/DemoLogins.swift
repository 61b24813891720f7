import Counseling

/// One fixed demo login: the e-mail, the person's (invented) name, the role and the TOTP secret. These do not
/// depend on the seed, so the README can list them.
public struct DemoLogin: Sendable, Hashable {
    public var email: String
    public var displayName: String
    public var role: Role
    /// Base32 secret (32 characters = 160 bits) for an authenticator app (RFC 6238, SHA-1, 6 digits, 30 s).
    public var totpSecret: String
    var organisation: DemoOrganisations.Key
}

public enum DemoLogins {
    /// Every demo login: in Elbstadt two counselors, the coordinator, the authority's clerk and head, and a
    /// volunteer of the partner network; in Muldenau a counselor and the coordinator; the Land's coordination.
    public static let all: [DemoLogin] = [
        DemoLogin(email: "beraterin@elbstadt.example", displayName: "Anna Winkler", role: .counselor,
                  totpSecret: "HFA3NN6WJPD3HTEEK4HF6TP3JV3QHCMC", organisation: .elbstadtService),
        DemoLogin(email: "berater2@elbstadt.example", displayName: "Jonas Albrecht", role: .counselor,
                  totpSecret: "6UZFVOIZE4YOZMMZWJTI34QOOG6BIPWG", organisation: .elbstadtService),
        DemoLogin(email: "koordination@elbstadt.example", displayName: "Miriam Kessler", role: .coordinator,
                  totpSecret: "7HXIAQQTFFS6OOAWUMDMY4QP5LZ6QCFQ", organisation: .elbstadtService),
        DemoLogin(email: "sachbearbeitung@abh-elbstadt.example", displayName: "Torsten Pfeiffer", role: .authorityClerk,
                  totpSecret: "AJXCMPG3PTDSHHOASBHIVPKKJ5GHV6RW", organisation: .elbstadtAuthority),
        DemoLogin(email: "leitung@abh-elbstadt.example", displayName: "Ulrike Brandner", role: .authorityLead,
                  totpSecret: "MQQBHBKNSOQWKPZJMJQJVFSRACQJLVLJ", organisation: .elbstadtAuthority),
        DemoLogin(email: "ehrenamt@elbstadt.example", displayName: "Paul Nowak", role: .volunteer,
                  totpSecret: "TNQREZF4QXVDVLX5FU3M6N6ZZ44DIEGM", organisation: .elbstadtPartner),
        DemoLogin(email: "beraterin@muldenau.example", displayName: "Selin Aksoy", role: .counselor,
                  totpSecret: "XGLFZRDMVFJAIKSVVTCUMEYHW7YCDYZ3", organisation: .muldenauService),
        DemoLogin(email: "koordination@muldenau.example", displayName: "Frank Seidel", role: .coordinator,
                  totpSecret: "R5QY5AFZEMITS4KJCAPAR6JO5KPJH6J6", organisation: .muldenauService),
        DemoLogin(email: "land@koordination-sachsen.example", displayName: "Ines Hartwig", role: .landCoordinator,
                  totpSecret: "E45URW3RPK67PY5NE65IEQTJBEW2R4CS", organisation: .landCoordination),
    ]
}
