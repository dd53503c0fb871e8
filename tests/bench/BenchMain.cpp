// One entry point for every benchmark in tests/bench.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
