import Foundation
import Testing
import KubeClient

@Suite struct KubeTimeTests {
    let instant = Date(timeIntervalSince1970: 1_700_000_000.25)

    @Test func formatsSecondsAndMicroseconds() {
        #expect(KubeTime.format(instant) == "2023-11-14T22:13:20Z")
        #expect(KubeTime.formatMicro(instant) == "2023-11-14T22:13:20.250000Z")
        #expect(KubeTime.formatMicro(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20.000000Z")
        #expect(KubeTime.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(KubeTime.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func parsesUTCFractionsAndOffsets() {
        #expect(KubeTime.parse("2023-11-14T22:13:20Z") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(KubeTime.parse("2023-11-14T22:13:20.250000Z") == instant)
        #expect(KubeTime.parse("2023-11-14T22:13:20.25z") == instant)
        #expect(KubeTime.parse("2023-11-14T23:13:20+01:00") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(KubeTime.parse("2023-11-14T20:43:20-01:30") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(KubeTime.parse("2030-01-01T00:00:00Z") == Date(timeIntervalSince1970: 1_893_456_000))
    }

    @Test(arguments: ["", "2023-11-14", "2023-11-14T22:13:20", "2023-11-14 22:13:20Z", "2023-13-01T00:00:00Z",
                      "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20Zjunk", "2023-11-14T24:00:00Z", "2023-11-14T22:13:20+0100"])
    func rejectsMalformed(_ text: String) {
        #expect(KubeTime.parse(text) == nil)
    }

    @Test func roundTripsWholeSeconds() {
        for seconds in [0.0, 86_399, 1_234_567_890, 4_102_444_800] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(KubeTime.parse(KubeTime.format(date)) == date)
            #expect(KubeTime.parse(KubeTime.formatMicro(date)) == date)
        }
    }
}
