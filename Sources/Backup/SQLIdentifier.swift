/// Backtick-quoting of identifiers for statements that cannot take parameters (DDL, RENAME TABLE).
enum SQLIdentifier {
    /// `name` with backticks doubled, wrapped in backticks.
    static func quote(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }

    /// `db`.`table`.
    static func qualified(_ database: String, _ table: String) -> String { quote(database) + "." + quote(table) }
}
