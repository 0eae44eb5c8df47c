// Compact, stable text forms of the AST, for tests, diagnostics and debugging.

extension FilterExpression: CustomStringConvertible {
    /// A Lisp-like rendering: `(and (or [tcp/default/port 80] [tcp/default/port 443]) (not …))`.
    public var description: String {
        switch node {
        case .and(let lhs, let rhs): return "(and \(lhs) \(rhs))"
        case .or(let lhs, let rhs): return "(or \(lhs) \(rhs))"
        case .not(let operand): return "(not \(operand))"
        case .primitive(let primitive): return primitive.description
        }
    }
}

extension Primitive: CustomStringConvertible {
    /// A short rendering of the primitive, e.g. `[ip/src/host 10.0.0.1]`, `vlan(100)`,
    /// `(> len 100)`.
    public var description: String {
        func optional(_ value: UInt32?) -> String { value.map(String.init) ?? "-" }
        switch self {
        case .qualified(let q, let operand): return "[\(q) \(operand)]"
        case .protocolAbbreviation(let proto): return "\(proto)"
        case .broadcast(let proto): return "broadcast(\(proto))"
        case .multicast(let proto): return "multicast(\(proto))"
        case .less(let n): return "less(\(n))"
        case .greater(let n): return "greater(\(n))"
        case .relation(let op, let lhs, let rhs): return "(\(op.rawValue) \(lhs) \(rhs))"
        case .byte(let offset, let op, let value): return "byte(\(offset) \(op.rawValue) \(value))"
        case .inbound: return "inbound"
        case .outbound: return "outbound"
        case .ifindex(let n): return "ifindex(\(n))"
        case .vlan(let n): return "vlan(\(optional(n)))"
        case .mpls(let n): return "mpls(\(optional(n)))"
        case .pppoed: return "pppoed"
        case .pppoes(let n): return "pppoes(\(optional(n)))"
        case .geneve(let n): return "geneve(\(optional(n)))"
        case .pfInterface(let name): return "pf-ifname(\(name))"
        case .pfRuleset(let name): return "pf-ruleset(\(name))"
        case .pfRuleNumber(let n): return "pf-rnr(\(n))"
        case .pfSubruleNumber(let n): return "pf-srnr(\(n))"
        case .pfReason(.number(let n)): return "pf-reason(\(n))"
        case .pfReason(.name(let name)): return "pf-reason(\(name))"
        case .pfAction(let name): return "pf-action(\(name))"
        case .ieee80211Type(let value, let mask): return "wlan-type(0x\(String(value, radix: 16))/0x\(String(mask, radix: 16)))"
        case .ieee80211Direction(let n): return "wlan-dir(\(n))"
        case .llc(let kind): return "llc(\(kind))"
        case .atmType(let type): return "atm(\(type))"
        case .atmMultiType(let type): return "atm(\(type))"
        case .atmField(let field, let op, let value): return "(\(op.rawValue) \(field) \(value))"
        case .mtp2Type(let type): return "mtp2(\(type))"
        case .mtp3Field(let field, let op, let value): return "(\(op.rawValue) \(field) \(value))"
        }
    }
}

extension Operand: CustomStringConvertible {
    /// The operand as the lexer saw it, e.g. `80`, `10.0.0.0/8`, `\ip`, `aa:bb:cc:dd:ee:ff`.
    public var description: String {
        switch self {
        case .number(let n): return "\(n)"
        case .ipv4(let a): return a.text
        case .ipv4Prefix(let a, let length): return "\(a.text)/\(length)"
        case .ipv4Masked(let a, let mask): return "\(a.text) mask \(mask.text)"
        case .ipv6(let a): return a.text
        case .ipv6Prefix(let a, let length): return "\(a.text)/\(length)"
        case .mac(let a): return a.text
        case .arcnet(let a): return a.text
        case .name(let name, let escaped): return escaped ? "\\" + name : "'\(name)'"
        }
    }
}

extension ArithmeticExpression: CustomStringConvertible {
    /// Prefix form: `(+ ip[0:1] (* 4 2))`, `len`, `(neg 1)`.
    public var description: String {
        switch node {
        case .constant(let n): return "\(n)"
        case .length: return "len"
        case .load(let proto, let offset, let size): return "\(proto)[\(offset):\(size)]"
        case .binary(let op, let lhs, let rhs): return "(\(op.rawValue) \(lhs) \(rhs))"
        case .negate(let operand): return "(neg \(operand))"
        }
    }
}
