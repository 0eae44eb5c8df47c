import BPFCore

/// `-d`/`-dd`/`-ddd` without a device or file: compile for `-y`'s link type, or Ethernet with a warning.
enum DumpCommand {
    static func runWithoutDevice(_ options: Options) throws(Termination) -> Int32 {
        let linkType: LinkType
        if let requested = options.linkType {
            linkType = requested.type
        } else {
            Console.err("Warning: assuming Ethernet\n")
            linkType = .en10mb
        }
        let expression = try Driver.expression(options)
        let context = CompileContext(linkType: linkType, snaplen: options.effectiveSnaplen, optimize: options.optimize)
        let program = try FilterFrontEnd.compile(expression, context: context)
        try Driver.dump(program, options: options)
        return 0
    }
}
