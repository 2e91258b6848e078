<?php
// Checks of install-plugin.php that need no osTicket: usage errors, key-file rules, and that a failing lint or a
// missing osTicket root stops it before anything is copied. Exits 1 on failure.
$installer = realpath(__DIR__ . '/../install-plugin.php');
$tmp = sys_get_temp_dir() . '/opsapi-install-test-' . getmypid();
mkdir("$tmp/root/include/plugins", 0755, true);
file_put_contents("$tmp/root/main.inc.php", "<?php\nfwrite(STDERR, 'osTicket not really here');\nexit(7);\n");
file_put_contents("$tmp/good.key", str_repeat('k', 40));
chmod("$tmp/good.key", 0600);
file_put_contents("$tmp/open.key", str_repeat('k', 40));
chmod("$tmp/open.key", 0644);
file_put_contents("$tmp/short.key", 'short');
chmod("$tmp/short.key", 0600);
mkdir("$tmp/badsrc");
file_put_contents("$tmp/badsrc/plugin.php", "<?php return array(;\n");

require __DIR__ . '/assert.php';
function run($args) {
    global $installer;
    $out = array();
    exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg($installer) . ' ' . $args . ' 2>&1', $out, $rc);
    return array($rc, implode("\n", $out));
}
function expect($name, $args, $rc, $pattern) {
    global $failures, $count;
    $count++;
    list($got, $out) = run($args);
    if ($got !== $rc || !preg_match($pattern, $out)) {
        $failures++;
        fwrite(STDERR, "FAIL $name: rc=$got output=$out\n");
    }
}
$root = escapeshellarg("--root=$tmp/root");
expect('usage', '', 2, '/usage: php install-plugin.php/');
expect('not a root', "--root=$tmp --rw-key-file=$tmp/good.key", 2, '/must be the osTicket web root/');
expect('open key file', "$root --rw-key-file=$tmp/open.key", 2, '/must be mode 0600/');
expect('short key', "$root --rw-key-file=$tmp/short.key", 2, '/shorter than 24/');
expect('same keys', "$root --rw-key-file=$tmp/good.key --ro-key-file=$tmp/good.key", 2, '/must differ/');
expect('bad body limit', "$root --rw-key-file=$tmp/good.key --max-body-bytes=5", 2, '/max-body-bytes/');
expect('lint stops copy', "$root --rw-key-file=$tmp/good.key --source=$tmp/badsrc", 1, '/php -l failed for plugin.php/');
$count++;
if (is_dir("$tmp/root/include/plugins/opsapi")) {
    $failures++;
    fwrite(STDERR, "FAIL lint stops copy: files were copied\n");
}
// With valid inputs it copies the plugin, then stops at the (fake) osTicket boot: files are in place, key
// material never appears in the output.
list($rc, $out) = run("$root --rw-key-file=$tmp/good.key");
$count++;
if ($rc !== 7 || !is_file("$tmp/root/include/plugins/opsapi/opsapi.php") || strpos($out, str_repeat('k', 40)) !== false) {
    $failures++;
    fwrite(STDERR, "FAIL copy then boot: rc=$rc output=$out\n");
}
expect('second run sees current files', "$root --rw-key-file=$tmp/good.key", 7, '/plugin files already current/');
exec('rm -rf ' . escapeshellarg($tmp));
finish(__FILE__);
