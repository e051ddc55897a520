// The header is the target; this file only gives SwiftPM something to compile.
#include "CFuzzer.h"
