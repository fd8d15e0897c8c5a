/// The API group of FileWallBall's custom resources and the names every component agrees on.
public enum FileWallBallAPIGroup {
    /// `filewallball.io`.
    public static let group = "filewallball.io"
    /// `v1alpha1`.
    public static let version = "v1alpha1"
    /// `filewallball.io/v1alpha1`.
    public static let apiVersion = "\(group)/\(version)"
    /// The category that lists all three kinds: `kubectl get filewallball`.
    public static let category = "filewallball"
    /// The release of FileWallBall these types belong to; also the default image tag.
    public static let release = "0.1.0"
    /// The FileWallBall container image the controller runs by default (`filewallball serve`, `backup`, `restore`).
    public static let defaultImage = "filewallball/filewallball:\(release)"
    /// The annotation that starts one on-demand backup per distinct value (a stable contract).
    public static let backupNowAnnotation = "filewallball.io/backup-now"
}
