import Testing

@Test func FilterLangTestsBuilds() {
    #expect(Bool(true))
}
