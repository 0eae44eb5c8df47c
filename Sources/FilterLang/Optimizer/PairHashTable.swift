/// An open-addressing hash map from a pair of integers (64 + 32 bits) to a non-negative `Int32`.
///
/// The optimizer's per-pass tables (value numbers, jump-threading kinds) are hit millions of times on large
/// filters; this map hashes two words with one multiply each and probes linearly in flat arrays, instead of
/// going through `Hasher` and `Dictionary`'s generic storage. Keys are never removed one by one; a table is
/// emptied as a whole, keeping its capacity.
struct PairHashTable {
    private var high: [UInt64]
    private var low: [UInt32]
    /// Stored value per slot, -1 for an empty slot.
    private var stored: [Int32]
    private var mask: Int
    /// Number of keys present.
    private(set) var count = 0

    /// Creates an empty table sized for about `capacity` keys.
    init(capacity: Int = 8) {
        var size = 16
        while size < capacity &* 2 { size &*= 2 }
        high = [UInt64](repeating: 0, count: size)
        low = [UInt32](repeating: 0, count: size)
        stored = [Int32](repeating: -1, count: size)
        mask = size &- 1
    }

    @inline(__always)
    private func slot(_ h: UInt64, _ l: UInt32) -> Int {
        var x = h &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(l) &* 0xC2B2_AE3D_27D4_EB4F
        x ^= x >> 29
        return Int(truncatingIfNeeded: x) & mask
    }

    /// Forgets every key, keeping the capacity.
    mutating func removeAll() {
        guard count > 0 else { return }
        for i in stored.indices { stored[i] = -1 }
        count = 0
    }

    /// The value stored for (`h`, `l`), or -1.
    @inline(__always)
    func value(_ h: UInt64, _ l: UInt32) -> Int32 {
        var i = slot(h, l)
        while true {
            let v = stored[i]
            if v < 0 || (high[i] == h && low[i] == l) { return v }
            i = (i &+ 1) & mask
        }
    }

    /// The value stored for (`h`, `l`); when absent, stores `newValue` first and returns it.
    @inline(__always)
    mutating func value(_ h: UInt64, _ l: UInt32, insertingIfAbsent newValue: Int32) -> Int32 {
        var i = slot(h, l)
        while true {
            let v = stored[i]
            if v < 0 { break }
            if high[i] == h && low[i] == l { return v }
            i = (i &+ 1) & mask
        }
        high[i] = h
        low[i] = l
        stored[i] = newValue
        count &+= 1
        if count &* 2 > mask { grow() }
        return newValue
    }

    private mutating func grow() {
        let oldHigh = high, oldLow = low, oldStored = stored
        let size = (mask &+ 1) &* 2
        high = [UInt64](repeating: 0, count: size)
        low = [UInt32](repeating: 0, count: size)
        stored = [Int32](repeating: -1, count: size)
        mask = size &- 1
        for j in oldStored.indices where oldStored[j] >= 0 {
            var i = slot(oldHigh[j], oldLow[j])
            while stored[i] >= 0 { i = (i &+ 1) & mask }
            high[i] = oldHigh[j]
            low[i] = oldLow[j]
            stored[i] = oldStored[j]
        }
    }
}
