// libFuzzer target: config and credentials bytes through the AWS config reader.
// Whatever it reads it must give back byte for byte.
// Built and run by scripts/fuzz.sh FuzzConfigFile SECONDS.
import AWSConfig

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? ConfigFile.parse(bytes) else { return 0 }
    precondition(file.bytes == bytes, "the reader did not keep every byte")
    _ = file.profiles(as: .config)
    _ = file.profiles(as: .credentials)
    _ = ManagedBlock.find(in: file)
    return 0
}
