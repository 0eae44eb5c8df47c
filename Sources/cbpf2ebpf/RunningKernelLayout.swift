import CLibBPF
#if canImport(Glibc)
import Glibc
#endif

extension KernelLayout {
    /// The running kernel's layout: member offsets from its BTF (through libbpf), helper immediates from
    /// `/proc/kallsyms` relative to `__bpf_call_base`. Whatever cannot be read keeps the value of
    /// `fallback` (the built-in 6.18 table by default); ``source`` says what was used.
    public static func running(fallback: KernelLayout = .linux618x86_64) -> KernelLayout {
        var layout = fallback
        var parts: [String] = []
        if let btf = BTFReader() {
            let skb = "sk_buff"
            var found = 0
            func set(_ path: WritableKeyPath<KernelLayout, Int16>, _ structure: String, _ member: String, bits: Bool = false) {
                if let bitOffset = btf.memberBitOffset(structure: structure, member: member),
                   let value = Int16(exactly: bitOffset / 8) {
                    layout[keyPath: path] = value
                    found += 1
                }
            }
            set(\.skbData, skb, "data")
            set(\.skbLen, skb, "len")
            set(\.skbDataLen, skb, "data_len")
            set(\.skbDev, skb, "dev")
            set(\.skbQueueMapping, skb, "queue_mapping")
            set(\.skbPktTypeOffset, skb, "pkt_type")
            set(\.skbHash, skb, "hash")
            set(\.skbVlanAll, skb, "vlan_all")
            set(\.skbVlanTCI, skb, "vlan_tci")
            set(\.skbVlanProto, skb, "vlan_proto")
            set(\.skbMark, skb, "mark")
            set(\.skbProtocol, skb, "protocol")
            set(\.deviceIfindex, "net_device", "ifindex")
            set(\.deviceType, "net_device", "type")
            if found == 14 {
                parts.append("offsets from the running kernel's BTF")
            } else {
                parts.append("\(found) of 14 offsets from BTF, the rest from \(fallback.source)")
            }
        } else {
            parts.append("offsets from \(fallback.source) (no readable BTF)")
        }
        if let helpers = kallsymsImmediates(), !helpers.isEmpty {
            for (helper, imm) in helpers { layout.helperImmediates[helper] = imm }
            parts.append(helpers.count == KernelHelper.allCases.count
                ? "helper immediates from /proc/kallsyms"
                : "\(helpers.count) helper immediates from /proc/kallsyms")
        } else {
            parts.append("helper immediates from \(fallback.source) (/proc/kallsyms unreadable or zeroed)")
        }
        var uts = utsname()
        uname(&uts)
        let release = withUnsafeBytes(of: &uts.release) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        layout.source = "running kernel \(release): " + parts.joined(separator: ", ")
        return layout
    }

    /// `address - __bpf_call_base` for each helper in `/proc/kallsyms` (nil when unreadable or hidden).
    static func kallsymsImmediates(path: String = "/proc/kallsyms") -> [KernelHelper: Int32]? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var addresses: [String: UInt64] = [:]
        let wanted = Set(KernelHelper.allCases.map(\.symbol) + ["__bpf_call_base"])
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix(while: { $0 != 0 && $0 != 10 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let fields = text.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let name = String(fields[2])
            guard wanted.contains(name), let address = UInt64(fields[0], radix: 16) else { continue }
            addresses[name] = address
        }
        guard let base = addresses["__bpf_call_base"], base != 0 else { return nil }
        var out: [KernelHelper: Int32] = [:]
        for helper in KernelHelper.allCases {
            guard let address = addresses[helper.symbol], address != 0 else { continue }
            if let delta = Int32(exactly: Int64(bitPattern: address &- base)) { out[helper] = delta }
        }
        return out
    }
}

/// Reads member offsets from the running kernel's BTF through libbpf.
final class BTFReader {
    private let btf: OpaquePointer

    init?() {
        libbpf_set_print(nil)
        guard let handle = btf__load_vmlinux_btf(), libbpf_get_error(UnsafeRawPointer(handle)) == 0 else { return nil }
        btf = handle
    }

    deinit { btf__free(btf) }

    /// Bit offset of `member` inside `struct structure`, looking through anonymous structs and unions.
    func memberBitOffset(structure: String, member: String) -> UInt32? {
        let id = btf__find_by_name_kind(btf, structure, UInt32(BTF_KIND_STRUCT))
        guard id > 0 else { return nil }
        return search(typeID: UInt32(id), member: member, depth: 0)
    }

    private func search(typeID: UInt32, member: String, depth: Int) -> UInt32? {
        guard depth < 8, let type = btf__type_by_id(btf, typeID) else { return nil }
        let kind = btf_kind(type)
        guard kind == UInt16(BTF_KIND_STRUCT) || kind == UInt16(BTF_KIND_UNION) else { return nil }
        let count = Int(btf_vlen(type))
        guard let members = btf_members(type) else { return nil }
        for i in 0..<count {
            let m = members[i]
            let bitOffset = btf_member_bit_offset(type, UInt32(i))
            if m.name_off != 0 {
                if let name = btf__name_by_offset(btf, m.name_off), String(cString: name) == member {
                    return bitOffset
                }
                continue
            }
            var inner = m.type
            while let t = btf__type_by_id(btf, inner), btf_kind(t) == UInt16(BTF_KIND_TYPEDEF) || btf_kind(t) == UInt16(BTF_KIND_CONST)
                    || btf_kind(t) == UInt16(BTF_KIND_VOLATILE) {
                inner = t.pointee.type
            }
            if let nested = search(typeID: inner, member: member, depth: depth + 1) { return bitOffset + nested }
        }
        return nil
    }
}
