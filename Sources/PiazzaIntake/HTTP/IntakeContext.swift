import Hummingbird
import NIOCore

/// The request context of the daemon: Hummingbird's core storage plus the client's address.
public struct IntakeContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The address of the connected peer (the reverse proxy when there is one).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read by the handlers against the configured limit, not Hummingbird's default.
    public var maxUploadSize: Int { .max }
}
