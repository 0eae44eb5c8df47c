/// The pcap-filter parser: a recursive-descent parser that accepts exactly the language of
/// libpcap 1.10.3's grammar (grammar.y) and builds a ``FilterExpression``.
///
/// libpcap's LALR grammar lets an operand after `and`/`or` be either a new term or a bare operand
/// that inherits the previous qualifiers, and lets `(` open a Boolean group, an arithmetic group,
/// a parenthesised number or a group of inherited operands. This parser makes the same decisions
/// with one token of lookahead (two after a protocol name, to see `[`): each parse function is
/// told which of those readings the grammar allows at that point (``Allowed``) and keeps all the
/// allowed ones open until a token decides.
///
/// Errors are reported as libpcap reports them: lexical errors (number overflow, bogus addresses)
/// when the parser reaches the token; `can't parse filter expression: syntax error` at the first
/// token that cannot continue a valid expression; the checks libpcap makes in grammar actions
/// (`'port' modifier applied to ip host`, 802.11 and LLC names) where libpcap makes them.
/// Checks that libpcap makes while generating code are left to the code generator. Because libpcap
/// generates code while parsing, a code-generation error in an early primitive can hide a later
/// syntax error in libpcap; this parser reports the syntax error.
public struct Parser {
    /// The deepest nesting of parentheses, `not`s, unary minus and `proto[...]` loads accepted.
    /// (libpcap has no such limit below its parser stack size of 10,000; this one keeps the
    /// recursive parser and the code generator well inside a thread's stack.)
    public static let maximumNestingDepth = 256

    /// Parses `expression`.
    ///
    /// - Returns: the expression tree, or nil for an empty or whitespace-only expression (which
    ///   libpcap compiles to "accept every packet").
    /// - Throws: ``FilterError`` of kind `.lexical`, `.syntax`, `.grammar` or `.nestingTooDeep`.
    public static func parse(_ expression: String) throws(FilterError) -> FilterExpression? {
        var parser = Parser(tokens: Lexer.tokenize(expression))
        return try parser.parseProgram()
    }

    /// A parse error together with what libpcap would already have compiled when it found it.
    public struct Failure: Error, Sendable {
        /// The lexical, syntax, grammar or nesting error.
        public var error: FilterError
        /// The primitives parsed completely before the error, in the order libpcap's grammar
        /// actions hand them to its code generator. libpcap generates code while it parses, so when
        /// one of these fails to compile, libpcap reports that failure instead of `error`; a
        /// compiler that wants libpcap's exact message compiles these in order first.
        public var completedPrimitives: [FilterExpression]
        /// The loads (`proto[…]`) and operations of a relation left unfinished by the error, each
        /// in the order libpcap reduces them (operands before the operation using them). libpcap
        /// has already generated code for these too (after ``completedPrimitives``), so their
        /// errors (`division by zero`, `data size must be 1, 2, or 4`, …) also come first; compiling
        /// each as, say, `node = 0` reproduces them.
        public var pendingArithmetic: [ArithmeticExpression]
    }

    /// Parses `expression` like ``parse(_:)``, but on failure also reports the primitives that
    /// libpcap would have compiled before detecting the error (see ``Failure``).
    public static func parseForCompilation(_ expression: String) throws(Failure) -> FilterExpression? {
        var parser = Parser(tokens: Lexer.tokenize(expression))
        do {
            return try parser.parseProgram()
        } catch {
            throw Failure(error: error, completedPrimitives: parser.completed,
                          pendingArithmetic: parser.pendingArithmetic)
        }
    }

    private let tokens: [Token]
    private var index = 0
    private var depth = 0
    private var lastEnd = 0
    /// Every primitive parsed completely so far, in the order libpcap's grammar actions would have
    /// compiled them.
    private var completed: [FilterExpression] = []
    /// Loads and operations of the relation being parsed, in the order they were reduced; cleared
    /// when the relation completes.
    private var pendingArithmetic: [ArithmeticExpression] = []

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    // MARK: - Token access

    /// The next token. A token the lexer rejected matches nothing, so the parser completes what it
    /// can (as libpcap's parser does with its default reductions) and then reports the lexer's
    /// error through ``unexpected(_:)``.
    private func peek() -> Token {
        tokens[min(index, tokens.count - 1)]
    }

    /// The token after the next one, without reporting lexer errors.
    private func peekSecond() -> TokenKind {
        tokens[min(index + 1, tokens.count - 1)].kind
    }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[min(index, tokens.count - 1)]
        if index < tokens.count - 1 { index += 1 }
        lastEnd = token.range.upperBound
        return token
    }

    /// The error for the next token, which cannot continue the expression.
    private func syntaxError() -> FilterError {
        unexpected(peek())
    }

    /// The error for `token` where it cannot stand: the lexer's error if it rejected the token
    /// (libpcap sets that message first and keeps it), else a syntax error.
    private func unexpected(_ token: Token) -> FilterError {
        if case .error(let error) = token.kind { return error }
        return .syntax(at: token.range)
    }

    private mutating func expect(_ kind: TokenKind) throws(FilterError) {
        guard peek().kind == kind else { throw syntaxError() }
        advance()
    }

    private mutating func expectNumber() throws(FilterError) -> UInt32 {
        guard case .number(let value) = peek().kind else { throw syntaxError() }
        advance()
        return value
    }

    private mutating func enter(_ levels: Int = 1) throws(FilterError) {
        depth += levels
        if depth > Self.maximumNestingDepth {
            throw FilterError(
                kind: .nestingTooDeep,
                message: FilterError.parsePrefix
                    + "expression nested too deeply (more than \(Self.maximumNestingDepth) levels)",
                range: tokens[min(index, tokens.count - 1)].range)
        }
    }

    private mutating func leave(_ levels: Int = 1) { depth -= levels }

    // MARK: - Expressions

    /// A parsed term or operand and the qualifiers the next inherited operand receives
    /// (libpcap's `$$.q`).
    private typealias Parsed = (expression: FilterExpression, next: Qualifiers)

    private mutating func parseProgram() throws(FilterError) -> FilterExpression? {
        if peek().kind == .end { return nil }
        let first = try parseTerm(.undefined)
        let all = try parseExpressionRest(first)
        guard peek().kind == .end else { throw syntaxError() }
        return all.expression
    }

    /// `expr: expr and term | expr and id | expr or term | expr or id`, after the first term.
    /// Iterative, so long `and`/`or` chains use no stack.
    private mutating func parseExpressionRest(_ first: Parsed) throws(FilterError) -> Parsed {
        var current = first
        while true {
            let isAnd: Bool
            switch peek().kind {
            case .and: isAnd = true
            case .or: isAnd = false
            default: return current
            }
            advance()
            let rhs = try parseTermOrOperand(current.next)
            current = (combine(current.expression, rhs.expression, isAnd: isAnd), rhs.next)
        }
    }

    private func combine(_ lhs: FilterExpression, _ rhs: FilterExpression, isAnd: Bool) -> FilterExpression {
        FilterExpression(isAnd ? .and(lhs, rhs) : .or(lhs, rhs), range: lhs.range.covering(rhs.range))
    }

    /// `term` (`not term | rterm`), inheriting `q` as libpcap's `$<blk>0`.
    private mutating func parseTerm(_ q: Qualifiers) throws(FilterError) -> Parsed {
        switch try parseChoice(q, allowed: [.term]) {
        case .term(let parsed), .id(let parsed): return parsed
        case .arithmetic: throw syntaxError()
        }
    }

    /// After `and`/`or`: a term, or an operand inheriting `q`.
    private mutating func parseTermOrOperand(_ q: Qualifiers) throws(FilterError) -> Parsed {
        switch try parseChoice(q, allowed: [.term, .id]) {
        case .term(let parsed), .id(let parsed): return parsed
        case .arithmetic(let arithmetic, let number):
            guard let number else { throw syntaxError() }
            return (leafBeforeTermEnd(.qualified(q, .number(number)), arithmetic.range), q)
        }
    }

    /// `id`: an operand inheriting `q` (`nid`, a number, `(pid)`, `not id`).
    private mutating func parseOperand(_ q: Qualifiers) throws(FilterError) -> Parsed {
        switch try parseChoice(q, allowed: [.id]) {
        case .term(let parsed), .id(let parsed): return parsed
        case .arithmetic(let arithmetic, let number):
            guard let number else { throw syntaxError() }
            return (primitive(.qualified(q, .number(number)), arithmetic.range), q)
        }
    }

    /// Which readings the grammar allows at a point.
    private struct Allowed: OptionSet {
        let rawValue: UInt8
        /// A whole term (`rterm`, a relation, `not term`).
        static let term = Allowed(rawValue: 1)
        /// An operand inheriting qualifiers (`id`).
        static let id = Allowed(rawValue: 2)
        /// An arithmetic value as the result (inside an arithmetic group).
        static let arithmetic = Allowed(rawValue: 4)
        /// A parenthesised number as the result (`pnum`).
        static let number = Allowed(rawValue: 8)
        /// The first operand inside `( pid )`: like ``id`` but not itself a parenthesised group
        /// (`nid` or `pnum`), unless after a `not`.
        static let firstOperand = Allowed(rawValue: 16)
    }

    /// What ``parseChoice(_:allowed:)`` found.
    private enum Choice {
        case term(Parsed)
        case id(Parsed)
        /// An arithmetic value not followed by a relational operator; `number` is set when it is a
        /// bare (possibly parenthesised) number, which the caller may also read as an operand.
        case arithmetic(ArithmeticExpression, number: UInt32?)
    }

    /// The heart of the parser: parses whatever `allowed` admits at this point, deciding between
    /// the readings as the tokens arrive.
    private mutating func parseChoice(_ q: Qualifiers, allowed: Allowed) throws(FilterError) -> Choice {
        // Leading `not`s: `not term` and `not id` both continue with the same qualifiers.
        var nots: [Int] = []
        if !allowed.isDisjoint(with: [.term, .id, .firstOperand]) {
            while peek().kind == .not {
                nots.append(advance().range.lowerBound)
            }
        }
        try enter(nots.count)
        defer { leave(nots.count) }
        var effective = allowed
        if !nots.isEmpty {
            // `not term` or `not id`; after `not`, an id may again be a parenthesised group.
            effective = allowed.intersection(.term)
            if !allowed.isDisjoint(with: [.id, .firstOperand]) { effective.insert(.id) }
        }
        let acceptsOperand = !effective.isDisjoint(with: [.id, .firstOperand])
        let token = peek()
        switch token.kind {
        case .id, .hid, .hid6, .eid, .aid:
            guard acceptsOperand else { throw syntaxError() }
            let operand = try parseNamedOperand(q)
            return .id((wrap(operand, nots), q))

        case .number(let value):
            advance()
            let constant = ArithmeticExpression(.constant(value), range: token.range)
            return try finishArithmetic(constant, number: value, q, effective, nots)

        case .leftParen:
            var content: GroupContent = []
            if effective.contains(.term) { content.formUnion([.expression, .arithmetic, .number]) }
            if effective.contains(.arithmetic) { content.formUnion([.arithmetic, .number]) }
            if acceptsOperand || effective.contains(.number) { content.insert(.number) }
            if effective.contains(.id) { content.insert(.operands) }
            let group = try parseGroup(q, content: content)
            switch group {
            case .expression(let expression):
                guard effective.contains(.term) else { throw syntaxError() }
                return .term((wrap(expression, nots), q))
            case .operands(let expression):
                guard effective.contains(.id) else { throw syntaxError() }
                return .id((wrap(expression, nots), q))
            case .number(let value, let range):
                return try finishArithmetic(
                    ArithmeticExpression(.constant(value), range: range), number: value, q, effective, nots)
            case .arithmetic(let arithmetic):
                return try finishArithmetic(arithmetic, number: nil, q, effective, nots)
            }

        case .minus, .len:
            guard !effective.isDisjoint(with: [.term, .arithmetic]) else { throw syntaxError() }
            let arithmetic = try parseArithmetic(startingWith: nil)
            return try finishArithmetic(arithmetic, number: nil, q, effective, nots, complete: true)

        case .pname where peekSecond() == .leftBracket:
            guard !effective.isDisjoint(with: [.term, .arithmetic]) else { throw syntaxError() }
            let arithmetic = try parseArithmetic(startingWith: nil)
            return try finishArithmetic(arithmetic, number: nil, q, effective, nots, complete: true)

        default:
            guard effective.contains(.term) else { throw syntaxError() }
            let term = try parseKeywordTerm(q)
            return .term((wrap(term.expression, nots), term.next))
        }
    }

    /// Continues after the first arithmetic operand: more operators, then a relation if one
    /// follows, else the arithmetic value or number itself when `effective` allows it.
    private mutating func finishArithmetic(
        _ first: ArithmeticExpression, number: UInt32?, _ q: Qualifiers, _ effective: Allowed, _ nots: [Int],
        complete: Bool = false
    ) throws(FilterError) -> Choice {
        var arithmetic = first
        var number = number
        let canCompute = !effective.isDisjoint(with: [.term, .arithmetic])
        let asOperand = !effective.isDisjoint(with: [.id, .firstOperand])
        /// Where only an operand can follow, libpcap reduces the number to an operand (and compiles
        /// it) before it looks at the token after it; do the same before reporting that token.
        func failAfterOperand() -> FilterError {
            if let number, asOperand { _ = primitive(.qualified(q, .number(number)), arithmetic.range) }
            return syntaxError()
        }
        if !complete, Self.binaryOperator(peek().kind) != nil {
            guard canCompute else { throw failAfterOperand() }
            arithmetic = try parseArithmetic(startingWith: first)
            number = nil
        }
        if let relation = Self.relationalOperator(peek().kind) {
            guard effective.contains(.term) else { throw failAfterOperand() }
            advance()
            let rhs = try parseArithmetic(startingWith: nil)
            let range = arithmetic.range.covering(rhs.range)
            let leaf = primitive(.relation(relation, arithmetic, rhs), range)
            pendingArithmetic.removeAll()
            return .term((wrap(leaf, nots), .undefined))
        }
        if !nots.isEmpty {
            // `not N` can only be `not id` with a numeric operand.
            guard let number, !effective.isDisjoint(with: [.id, .firstOperand]) else { throw syntaxError() }
            let leaf = effective.contains(.term)
                ? leafBeforeTermEnd(.qualified(q, .number(number)), arithmetic.range)
                : primitive(.qualified(q, .number(number)), arithmetic.range)
            return .id((wrap(leaf, nots), q))
        }
        if number != nil, !effective.isDisjoint(with: [.id, .firstOperand, .number]) {
            return .arithmetic(arithmetic, number: number)
        }
        guard effective.contains(.arithmetic) else { throw syntaxError() }
        return .arithmetic(arithmetic, number: nil)
    }

    /// Makes a leaf and records it as complete (libpcap would have called its code generator now).
    private mutating func primitive(_ primitive: Primitive, _ range: SourceRange) -> FilterExpression {
        let leaf = FilterExpression(.primitive(primitive), range: range)
        completed.append(leaf)
        return leaf
    }

    /// A leaf that libpcap compiles only once the next token can end a term (`)`, `and`, `or`, the end): a bare
    /// protocol name or a number where a longer term could also start, which its parser needs that token to
    /// tell apart. Before any other token libpcap's parser fails first, so the leaf is not recorded as complete.
    private mutating func leafBeforeTermEnd(_ primitive: Primitive, _ range: SourceRange) -> FilterExpression {
        switch peek().kind {
        case .rightParen, .and, .or, .end: return self.primitive(primitive, range)
        default: return FilterExpression(.primitive(primitive), range: range)
        }
    }

    /// Wraps `expression` in the `not`s that preceded it (innermost last).
    private func wrap(_ expression: FilterExpression, _ nots: [Int]) -> FilterExpression {
        var result = expression
        for start in nots.reversed() {
            result = FilterExpression(.not(result), range: SourceRange(start, result.range.upperBound))
        }
        return result
    }

    // MARK: - Parenthesised groups

    /// What a `(` may open at a point.
    private struct GroupContent: OptionSet {
        let rawValue: UInt8
        /// `( expr )` (`rterm: paren expr ')'`).
        static let expression = GroupContent(rawValue: 1)
        /// `( narth )`.
        static let arithmetic = GroupContent(rawValue: 2)
        /// `( pnum )`.
        static let number = GroupContent(rawValue: 4)
        /// `( pid )`: operands inheriting the qualifiers, joined by `and`/`or`.
        static let operands = GroupContent(rawValue: 8)
    }

    private enum Group {
        case expression(FilterExpression)
        case operands(FilterExpression)
        case number(UInt32, SourceRange)
        case arithmetic(ArithmeticExpression)
    }

    /// Parses `( … )` where `content` lists what the group may hold; `q` is the qualifier state
    /// before the `(`, which the group's operands inherit.
    private mutating func parseGroup(_ q: Qualifiers, content: GroupContent) throws(FilterError) -> Group {
        let open = advance().range.lowerBound
        try enter()
        defer { leave() }
        var allowed: Allowed = []
        if content.contains(.expression) { allowed.insert(.term) }
        if content.contains(.arithmetic) { allowed.formUnion([.arithmetic, .number]) }
        if content.contains(.number) { allowed.insert(.number) }
        if content.contains(.operands) { allowed.formUnion([.firstOperand, .number]) }
        let result: Group
        switch try parseChoice(q, allowed: allowed) {
        case .term(let first):
            guard content.contains(.expression) else { throw syntaxError() }
            let all = try parseExpressionRest(first)
            try expect(.rightParen)
            result = .expression(Self.reranged(all.expression, open, lastEnd))
        case .id(let first):
            guard content.contains(.operands) else { throw syntaxError() }
            let all = try parseOperandsRest(first.expression, q)
            try expect(.rightParen)
            result = .operands(all)
        case .arithmetic(let arithmetic, let number):
            let next = peek().kind
            if next == .rightParen {
                advance()
                if let number, !content.isDisjoint(with: [.number, .arithmetic, .operands]) {
                    result = .number(number, SourceRange(open, lastEnd))
                } else {
                    guard content.contains(.arithmetic) else { throw syntaxError() }
                    result = .arithmetic(ArithmeticExpression(arithmetic.node, range: SourceRange(open, lastEnd)))
                }
            } else if (next == .and || next == .or), let number, content.contains(.operands) {
                let first = primitive(.qualified(q, .number(number)), arithmetic.range)
                let all = try parseOperandsRest(first, q)
                try expect(.rightParen)
                result = .operands(all)
            } else {
                throw syntaxError()
            }
        }
        return result
    }

    /// A Boolean group keeps its operator node; only its range grows to cover the parentheses.
    private static func reranged(_ expression: FilterExpression, _ start: Int, _ end: Int) -> FilterExpression {
        FilterExpression(expression.node, range: SourceRange(start, end))
    }

    /// `pid: qid and id | qid or id`, after the first operand: every operand inherits `q`.
    private mutating func parseOperandsRest(_ first: FilterExpression, _ q: Qualifiers) throws(FilterError)
        -> FilterExpression
    {
        var current = first
        while true {
            let isAnd: Bool
            switch peek().kind {
            case .and: isAnd = true
            case .or: isAnd = false
            default: return current
            }
            advance()
            let rhs = try parseOperand(q)
            current = combine(current, rhs.expression, isAnd: isAnd)
        }
    }

    // MARK: - Operands

    /// `nid` without `not`: a name, dotted IPv4 (with `/len` or `mask`), IPv6 (with `/len`),
    /// MAC or ARCnet address, qualified by `q`.
    private mutating func parseNamedOperand(_ q: Qualifiers) throws(FilterError) -> FilterExpression {
        let token = advance()
        let start = token.range.lowerBound
        let operand: Operand
        switch token.kind {
        case .id(let name, let escaped):
            operand = .name(name, escaped: escaped)
        case .hid(let text):
            let address = IPv4Literal(text: text)
            switch peek().kind {
            case .slash:
                advance()
                operand = .ipv4Prefix(address, prefixLength: try expectNumber())
            case .netmask:
                advance()
                guard case .hid(let maskText) = peek().kind else { throw syntaxError() }
                advance()
                operand = .ipv4Masked(address, mask: IPv4Literal(text: maskText))
            default:
                let modifier: String?
                switch q.address {
                case .port: modifier = "port"
                case .portrange: modifier = "portrange"
                case .proto: modifier = "proto"
                case .protochain: modifier = "protochain"
                default: modifier = nil
                }
                if let modifier {
                    // The lookahead was lexed first; a lexer error set then is the one libpcap keeps.
                    if case .error(let error) = peek().kind, error.kind == .lexical { throw error }
                    throw FilterError(
                        kind: .grammar, message: "'\(modifier)' modifier applied to ip host", range: token.range)
                }
                operand = .ipv4(address)
            }
        case .hid6(let address):
            if peek().kind == .slash {
                advance()
                operand = .ipv6Prefix(address, prefixLength: try expectNumber())
            } else {
                operand = .ipv6(address)
            }
        case .eid(let address):
            operand = .mac(address)
        case .aid(let address):
            operand = .arcnet(address)
        default:
            throw unexpected(token)
        }
        return primitive(.qualified(q, operand), SourceRange(start, lastEnd))
    }

    /// `pnum: NUM | ( pnum )`.
    private mutating func parseParenthesisedNumber() throws(FilterError) -> UInt32 {
        if peek().kind == .leftParen {
            guard case .number(let value, _) = try parseGroup(.undefined, content: [.number]) else {
                throw syntaxError()
            }
            return value
        }
        return try expectNumber()
    }

    // MARK: - Keyword-led terms

    /// `rterm` alternatives that start with a keyword: qualified primitives (`head id`), protocol
    /// abbreviations, `other`, ATM and MTP keywords.
    private mutating func parseKeywordTerm(_ q: Qualifiers) throws(FilterError) -> Parsed {
        let token = peek()
        let start = token.range.lowerBound
        func leaf(_ p: Primitive) -> Parsed { (primitive(p, SourceRange(start, lastEnd)), .undefined) }

        var proto = ProtocolQualifier.default
        if case .pname(let name) = token.kind {
            advance()
            proto = name
            switch peek().kind {
            case .src, .dst, .addr1, .addr2, .addr3, .addr4, .ra, .ta, .host, .net, .port, .portrange,
                 .proto, .protochain, .gateway, .broadcast, .multicast, .type, .subtype, .dir:
                break
            default:
                return (leafBeforeTermEnd(.protocolAbbreviation(name), SourceRange(start, lastEnd)), .undefined)
            }
        }

        let next = peek()
        switch next.kind {
        case .src, .dst, .addr1, .addr2, .addr3, .addr4, .ra, .ta, .host, .net, .port, .portrange,
             .proto, .protochain, .gateway:
            let head = try parseHead(proto)
            let operand = try parseOperand(head)
            let expression = operand.expression
            // A qualified primitive's range starts at its first qualifier.
            return (Self.extend(expression, from: start), head)
        case .broadcast:
            advance()
            return leaf(.broadcast(proto))
        case .multicast:
            advance()
            return leaf(.multicast(proto))
        case .type, .subtype, .dir:
            return leaf(try parseIEEE80211())
        default:
            guard proto == .default else { throw syntaxError() }
        }

        advance()
        switch next.kind {
        case .lessKeyword: return leaf(.less(try expectNumber()))
        case .greaterKeyword: return leaf(.greater(try expectNumber()))
        case .byteKeyword:
            let offset = try expectNumber()
            let op: ByteOperator
            switch peek().kind {
            case .ampersand: op = .and
            case .pipe: op = .or
            case .less: op = .less
            case .greater: op = .greater
            case .equal: op = .equal
            default: throw syntaxError()
            }
            advance()
            return leaf(.byte(offset: offset, op, value: try expectNumber()))
        case .inbound: return leaf(.inbound)
        case .outbound: return leaf(.outbound)
        case .ifindex: return leaf(.ifindex(try expectNumber()))
        case .vlan: return leaf(.vlan(try optionalNumber()))
        case .mpls: return leaf(.mpls(try optionalNumber()))
        case .pppoed: return leaf(.pppoed)
        case .pppoes: return leaf(.pppoes(try optionalNumber()))
        case .geneve: return leaf(.geneve(try optionalNumber()))
        case .pfIfname: return leaf(.pfInterface(try expectName()))
        case .pfRset: return leaf(.pfRuleset(try expectName()))
        case .pfRnr: return leaf(.pfRuleNumber(try expectNumber()))
        case .pfSrnr: return leaf(.pfSubruleNumber(try expectNumber()))
        case .pfReason:
            if case .number(let value) = peek().kind {
                advance()
                return leaf(.pfReason(.number(value)))
            }
            return leaf(.pfReason(.name(try expectName())))
        case .pfAction: return leaf(.pfAction(try expectName()))
        case .llc: return leaf(.llc(try parseLLCKind()))
        case .atmType(let type): return leaf(.atmType(type))
        case .atmMultiType(let type): return leaf(.atmMultiType(type))
        case .mtp2Type(let type): return leaf(.mtp2Type(type))
        case .atmField(let field):
            let tree = try parseFieldValues(start) { relation, value in .atmField(field, relation, value) }
            return (tree, .undefined)
        case .mtp3Field(let field):
            let tree = try parseFieldValues(start) { relation, value in .mtp3Field(field, relation, value) }
            return (tree, .undefined)
        default:
            throw unexpected(next)
        }
    }

    private static func extend(_ expression: FilterExpression, from start: Int) -> FilterExpression {
        FilterExpression(expression.node, range: SourceRange(start, expression.range.upperBound))
    }

    /// `head` after the optional protocol: `dqual [aqual] | aqual | proto | protochain | gateway`.
    private mutating func parseHead(_ proto: ProtocolQualifier) throws(FilterError) -> Qualifiers {
        var qualifiers = Qualifiers(proto: proto)
        let token = advance()
        switch token.kind {
        case .src, .dst:
            let first = token.kind
            qualifiers.direction = first == .src ? .src : .dst
            let other: TokenKind = first == .src ? .dst : .src
            switch peek().kind {
            case .or:
                advance()
                try expect(other)
                qualifiers.direction = .srcOrDst
            case .and:
                advance()
                try expect(other)
                qualifiers.direction = .srcAndDst
            default:
                break
            }
        case .addr1: qualifiers.direction = .addr1
        case .addr2: qualifiers.direction = .addr2
        case .addr3: qualifiers.direction = .addr3
        case .addr4: qualifiers.direction = .addr4
        case .ra: qualifiers.direction = .ra
        case .ta: qualifiers.direction = .ta
        case .proto:
            qualifiers.address = .proto
            return qualifiers
        case .protochain:
            qualifiers.address = .protochain
            return qualifiers
        case .gateway:
            qualifiers.address = .gateway
            return qualifiers
        case .host, .net, .port, .portrange:
            qualifiers.address = Self.addressQualifier(token.kind)
            return qualifiers
        default:
            throw unexpected(token)
        }
        // After a direction: an optional address type.
        switch peek().kind {
        case .host, .net, .port, .portrange:
            qualifiers.address = Self.addressQualifier(advance().kind)
        default:
            break
        }
        return qualifiers
    }

    private static func addressQualifier(_ kind: TokenKind) -> AddressQualifier {
        switch kind {
        case .host: return .host
        case .net: return .net
        case .port: return .port
        case .portrange: return .portrange
        default: return .default
        }
    }

    /// The optional `pnum` after `vlan`, `mpls`, `pppoes`, `geneve`.
    private mutating func optionalNumber() throws(FilterError) -> UInt32? {
        switch peek().kind {
        case .number, .leftParen: return try parseParenthesisedNumber()
        default: return nil
        }
    }

    private mutating func expectName() throws(FilterError) -> String {
        guard case .id(let name, _) = peek().kind else { throw syntaxError() }
        advance()
        return name
    }

    /// `type T [subtype S] | subtype S | dir D`, names resolved as libpcap's grammar does.
    private mutating func parseIEEE80211() throws(FilterError) -> Primitive {
        let keyword = advance().kind
        switch keyword {
        case .type:
            let type = try parseIEEE80211Type()
            guard peek().kind == .subtype else { return .ieee80211Type(value: type, mask: 0x0c) }
            advance()
            let token = peek()
            switch token.kind {
            case .number(let value):
                advance()
                if value & ~0xf0 != 0 {
                    throw grammarError("invalid 802.11 subtype value \(Self.hex2(value))", token.range)
                }
                return .ieee80211Type(value: type | value, mask: 0xfc)
            case .id(let name, _):
                advance()
                guard let table = FrameTypeNames.ieee80211Subtypes.first(where: { $0.type == type }) else {
                    throw grammarError("unknown 802.11 type", token.range)
                }
                guard let subtype = FrameTypeNames.lookup(name, in: table.names) else {
                    throw grammarError("unknown 802.11 subtype name \"\(name)\"", token.range)
                }
                return .ieee80211Type(value: type | subtype, mask: 0xfc)
            default:
                throw syntaxError()
            }
        case .subtype:
            let token = peek()
            guard case .id(let name, _) = token.kind else { throw syntaxError() }
            advance()
            for table in FrameTypeNames.ieee80211Subtypes {
                if let subtype = FrameTypeNames.lookup(name, in: table.names) {
                    return .ieee80211Type(value: subtype | table.type, mask: 0xfc)
                }
            }
            throw grammarError("unknown 802.11 type name", token.range)
        default:
            let token = peek()
            switch token.kind {
            case .number(let value):
                advance()
                return .ieee80211Direction(value)
            case .id(let name, _):
                advance()
                guard let value = FrameTypeNames.lookup(name, in: FrameTypeNames.ieee80211Directions) else {
                    throw grammarError("unknown 802.11 direction", token.range)
                }
                return .ieee80211Direction(value)
            default:
                throw syntaxError()
            }
        }
    }

    private mutating func parseIEEE80211Type() throws(FilterError) -> UInt32 {
        let token = peek()
        switch token.kind {
        case .number(let value):
            advance()
            if value & ~0x0c != 0 {
                throw grammarError("invalid 802.11 type value \(Self.hex2(value))", token.range)
            }
            return value
        case .id(let name, _):
            advance()
            guard let value = FrameTypeNames.lookup(name, in: FrameTypeNames.ieee80211Types) else {
                throw grammarError("unknown 802.11 type name \"\(name)\"", token.range)
            }
            return value
        default:
            throw syntaxError()
        }
    }

    /// C's `0x%02x`.
    private static func hex2(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }

    private func grammarError(_ message: String, _ range: SourceRange) -> FilterError {
        FilterError(kind: .grammar, message: message, range: range)
    }

    /// What follows `llc`: nothing, `i`/`s`/`u`, an S or U frame subtype name, or `rnr`.
    private mutating func parseLLCKind() throws(FilterError) -> LLCKind {
        let token = peek()
        switch token.kind {
        case .pfRnr:
            advance()
            return .supervisorySubtype(0x05)
        case .id(let name, _):
            advance()
            switch FrameTypeNames.asciiLowercased(name) {
            case "i": return .information
            case "s": return .supervisory
            case "u": return .unnumbered
            default:
                if let value = FrameTypeNames.lookup(name, in: FrameTypeNames.llcSupervisory) {
                    return .supervisorySubtype(value)
                }
                if let value = FrameTypeNames.lookup(name, in: FrameTypeNames.llcUnnumbered) {
                    return .unnumberedSubtype(value)
                }
                throw grammarError("unknown LLC type name \"\(name)\"", token.range)
            }
        default:
            return .any
        }
    }

    /// The value part of `vpi`/`vci` and the MTP3 fields: `N`, `relop N`, or `(N or N …)`.
    private mutating func parseFieldValues(
        _ start: Int, _ make: (RelationalOperator, UInt32) -> Primitive
    ) throws(FilterError) -> FilterExpression {
        let token = peek()
        if case .number(let value) = token.kind {
            advance()
            return primitive(make(.equal, value), SourceRange(start, lastEnd))
        }
        if let relation = Self.relationalOperator(token.kind) {
            advance()
            let value = try expectNumber()
            return primitive(make(relation, value), SourceRange(start, lastEnd))
        }
        guard token.kind == .leftParen else { throw syntaxError() }
        advance()
        var tree: FilterExpression?
        while true {
            let valueToken = peek()
            let value = try expectNumber()
            let leaf = primitive(make(.equal, value), valueToken.range)
            tree = tree.map { combine($0, leaf, isAnd: false) } ?? leaf
            if peek().kind == .or {
                advance()
                continue
            }
            try expect(.rightParen)
            break
        }
        guard let tree else { throw syntaxError() }
        return tree
    }

    // MARK: - Arithmetic

    private static func relationalOperator(_ kind: TokenKind) -> RelationalOperator? {
        switch kind {
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        case .equal: return .equal
        case .lessOrEqual: return .lessOrEqual
        case .less: return .less
        case .notEqual: return .notEqual
        default: return nil
        }
    }

    private static func binaryOperator(_ kind: TokenKind) -> ArithmeticOperator? {
        switch kind {
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .modulo
        case .ampersand: return .and
        case .pipe: return .or
        case .caret: return .xor
        case .shiftLeft: return .shiftLeft
        case .shiftRight: return .shiftRight
        default: return nil
        }
    }

    /// Binding strength in libpcap's grammar; nil for `%` and `^`, which have none there.
    private static func precedence(_ op: ArithmeticOperator) -> Int? {
        switch op {
        case .or: return 1
        case .and: return 2
        case .shiftLeft, .shiftRight: return 3
        case .add, .subtract: return 4
        case .multiply, .divide: return 5
        case .modulo, .xor: return nil
        }
    }

    private static let unaryMinusPrecedence = 6

    /// A pending operator on the shift-reduce stack.
    private enum PendingOperator {
        case binary(ArithmeticOperator)
        case negate(start: Int)

        var precedence: Int? {
            switch self {
            case .binary(let op): return Parser.precedence(op)
            case .negate: return Parser.unaryMinusPrecedence
            }
        }
    }

    /// `arth`, resolved the way bison resolves libpcap's arithmetic rules: between reducing the
    /// operator on the stack and shifting the next one, reduce when both have a precedence and the
    /// stacked one binds at least as tightly; otherwise shift (so `%` and `^` — no precedence —
    /// always shift and always take what follows). Iterative: operands and operators live on
    /// explicit stacks.
    private mutating func parseArithmetic(startingWith first: ArithmeticExpression?) throws(FilterError)
        -> ArithmeticExpression
    {
        var operands: [ArithmeticExpression] = []
        var operators: [PendingOperator] = []
        var pending = first
        var negations = 0
        defer { leave(negations) }

        func reduce() {
            guard let top = operators.popLast(), let right = operands.popLast() else { return }
            switch top {
            case .negate(let start):
                let node = ArithmeticExpression(.negate(right), range: SourceRange(start, right.range.upperBound))
                operands.append(node)
                pendingArithmetic.append(node)
            case .binary(let op):
                guard let left = operands.popLast() else { return }
                let node = ArithmeticExpression(.binary(op, left, right), range: left.range.covering(right.range))
                operands.append(node)
                pendingArithmetic.append(node)
            }
        }

        while true {
            let operand: ArithmeticExpression
            if let value = pending {
                operand = value
                pending = nil
            } else {
                while peek().kind == .minus {
                    operators.append(.negate(start: advance().range.lowerBound))
                    negations += 1
                    try enter()
                }
                operand = try parseArithmeticOperand()
            }
            operands.append(operand)
            guard let op = Self.binaryOperator(peek().kind) else { break }
            while let top = operators.last, let stacked = top.precedence, let incoming = Self.precedence(op),
                  stacked >= incoming {
                reduce()
            }
            operators.append(.binary(op))
            advance()
        }
        while !operators.isEmpty { reduce() }
        guard operands.count == 1, let result = operands.first else { throw syntaxError() }
        return result
    }

    /// An operand of `arth`: a number, `len`, `proto[expr[:size]]`, or a parenthesised
    /// arithmetic value.
    private mutating func parseArithmeticOperand() throws(FilterError) -> ArithmeticExpression {
        let token = peek()
        switch token.kind {
        case .number(let value):
            advance()
            return ArithmeticExpression(.constant(value), range: token.range)
        case .len:
            advance()
            return ArithmeticExpression(.length, range: token.range)
        case .leftParen:
            switch try parseGroup(.undefined, content: [.arithmetic, .number]) {
            case .number(let value, let range): return ArithmeticExpression(.constant(value), range: range)
            case .arithmetic(let arithmetic): return arithmetic
            case .expression, .operands: throw unexpected(token)
            }
        case .pname(let proto) where peekSecond() == .leftBracket:
            advance()
            advance()
            try enter()
            defer { leave() }
            let offset = try parseArithmetic(startingWith: nil)
            var size: UInt32 = 1
            if peek().kind == .colon {
                advance()
                size = try expectNumber()
            }
            try expect(.rightBracket)
            let node = ArithmeticExpression(
                .load(proto: proto, offset: offset, size: size), range: SourceRange(token.range.lowerBound, lastEnd))
            pendingArithmetic.append(node)
            return node
        default:
            throw unexpected(token)
        }
    }
}
