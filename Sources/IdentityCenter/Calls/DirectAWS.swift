import AWSClient
import Foundation

/// Calls from orgprofile's own process (`AWSClient`): signed requests over kept-open
/// connections, at the rate AWS allows, each page decoded straight into the answer's type.
public struct DirectAWS: AWSCaller {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public func call<Answer>(_ operation: AWSOperation<Answer>) throws -> Answer {
        do {
            return try client.call(operation.request, as: Answer.self)
        } catch let failure as AWSClient.Failure {
            throw AWSCommand.Failure(call: AWSCommand.shown(operation.request), message: failure.message)
        } catch let error as DecodingError {
            throw AWSCommand.Failure.unexpected(operation.request, error)
        } catch {
            throw AWSCommand.Failure(call: AWSCommand.shown(operation.request), message: "\(error)")
        }
    }
}
