// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "piazza",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "piazza", targets: ["piazza"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Child processes (pagefind, the mail command, the tests' piazza binary) without Foundation's
        // Process, which crashes the caller on Linux (swift-corelibs-foundation#5472). Its manifest needs
        // tools 6.2; this 6.0 manifest can depend on it and sets no trait (its default one is kept).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // FilePath and FileDescriptor, which Subprocess's API takes.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // ZIP for the XLSX exports (Office Open XML packages); on Linux it links the system zlib.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System library shim over Debian's libcmark-gfm (+ extensions); see module.modulemap.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Codice fiscale, partita IVA, IBAN, DSU protocol, Italian numbers and dates. No dependencies.
        .target(name: "ItalianIdentifiers"),
        // The content model shared by the generator and the daemon.
        .target(
            name: "PiazzaContent",
            dependencies: [
                "CCmarkGFM",
                "ItalianIdentifiers",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Theme loading and page rendering, shared by the generator and the daemon's dynamic pages.
        .target(
            name: "PiazzaRender",
            dependencies: [
                "PiazzaContent",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Static site generator: content model → files under site/. No web server; an HTTP client
        // only for `piazza check --external`.
        .target(
            name: "PiazzaSite",
            dependencies: [
                "PiazzaContent",
                "PiazzaRender",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                // Content hashes of the incremental build's inputs.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The intake daemon: HTTP, storage, automatic checks, receipts.
        .target(
            name: "PiazzaIntake",
            dependencies: [
                "PiazzaContent",
                "PiazzaRender",
                "ItalianIdentifiers",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // `piazza serve`: the built sites and a preview intake in one service group. The one module
        // that depends on both the generator and the daemon, so neither depends on the other.
        .target(
            name: "PiazzaServe",
            dependencies: [
                "PiazzaContent",
                "PiazzaRender",
                "PiazzaSite",
                "PiazzaIntake",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "piazza",
            dependencies: [
                "PiazzaContent",
                "PiazzaSite",
                "PiazzaIntake",
                "PiazzaServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // bench/operator.sh's corpus: a portal database filled through PortalDatabase (debug builds,
        // which can import the daemon's internals with @testable).
        .executableTarget(
            name: "OperatorCorpus",
            dependencies: [
                "PiazzaIntake", "PiazzaContent", "ItalianIdentifiers", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "bench/OperatorCorpus"
        ),
        .testTarget(name: "ItalianIdentifiersTests", dependencies: ["ItalianIdentifiers"]),
        .testTarget(
            name: "PiazzaContentTests",
            // Yams: the tests compare SimpleYAML's nodes with Yams' own.
            dependencies: ["PiazzaContent", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PiazzaSiteTests",
            dependencies: [
                "PiazzaSite", "PiazzaContent", "PiazzaRender",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "PiazzaServeTests",
            dependencies: [
                "PiazzaServe", "PiazzaSite", "PiazzaContent",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "PiazzaIntakeTests",
            dependencies: [
                "PiazzaIntake",
                "PiazzaContent",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
    ]
)
