import AWSClient
import Foundation
import IdentityCenterSnapshot

/// How the live reader makes one call: from orgprofile's own process (`DirectAWS`), or
/// through the `aws` command, one process per call (`AWSCommand`). Both decode the answer
/// into the operation's type once, and fail with the same `AWSCommand.Failure`.
public protocol AWSCaller: Sendable {
    /// The operation's whole answer (every page), decoded.
    func call<Answer>(_ operation: AWSOperation<Answer>) throws -> Answer
}

extension AWSCommand.Failure {
    /// An answer that is not the JSON the operation expects.
    static func unexpected(_ request: AWSRequest, _ error: Error) -> AWSCommand.Failure {
        AWSCommand.Failure(call: AWSCommand.shown(request), message: "its output is not the JSON expected (\(Snapshot.describe(error)))")
    }
}
