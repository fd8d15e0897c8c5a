/// Ports of the data services.
public enum DataServicePorts {
    /// MariaDB.
    public static let mariadb = 3306
    /// Redis.
    public static let redis = 6379
}
