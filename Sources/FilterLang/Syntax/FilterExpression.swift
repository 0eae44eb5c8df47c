/// A parsed filter expression: a Boolean tree over ``Primitive``s, every node with the range of
/// text it came from.
///
/// `and` and `or` have equal precedence and associate to the left (`a or b and c` is
/// `(a or b) and c`), as in libpcap; long chains therefore make left-deep trees, so consumers
/// should walk the left spine iteratively. Visiting children left to right and a node after its
/// children calls the code generators in exactly the order libpcap's grammar actions do.
public struct FilterExpression: Hashable, Sendable {
    /// The shape of a node.
    public indirect enum Node: Hashable, Sendable {
        /// `lhs and rhs` / `lhs && rhs` (`gen_and`).
        case and(FilterExpression, FilterExpression)
        /// `lhs or rhs` / `lhs || rhs` (`gen_or`).
        case or(FilterExpression, FilterExpression)
        /// `not e` / `! e` (`gen_not`).
        case not(FilterExpression)
        /// A leaf.
        case primitive(Primitive)
    }

    /// The shape of this node.
    public var node: Node
    /// The text the node covers (for `and`/`or`, from the left operand to the right one).
    public var range: SourceRange

    /// Creates a node.
    public init(_ node: Node, range: SourceRange) {
        self.node = node
        self.range = range
    }
}
