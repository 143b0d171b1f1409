// escape_html and safe_url (core/html_escape.h). Escaping across a whole
// site: tests/site/escaping_test.cpp.
#include <catch2/catch.hpp>

#include "html_escape.h"

using namespace sourced;

TEST_CASE("escape_html escapes every character that matters in text and attributes", "[escape]") {
    CHECK(escape_html("<script>\"x\" & 'y'</script>") ==
          "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
}

TEST_CASE("safe_url keeps http(s) and relative links and drops script schemes", "[escape]") {
    CHECK(safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c");
    CHECK(safe_url("figures/index.html#fig-a") == "figures/index.html#fig-a");
    CHECK(safe_url("javascript:alert(1)") == "#");
    CHECK(safe_url("JaVaScRiPt:alert(1)") == "#");
    CHECK(safe_url("data:text/html,x") == "#");
    CHECK(safe_url("vbscript:x") == "#");
    CHECK(safe_url("https://ex\nample.org") == "#");
}
