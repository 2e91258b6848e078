<?php
/*
 * Unattended, idempotent installer and upgrader of the osTicket Ops API plugin (PLUGIN-FACTS.md §7):
 *   1. lint every plugin file, copy beside include/plugins/ under a temporary name, rename into place;
 *   2. chdir to the osTicket root and boot main.inc.php (abort while an upgrade is pending);
 *   3. install only if no ost_plugin row has install_path 'plugins/opsapi' (install() has no duplicate check);
 *   4. activate; 5. add or enable the instance; 6. store the sha256 of the keys (read from 0600 files, never the
 *   command line) and the options in the instance config; 7. verify (and optionally call both URL styles).
 * Re-running with the same inputs changes nothing; running it with newer files upgrades the plugin in place.
 *
 * Usage (as root or the web-server user, which can read include/ost-config.php):
 *   php install-plugin.php --root=/var/www/osticket --rw-key-file=/etc/osticket-ops/ops-rw.key \
 *       [--ro-key-file=/etc/osticket-ops/ops-ro.key] [--allowed-cidrs=10.0.0.0/8,203.0.113.0/24] \
 *       [--max-body-bytes=262144] [--instance=ops-api] [--web-user=www-data] [--verify-url=https://help.example.com]
 * Exit codes: 0 done, 1 failed (message on stderr), 2 bad usage.
 */
if (PHP_SAPI !== 'cli') {
    http_response_code(404);
    exit;
}

const OPSAPI_DIR = 'opsapi';
const OPSAPI_INSTALL_PATH = 'plugins/opsapi';

function fail($message, $code = 1) {
    fwrite(STDERR, "install-plugin: $message\n");
    exit($code);
}

function say($message) {
    fwrite(STDOUT, "install-plugin: $message\n");
}

$opts = getopt('', array('root:', 'rw-key-file:', 'ro-key-file::', 'allowed-cidrs::', 'max-body-bytes::', 'instance::',
    'web-user::', 'verify-url::', 'source::'));
if (empty($opts['root']) || empty($opts['rw-key-file']))
    fail('usage: php install-plugin.php --root=<osTicket root> --rw-key-file=<0600 file> [--ro-key-file=…] '
        . '[--allowed-cidrs=…] [--max-body-bytes=…] [--instance=…] [--web-user=…] [--verify-url=…]', 2);

// Resolve every path before chdir (step 1).
$root = realpath($opts['root']);
if (!$root || !is_file("$root/main.inc.php"))
    fail("--root must be the osTicket web root (no main.inc.php in {$opts['root']})", 2);
$source = realpath(isset($opts['source']) && $opts['source'] ? $opts['source'] : __DIR__ . '/' . OPSAPI_DIR);
if (!$source || !is_file("$source/plugin.php"))
    fail('plugin source folder not found (expected ' . __DIR__ . '/' . OPSAPI_DIR . ')', 2);
$instanceName = isset($opts['instance']) && $opts['instance'] ? $opts['instance'] : 'ops-api';
$maxBody = isset($opts['max-body-bytes']) && $opts['max-body-bytes'] !== '' ? (int) $opts['max-body-bytes'] : 262144;
if ($maxBody < 1024 || $maxBody > 4194304)
    fail('--max-body-bytes must be from 1024 to 4194304', 2);
$cidrs = isset($opts['allowed-cidrs']) ? trim((string) $opts['allowed-cidrs']) : '';

/** Reads a key from a file that only its owner can read; returns its sha256 (the key never leaves this process). */
function keyHash($file, $what) {
    $path = realpath($file);
    if (!$path || !is_file($path))
        fail("$what key file not found: $file", 2);
    $perms = fileperms($path) & 0777;
    if ($perms & 0077)
        fail(sprintf('%s key file %s must be mode 0600 (is %04o)', $what, $path, $perms), 2);
    $key = trim((string) file_get_contents($path));
    if (strlen($key) < 24)
        fail("$what key in $path is shorter than 24 characters", 2);
    return array(hash('sha256', $key), $key);
}
list($rwHash, $rwKey) = keyHash($opts['rw-key-file'], 'read-write');
$roHash = '';
if (!empty($opts['ro-key-file']))
    list($roHash) = keyHash($opts['ro-key-file'], 'read-only');
if ($roHash === $rwHash)
    fail('the read-only and read-write keys must differ', 2);

// Step 1: lint, then copy atomically. A syntax error in any installed plugin breaks every osTicket page
// (PLUGIN-FACTS.md §9.5), so nothing is copied unless every file lints.
$files = array();
$it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($source, FilesystemIterator::SKIP_DOTS));
foreach ($it as $f)
    if ($f->isFile())
        $files[] = substr($f->getPathname(), strlen($source) + 1);
sort($files);
foreach ($files as $rel) {
    if (substr($rel, -4) !== '.php')
        continue;
    $out = array();
    exec(escapeshellarg(PHP_BINARY) . ' -l ' . escapeshellarg("$source/$rel") . ' 2>&1', $out, $rc);
    if ($rc !== 0)
        fail("php -l failed for $rel: " . implode(' ', $out));
}
$pluginsDir = "$root/include/plugins";
if (!is_dir($pluginsDir))
    fail("$pluginsDir does not exist");
$target = "$pluginsDir/" . OPSAPI_DIR;
$changed = !is_dir($target);
foreach ($files as $rel)
    if (!$changed && (!is_file("$target/$rel") || hash_file('sha256', "$target/$rel") !== hash_file('sha256', "$source/$rel")))
        $changed = true;
if ($changed) {
    $upgrade = is_dir($target);
    $tmp = "$pluginsDir/." . OPSAPI_DIR . '.new-' . getmypid();
    $old = "$pluginsDir/." . OPSAPI_DIR . '.old-' . getmypid();
    foreach ($files as $rel) {
        $dest = "$tmp/$rel";
        if (!is_dir(dirname($dest)) && !mkdir(dirname($dest), 0755, true))
            fail("cannot create " . dirname($dest));
        // Explicit modes: the caller's umask (077 while writing key files) must not hide the plugin from the web
        // server, which includes its main file on every request.
        chmod(dirname($dest), 0755);
        if (!copy("$source/$rel", $dest))
            fail("cannot copy $rel");
        chmod($dest, 0644);
    }
    if (!empty($opts['web-user']))
        exec('chown -R ' . escapeshellarg($opts['web-user']) . ' ' . escapeshellarg($tmp));
    if (is_dir($target) && !rename($target, $old))
        fail("cannot move the previous version aside");
    if (!rename($tmp, $target)) {
        if (is_dir($old))
            rename($old, $target);
        fail('cannot move the new version into place');
    }
    if (is_dir($old))
        exec('rm -rf ' . escapeshellarg($old));
    say('plugin files ' . ($upgrade ? 'upgraded' : 'copied') . " to $target");
} else
    say('plugin files already current');

// Step 2: boot osTicket like its own CLI scripts.
chdir($root);
$_SERVER['REMOTE_ADDR'] = isset($_SERVER['REMOTE_ADDR']) ? $_SERVER['REMOTE_ADDR'] : '127.0.0.1';
require_once "$root/main.inc.php";
global $ost;
if (!$ost)
    fail('osTicket did not boot (check include/ost-config.php and the database)');
if ($ost->isUpgradePending())
    fail('an osTicket upgrade is pending: finish it first (plugins do not bootstrap until then)');
require_once INCLUDE_DIR . 'class.plugin.php';

// Step 3: install once. PluginManager::install() inserts with isactive=0 and no instance (class.plugin.php).
$row = Plugin::objects()->filter(array('install_path' => OPSAPI_INSTALL_PATH))->first();
if (!$row) {
    $row = $ost->plugins->install(OPSAPI_INSTALL_PATH);
    if (!$row)
        fail('PluginManager::install() refused the plugin (missing manifest or incompatible ost_version)');
    say('plugin installed (id ' . $row->getId() . ')');
}
PluginManager::clearCache();

// Step 4: activate (and record the manifest version: Plugin::upgrade() on a version change).
$plugin = PluginManager::lookup($row->getId());
if (!$plugin || !($plugin instanceof OpsApiPlugin))
    fail('the installed plugin did not load as OpsApiPlugin');
$info = PluginManager::getInfoForPath(INCLUDE_DIR . OPSAPI_INSTALL_PATH);
if ($plugin->getVersion() != $info['version']) {
    $errors = array();
    $plugin->upgrade($errors);
    say("plugin upgraded to {$info['version']}");
}
if (!$plugin->isActive()) {
    $plugin->isactive = 1;
    $plugin->save();
    say('plugin activated');
}

// Step 5: one enabled instance. addInstance() with only name/isactive/notes writes defaults and sets 0x1; never
// pass config through it from the CLI (the form merges stored values over them; PLUGIN-FACTS.md §7).
$instance = $plugin->getInstances()->findFirst(array('name' => $instanceName));
if (!$instance) {
    $errors = array();
    $instance = $plugin->addInstance(array('name' => $instanceName, 'isactive' => 1,
        'notes' => 'Managed by osTicket Ops install-plugin.php'), $errors);
    if (!$instance)
        fail('addInstance() failed: ' . json_encode($errors));
    say("instance '$instanceName' added");
}
if (!$instance->isEnabled()) {
    $instance->setStatus(1);
    $instance->save();
    say("instance '$instanceName' enabled");
}

// Step 6: config, one ost_config row per key in the instance namespace; each key set once per process. A fresh
// config object, loaded from the database: the instance's own one may be the object addInstance() just stored the
// defaults through, and Config::create() does not remember the rows it inserted, so a set() on it would INSERT
// the same (namespace, key) again and fail on the unique key (class.config.php; PLUGIN-FACTS.md §7).
$config = new OpsApiConfig($instance->getNamespace());
$config->setInstance($instance);
$wanted = array(
    'rw_key_sha256' => $rwHash,
    'ro_key_sha256' => $roHash,
    'allowed_cidrs' => $cidrs,
    'max_body_bytes' => (string) $maxBody,
);
foreach ($wanted as $key => $value)
    if ($config->set($key, $value) === null)
        fail("could not store config key $key");
say('config stored in ' . $instance->getNamespace() . ' (key hashes only)');

// Step 7: verify from the database, then optionally over HTTP with both URL styles.
$stmt = db_prepare('SELECT p.isactive, i.flags, (SELECT COUNT(*) FROM ' . CONFIG_TABLE . ' c WHERE c.namespace = ?) AS n'
    . ' FROM ' . PLUGIN_TABLE . ' p JOIN ' . PLUGIN_INSTANCE_TABLE . ' i ON i.plugin_id = p.id WHERE p.id = ? AND i.id = ?');
$ns = $instance->getNamespace();
$pid = (int) $plugin->getId();
$iid = (int) $instance->getId();
$stmt->bind_param('sii', $ns, $pid, $iid);
$stmt->execute();
$check = $stmt->get_result()->fetch_assoc();
if (!$check || !(int) $check['isactive'] || !((int) $check['flags'] & 1) || (int) $check['n'] < count($wanted))
    fail('verification failed: ' . json_encode($check));
say("verified: plugin $pid active, instance $iid enabled, {$check['n']} config rows");

if (!empty($opts['verify-url'])) {
    $base = rtrim($opts['verify-url'], '/');
    foreach (array('/api/ops/health', '/api/http.php/ops/health') as $path) {
        $ctx = stream_context_create(array('http' => array('method' => 'GET', 'ignore_errors' => true, 'timeout' => 15,
            'header' => "X-Ops-Key: $rwKey\r\nAccept: application/json\r\n")));
        $body = @file_get_contents($base . $path, false, $ctx);
        $status = isset($http_response_header[0]) ? $http_response_header[0] : 'no response';
        $json = json_decode((string) $body, true);
        if (!is_array($json) || empty($json['ok']))
            fail("GET $path answered $status");
        say("GET $path: {$json['extensionVersion']} on osTicket {$json['osTicketVersion']}");
    }
}
exit(0);
