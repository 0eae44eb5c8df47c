/// Offsets of the uapi `struct __sk_buff` fields the loadable flavour reads (stable ABI).
enum UAPISkBuff {
    static let len: Int16 = 0
    static let pktType: Int16 = 4
    static let mark: Int16 = 8
    static let queueMapping: Int16 = 12
    static let `protocol`: Int16 = 16
    static let vlanPresent: Int16 = 20
    static let vlanTCI: Int16 = 24
    static let vlanProto: Int16 = 28
    static let ifindex: Int16 = 40
    static let hash: Int16 = 68
}
