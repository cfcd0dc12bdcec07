import AWSClient
import Foundation
import IdentityCenterSnapshot

/// How the live reader makes one call: from orgprofile's own process (`DirectAWS`), or
/// through the `aws` command, one process per call (`AWSCommand`). Both answer with the same
/// JSON, decoded in one place (`call`), and fail with the same `AWSCommand.Failure`.
public protocol AWSCaller: Sendable {
    /// The whole answer (every page) as JSON.
    func answer(_ request: AWSRequest) throws -> Data
}

extension AWSCaller {
    /// The operation's answer, decoded; a `Failure` naming the call when it is not the JSON
    /// expected.
    public func call<Answer>(_ operation: AWSOperation<Answer>) throws -> Answer {
        let answer = try answer(operation.request)
        do {
            return try JSONDecoder().decode(Answer.self, from: answer)
        } catch {
            throw AWSCommand.Failure(
                call: AWSCommand.shown(operation.request), message: "its output is not the JSON expected (\(Snapshot.describe(error)))")
        }
    }
}
