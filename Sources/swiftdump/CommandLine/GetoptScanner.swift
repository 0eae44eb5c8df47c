/// A getopt_long-compatible scanner for tcpdump's command line.
///
/// It accepts what glibc's `getopt_long` accepts for tcpdump: grouped short flags (`-nnvvX`), a group ending in
/// an option that takes a value (`-nnc5`, `-nnc 5`), attached or separate values (`-ilo`, `-i lo`), long options
/// with `=` or a separate value (`--interface=lo`, `--interface lo`), unambiguous abbreviations of long names
/// (`--vers`), `--` to end the options, and permutation: operands may come before, between or after options
/// (unless `POSIXLY_CORRECT` is set, which stops at the first operand). The operands are returned in order;
/// tcpdump joins them with spaces to form the filter expression.
///
/// Scanning stops at the first error; the options before it are returned so that they can be applied first,
/// as tcpdump validates each option as getopt hands it over.
struct GetoptScanner {
    /// The option table.
    var options: [OptionSpec]
    /// Stop at the first operand instead of permuting (`POSIXLY_CORRECT`).
    var stopAtFirstOperand = false

    /// One recognised option and its value.
    struct Item: Hashable, Sendable {
        /// The option.
        var id: OptionID
        /// Its value, for options that take one.
        var value: String?
    }

    /// The outcome of a scan.
    struct Result: Hashable, Sendable {
        /// The recognised options, in command-line order.
        var items: [Item] = []
        /// The operands (expression words), in command-line order.
        var operands: [String] = []
        /// The error that stopped the scan, if any.
        var error: GetoptError?
    }

    /// Scans `arguments` (without the program name).
    func scan(_ arguments: [String]) -> Result {
        var result = Result()
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" {
                result.operands.append(contentsOf: arguments[index...])
                return result
            }
            guard word.hasPrefix("-"), word != "-" else {
                result.operands.append(word)
                if stopAtFirstOperand {
                    result.operands.append(contentsOf: arguments[index...])
                    return result
                }
                continue
            }
            if word.hasPrefix("--") {
                switch scanLong(String(word.dropFirst(2)), arguments: arguments, index: &index) {
                case .success(let item): result.items.append(item)
                case .failure(let error):
                    result.error = error
                    return result
                }
            } else {
                var letters = Substring(word.dropFirst())
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let spec = options.first(where: { $0.short == letter }) else {
                        result.error = .invalidOption(letter)
                        return result
                    }
                    if spec.argument == .none {
                        result.items.append(Item(id: spec.id, value: nil))
                        continue
                    }
                    if !letters.isEmpty {
                        result.items.append(Item(id: spec.id, value: String(letters)))
                    } else if index < arguments.count {
                        result.items.append(Item(id: spec.id, value: arguments[index]))
                        index += 1
                    } else {
                        result.error = .missingArgument(letter)
                        return result
                    }
                    break
                }
            }
        }
        return result
    }

    /// Resolves one `--name[=value]` word; consumes the next word when the option needs a value and has no `=`.
    private func scanLong(_ body: String, arguments: [String], index: inout Int) -> Swift.Result<Item, GetoptError> {
        let name: Substring
        let attached: String?
        if let equals = body.firstIndex(of: "=") {
            name = body[..<equals]
            attached = String(body[body.index(after: equals)...])
        } else {
            name = Substring(body)
            attached = nil
        }
        let named = options.filter { $0.long != nil }
        let spec: OptionSpec
        if let exact = named.first(where: { $0.long.map { $0[...] == name } ?? false }) {
            spec = exact
        } else {
            let candidates = named.filter { $0.long?.hasPrefix(name) ?? false }
            guard let first = candidates.first else { return .failure(.unrecognizedOption("--" + body)) }
            // Abbreviations of several names that mean the same option are not ambiguous (getopt_long's rule).
            if candidates.contains(where: { $0.id != first.id || $0.argument != first.argument }) {
                return .failure(.ambiguousOption("--" + name, candidates: candidates.compactMap { $0.long }))
            }
            spec = first
        }
        let longName = spec.long ?? String(name)
        switch spec.argument {
        case .none:
            if attached != nil { return .failure(.unexpectedArgument(longName)) }
            return .success(Item(id: spec.id, value: nil))
        case .required:
            if let attached { return .success(Item(id: spec.id, value: attached)) }
            guard index < arguments.count else { return .failure(.missingLongArgument(longName)) }
            index += 1
            return .success(Item(id: spec.id, value: arguments[index - 1]))
        }
    }
}

/// A command-line error as glibc's getopt_long reports it.
enum GetoptError: Error, Hashable, Sendable {
    /// `-k`: no such short option.
    case invalidOption(Character)
    /// `-c` at the end: the option needs a value.
    case missingArgument(Character)
    /// `--foo` or `--foo=bar`: no such long option (the word is kept whole).
    case unrecognizedOption(String)
    /// `--n`: the abbreviation matches several long options (listed in table order).
    case ambiguousOption(String, candidates: [String])
    /// `--number=3`: the option takes no value (named by its full long name).
    case unexpectedArgument(String)
    /// `--interface` at the end: the option needs a value (named by its full long name).
    case missingLongArgument(String)

    /// The message after `PROGRAM: `, worded as glibc's.
    var message: String {
        switch self {
        case .invalidOption(let letter): return "invalid option -- '\(letter)'"
        case .missingArgument(let letter): return "option requires an argument -- '\(letter)'"
        case .unrecognizedOption(let word): return "unrecognized option '\(word)'"
        case .ambiguousOption(let word, let candidates):
            return "option '\(word)' is ambiguous; possibilities:" + candidates.map { " '--\($0)'" }.joined()
        case .unexpectedArgument(let name): return "option '--\(name)' doesn't allow an argument"
        case .missingLongArgument(let name): return "option '--\(name)' requires an argument"
        }
    }
}
