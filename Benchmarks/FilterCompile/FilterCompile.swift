// FilterCompile (issue 4): time, allocations and peak memory of compiling filter expressions to classic BPF
// with the optimizer on (what `swiftdump -d` does), and of translating the result to eBPF.
//
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target FilterCompile
//
// Cases: `tcp port 80`; the 50 corpus expressions with the longest unoptimized programs (all 50 per
// iteration); N OR'ed `host` terms and N OR'ed `port` terms for N = 100, 400, 1600, 6400. The side-by-side
// comparison with `tcpdump -d` is the plain executable OptimizerTiming (`swift run -c release OptimizerTiming
// --tcpdump`).
import BPFCore
import Benchmark
import BenchSupport
import FilterLang
import Foundation
import cbpf2ebpf

/// One corpus row: an expression and the link type it was compiled for.
struct CorpusExpression {
    var text: String
    var linkType: LinkType
}

/// The 50 corpus expressions (that libpcap optimizes) with the longest unoptimized programs, or a reason why
/// there are none.
func complexCorpusExpressions() -> Result<[CorpusExpression], CorpusUnavailable> {
    let file = BenchPaths.corpus("libpcap/golden-1.10.3.jsonl")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else {
        return .failure(CorpusUnavailable(reason: "\(file.path) is not readable (set SWIFTDUMP_SHARED)"))
    }
    var rows: [(CorpusExpression, Int)] = []
    for line in text.split(separator: "\n") {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let expression = object["expr"] as? String, let dlt = object["DLT"] as? String,
              let status = object["opt_rc"] as? Int, status == 0, let unoptimized = object["unopt"] as? String,
              let link = LinkType(name: dlt) else { continue }
        rows.append((CorpusExpression(text: expression, linkType: link), unoptimized.count(where: { $0 == "\n" })))
    }
    rows.sort { $0.1 > $1.1 }
    // Some rows need host names from the golden machine's /etc/hosts: keep the first 50 this machine compiles.
    var chosen: [CorpusExpression] = []
    for (row, _) in rows where chosen.count < 50 {
        if (try? FilterCompiler(linkType: row.linkType).compile(row.text, optimize: false)) != nil {
            chosen.append(row)
        }
    }
    if chosen.isEmpty { return .failure(CorpusUnavailable(reason: "no corpus expression compiles here")) }
    return .success(chosen)
}

struct CorpusUnavailable: Error {
    var reason: String
}

let compileMetrics: [BenchmarkMetric] = [
    .wallClock, .mallocCountTotal, .peakMemoryResident, .peakMemoryResidentDelta,
]

/// A configuration for a case that takes `expectedSeconds` or so per compile: few iterations for big ones.
func configuration(expectedSeconds: Double) -> Benchmark.Configuration {
    if expectedSeconds >= 0.5 {
        return .init(metrics: compileMetrics, warmupIterations: 0, maxDuration: .seconds(20), maxIterations: 3)
    }
    if expectedSeconds >= 0.05 {
        return .init(metrics: compileMetrics, warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 20)
    }
    return .init(metrics: compileMetrics, maxDuration: .seconds(2))
}

func compileOrFail(_ benchmark: Benchmark, _ compiler: FilterCompiler, _ expression: String) {
    do {
        blackHole(try compiler.compile(expression))
    } catch {
        benchmark.error("\(expression.prefix(60))…: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    let ethernet = FilterCompiler(linkType: .en10mb)

    Benchmark("compile tcp port 80", configuration: configuration(expectedSeconds: 0)) { benchmark in
        for _ in benchmark.scaledIterations { compileOrFail(benchmark, ethernet, "tcp port 80") }
    }

    switch complexCorpusExpressions() {
    case .success(let expressions):
        let compilers = expressions.map { FilterCompiler(linkType: $0.linkType) }
        Benchmark("compile 50 most complex corpus expressions (all 50)",
                  configuration: configuration(expectedSeconds: 0.05)) { benchmark in
            for _ in benchmark.scaledIterations {
                for (expression, compiler) in zip(expressions, compilers) {
                    compileOrFail(benchmark, compiler, expression.text)
                }
            }
        }
    case .failure(let unavailable):
        print("FilterCompile: skipping the corpus case: \(unavailable.reason)")
    }

    for count in [100, 400, 1600, 6400] {
        let hosts = Expressions.hosts(count)
        let ports = Expressions.ports(count)
        let expected = Double(count) / 3200  // rough; only picks the iteration budget
        Benchmark("compile \(count) OR'ed hosts", configuration: configuration(expectedSeconds: expected)) { benchmark in
            for _ in benchmark.scaledIterations { compileOrFail(benchmark, ethernet, hosts) }
        }
        Benchmark("compile \(count) OR'ed ports", configuration: configuration(expectedSeconds: expected)) { benchmark in
            for _ in benchmark.scaledIterations { compileOrFail(benchmark, ethernet, ports) }
        }
    }

    // cbpf2ebpf: translating an already compiled program, both flavours.
    for (name, expression) in [("tcp port 80", "tcp port 80"), ("50 OR'ed hosts", Expressions.hosts(50))] {
        guard let program = try? ethernet.compile(expression) else {
            print("FilterCompile: skipping eBPF translation of \(name): it does not compile")
            continue
        }
        for flavor in [TranslationFlavor.kernel, .loadable] {
            let translator = EBPFTranslator(flavor: flavor)
            Benchmark("eBPF translate \(name) (\(flavor), \(program.count) insns)",
                      configuration: .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(1))) {
                benchmark in
                for _ in benchmark.scaledIterations {
                    do { blackHole(try translator.translate(program)) } catch { benchmark.error("\(error)") }
                }
            }
        }
    }
}
