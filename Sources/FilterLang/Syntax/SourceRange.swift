/// A half-open range of UTF-8 byte offsets into a filter expression, used to point at the
/// text an AST node or an error came from.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// Offset of the first byte of the range.
    public var lowerBound: Int
    /// Offset one past the last byte of the range.
    public var upperBound: Int

    /// Creates a range; `upperBound` is raised to `lowerBound` if it is smaller.
    public init(_ lowerBound: Int, _ upperBound: Int) {
        self.lowerBound = lowerBound
        self.upperBound = max(lowerBound, upperBound)
    }

    /// The number of bytes covered.
    public var length: Int { upperBound - lowerBound }

    /// The smallest range covering both `self` and `other`.
    public func covering(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }

    /// `lower..<upper`, for diagnostics.
    public var description: String { "\(lowerBound)..<\(upperBound)" }
}
