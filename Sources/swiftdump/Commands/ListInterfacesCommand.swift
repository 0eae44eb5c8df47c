import Capture

/// `-D`: the capture devices, numbered, on stdout.
enum ListInterfacesCommand {
    static func run() throws(Termination) -> Int32 {
        do {
            let lines = try Interfaces.listing()
            Console.out(lines.map { $0 + "\n" }.joined())
            return 0
        } catch {
            throw .failure(error.message)
        }
    }
}
