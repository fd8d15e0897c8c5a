import Testing
@testable import Operator

@Suite struct BackupJobNamesTests {
    @Test func onDemandNamesAreDeterministicPerValue() {
        let first = BackupJobNames.onDemand(policy: "nightly", value: "2026-12-02")
        #expect(first == "nightly-now-185b174c")
        #expect(BackupJobNames.onDemand(policy: "nightly", value: "2026-12-02") == first)
        #expect(BackupJobNames.onDemand(policy: "nightly", value: "2026-12-03") != first)
        #expect(BackupJobNames.onDemand(policy: "weekly", value: "2026-12-02") == "weekly-now-185b174c")
    }

    @Test(arguments: ["", " ", "Ünïcødé ✓", "with\nnewline", String(repeating: "x", count: 100_000), "--latest", "UPPER/slash:colon"])
    func oddValuesStillGiveValidNames(_ value: String) {
        let name = BackupJobNames.onDemand(policy: "nightly", value: value)
        #expect(BackupJobNames.isDNSLabel(name), "\(name)")
        #expect(name.hasPrefix("nightly-now-") && name.count == "nightly-now-".count + 8)
    }

    @Test func longOrDottedNamesAreShortenedWithADigest() {
        let longPolicy = String(repeating: "p", count: 60)
        let onDemand = BackupJobNames.onDemand(policy: longPolicy, value: "v")
        #expect(BackupJobNames.isDNSLabel(onDemand) && onDemand.count <= 63, "\(onDemand)")
        #expect(onDemand.hasSuffix("-now-" + String(ConfigHash.digest("v").prefix(8))))
        // Two long names that share their first 50 characters still differ.
        let other = BackupJobNames.onDemand(policy: longPolicy + "q", value: "v")
        #expect(other != onDemand && BackupJobNames.isDNSLabel(other))

        let longRequest = "restore-" + String(repeating: "r", count: 240)
        for name in [BackupJobNames.safety(request: longRequest), BackupJobNames.restore(request: longRequest)] {
            #expect(BackupJobNames.isDNSLabel(name) && name.count == 63, "\(name)")
        }
        #expect(BackupJobNames.safety(request: longRequest).hasSuffix("-safety"))
        #expect(BackupJobNames.restore(request: longRequest).hasSuffix("-restore"))
        // Dots are valid in object names but not in DNS labels: the dotted name gets its own digest,
        // so `a.b` and `a-b` never share a Job.
        let dotted = BackupJobNames.restore(request: "a.b")
        #expect(BackupJobNames.isDNSLabel(dotted) && dotted != BackupJobNames.restore(request: "a-b"))
        #expect(BackupJobNames.restore(request: "a-b") == "a-b-restore")

        #expect(BackupJobNames.restoreRequestLabelValue("undo") == "undo")
        let labelValue = BackupJobNames.restoreRequestLabelValue(longRequest)
        #expect(labelValue.count <= 63 && BackupJobNames.isDNSLabel(labelValue))
        #expect(labelValue != BackupJobNames.restoreRequestLabelValue(longRequest + "x"))
    }

    @Test func dnsLabelCheck() {
        #expect(BackupJobNames.isDNSLabel("a") && BackupJobNames.isDNSLabel("a-1") && BackupJobNames.isDNSLabel(String(repeating: "a", count: 63)))
        for bad in ["", "-a", "a-", "A", "a.b", "a_b", String(repeating: "a", count: 64), "é"] {
            #expect(!BackupJobNames.isDNSLabel(bad), "\(bad)")
        }
    }

    @Test func jobKindFromLabelOrName() {
        #expect(BackupJobKind.of(jobName: "x", labels: [BackupJobNames.kindLabel: "safety"]) == .safety)
        #expect(BackupJobKind.of(jobName: "undo-safety", labels: [:]) == .safety)
        #expect(BackupJobKind.of(jobName: "undo-restore", labels: [:]) == .restore)
        #expect(BackupJobKind.of(jobName: "nightly-now-185b174c", labels: [:]) == .onDemand)
        #expect(BackupJobKind.of(jobName: "nightly-backup-29412345", labels: [:]) == .scheduled)
        #expect(BackupJobKind.of(jobName: "nightly-backup-29412345", labels: [BackupJobNames.kindLabel: "bogus"]) == .scheduled)
    }
}
