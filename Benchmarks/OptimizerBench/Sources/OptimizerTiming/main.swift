import BPFCore
import FilterLang
import Foundation

/// One benchmark case: an expression compiled for a link type.
struct Case {
    var name: String
    var linkType: LinkType
    var expressions: [String]
}

func hosts(_ n: Int) -> String {
    (0..<n).map { "host 10.\($0 / 65536 % 256).\($0 / 256 % 256).\($0 % 256)" }.joined(separator: " or ")
}

func ports(_ n: Int) -> String {
    (0..<n).map { "port \(1000 + $0)" }.joined(separator: " or ")
}

/// The 50 corpus expressions whose unoptimized programs are longest (and that libpcap optimizes).
func complexCorpus() -> [(String, LinkType)] {
    let here = URL(fileURLWithPath: #filePath)
    // Benchmarks/OptimizerBench/Sources/OptimizerTiming/main.swift -> the folder holding the repository
    var root = here
    for _ in 0..<6 { root.deleteLastPathComponent() }
    let file = root.appendingPathComponent("shared/corpus/libpcap/golden-1.10.3.jsonl")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
    var rows: [(String, LinkType, Int)] = []
    for line in text.split(separator: "\n") {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let expr = obj["expr"] as? String, let dlt = obj["DLT"] as? String,
              let rc = obj["opt_rc"] as? Int, rc == 0, let unopt = obj["unopt"] as? String,
              let link = LinkType(name: dlt) else { continue }
        // Only expressions this machine can compile (some corpus lines need host names from the
        // golden machine's /etc/hosts).
        guard (try? FilterCompiler(linkType: link).compile(expr, optimize: false)) != nil else { continue }
        rows.append((expr, link, unopt.split(separator: "\n").count))
    }
    rows.sort { $0.2 > $1.2 }
    return rows.prefix(50).map { ($0.0, $0.1) }
}

func cases() -> [Case] {
    var list = [Case(name: "tcp port 80", linkType: .en10mb, expressions: ["tcp port 80"])]
    let corpus = complexCorpus()
    if !corpus.isEmpty {
        // Grouped per link type so one case is one compiler configuration.
        list.append(Case(name: "50 most complex corpus expressions", linkType: .en10mb,
                         expressions: corpus.map { "\($0.1.rawValue)\t\($0.0)" }))
    }
    for n in [100, 400, 1600, 6400] {
        list.append(Case(name: "\(n) OR'ed hosts", linkType: .en10mb, expressions: [hosts(n)]))
    }
    for n in [100, 400, 1600, 6400] {
        list.append(Case(name: "\(n) OR'ed ports", linkType: .en10mb, expressions: [ports(n)]))
    }
    return list
}

func peakResidentMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs one case in this process and prints one result line.
func runCase(_ c: Case) {
    var optimizeTime = 0.0, totalTime = 0.0
    var instructions = 0
    var passes = 0
    for item in c.expressions {
        var link = c.linkType
        var expr = item
        if let tab = item.firstIndex(of: "\t"), let raw = Int32(item[..<tab]) {
            link = LinkType(rawValue: raw)
            expr = String(item[item.index(after: tab)...])
        }
        let compiler = FilterCompiler(linkType: link)
        let t0 = now()
        do {
            let parsed = try Parser.parse(expr)
            var (graph, optimizable) = try compiler.flowGraph(for: parsed)
            let t1 = now()
            if optimizable {
                let stats = try Optimizer.optimize(&graph)
                passes += stats.branchPasses + stats.statementPasses
            }
            let t2 = now()
            let program = try Linearizer.linearize(graph)
            let t3 = now()
            optimizeTime += t2 - t1
            totalTime += t3 - t0
            instructions += program.count
        } catch {
            print("  \(c.name): error \(error)")
        }
    }
    let line = String(format: "%@ total %9.4f s  optimizer %9.4f s  peak %7.1f MB  insns %6d  passes %d",
                      c.name as NSString, totalTime, optimizeTime, peakResidentMB(), instructions, passes)
    print(line)
}

/// Times `tcpdump -d` on the same expression (wall clock, one run).
func timeTcpdump(_ expr: String) -> Double? {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-filter-\(getpid()).txt")
    guard (try? expr.write(to: file, atomically: true, encoding: .utf8)) != nil else { return nil }
    defer { try? FileManager.default.removeItem(at: file) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["tcpdump", "-y", "EN10MB", "-d", "-F", file.path]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    let t0 = now()
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    return p.terminationStatus == 0 ? now() - t0 : nil
}

let args = CommandLine.arguments
let all = cases()
if args.count >= 3, args[1] == "--case", let i = Int(args[2]), i >= 0, i < all.count {
    runCase(all[i])
} else {
    // Each case in its own process so that peak memory is per case.
    for i in all.indices {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0])
        p.arguments = ["--case", String(i)]
        try? p.run()
        p.waitUntilExit()
    }
    if args.contains("--tcpdump") {
        for (name, expr) in [("100 OR'ed hosts", hosts(100)), ("400 OR'ed hosts", hosts(400)),
                             ("100 OR'ed ports", ports(100))] {
            if let t = timeTcpdump(expr) {
                print(String(format: "tcpdump -d %@ %9.4f s", name as NSString, t))
            }
        }
    }
}
