import JSON
/// Evaluates a syntax tree against a value, with the semantics of the specification (and the reference
/// implementation where the specification is silent).
enum Interpreter {
    static func visit(_ node: Node, _ value: JSONValue) throws(JMESPathError) -> JSONValue {
        switch node {
        case .current: return value
        case .field(let name): return value[name] ?? .null
        case .literal(let v): return v
        case .subexpression(let left, let right): return try visit(right, try visit(left, value))
        case .index(let i):
            guard case .array(let a) = value else { return .null }
            let j = i < 0 ? a.count + i : i
            return j >= 0 && j < a.count ? a[j] : .null
        case .slice(let start, let stop, let step):
            guard case .array(let a) = value else { return .null }
            return .array(try slice(a, start, stop, step))
        case .indexExpression(let left, let right): return try visit(right, try visit(left, value))
        case .projection(let left, let right):
            guard case .array(let base) = try visit(left, value) else { return .null }
            var out: [JSONValue] = []
            for element in base {
                let v = try visit(right, element)
                if v != .null { out.append(v) }
            }
            return .array(out)
        case .valueProjection(let left, let right):
            guard case .object(let base) = try visit(left, value) else { return .null }
            var out: [JSONValue] = []
            for (_, element) in base.pairs {
                let v = try visit(right, element)
                if v != .null { out.append(v) }
            }
            return .array(out)
        case .filterProjection(let left, let right, let condition):
            guard case .array(let base) = try visit(left, value) else { return .null }
            var out: [JSONValue] = []
            for element in base where try visit(condition, element).isTruthy {
                let v = try visit(right, element)
                if v != .null { out.append(v) }
            }
            return .array(out)
        case .flatten(let inner):
            guard case .array(let base) = try visit(inner, value) else { return .null }
            var out: [JSONValue] = []
            for element in base {
                if case .array(let nested) = element { out += nested } else { out.append(element) }
            }
            return .array(out)
        case .pipe(let left, let right): return try visit(right, try visit(left, value))
        case .or(let left, let right):
            let l = try visit(left, value)
            return l.isTruthy ? l : try visit(right, value)
        case .and(let left, let right):
            let l = try visit(left, value)
            return l.isTruthy ? try visit(right, value) : l
        case .not(let inner): return .bool(!(try visit(inner, value).isTruthy))
        case .comparator(let op, let left, let right):
            let l = try visit(left, value), r = try visit(right, value)
            switch op {
            case .eq: return .bool(l == r)
            case .ne: return .bool(l != r)
            default:
                guard case .number(let x) = l, case .number(let y) = r else { return .null }
                switch op {
                case .lt: return .bool(x < y)
                case .lte: return .bool(x <= y)
                case .gt: return .bool(x > y)
                default: return .bool(x >= y)
                }
            }
        case .multiSelectList(let items):
            if value == .null { return .null }
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try visit(item, value)) }
            return .array(out)
        case .multiSelectHash(let pairs):
            if value == .null { return .null }
            var out = JSONObject()
            for pair in pairs { out[pair.key] = try visit(pair.value, value) }
            return .object(out)
        case .function(let name, let args):
            return try Functions.call(name, args, value)
        case .expref:
            // An expression reference means something only as a function's argument.
            return .null
        }
    }

    /// Python's slice semantics, as the specification describes them.
    static func slice(_ a: [JSONValue], _ start: Int?, _ stop: Int?, _ step: Int?) throws(JMESPathError) -> [JSONValue] {
        let step = step ?? 1
        guard step != 0 else { throw JMESPathError(.invalidValue, "a slice's step cannot be 0") }
        let n = a.count
        func adjust(_ e: Int) -> Int {
            if e < 0 {
                let x = e + n
                return x < 0 ? (step < 0 ? -1 : 0) : x
            }
            if e >= n { return step < 0 ? n - 1 : n }
            return e
        }
        let begin = start.map(adjust) ?? (step < 0 ? n - 1 : 0)
        let end = stop.map(adjust) ?? (step < 0 ? -1 : n)
        var out: [JSONValue] = []
        var i = begin
        if step > 0 {
            while i < end { out.append(a[i]); i += step }
        } else {
            while i > end { out.append(a[i]); i += step }
        }
        return out
    }
}
