<?php
// Runs one ops API request through OpsApiRouter without osTicket (argv[1] = JSON request description) and prints
// {status, headers, body}. There is no database here: anything reaching a query fails, which exercises the
// Throwable -> JSON 500 path. Used by router-test.php, one process per request (the router exits).
define('INCLUDE_DIR', sys_get_temp_dir() . '/');
define('TABLE_PREFIX', 'ost_');
require __DIR__ . '/../opsapi/support.php';
require __DIR__ . '/../opsapi/http.php';
require __DIR__ . '/../opsapi/reads.php';
require __DIR__ . '/../opsapi/writes.php';
require __DIR__ . '/../opsapi/router.php';

$req = json_decode($argv[1], true);
$_SERVER['REQUEST_METHOD'] = $req['method'];
$_SERVER['REMOTE_ADDR'] = isset($req['ip']) ? $req['ip'] : '10.1.2.3';
$_GET = isset($req['query']) ? $req['query'] : array();
if (isset($req['key']))
    $_SERVER['HTTP_X_OPS_KEY'] = $req['key'];
if (isset($req['body'])) {
    $file = tempnam(sys_get_temp_dir(), 'opsapi-body');
    file_put_contents($file, $req['body']);
    OpsApiHttp::$input = $file;
    $_SERVER['CONTENT_LENGTH'] = isset($req['contentLength']) ? $req['contentLength'] : strlen($req['body']);
}
ob_start();
register_shutdown_function(function () {
    $body = ob_get_clean();
    if (isset(OpsApiHttp::$input) && OpsApiHttp::$input !== 'php://input')
        @unlink(OpsApiHttp::$input);
    echo json_encode(array('status' => http_response_code(), 'headers' => OpsApiHttp::$sent, 'body' => json_decode($body, true)));
});
$settings = array(
    'rw_hash' => OpsAuth::hashKey('rw-key-0123456789abcdefghij'),
    'ro_hash' => OpsAuth::hashKey('ro-key-0123456789abcdefghij'),
    'allowed_cidrs' => '10.0.0.0/8, 2001:db8::/32',
    'max_body' => 2048,
    'version' => '1.0.0',
    'db_timezone' => 'UTC',
    'last_cron' => null,
);
OpsApiRouter::handle($req['path'], $settings);
