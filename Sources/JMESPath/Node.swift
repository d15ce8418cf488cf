import JSON
/// The syntax tree of a compiled expression.
indirect enum Node: Sendable, Equatable {
    enum Comparison: Sendable, Equatable { case eq, ne, lt, lte, gt, gte }

    case current
    case field(String)
    case literal(JSONValue)
    case subexpression(Node, Node)
    case index(Int)
    case slice(Int?, Int?, Int?)
    case indexExpression(Node, Node)
    case projection(Node, Node)
    case valueProjection(Node, Node)
    case filterProjection(Node, Node, Node)
    case flatten(Node)
    case pipe(Node, Node)
    case or(Node, Node)
    case and(Node, Node)
    case not(Node)
    case comparator(Comparison, Node, Node)
    case multiSelectList([Node])
    case multiSelectHash([(key: String, value: Node)])
    case function(String, [Node])
    case expref(Node)

    static func == (a: Node, b: Node) -> Bool { "\(a)" == "\(b)" }
}
