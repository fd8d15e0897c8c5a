import Foundation
import KubeClient

extension RestoreJobState {
    /// The result document `filewallball backup`/`restore` writes with `--result-file` (see
    /// docs/backup-restore.md), as far as the planner needs it. Private to the planner: the full parsers
    /// of the results live with the Job builders.
    struct Report: Equatable {
        /// `"status": "ok"`.
        var isSuccess: Bool
        /// Failure class (`backup_not_found`, `restore_failed`, ...).
        var code: String?
        /// The failed step (`checksum_mismatch`, ...).
        var reason: String?
        /// Failure text, for people.
        var message: String?
        /// `exit_code`.
        var exitCode: Int?
        /// Backup result: the backup's name.
        var name: String?
        /// Restore result: the backup restored.
        var restored: String?
        /// Restore result: the safety backup it took (absent with `--no-safety-backup`).
        var safetyBackup: String?

        /// Reads a termination message: the whole text as one JSON object, else (log lines) the last line
        /// that is one. Nil when there is no result document with a `status`.
        static func parse(_ text: String?) -> Report? {
            guard let text else { return nil }
            if let report = parseObject(text) { return report }
            for line in text.split(whereSeparator: \.isNewline).reversed() {
                if let report = parseObject(String(line)) { return report }
            }
            return nil
        }

        /// One JSON object with a string `status`.
        private static func parseObject(_ text: String) -> Report? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("{"), let object = (try? JSONParser.parse(trimmed))?.objectValue,
                  let status = object.string("status") else { return nil }
            return Report(isSuccess: status == "ok", code: object.string("code"), reason: object.string("reason"),
                          message: object.string("message"), exitCode: object.int("exit_code"), name: object.string("name"),
                          restored: object.string("restored"), safetyBackup: object.string("safety_backup"))
        }

        /// `message (code/reason, exit N)` for a failure, as much as is known.
        var failureText: String {
            var details: [String] = []
            if let code { details.append(reason.map { "\(code)/\($0)" } ?? code) }
            if let exitCode { details.append("exit \(exitCode)") }
            let text = message ?? "no message"
            return details.isEmpty ? text : "\(text) (\(details.joined(separator: ", ")))"
        }
    }
}
