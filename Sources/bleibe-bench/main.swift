// Benchmarks of the rules engine (run: swift run -c release bleibe-bench [--count N] [--seed S]).
// Measures, in one run: all pathways for one person (a shared case file), and for N generated households.
// Figures are wall-clock nanoseconds per evaluation on this machine; compare ratios within one run only.
import CaseFiles
import Eligibility
import Foundation
import Screening
import Counseling
import Views

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func percentile(_ sorted: [UInt64], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let i = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
    return Double(sorted[i]) / 1000
}

func report(_ name: String, _ samples: [UInt64], unit: String = "µs") {
    let s = samples.sorted()
    let mean = Double(s.reduce(0, +)) / Double(max(s.count, 1)) / 1000
    print(String(format: "%-44@ n=%7d  mean %7.1f %@  p50 %7.1f  p99 %7.1f  max %8.1f", name as NSString, s.count, mean, unit as NSString,
                 percentile(s, 0.5), percentile(s, 0.99), percentile(s, 1.0)))
}

var count = 100_000
var seed: UInt64 = 1
var show = 0
var repeats = 50_000
var perPathway = false
var pages = 0
var screenFile: String?
var synthCount = 0
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--count": count = Int(args.next() ?? "") ?? count
    case "--seed": seed = UInt64(args.next() ?? "") ?? seed
    case "--show": show = Int(args.next() ?? "") ?? 0
    case "--repeat": repeats = Int(args.next() ?? "") ?? repeats
    case "--per-pathway": perPathway = true
    case "--pages": pages = Int(args.next() ?? "") ?? 0
    case "--screen": screenFile = args.next()
    case "--synth":
        guard let n = args.next().flatMap(Int.init), n > 0 else { print("--synth: expected a number of persons"); exit(2) }
        synthCount = n
    default: print("usage: bleibe-bench [--count N] [--seed S] [--repeat N] [--show N] [--pages N] [--per-pathway] [--screen FILE] [--synth N]"); exit(2)
    }
}

let engine = Engine()
let on = Day("2026-11-16")
if synthCount > 0 {
    // A synthetic population as flat CSV on standard output, as `bleibe synth` writes it (for `--screen`).
    var out = BufferedOutput()
    PopulationFile.write(count: synthCount, seed: seed, on: Day("2026-11-22"), format: .csv) { out.write($0) }
    out.flush()
    exit(0)
}
if let file = screenFile {
    // The screening of a population file in process, as `bleibe screen` runs it (results counted, not written): the
    // engine, parsing and formatting without the command's output, in a build that needs no web stack.
    guard let (lines, header, firstLine, separator) = try? ScreeningInput.open(path: file, format: .of(fileName: file)) else { print("cannot read \(file)"); exit(2) }
    let t = now()
    var bytes = 0, digest: UInt64 = 0xcbf29ce484222325   // FNV-1a of the results: a change that should not change them, did not
    let summary = Screener(on: Day("2026-11-22")).run(lines: IteratorSequence(lines), format: .of(fileName: file), header: header, separator: separator,
                                                      firstLine: firstLine, write: { line in bytes += line.utf8.count; for b in line.utf8 { digest = (digest ^ UInt64(b)) &* 0x100000001b3 } }, reject: { _, _ in })
    let wall = Double(now() - t) / 1e9
    print(String(format: "screened %d rows (%d rejected) in %.3f s wall, %.2f µs per row (wall × cores), %d result bytes, digest %016llx", summary.rows, summary.rejected,
                 wall, wall * 1e6 * Double(ProcessInfo.processInfo.activeProcessorCount) / Double(max(summary.rows, 1)), bytes, digest))
    exit(0)
}
if show > 0 {
    // Print the German report of the first generated households, to check the generator's realism.
    var g = PopulationGenerator(seed: seed, on: on)
    for _ in 0..<show { print(GermanReport.render(engine.assess(g.nextHousehold(), on: on))) }
    exit(0)
}
if pages > 0 {
    // Print the assessment pages of the first generated persons: a rendering change can be compared byte for byte.
    var g = PopulationGenerator(seed: seed, on: on)
    var printed = 0
    while printed < pages {
        for p in engine.assess(g.nextHousehold(), on: on).persons where printed < pages {
            let client = Client(id: "c\(printed)", organisationID: "o1", fileNumber: "PB-\(printed)", firstName: "Vorname <\(printed)>",
                                lastName: "Nachname & Co", facts: p.person)
            let model = AssessmentPage.Model(client: client, on: on, today: on, person: p, snapshots: [])
            print(AssessmentPage.render(frame: PageFrame(title: "Prüfung", csrf: "x"), model).rendered)
            printed += 1
        }
    }
    exit(0)
}
print("Bleibe rules engine benchmark – all \(PathwayKey.allCases.count) pathways, decision date \(on.iso)")

// 1. One person: the worked example of SPEC.md (case 01), repeated.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let single = (try? CaseFileDecoder.load(path: root.deletingLastPathComponent().appendingPathComponent("shared/law/cases/01-single-25b-standard.yaml").path))?.household
    ?? { var g = PopulationGenerator(seed: 7, on: on); return g.nextHousehold() }()
for _ in 0..<min(2_000, repeats) { _ = engine.assess(single, on: on) }   // warm-up
var samples: [UInt64] = []
samples.reserveCapacity(50_000)
for _ in 0..<repeats {
    let t = now(); let r = engine.assess(single, on: on); let d = now() - t
    precondition(!r.persons.isEmpty)
    samples.append(d)
}
report("one person (case 01), all pathways", samples)

// The assessment page of that person rendered as HTML (the web layer's share of a page view).
if let person = engine.assess(single, on: on).persons.first {
    let client = Client(id: "c1", organisationID: "o1", fileNumber: "PB-1", firstName: "Amira", lastName: "Haddad", facts: person.person)
    let model = AssessmentPage.Model(client: client, on: on, today: on, person: person, snapshots: [])
    var pageSamples: [UInt64] = []
    for _ in 0..<min(repeats, 5_000) {
        let t = now(); let html = AssessmentPage.render(frame: PageFrame(title: "Prüfung", csrf: "x"), model); let d = now() - t
        precondition(!html.rendered.isEmpty)
        pageSamples.append(d)
    }
    report("assessment page HTML (case 01)", pageSamples)
    // Reading a stored client's facts (JSON) back into a person: the web app does it on every page of a client.
    let json = CaseFileEncoder.json(person.person)
    var decodeSamples: [UInt64] = []
    for _ in 0..<min(repeats, 20_000) {
        let t = now(); let p = try? CaseFileDecoder.person(json: json); let d = now() - t
        precondition(p?.id == person.person.id)
        decodeSamples.append(d)
    }
    report("client facts from JSON (case 01)", decodeSamples)
}

// 2. N generated households (single persons and families), each person all pathways.
var gen = PopulationGenerator(seed: seed, on: on)
var households: [Household] = []
households.reserveCapacity(count)
var persons = 0
while persons < count { let h = gen.nextHousehold(); persons += h.persons.count; households.append(h) }
var perPerson: [UInt64] = []
perPerson.reserveCapacity(persons)
var outcomes: [PathwayKey: [Outcome: Int]] = [:]
let started = now()
for h in households {
    let t = now(); let r = engine.assess(h, on: on); let d = now() - t
    let each = d / UInt64(h.persons.count)
    for p in r.persons {
        perPerson.append(each)
        for a in p.assessments { outcomes[a.pathway, default: [:]][a.outcome, default: 0] += 1 }
    }
}
let wall = Double(now() - started) / 1e9
// The same households as screening evaluates them: results, dates and missing facts, no texts.
var leanSamples: [UInt64] = []
leanSamples.reserveCapacity(persons)
let leanStarted = now()
for h in households {
    let t = now(); let r = engine.assess(h, on: on, explains: false); let d = now() - t
    for _ in r.persons { leanSamples.append(d / UInt64(h.persons.count)) }
}
let leanWall = Double(now() - leanStarted) / 1e9
if perPathway {
    // Where the time goes: each pathway alone over the same population, with and without texts.
    for key in PathwayKey.allCases {
        let t = now()
        for h in households { _ = engine.assess(h, on: on, pathways: [key]) }
        let t2 = now()
        for h in households { _ = engine.assess(h, on: on, pathways: [key], explains: false) }
        print(String(format: "  %-7@ %6.1f µs per person, %6.1f µs without texts", key.rawValue as NSString,
                     Double(t2 - t) / 1000 / Double(persons), Double(now() - t2) / 1000 / Double(persons)))
    }
}
report("generated population, per person", perPerson)
report("same, without texts (screening), per person", leanSamples)
print(String(format: "generated population: %d persons in %d households, %.2f s wall, %.0f persons/s (1 core); without texts %.2f s", persons, households.count, wall, Double(persons) / wall, leanWall))
print("\nOutcomes per pathway (plausibility):")
print("pathway   met  reachable  not_met  excluded  unclear")
for key in PathwayKey.allCases {
    let o = outcomes[key] ?? [:]
    print(String(format: "%-7@ %6d %10d %8d %9d %8d", key.rawValue as NSString, o[.met] ?? 0, o[.reachable] ?? 0, o[.notMet] ?? 0, o[.excluded] ?? 0, o[.unclear] ?? 0))
}
