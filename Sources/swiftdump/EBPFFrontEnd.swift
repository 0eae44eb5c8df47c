import BPFCore
import cbpf2ebpf

/// `--ebpf`: translates the compiled classic program with cbpf2ebpf and prints it in the `-d` format chosen.
enum EBPFFrontEnd {
    /// The listing of `program`'s translation at `level` (1 `-d`, 2 `-dd`, 3 `-ddd`).
    static func listing(_ program: Program, flavor: EBPFFlavor, level: Int) throws(Termination) -> String {
        let translationFlavor: TranslationFlavor = flavor == .kernel ? .kernel : .loadable
        do {
            return try EBPFListing.render(classic: program, flavor: translationFlavor, dumpLevel: level)
        } catch {
            throw .failure("cannot translate the filter to eBPF (\(flavor.rawValue) flavor): \(error)")
        }
    }
}
