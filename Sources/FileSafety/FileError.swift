import Foundation

/// A file that could not be read or written: the path and the system's reason. The
/// command-line tool exits 74 on it.
public struct FileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// The `errno` behind it, when the system gave one.
    public var code: Int32?

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
        self.code = code
    }

    public var description: String { "\(path): \(reason)" }

    /// The same error, said of another path (a temporary file's error, of the file it becomes).
    public func at(_ path: String) -> FileError {
        var error = self
        error.path = path
        return error
    }

    /// A short reason for any error Foundation throws.
    public static func reason(_ error: Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if error.domain == NSCocoaErrorDomain {
            switch error.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return String(cString: strerror(ENOENT))
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return String(cString: strerror(EACCES))
            default: break
            }
        }
        return error.localizedDescription
    }
}

/// Two errors are the same when they name the same path and reason (what a person reads).
extension FileError: Equatable {
    public static func == (lhs: FileError, rhs: FileError) -> Bool {
        lhs.path == rhs.path && lhs.reason == rhs.reason
    }
}
