/// An arithmetic expression (libpcap's `arth`), the operands of a relation such as
/// `ip[2:2] - ((ip[0] & 0xf) << 2) > 40`.
///
/// The tree has the shape libpcap's grammar reduces it to, including its quirks: `%` and `^` have
/// no precedence in libpcap's grammar, so they take everything to their right (`a % b + c` is
/// `a % (b + c)`), while `|` < `&` < `<< >>` < `+ -` < `* /` associate to the left.
public struct ArithmeticExpression: Hashable, Sendable {
    /// What the expression is.
    public indirect enum Node: Hashable, Sendable {
        /// A number (`pnum` → `gen_loadi`), named constants included (`tcpflags` is 13).
        case constant(UInt32)
        /// `len` / `length` (`gen_loadlen`).
        case length
        /// `proto[offset]` or `proto[offset:size]` (`gen_load`). `size` is as written (1 when
        /// omitted); the code generator rejects sizes other than 1, 2 and 4.
        case load(proto: ProtocolQualifier, offset: ArithmeticExpression, size: UInt32)
        /// A binary operation (`gen_arth`), left operand generated first.
        case binary(ArithmeticOperator, ArithmeticExpression, ArithmeticExpression)
        /// Unary minus (`gen_neg`).
        case negate(ArithmeticExpression)
    }

    /// What the expression is.
    public var node: Node
    /// Where it is written.
    public var range: SourceRange

    /// Creates an expression.
    public init(_ node: Node, range: SourceRange) {
        self.node = node
        self.range = range
    }
}

/// A binary arithmetic operator.
public enum ArithmeticOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case and = "&"
    case or = "|"
    case xor = "^"
    case shiftLeft = "<<"
    case shiftRight = ">>"
}

/// A relational operator of a relation or of an ATM/MTP3 field test.
///
/// libpcap compiles `>`, `>=`, `=`/`==` directly (`BPF_JGT`, `BPF_JGE`, `BPF_JEQ`) and
/// `<=`, `<`, `!=` as the negation of `>`, `>=`, `=` (see ``jump`` and ``isNegated``).
public enum RelationalOperator: String, Hashable, Sendable, CaseIterable {
    case greater = ">"
    case greaterOrEqual = ">="
    /// `=` or `==`.
    case equal = "="
    case lessOrEqual = "<="
    case less = "<"
    case notEqual = "!="

    /// The comparison libpcap emits.
    public enum Jump: Hashable, Sendable {
        /// `BPF_JGT`.
        case greater
        /// `BPF_JGE`.
        case greaterOrEqual
        /// `BPF_JEQ`.
        case equal
    }

    /// The jump libpcap emits for this operator (`relop`/`irelop` in its grammar).
    public var jump: Jump {
        switch self {
        case .greater, .lessOrEqual: return .greater
        case .greaterOrEqual, .less: return .greaterOrEqual
        case .equal, .notEqual: return .equal
        }
    }

    /// True for `<=`, `<`, `!=` (libpcap's `irelop`: the jump's sense is reversed).
    public var isNegated: Bool {
        switch self {
        case .lessOrEqual, .less, .notEqual: return true
        case .greater, .greaterOrEqual, .equal: return false
        }
    }
}
