import BPFCore

/// The three textual forms of a translated program, mirroring tcpdump's `-d`, `-dd` and `-ddd`.
public enum EBPFListing {
    /// The listing for a tcpdump-style dump level: 1 (`-d`) disassembly, 2 (`-dd`) C array, 3 or more
    /// (`-ddd`) decimal slots; 0 gives the disassembly too.
    public static func render(_ program: EBPFProgram, dumpLevel: Int) -> String {
        switch dumpLevel {
        case 2: return cArray(program)
        case 3...: return decimal(program)
        default: return disassembly(program)
        }
    }

    /// Translates `classic` and renders it at `dumpLevel`: what `swiftdump --ebpf --ebpf-flavor F -d|-dd|-ddd`
    /// prints. The kernel flavour uses the running kernel's layout (``KernelLayout/running(fallback:)``)
    /// unless `layout` is given.
    public static func render(classic: Program, flavor: TranslationFlavor, dumpLevel: Int,
                              layout: KernelLayout? = nil) throws(TranslationError) -> String {
        let chosen = layout ?? (flavor == .kernel ? KernelLayout.running() : .linux618x86_64)
        let program = try EBPFTranslator(flavor: flavor, layout: chosen).translate(classic)
        return render(program, dumpLevel: dumpLevel)
    }

    /// `-d`: a `bpftool prog dump xlated`-style disassembly, with symbolic names for offsets and helpers.
    public static func disassembly(_ program: EBPFProgram) -> String {
        EBPFDisassembler(program: program).text()
    }

    /// `-dd`: one `{ 0xCODE, dst, src, off, 0xIMM },` line per 8-byte slot.
    public static func cArray(_ program: EBPFProgram) -> String {
        var s = ""
        for slot in EBPFEncoding.slots(program.instructions) {
            s += "{ 0x\(hex(UInt32(slot.code), width: 2)), \(slot.dst), \(slot.src), \(slot.off), "
                + "0x\(hex(UInt32(bitPattern: slot.imm), width: 8)) },\n"
        }
        return s
    }

    /// `-ddd`: the slot count, then `code dst src off imm` in decimal per slot (imm signed 32-bit).
    public static func decimal(_ program: EBPFProgram) -> String {
        let slots = EBPFEncoding.slots(program.instructions)
        var s = "\(slots.count)\n"
        for slot in slots { s += "\(slot.code) \(slot.dst) \(slot.src) \(slot.off) \(slot.imm)\n" }
        return s
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
