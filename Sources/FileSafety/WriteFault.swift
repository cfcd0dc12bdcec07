/// A test's stand-in for a write failing the way a full disk or a read-only file system
/// makes it fail, where the real condition cannot be made in a test, and its view of the
/// files written: passed as a value (`OutputWriter.fault`) down to the writes, whichever
/// thread runs them. nil in normal use.
public struct WriteFault: Sendable {
    /// Asked with the path of a file about to be written, once its temporary file exists:
    /// an errno to fail that write with, or nil.
    public var failure: @Sendable (String) -> Int32?
    /// Told the temporary file's path each time one is closed.
    public var closed: @Sendable (String) -> Void

    /// The fault of every write not given one: nil, except in a test's debug build that asks
    /// for one (the command-line front end sets it from `ORGPROFILE_TEST_KILL_AT_WRITE`
    /// before any write).
    nonisolated(unsafe) public static var everyWrite: WriteFault?

    public init(failure: @escaping @Sendable (String) -> Int32?, closed: @escaping @Sendable (String) -> Void = { _ in }) {
        self.failure = failure
        self.closed = closed
    }
}
