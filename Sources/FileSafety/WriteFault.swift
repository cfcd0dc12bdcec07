/// A test's stand-in for a write failing the way a full disk or a read-only file system
/// makes it fail, where the real condition cannot be made in a test: called with the path
/// of a file about to be written, it answers an errno to fail that write with, or nil.
/// Passed as a value (`OutputWriter.fault`) down to the writes, whichever thread runs them.
public typealias WriteFault = @Sendable (String) -> Int32?
