import AWSClient
import Foundation

/// Calls from orgprofile's own process (`AWSClient`): signed requests over kept-open
/// connections, at the rate AWS allows.
public struct DirectAWS: AWSCaller {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public func answer(_ request: AWSRequest) throws -> Data {
        do {
            return try client.call(request)
        } catch let failure as AWSClient.Failure {
            throw AWSCommand.Failure(call: AWSCommand.shown(request), message: failure.message)
        } catch {
            throw AWSCommand.Failure(call: AWSCommand.shown(request), message: "\(error)")
        }
    }
}
