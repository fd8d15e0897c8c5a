/// The bearer tokens of one `dev` run: the controller and the local runtime each authenticate as a user
/// of their own (so the request log says who did what). Generated per run from the system's secure
/// random source (getrandom), written only into kubeconfigs of mode 0600.
struct DevTokens {
    let controller = DevTokens.generate()
    let runtime = DevTokens.generate()

    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<64).map { _ in digits[Int(generator.next() % 16)] })
    }
}
