#define CATCH_CONFIG_MAIN
// Failure messages (a docs example's `diff -u`, a diagnostic line) are not
// wrapped at 80 columns. This file is built without the precompiled header,
// and only the runner and reporters, compiled here, use the width.
#define CATCH_CONFIG_CONSOLE_WIDTH 200
#include <catch2/catch.hpp>
