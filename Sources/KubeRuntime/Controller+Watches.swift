import KubeClient

extension Controller {
    /// Reconciles the keys `mapping` returns for each changed object, e.g. a RestoreRequest waking the
    /// cluster it names. On an update both the old and the new object are mapped (a reference that moved
    /// wakes both targets); updates the predicate rejects are ignored.
    public func watches<R: KubeObject>(_ informer: Informer<R>, predicate: WatchPredicate = .all, mapping: @escaping @Sendable (R) -> [ReconcileRequest]) {
        let queue = self.queue
        let enqueue: @Sendable (R) -> Void = { object in
            for request in mapping(object) { queue.add(request) }
        }
        informer.addHandler(ResourceEventHandler(
            onAdd: enqueue,
            onUpdate: { old, new in
                guard predicate.shouldEnqueueUpdate(old.metadata, new.metadata) else { return }
                let keys = Set(mapping(old) + mapping(new))
                for request in keys { queue.add(request) }
            },
            onDelete: enqueue))
    }
}
