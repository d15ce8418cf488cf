import JSON
/// A top-down operator-precedence (Pratt) parser for the JMESPath grammar, with the binding powers of
/// the reference implementation.
struct Parser {
    var tokens: [Token]
    var p = 0
    var nesting = 0
    let expression: String

    static let projectionStop = 10

    static func bindingPower(_ k: Token.Kind) -> Int {
        switch k {
        case .pipe: return 1
        case .or: return 2
        case .and: return 3
        case .eq, .ne, .lt, .lte, .gt, .gte: return 5
        case .flatten: return 9
        case .star: return 20
        case .filter: return 21
        case .dot: return 40
        case .not: return 45
        case .lbrace: return 50
        case .lbracket: return 55
        case .lparen: return 60
        default: return 0
        }
    }

    /// Bounds on what is parsed: an expression's tokens (the longest of the compliance suite has about
    /// 300) and how deep it nests. The tree is evaluated and released by recursion, so both keep a hostile
    /// expression (16,000 `[` once crashed the program) from exhausting the stack.
    static let maximumTokens = 1024
    static let maximumNesting = 128

    static func parse(_ expression: String) throws(JMESPathError) -> Node {
        let tokens = try Lexer.tokens(expression)
        guard tokens.count <= maximumTokens else {
            throw JMESPathError(.syntax, "the expression is too long: \(tokens.count) tokens, at most \(maximumTokens)", column: tokens[maximumTokens].position + 1)
        }
        var parser = Parser(tokens: tokens, expression: expression)
        let node = try parser.expression(0)
        guard parser.current.kind == .eof else { throw parser.unexpected("the end of the expression") }
        return node
    }

    var current: Token { tokens[p] }
    func lookahead(_ n: Int) -> Token.Kind { p + n < tokens.count ? tokens[p + n].kind : .eof }
    mutating func advance() { if p < tokens.count - 1 { p += 1 } }

    func describe(_ k: Token.Kind) -> String {
        switch k {
        case .identifier(let s): return "identifier '\(s)'"
        case .quotedIdentifier(let s): return "quoted identifier \"\(s)\""
        case .rawString(let s): return "raw string '\(s)'"
        case .literal: return "literal"
        case .number(let n): return "number \(n)"
        case .eof: return "the end of the expression"
        case .dot: return "'.'"
        case .star: return "'*'"
        case .lbracket: return "'['"
        case .rbracket: return "']'"
        case .filter: return "'[?'"
        case .flatten: return "'[]'"
        case .lbrace: return "'{'"
        case .rbrace: return "'}'"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .comma: return "','"
        case .colon: return "':'"
        case .pipe: return "'|'"
        case .or: return "'||'"
        case .and: return "'&&'"
        case .not: return "'!'"
        case .eq: return "'=='"
        case .ne: return "'!='"
        case .lt: return "'<'"
        case .lte: return "'<='"
        case .gt: return "'>'"
        case .gte: return "'>='"
        case .at: return "'@'"
        case .ampersand: return "'&'"
        }
    }

    func unexpected(_ expected: String) -> JMESPathError {
        JMESPathError(.syntax, "expected \(expected), found \(describe(current.kind))", column: current.position + 1)
    }

    mutating func match(_ k: Token.Kind, _ what: String) throws(JMESPathError) {
        guard current.kind == k else { throw unexpected(what) }
        advance()
    }

    mutating func expression(_ bp: Int) throws(JMESPathError) -> Node {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maximumNesting else {
            throw JMESPathError(.syntax, "the expression nests deeper than \(Self.maximumNesting) levels", column: current.position + 1)
        }
        let token = current
        advance()
        var left = try nud(token)
        while bp < Self.bindingPower(current.kind) {
            let t = current
            advance()
            left = try led(t, left)
        }
        return left
    }

    mutating func nud(_ t: Token) throws(JMESPathError) -> Node {
        switch t.kind {
        case .literal(let v): return .literal(v)
        case .rawString(let s): return .literal(.string(s))
        case .identifier(let s): return .field(s)
        case .quotedIdentifier(let s):
            if current.kind == .lparen {
                throw JMESPathError(.syntax, "a quoted identifier cannot name a function", column: t.position + 1)
            }
            return .field(s)
        case .star:
            return .valueProjection(.current, try projectionRHS(Self.bindingPower(.star)))
        case .filter:
            return try filter(.current)
        case .lbrace:
            return try multiSelectHash()
        case .lparen:
            let e = try expression(0)
            try match(.rparen, "')'")
            return e
        case .flatten:
            return .projection(.flatten(.current), try projectionRHS(Self.bindingPower(.flatten)))
        case .not:
            return .not(try expression(Self.bindingPower(.not)))
        case .lbracket:
            if case .number = current.kind { return try projectIfSlice(.current, try indexExpression()) }
            if current.kind == .colon { return try projectIfSlice(.current, try indexExpression()) }
            if current.kind == .star && lookahead(1) == .rbracket {
                advance()
                advance()
                return .projection(.current, try projectionRHS(Self.bindingPower(.star)))
            }
            return try multiSelectList()
        case .at:
            return .current
        case .ampersand:
            return .expref(try expression(0))
        case .eof:
            throw JMESPathError(.syntax, "the expression ends where a value was expected", column: t.position + 1)
        default:
            throw JMESPathError(.syntax, "unexpected \(describe(t.kind))", column: t.position + 1)
        }
    }

    mutating func led(_ t: Token, _ left: Node) throws(JMESPathError) -> Node {
        switch t.kind {
        case .dot:
            if current.kind == .star {
                advance()
                return .valueProjection(left, try projectionRHS(Self.bindingPower(.dot)))
            }
            return .subexpression(left, try dotRHS(Self.bindingPower(.dot)))
        case .pipe: return .pipe(left, try expression(Self.bindingPower(.pipe)))
        case .or: return .or(left, try expression(Self.bindingPower(.or)))
        case .and: return .and(left, try expression(Self.bindingPower(.and)))
        case .lparen:
            guard case .field(let name) = left else {
                throw JMESPathError(.syntax, "only a name can be called as a function", column: t.position + 1)
            }
            var args: [Node] = []
            while current.kind != .rparen {
                args.append(try expression(0))
                if current.kind == .comma {
                    advance()
                    if current.kind == .rparen { throw unexpected("an argument after ','") }
                } else if current.kind != .rparen {
                    throw unexpected("',' or ')'")
                }
            }
            advance()
            return .function(name, args)
        case .filter: return try filter(left)
        case .eq, .ne, .lt, .lte, .gt, .gte:
            let op: Node.Comparison
            switch t.kind {
            case .eq: op = .eq
            case .ne: op = .ne
            case .lt: op = .lt
            case .lte: op = .lte
            case .gt: op = .gt
            default: op = .gte
            }
            return .comparator(op, left, try expression(Self.bindingPower(t.kind)))
        case .flatten:
            return .projection(.flatten(left), try projectionRHS(Self.bindingPower(.flatten)))
        case .lbracket:
            if case .number = current.kind { return try projectIfSlice(left, try indexExpression()) }
            if current.kind == .colon { return try projectIfSlice(left, try indexExpression()) }
            try match(.star, "a number, ':' or '*'")
            try match(.rbracket, "']'")
            return .projection(left, try projectionRHS(Self.bindingPower(.star)))
        default:
            throw JMESPathError(.syntax, "unexpected \(describe(t.kind))", column: t.position + 1)
        }
    }

    mutating func filter(_ left: Node) throws(JMESPathError) -> Node {
        let condition = try expression(0)
        try match(.rbracket, "']' to close the filter")
        let right: Node = current.kind == .flatten ? .current : try projectionRHS(Self.bindingPower(.filter))
        return .filterProjection(left, right, condition)
    }

    mutating func projectIfSlice(_ left: Node, _ right: Node) throws(JMESPathError) -> Node {
        let index = Node.indexExpression(left, right)
        if case .slice = right { return .projection(index, try projectionRHS(Self.bindingPower(.star))) }
        return index
    }

    mutating func indexExpression() throws(JMESPathError) -> Node {
        if current.kind == .colon || lookahead(1) == .colon { return try sliceExpression() }
        guard case .number(let n) = current.kind else { throw unexpected("an index") }
        advance()
        try match(.rbracket, "']'")
        return .index(n)
    }

    mutating func sliceExpression() throws(JMESPathError) -> Node {
        var parts: [Int?] = [nil, nil, nil]
        var i = 0
        while current.kind != .rbracket && i < 3 {
            if current.kind == .colon {
                i += 1
                if i == 3 { throw unexpected("']' (a slice has at most three parts)") }
                advance()
            } else if case .number(let n) = current.kind {
                parts[i] = n
                advance()
            } else {
                throw unexpected("a number, ':' or ']' in a slice")
            }
        }
        try match(.rbracket, "']'")
        return .slice(parts[0], parts[1], parts[2])
    }

    mutating func projectionRHS(_ bp: Int) throws(JMESPathError) -> Node {
        if Self.bindingPower(current.kind) < Self.projectionStop { return .current }
        switch current.kind {
        case .lbracket, .filter: return try expression(bp)
        case .dot:
            advance()
            return try dotRHS(bp)
        default: throw unexpected("'.', '[' or '[?' after a projection")
        }
    }

    mutating func dotRHS(_ bp: Int) throws(JMESPathError) -> Node {
        switch current.kind {
        case .identifier, .quotedIdentifier, .star: return try expression(bp)
        case .lbracket:
            advance()
            return try multiSelectList()
        case .lbrace:
            advance()
            return try multiSelectHash()
        default: throw unexpected("a name, '*', '[' or '{' after '.'")
        }
    }

    mutating func multiSelectList() throws(JMESPathError) -> Node {
        var items: [Node] = []
        while true {
            items.append(try expression(0))
            if current.kind == .rbracket { break }
            try match(.comma, "',' or ']'")
        }
        try match(.rbracket, "']'")
        return .multiSelectList(items)
    }

    mutating func multiSelectHash() throws(JMESPathError) -> Node {
        var pairs: [(key: String, value: Node)] = []
        while true {
            let key: String
            switch current.kind {
            case .identifier(let s), .quotedIdentifier(let s): key = s
            default: throw unexpected("a key name")
            }
            advance()
            try match(.colon, "':' after the key")
            pairs.append((key, try expression(0)))
            if current.kind == .comma {
                advance()
            } else if current.kind == .rbrace {
                advance()
                break
            } else {
                throw unexpected("',' or '}'")
            }
        }
        return .multiSelectHash(pairs)
    }
}
