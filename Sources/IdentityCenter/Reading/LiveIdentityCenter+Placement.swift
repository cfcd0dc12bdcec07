/// Where each account sits in the organisation and how it is tagged, for org.yaml's `ou` and
/// `tags`: the OU tree read level by level from the root (`list-roots`, then per parent
/// `list-organizational-units-for-parent` and `list-accounts-for-parent`, each level's calls
/// at once), and `list-tags-for-resource` per active account. A reader without the right to
/// make these calls gets one warning per kind, and the snapshot goes on without them.
/// Calls: 1 + 2 x (OUs + 1) + active accounts.
extension LiveIdentityCenter {
    /// Each active account's OU path and tags, by account ID; nil where they could not be read.
    struct Placement: Sendable {
        var ous: [String: String]?
        var tags: [String: [String: String]]?
    }

    /// `Workloads` under the root, `Workloads/Prod` below it.
    static func path(_ parent: String, _ name: String) -> String {
        parent == "/" ? name : parent + "/" + name
    }

    func placement(_ reader: Reader, accounts: [String]) -> Placement {
        var placement = Placement()
        do {
            placement.ous = try ouPaths(reader)
        } catch {
            warn(
                "the accounts' OUs are unknown: the OU tree could not be read (organizations:ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent); \(error)"
            )
        }
        do {
            let tagged = try reader.all(
                accounts.map { account in
                    { @Sendable in
                        (account, try reader.call(Organizations.listTagsForResource(account)).byKey)
                    }
                })
            placement.tags = Dictionary(tagged, uniquingKeysWith: { first, _ in first })
        } catch {
            warn("the accounts' tags are unknown: they could not be listed (organizations:ListTagsForResource); \(error)")
        }
        return placement
    }

    /// Every account's OU path, walking the tree one level at a time.
    private func ouPaths(_ reader: Reader) throws -> [String: String] {
        reader.counter.expect(1)
        var level = try reader.call(Organizations.listRoots()).items.map { (id: $0.Id, path: "/") }
        var paths: [String: String] = [:]
        while !level.isEmpty {
            // Two calls per parent; `all` expects one per item.
            reader.counter.expect(level.count)
            let found = try reader.all(
                level.map { parent in
                    { @Sendable in
                        let units = try reader.call(Organizations.listOrganizationalUnitsForParent(parent.id)).items
                        let accounts = try reader.call(Organizations.listAccountsForParent(parent.id)).items
                        return (units.map { (id: $0.Id, path: Self.path(parent.path, $0.Name)) }, accounts.map { ($0.Id, parent.path) })
                    }
                })
            for (_, accounts) in found { for (account, path) in accounts { paths[account] = path } }
            level = found.flatMap(\.0)
        }
        return paths
    }
}
