import Testing

@Test func cbpf2ebpfTestsBuilds() {
    #expect(Bool(true))
}
