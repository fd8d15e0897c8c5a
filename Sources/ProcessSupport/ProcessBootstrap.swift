#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import Metrics
import Prometheus
import Synchronization

/// What the one set-up of a process produced: shared by every component the process hosts.
public struct ProcessContext: Sendable {
    /// The process's Prometheus registry (the factory behind `MetricsSystem`); serve it on `/metrics`.
    public let registry: PrometheusCollectorRegistry
    /// The logging settings in effect (those of the first bootstrap).
    public let logging: LoggingSettings
}

/// The per-process set-up every subcommand's `run()` starts with, and nothing else per command.
///
/// # What it does (once per process)
/// - Logging: swift-log's `LoggingSystem` writes through `StandardErrorLogHandler` to stderr, at the level and
///   in the format of `LoggingOptions` (flag, else `FWB_LOG_LEVEL`/`FWB_LOG_FORMAT`, else the defaults).
/// - Metrics: `MetricsSystem` gets a Prometheus factory over one `PrometheusCollectorRegistry`.
/// - Signals: SIGPIPE is ignored (a peer or child that goes away is a write error, not a dead process).
///   SIGTERM/SIGINT reach every long-running command through `ShutdownSignals` (controller, KubeSim,
///   serve); no library installs a signal handler of its own (`serve`'s ServiceGroup has none and is
///   told to shut down gracefully when `ShutdownSignals` fires).
///
/// # Guarantees
/// swift-log and swift-metrics may be bootstrapped only once per process (a second `bootstrap` traps).
/// Here a second call is a no-op that returns the first call's `ProcessContext` (same registry, same
/// settings), so one process can host several components (`dev`: controller, KubeSim, data plane) that
/// each call it.
public enum ProcessBootstrap {
    private static let context = Mutex<ProcessContext?>(nil)

    /// Sets up logging, metrics and signal dispositions the first time; later calls return the same context.
    ///
    /// `defaultLevel` applies when neither `--log-level` nor `FWB_LOG_LEVEL` is given (`backup` and
    /// `restore` use `warning`: their stdout carries the result, stderr only what matters).
    @discardableResult
    public static func bootstrap(_ options: LoggingOptions, defaultLevel: Logger.Level = .info,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws(LoggingOptionsError) -> ProcessContext {
        let settings = try options.resolve(defaultLevel: defaultLevel, environment: environment)
        return context.withLock { existing in
            if let existing { return existing }
            signal(SIGPIPE, SIG_IGN)
            LoggingSystem.bootstrap { label in
                StandardErrorLogHandler(label: label, logLevel: settings.level, format: settings.format)
            }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            let made = ProcessContext(registry: registry, logging: settings)
            existing = made
            return made
        }
    }
}
