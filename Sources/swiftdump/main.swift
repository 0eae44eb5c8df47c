print("swiftdump: not yet wired")
