#define _XOPEN_SOURCE 700
#include <wchar.h>
#include "CTestSupport.h"

int glow_test_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }
