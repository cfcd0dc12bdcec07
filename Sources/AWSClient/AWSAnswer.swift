import Support

/// What a call answers, decoded from each page's JSON straight into its type. An answer that
/// comes in pages joins them as the AWS CLI does: each later page's items after the first's.
public protocol AWSAnswer: Decodable, Sendable {
    /// Appends the items of the page after this one.
    mutating func append(_ page: Self)
}

/// An answer that never comes in pages.
public protocol AWSOnePageAnswer: AWSAnswer {}

extension AWSOnePageAnswer {
    public mutating func append(_ page: Self) {}
}

/// One page of an answer: its members, and the token of the next page (nil on the last),
/// decoded in one pass over the page's JSON.
struct AWSPage<Answer: AWSAnswer>: Decodable {
    var answer: Answer
    var nextToken: String?

    init(from decoder: Decoder) throws {
        answer = try Answer(from: decoder)
        nextToken = try decoder.container(keyedBy: JSONKey.self).decodeIfPresent(String.self, forKey: JSONKey("NextToken"))
    }
}

/// An item of an answer that is one list: the member of the answer the list is under.
public protocol AWSListItem: Decodable, Sendable {
    static var listMember: String { get }
}

/// An answer that is one list (`ListUsers`: `Users`), every page's items in order.
public struct AWSList<Item: AWSListItem>: AWSAnswer {
    public var items: [Item]

    public init(_ items: [Item]) {
        self.items = items
    }

    public init(from decoder: Decoder) throws {
        items = try decoder.container(keyedBy: JSONKey.self).decode([Item].self, forKey: JSONKey(Item.listMember))
    }

    public mutating func append(_ page: Self) {
        items += page.items
    }
}

/// An item of a list of strings (ARNs, IDs), under `Member.listMember`.
public struct AWSListedText<Member: AWSListMember>: AWSListItem {
    public static var listMember: String { Member.listMember }
    public var text: String

    public init(from decoder: Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }
}

/// Names the member a list of strings is under.
public protocol AWSListMember: Sendable {
    static var listMember: String { get }
}
