/// How log records are written to stderr.
///
/// `text` is the default everywhere (also when stderr is not a terminal): the output stays the same
/// whether a person or a pipe reads it, and a cluster's log pipeline asks for `json` explicitly
/// (`--log-format json` or `FWB_LOG_FORMAT=json` in the Deployment).
public enum LogFormat: String, Sendable, CaseIterable {
    /// One human line: `TIME LEVEL LABEL: key=value ... [SOURCE] MESSAGE`.
    case text
    /// One JSON object per line (see `LogLineFormatter.json`).
    case json
}
