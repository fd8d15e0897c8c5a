// `KubeObject.object` is a `JSONObject`: the JSON core is part of this module's API, so importing
// KubeClient brings it along (as kube-rs's `kube` re-exports `kube-core`).
@_exported public import KubeJSON
