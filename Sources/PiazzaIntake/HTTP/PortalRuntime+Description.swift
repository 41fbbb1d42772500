/// A portal's runtime by its portal's id: ServiceLifecycle names every service of a group by printing
/// it (`"\(service)"`) when the group starts, and the services and routes holding the runtimes would
/// otherwise print every page of the content through reflection, seconds of CPU on a large tree
/// (the daemon's start, each `piazza serve`).
extension PortalRuntime: CustomStringConvertible {
    var description: String { "PortalRuntime(\(portal.id))" }
}
