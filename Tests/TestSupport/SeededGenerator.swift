/// SplitMix64: a small, seeded, deterministic generator, so random tests and mutation runs reproduce.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The generator's state (the seed, then advanced by every draw).
    public var state: UInt64

    /// Creates a generator from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`next() % bound`), or 0 when `bound` is not positive.
    public mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// An element of `array` (`array[below(count)]`); `array` must not be empty.
    public mutating func pick<T>(_ array: [T]) -> T { array[below(array.count)] }

    /// True `percent` times in a hundred (`next() % 100 < percent`).
    public mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
}
