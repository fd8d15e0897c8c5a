import Testing

/// Every test that starts a private Redis runs one after another: outage tests measure latency, and
/// parallel CPU-heavy tests on the 2-core machine would otherwise stall their continuations.
@Suite("Against a private Redis", .serialized)
enum RedisServerTests {}
