<?php
// install-plugin.php end to end against a stand-in osTicket (stub/main.inc.php: the plugin-manager surface over a
// JSON file): a fresh install, an idempotent re-run, an upgrade from an older version, key rotation, re-enabling
// a disabled plugin and instance, and the pending-upgrade guard. Exits 1 on failure.
$installer = realpath(__DIR__ . '/../install-plugin.php');
$source = realpath(__DIR__ . '/../opsapi');
$tmp = sys_get_temp_dir() . '/opsapi-install-flow-' . getmypid();
$root = "$tmp/root";
mkdir("$root/include/plugins", 0755, true);
copy(__DIR__ . '/stub/main.inc.php', "$root/main.inc.php");
file_put_contents("$root/include/class.plugin.php", "<?php\n");
$keyA = str_repeat('a', 32);
$keyB = str_repeat('b', 32);
foreach (array('a' => $keyA, 'b' => $keyB, 'ro' => str_repeat('r', 32)) as $name => $key) {
    file_put_contents("$tmp/$name.key", $key);
    chmod("$tmp/$name.key", 0600);
}
// An "older version": the same files with the manifest at 0.9.0 and one file changed.
mkdir("$tmp/old");
foreach (glob("$source/*.php") as $f)
    copy($f, "$tmp/old/" . basename($f));
file_put_contents("$tmp/old/plugin.php", str_replace("'version' => '1.0.0'", "'version' => '0.9.0'", file_get_contents("$source/plugin.php")));
file_put_contents("$tmp/old/router.php", file_get_contents("$source/router.php") . "\n// old\n");

require __DIR__ . '/assert.php';
function run($args) {
    global $installer;
    $out = array();
    // umask 077 as in the README's install steps (the key files are written just before)
    exec('umask 077; ' . escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg($installer) . ' ' . $args . ' 2>&1', $out, $rc);
    return array($rc, implode("\n", $out));
}
function db() {
    global $root;
    return json_decode(file_get_contents("$root/db.json"), true);
}
/** The config values of the one instance, failing on a duplicate (namespace, key). */
function config(array $db) {
    $out = array();
    foreach ($db['config'] as $row) {
        ok("no duplicate config row {$row['key']}", !isset($out[$row['key']]));
        $out[$row['key']] = $row['value'];
    }
    return $out;
}
$base = escapeshellarg("--root=$root") . ' ' . escapeshellarg("--rw-key-file=$tmp/a.key");

// 1. An older version, fresh: installed, activated, one enabled instance, key hashes only.
list($rc, $out) = run("$base --source=" . escapeshellarg("$tmp/old") . " --ro-key-file=$tmp/ro.key --allowed-cidrs=10.0.0.0/8");
ok('fresh install', $rc === 0, $out);
foreach (array('plugin files copied', 'plugin installed', 'plugin activated', "instance 'ops-api' added", 'verified: plugin 1 active, instance 1 enabled, 4 config rows') as $line)
    ok("fresh install says '$line'", strpos($out, $line) !== false, $out);
$db = db();
ok('one plugin row', count($db['plugin']) === 1 && count($db['plugin_instance']) === 1);
$plugin = reset($db['plugin']);
$instance = reset($db['plugin_instance']);
ok('active, at 0.9.0', $plugin['isactive'] == 1 && $plugin['version'] === '0.9.0' && $plugin['install_path'] === 'plugins/opsapi', json_encode($plugin));
ok('instance enabled', ($instance['flags'] & 1) === 1);
$config = config($db);
ok('config', $config === array('rw_key_sha256' => hash('sha256', $keyA), 'ro_key_sha256' => hash('sha256', str_repeat('r', 32)),
    'allowed_cidrs' => '10.0.0.0/8', 'max_body_bytes' => '262144'), json_encode($config));
ok('no key in the output or the database', strpos($out, $keyA) === false && strpos(file_get_contents("$root/db.json"), $keyA) === false);
ok('readable by the web server despite umask 077', (fileperms("$root/include/plugins/opsapi") & 0777) === 0755
    && (fileperms("$root/include/plugins/opsapi/opsapi.php") & 0777) === 0644);
ok('old files in place', strpos(file_get_contents("$root/include/plugins/opsapi/router.php"), '// old') !== false);

// 2. Re-run with the same inputs: nothing changes.
$before = file_get_contents("$root/db.json");
list($rc, $out) = run("$base --source=" . escapeshellarg("$tmp/old") . " --ro-key-file=$tmp/ro.key --allowed-cidrs=10.0.0.0/8");
ok('re-run', $rc === 0, $out);
ok('re-run copies and installs nothing', strpos($out, 'plugin files already current') !== false
    && !preg_match('/installed|activated|added|enabled|upgraded/', str_replace('instance 1 enabled', '', $out)), $out);
ok('re-run leaves the database as it was', file_get_contents("$root/db.json") === $before);

// 3. The current version over the older one: files swapped, version recorded, same plugin and instance.
list($rc, $out) = run($base);
ok('upgrade', $rc === 0, $out);
ok('upgrade says so', strpos($out, 'plugin files upgraded') !== false && strpos($out, 'plugin upgraded to 1.0.0') !== false, $out);
$db = db();
$plugin = reset($db['plugin']);
ok('upgraded in place', count($db['plugin']) === 1 && count($db['plugin_instance']) === 1 && $plugin['version'] === '1.0.0', json_encode($db));
foreach (glob("$source/*.php") as $f)
    ok('current file ' . basename($f), hash_file('sha256', $f) === hash_file('sha256', "$root/include/plugins/opsapi/" . basename($f)));
ok('no leftovers beside the plugin', glob("$root/include/plugins/.opsapi*") === array());
$config = config($db);
ok('options given now are stored, others reset to their defaults', $config['ro_key_sha256'] === '' && $config['allowed_cidrs'] === '', json_encode($config));

// 4. Key rotation: a new key file, the same command.
list($rc, $out) = run(escapeshellarg("--root=$root") . ' ' . escapeshellarg("--rw-key-file=$tmp/b.key"));
$config = config(db());
ok('rotated', $rc === 0 && $config['rw_key_sha256'] === hash('sha256', $keyB), $out);

// 5. Disabled in the Admin Panel (plugin and instance): re-enabled.
$db = db();
foreach ($db['plugin'] as $k => $p)
    $db['plugin'][$k]['isactive'] = 0;
foreach ($db['plugin_instance'] as $k => $i)
    $db['plugin_instance'][$k]['flags'] = 0;
file_put_contents("$root/db.json", json_encode($db));
list($rc, $out) = run($base);
$db = db();
ok('re-enabled', $rc === 0 && strpos($out, 'plugin activated') !== false && strpos($out, "instance 'ops-api' enabled") !== false, $out);
ok('re-enabled in the database', reset($db['plugin'])['isactive'] == 1 && (reset($db['plugin_instance'])['flags'] & 1) === 1);

// 6. An osTicket upgrade is pending: stop before touching the plugin rows.
$db['upgrade_pending'] = true;
file_put_contents("$root/db.json", json_encode($db));
list($rc, $out) = run($base);
ok('pending upgrade stops', $rc === 1 && strpos($out, 'upgrade is pending') !== false, $out);

exec('rm -rf ' . escapeshellarg($tmp));
finish(__FILE__);
