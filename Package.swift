// swift-tools-version:6.0
import PackageDescription

// The libFuzzer harnesses (Fuzz/README.md): built only by scripts/fuzz.sh, which sets GLOW_FUZZ and builds
// with -sanitize=fuzzer into .build-fuzz; a plain `swift build` never sees them.
let fuzzing = Context.environment["GLOW_FUZZ"] != nil

let package = Package(
    name: "glow-onboard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "glow-onboard", targets: ["glow-onboard"]),
        .library(name: "GlowOnboardKit", targets: ["GlowOnboardKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // HMAC-SHA256 and SHA-256 for Signature Version 4 (issue 5: no hand-written crypto).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // System libraries, each with a small C shim: Swift 6 cannot touch C globals or call variadic C.
        .systemLibrary(name: "CEditline", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // JSON values keeping key order, the parser with line:col, the writer; no app concepts.
        .target(name: "JSON"),
        // nginx's configuration language, parsed as nginx parses it; no app concepts.
        .target(name: "NginxConfig", dependencies: ["JSON"]),  // the crossplane tree as a JSON value
        // Runs a program with a deadline, without Foundation.Process (see Spawn.swift for why).
        .target(name: "CSpawn"),
        .target(name: "Spawn", dependencies: ["CSpawn"]),
        // libcurl, loaded on first use (chttp.c says why), for HTTPS to AWS.
        .target(name: "CHTTP", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "HTTP", dependencies: ["CHTTP"]),
        // Reads AWS as the AWS CLI does (SigV4, botocore's shapes), read-only by construction; no app concepts.
        .target(
            name: "AWSRead",
            dependencies: ["HTTP", "JSON", "Spawn", .product(name: "Crypto", package: "swift-crypto")]),
        // JMESPath, complete to the specification; no app concepts.
        .target(name: "JMESPath", dependencies: ["JSON"]),
        // The environment as the checks see it: the Snapshot and its AWS views, fixtures, live reads, the
        // network values (CIDR block, IPv4 address, DNS name). Knows no course, lesson, terminal or REPL.
        .target(name: "Environment", dependencies: ["JSON", "NginxConfig", "AWSRead", "Spawn"]),
        // The check catalogue, the chain, the verifier and the flow map, over a Snapshot. Knows no course,
        // lesson, terminal or REPL.
        .target(name: "Checks", dependencies: ["Environment", "JSON", "JMESPath", "NginxConfig"]),
        // The practice environment (moto on loopback, the practice host's nginx, stand-in apps); the one
        // module that writes, and only to the sandbox it started.
        .target(name: "Sandbox", dependencies: ["Environment", "AWSRead", "JSON", "JMESPath", "NginxConfig", "Spawn", "HTTP"]),
        .target(
            name: "GlowOnboardKit",
            dependencies: ["CEditline", "CCmarkGFM", "Checks", "Environment", "Sandbox", "JSON", "NginxConfig", "JMESPath", "Spawn", "AWSRead", "HTTP",
                           .product(name: "Yams", package: "Yams"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "glow-onboard",
            dependencies: ["GlowOnboardKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .target(name: "CTestSupport", path: "Tests/CTestSupport"),
        .target(name: "TestPaths", dependencies: ["Spawn", "HTTP"], path: "Tests/TestPaths"),
        .testTarget(
            name: "GlowOnboardKitTests",
            dependencies: ["GlowOnboardKit", "Checks", "Environment", "JSON", "CTestSupport", "JMESPath", "TestPaths"]),
        .testTarget(
            name: "NginxConfigTests",
            dependencies: ["NginxConfig", "JSON", "Spawn", "TestPaths"]),
        .testTarget(
            name: "AWSReadTests",
            dependencies: ["AWSRead", "JSON", "Spawn", "TestPaths"]),
        .testTarget(
            name: "JMESPathTests",
            dependencies: ["JMESPath", "JSON", "TestPaths"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["glow-onboard", "GlowOnboardKit", "Checks", "Environment", "Sandbox", "AWSRead", "JSON", "JMESPath", "Spawn", "TestPaths"],
            exclude: ["Transcripts"]),  // read from the checkout by path, not bundled
    ]
)

if fuzzing {
    package.targets.append(.executableTarget(
        name: "glow-fuzz", dependencies: ["JSON", "JMESPath", "NginxConfig", "AWSRead", "GlowOnboardKit"], path: "Fuzz/glow-fuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
