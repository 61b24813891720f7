import Eligibility
import Foundation
import Screening
import Storage

/// Runs queued screening jobs in the background. The queue is the database table, so any instance behind one
/// PostgreSQL may claim a job; `kick` starts this instance's drain loop if it is not running yet.
public final class ScreeningRunner: @unchecked Sendable {
    private let lock = NSLock()
    private var draining = false, pending = false
    /// The jobs this instance is running, and whether the server is stopping (then it claims none and writes no
    /// progress: the jobs go back to the queue).
    private var active: Set<String> = []
    private var closing = false
    var isClosing: Bool { lock.withLock { closing } }

    static func directory(_ config: AppConfig) -> URL { URL(fileURLWithPath: config.uploadDirectory, isDirectory: true).appendingPathComponent("screening") }
    static func inputPath(_ config: AppConfig, _ id: String) -> String { directory(config).appendingPathComponent("\(id).input").path }
    static func resultsPath(_ config: AppConfig, _ id: String) -> String { directory(config).appendingPathComponent("\(id).results.csv").path }

    func kick(_ services: AppServices) {
        let start = lock.withLock { () -> Bool in
            if draining { pending = true; return false }
            draining = true
            return true
        }
        guard start else { return }
        Task.detached {
            repeat {
                while !self.isClosing, let job = await Self.claim(services) {
                    self.lock.withLock { _ = self.active.insert(job.id) }
                    await Self.run(job, services)
                    self.lock.withLock { _ = self.active.remove(job.id) }
                }
            } while self.again()
        }
    }

    /// Seconds without a heartbeat after which a running job counts as abandoned (its instance writes one about
    /// every 0.3 s while it works).
    static let staleAfter: TimeInterval = 300

    /// The next queued job; a failing database is retried a few times before the loop gives up (a later kick resumes).
    static func claim(_ services: AppServices) async -> ScreeningJob? {
        for attempt in 0..<5 {
            let now = services.now()
            do { return try await services.screeningJobs.claim(now: services.timestamp(now), staleBefore: services.timestamp(now.addingTimeInterval(-Self.staleAfter))) } catch {
                try? await Task.sleep(nanoseconds: UInt64(100_000_000 * (attempt + 1)))
            }
        }
        return nil
    }

    /// At a graceful shutdown: the jobs running here go back to the queue, started again from the beginning by the next
    /// instance to start (the thread that screens cannot be stopped halfway and resumed).
    public func release(_ services: AppServices) async {
        let ids = lock.withLock { closing = true; return Array(active) }
        guard !ids.isEmpty else { return }
        try? await services.screeningJobs.requeue(ids: ids)
    }

    /// Whether a kick arrived while draining (then drain once more); otherwise the loop ends.
    private func again() -> Bool {
        lock.withLock {
            if pending { pending = false; return true }
            draining = false
            return false
        }
    }

    /// Counters written by the screening thread and read by the progress writer.
    final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var processed = 0, rejected = 0, finished = false, stopped = false
        func set(_ p: Int, _ r: Int) { lock.withLock { processed = p; rejected = r } }
        func finish() { lock.withLock { finished = true } }
        /// The job was cancelled (or deleted): the screening thread reads no further line.
        func stop() { lock.withLock { stopped = true } }
        var isStopped: Bool { lock.withLock { stopped } }
        var snapshot: (Int, Int, Bool) { lock.withLock { (processed, rejected, finished) } }
    }

    /// The lines of the input until the job is stopped.
    struct StoppableLines<Base: IteratorProtocol<String>>: Sequence, IteratorProtocol {
        var base: Base
        let progress: Progress
        mutating func next() -> String? { progress.isStopped ? nil : base.next() }
    }

    static func run(_ job: ScreeningJob, _ services: AppServices) async {
        let config = services.config
        let format = ScreeningFormat(rawValue: job.format) ?? .csv
        let progress = Progress()
        let writer = Task {
            while true {
                let (p, r, done) = progress.snapshot
                if done || services.screeningRunner.isClosing { break }
                if (try? await services.screeningJobs.progress(id: job.id, processed: p, rejected: r, now: services.timestamp())) == false { progress.stop() }
                try? await Task.sleep(nanoseconds: 300_000_000)
            }
        }
        let outcome: Result<(ScreeningSummary, [String], [String: Int]), ScreeningInput.Failure> = await withCheckedContinuation { c in
            // A thread of its own: a busy dispatch pool must not keep a job from starting.
            let thread = Thread {
                do {
                    let (lines, header, firstLine, separator) = try ScreeningInput.open(path: inputPath(config, job.id), format: format)
                    // Figures only: no result per person is written anywhere (QA35 F4).
                    let keeps = !job.figuresOnly
                    if keeps { _ = FileManager.default.createFile(atPath: resultsPath(config, job.id), contents: nil) }
                    let out = keeps ? FileHandle(forWritingAtPath: resultsPath(config, job.id)) : nil
                    if keeps && out == nil { throw ScreeningInput.Failure(message: "cannot write the results") }
                    var screener = Screener(on: job.on)
                    screener.workers = workersBesideTheSite()
                    var buffer = Array((Screener.header(screener.pathways) + "\n").utf8)
                    var rejections: [String] = []
                    var rejected = 0
                    // A write that fails (a full disk) ends the job with a message, not the server (QA of 06.12.2026:
                    // the non-throwing write ended the process and left the job "running").
                    var writeFailure: (any Error)? = nil
                    func flush() {
                        if writeFailure == nil, let out { do { try out.write(contentsOf: Data(buffer)) } catch { writeFailure = error } }
                        buffer.removeAll(keepingCapacity: true)
                    }
                    let summary = screener.run(lines: StoppableLines(base: lines, progress: progress), format: format, header: header, separator: separator, firstLine: firstLine,
                                               write: { line in
                                                   guard keeps else { return }
                                                   buffer += line.utf8; buffer.append(10)
                                                   if buffer.count > 1 << 20 { flush() }
                                               },
                                               reject: { line, reason in rejected += 1; if rejections.count < 200 { rejections.append("Zeile \(line): \(reason)") } },
                                               progress: { n in progress.set(n, rejected) })
                    flush()
                    try? out?.close()
                    if writeFailure != nil { throw ScreeningInput.Failure(message: "cannot write the results (disk full?)") }
                    // The outreach list's length per horizon, counted once here rather than on every view of the job.
                    let outreach = keeps && !progress.isStopped ? ScreeningRoutes.outreachTotals(path: resultsPath(config, job.id), on: job.on, months: [3, 6, 12]) : [:]
                    c.resume(returning: .success((summary, rejections, outreach)))
                } catch let f as ScreeningInput.Failure {
                    c.resume(returning: .failure(f))
                } catch {
                    c.resume(returning: .failure(ScreeningInput.Failure(message: "\(error)")))
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        progress.finish()
        _ = await writer.value   // it ends by itself (never cancelled mid-write); no progress write lands after the final one
        // Stopping: the job is queued again with its list; nothing is written or deleted.
        if services.screeningRunner.isClosing { return }
        if progress.isStopped {
            // Cancelled: nothing of the list or its partial results stays.
            try? FileManager.default.removeItem(atPath: inputPath(config, job.id))
            try? FileManager.default.removeItem(atPath: resultsPath(config, job.id))
            return
        }
        // Figures only: the list itself goes as soon as its figures are counted (QA36 F5: kept for the retention time).
        if job.figuresOnly { try? FileManager.default.removeItem(atPath: inputPath(config, job.id)) }
        // The final write must land (a busy database is retried), or the job would look "running" for ever.
        for attempt in 0..<10 {
            do {
                switch outcome {
                case .success(let (summary, _, _)) where job.figuresOnly && summary.rows < ScreeningSummary.smallestFiguresOnlyList:
                    // The minimum counts persons screened, not lines (QA37 F1: one row and 19 refused ones gave that
                    // person's result). No figures are kept.
                    try await services.screeningJobs.fail(id: job.id, error: "Nur \(summary.rows) gültige Zeilen (\(summary.rejected) abgewiesen): für Zahlen ohne Personenbezug sind mindestens \(ScreeningSummary.smallestFiguresOnlyList) nötig.")
                case .success(let (summary, rejections, outreach)):
                    try await services.screeningJobs.finish(id: job.id, processed: progress.snapshot.0, rejected: summary.rejected,
                                                            summaryJSON: ScreeningSummaryJSON.encode(summary, outreach: outreach), rejections: rejections.joined(separator: "\n"))
                case .failure(let f):
                    try await services.screeningJobs.fail(id: job.id, error: f.message)
                }
                // Finished or failed for good: nothing reads the list again, so it does not wait for the retention time
                // with the results (QA43 A8: kept seven days). Only once the job's end is written: a job left "running"
                // is started again from it.
                try? FileManager.default.removeItem(atPath: inputPath(config, job.id))
                return
            } catch {
                try? await Task.sleep(nanoseconds: UInt64(50_000_000 * (attempt + 1)))
            }
        }
    }

    /// A list of a million rows keeps the cores busy for seconds: a job leaves one core to the requests of the people
    /// working on the site (on two cores it runs on one). Not a lower priority: a job at nice 10 beside a busy site
    /// made no progress at all for minutes (measured under eight busy threads), and the pool threads it hands work to
    /// would not share it.
    static func workersBesideTheSite(cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        max(1, min(cores - 1, 8))
    }

    /// Deletes the jobs (and their files) past their retention time.
    static func purge(_ services: AppServices) async throws {
        // A list still arriving when the server stopped stays as ".upload-…": gone after a day (by the file's own age).
        let dir = directory(services.config)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasPrefix(".upload-") {
            let path = dir.appendingPathComponent(name).path
            if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < Date().addingTimeInterval(-86_400) {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        for job in try await services.screeningJobs.expired(now: services.timestamp()) {
            try? FileManager.default.removeItem(atPath: inputPath(services.config, job.id))
            try? FileManager.default.removeItem(atPath: resultsPath(services.config, job.id))
            _ = try await services.screeningJobs.delete(id: job.id, organisation: job.organisationID,
                                                       audit: AuditContext(userID: AuditLog.systemID, organisationID: job.organisationID, now: services.timestamp()))
        }
    }
}

/// The summary as stored with the job: counts per pathway and bucket, and by years of stay.
enum ScreeningSummaryJSON {
    /// - Parameter outreach: the number of persons on the outreach list per horizon in months ("3", "6", "12").
    static func encode(_ s: ScreeningSummary, outreach: [String: Int] = [:]) -> String {
        var counts: [String: [String: Int]] = [:]
        for (k, v) in s.counts { counts[k.rawValue] = Dictionary(uniqueKeysWithValues: v.map { ($0.key.rawValue, $0.value) }) }
        // The best answer per person, and the five most frequent open points of each pathway's unclear answers (QA35 F5).
        let best = Dictionary(uniqueKeysWithValues: s.best.map { ($0.key.rawValue, $0.value) })
        var reasons: [String: [String: Int]] = [:]
        for k in s.reasons.keys { reasons[k.rawValue] = Dictionary(uniqueKeysWithValues: s.topReasons(k, limit: 5)) }
        let object: [String: Any] = ["rows": s.rows, "rejected": s.rejected, "counts": counts, "years": s.yearsOfStay, "outreach": outreach,
                                     "best": best, "reasons": reasons]
        return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// A job stored before `best` and `reasons` existed has them empty.
    static func decode(_ text: String?) -> (rows: Int, rejected: Int, counts: [String: [String: Int]], years: [String: Int], outreach: [String: Int],
                                            best: [String: Int], reasons: [String: [String: Int]]) {
        guard let text, let o = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return (0, 0, [:], [:], [:], [:], [:]) }
        return (o["rows"] as? Int ?? 0, o["rejected"] as? Int ?? 0, o["counts"] as? [String: [String: Int]] ?? [:], o["years"] as? [String: Int] ?? [:],
                o["outreach"] as? [String: Int] ?? [:], o["best"] as? [String: Int] ?? [:], o["reasons"] as? [String: [String: Int]] ?? [:])
    }
}
