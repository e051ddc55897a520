#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver, for executables that keep their own main (SwiftPM renames it).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
