/// What `AccessModel.profiles(for:)` answers: a principal's profiles, sorted by name, and
/// where each comes from. A collection of the profiles; `origins` (numbers) and
/// `AccessModel.sources(of:)` (words) say why each is there.
public struct PrincipalProfiles: RandomAccessCollection, Sendable {
    public let profiles: [Profile]
    /// Each profile's origins as (profile index, origin) pairs, in profile order, each once;
    /// a source that grants a profile by name (or `"*"`) hides a selector granting it too.
    public let origins: [(Int, ProfileOrigin)]

    public var startIndex: Int { profiles.startIndex }
    public var endIndex: Int { profiles.endIndex }
    public subscript(position: Int) -> Profile { profiles[position] }
}
