import AWSClient

/// One call the live reader makes, typed by the part of its answer that is read: the request
/// (`AWSRequest`, made in process or through the `aws` command) and the answer's type. The
/// calls themselves are declared per service (`SSOAdmin`, `IdentityStore`, `Organizations`).
public struct AWSOperation<Answer: AWSAnswer>: Sendable {
    public let request: AWSRequest

    init(_ request: AWSRequest) {
        self.request = request
    }
}
