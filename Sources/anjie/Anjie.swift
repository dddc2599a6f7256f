import AnjieCLI

/// The `anjie` executable: everything lives in AnjieCLI so tests can drive the same commands.
@main
enum Anjie {
    static func main() async {
        await AnjieCommand.main(nil)
    }
}
