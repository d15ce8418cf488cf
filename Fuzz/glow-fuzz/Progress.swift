import Foundation
import GlowOnboardKit

/// Progress files: decoding never traps, and what decodes encodes and decodes to the same progress.
func fuzzProgress(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let progress) = ProgressStore.decode(bytes) else { return 0 }
    guard let encoded = try? ProgressStore.encode(progress) else { fatalError("decoded progress does not encode") }
    guard case .success(let again) = ProgressStore.decode(encoded) else { fatalError("encoded progress does not decode") }
    if again != progress { fatalError("encode then decode changed the progress") }
    return 0
}
