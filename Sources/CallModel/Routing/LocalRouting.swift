/// `local`: each centre answers only its own callers, first come first served.
struct LocalRouting: RoutingPolicy {
    static var settlesHangUpsAtHead: Bool { true }
}
