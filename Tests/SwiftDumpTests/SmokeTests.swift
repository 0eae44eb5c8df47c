import Testing

@Test func SwiftDumpTestsBuilds() {
    #expect(Bool(true))
}
