// swift-tools-version: 6.0
// The floor of the intake's stack (bench/floor.sh): Hummingbird 2 and GRDB 7 with nothing of piazza's,
// to measure how many form posts per second the chosen libraries serve on this machine at all.
import PackageDescription

let package = Package(
    name: "floor",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "floor",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        )
    ]
)
