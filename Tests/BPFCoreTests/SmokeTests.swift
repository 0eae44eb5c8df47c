import Testing

@Test func BPFCoreTestsBuilds() {
    #expect(Bool(true))
}
