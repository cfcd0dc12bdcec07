@testable import OrgProfileKit

/// The template context as the tests use it: built the way compile builds it, and turned
/// into the plain dictionaries swift-mustache, the reference renderer, takes.
extension TemplateContext {
    /// One principal's context, from its profiles as compile renders it.
    static func values(model: AccessModel, principal: Principal, source: String = "org.yaml") -> Values {
        var values = Values()
        values.fill(model: model, principal: principal, profiles: model.profiles(for: principal).profiles, source: source)
        return values
    }

    /// The same context as dictionaries, arrays, strings and booleans.
    static func dictionary(_ values: Values, object first: Int32 = Values.root, _ schema: ObjectSchema = Fields.root) -> [String: Any] {
        func string(_ bytes: [UInt8], _ start: Int32, _ count: Int32) -> String {
            String(decoding: bytes[Int(start)..<Int(start + count)], as: UTF8.self)
        }
        var result: [String: Any] = [:]
        for (index, name) in schema.names.enumerated() {
            switch values.slots[Int(first) + index] {
            case .text(let start, let count): result[name] = string(values.text, start, count)
            case .flag(let flag): result[name] = flag
            case .number(let number): result[name] = Int(number)
            case .absent: break
            case .list(let items, let count, let stride):
                result[name] = (0..<count).map { dictionary(values, object: items + $0 * stride, schema.child(index)!) }
            case .object(let child): result[name] = dictionary(values, object: child, schema.child(index)!)
            }
        }
        return result
    }
}
