// Stored objects, watch events and Status bodies are `JSONValue`s: the JSON core is part of this module's
// API, so importing KubeSim brings it along.
@_exported public import KubeJSON
