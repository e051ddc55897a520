@_exported import PdevTestSupport
