// Loaded before each test file when Stryker runs: the request engine, which the SDK imports lazily at the first call,
// so that its module-level constants count as static (left out by `ignoreStatic`) rather than as covered by whichever
// test happened to make the first call, which would test them for nothing.
import '../../src/core/request';
