# Included by ctest after the discovered Catch2 tests (TEST_INCLUDE_FILES, see
# CMakeLists.txt). `ctest -j` starts the tests with the highest COST first, and
# a clean clone has no cost data from an earlier run, so without these it starts
# the tests in file order and a long one started late runs alone at the end
# with the other cores idle (under ASan the 100,000-figure registry ran its last
# 4 minutes alone). The slowest tests, measured under ASan, start first.
set(sourced_slow_tests
  "a registry with 100,000 figures (20,000 under ASan) loads and checks correctly"
  "a build killed at random moments leaves every file old or new and whole, and the next build succeeds"
  "every sourced command line in a docs example runs and succeeds"
  "sourced serve stays answering under 20 live-reload streams, 200 idle connections and a 30 s slowloris")
foreach(name IN LISTS sourced_slow_tests)
  set_tests_properties("${name}" PROPERTIES COST 1000)
endforeach()
