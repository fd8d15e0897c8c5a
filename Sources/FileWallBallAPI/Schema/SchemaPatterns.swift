/// Regular expressions shared by the schemas (ECMA-262, as the API server evaluates them).
public enum SchemaPatterns {
    /// A Kubernetes resource quantity: `1Gi`, `500m`, `2`, `1.5G`, `1e3`.
    public static let quantity =
        #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkKMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"#
    /// A DNS-1123 label: what Kubernetes requires of Service and most object names.
    public static let dnsLabel = #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"#
    /// A DNS-1123 subdomain: names of custom resources, StorageClasses, and so on.
    public static let dnsSubdomain = #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#
    /// A five-field cron expression (minute hour day-of-month month day-of-week) or a `@daily`-style macro,
    /// as the CronJob controller accepts them.
    public static let cron =
        #"^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[0-9*/,-]+\s+[0-9*/,-]+\s+[0-9*/,?LW-]+\s+[0-9A-Za-z*/,-]+\s+[0-9A-Za-z*/,?L#-]+)$"#
    /// An IANA time zone name (`Etc/UTC`, `Europe/Paris`, `America/Argentina/Buenos_Aires`).
    public static let timeZone = #"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"#
    /// A Redis memory size: a number with an optional unit (`256mb`, `1gb`, `1048576`).
    public static let redisMemory = #"^[0-9]+([kKmMgG][bB]?|[bB])?$"#
    /// A MariaDB database name the controller is willing to create (letters, digits, underscore).
    public static let databaseName = #"^[A-Za-z_][A-Za-z0-9_]{0,63}$"#
    /// A container image reference.
    public static let image = #"^[a-zA-Z0-9][a-zA-Z0-9._\-/:@]*$"#
    /// A backup name as `filewallball backup` writes it, or `latest`.
    public static let backupName = #"^(latest|[A-Za-z0-9][A-Za-z0-9._-]{0,252})$"#
}
