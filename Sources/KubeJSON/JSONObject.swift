/// A JSON object: member name to value, the form every Kubernetes object takes in memory.
///
/// Why a `Dictionary` and not an insertion-ordered object: both users only need every member kept, not
/// the order it arrived in. KubeClient keeps a resource's whole object so fields it does not model survive a
/// read-modify-write; JSON member order carries no meaning for the API server, so the round trip needs no
/// order. KubeSim serves objects with `JSONWriter`'s sorted keys, which is what kube-apiserver emits for
/// custom resources (Go's encoding/json sorts map keys) and what `kubectl get -o json|yaml` prints for any
/// resource (it re-sorts through unstructured maps); sorted output is also deterministic for tests. A
/// dictionary built at its final size (see `JSONParser`) is the smallest form with O(1) member lookup:
/// the informer cache holds 10,000 objects in under 3x their JSON size only with it.
public typealias JSONObject = [String: JSONValue]
