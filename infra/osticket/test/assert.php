<?php
// The tiny assertion kit the PHP test scripts share: counts checks, reports failures on stderr, and ends the
// script with "<script>: N checks, M failed" and exit status 1 on any failure.
$failures = 0;
$count = 0;

function ok($name, $cond, $detail = '') {
    global $failures, $count;
    $count++;
    if (!$cond) {
        $failures++;
        fwrite(STDERR, rtrim("FAIL $name $detail") . "\n");
    }
}

function check($name, $actual, $expected) {
    ok($name, $actual === $expected,
        "\n  expected: " . var_export($expected, true) . "\n  actual:   " . var_export($actual, true));
}

function throws($name, callable $fn) {
    try {
        $fn();
        ok($name, false, ': no exception');
    } catch (Exception $e) {
        ok($name, true);
    }
}

function finish($script) {
    global $failures, $count;
    fwrite(STDOUT, sprintf("%s: %d checks, %d failed\n", basename($script), $count, $failures));
    exit($failures ? 1 : 0);
}
