/// A seam for tests to make writes fail the way a full disk or a read-only file system
/// does, where the real condition cannot be made in a test. Task-local, so a test's faults
/// never reach another test running at the same time; nil (no faults) in normal use.
public enum FaultInjection {
    /// Called with the path of every file about to be written; an errno makes that write
    /// fail with it (after the temporary file exists, so the cleanup is exercised too).
    @TaskLocal public static var write: (@Sendable (String) -> Int32?)? = nil

    /// Called with the path of a person's file (their `~/.aws/config`) after it was read and
    /// the change planned, just before it is replaced: a test's stand-in for another program
    /// editing the file at that moment.
    @TaskLocal public static var beforeReplace: (@Sendable (String) -> Void)? = nil
}
