import CFuzzer
import FuzzSupport

// SwiftPM links an executable's entry as FuzzConfig_main; it hands over to libFuzzer's driver.
@_cdecl("FuzzConfig_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { data, count in
    FuzzEntries.yaml(UnsafeRawBufferPointer(start: data, count: count))
    return 0
  }
}
