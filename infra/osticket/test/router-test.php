<?php
// The ops API router without osTicket: auth order, CIDR allow-list, read-only keys, routes, methods, `_method`,
// body limit, strict bodies and the JSON 500 for anything thrown. Exits 1 on failure.
$rw = 'rw-key-0123456789abcdefghij';
$ro = 'ro-key-0123456789abcdefghij';
require __DIR__ . '/assert.php';

function request(array $req) {
    $out = shell_exec(escapeshellarg(PHP_BINARY) . ' ' . escapeshellarg(__DIR__ . '/router-harness.php') . ' '
        . escapeshellarg(json_encode($req)) . ' 2>&1');
    $res = json_decode((string) $out, true);
    return is_array($res) ? $res : array('status' => null, 'raw' => $out);
}

function expect_status($name, array $req, $status, $code, $field = null) {
    global $failures, $count;
    $count++;
    $res = request($req);
    $ok = $res['status'] === $status
        && isset($res['body']['error']['code']) && $res['body']['error']['code'] === $code
        && isset($res['headers']['Content-Type']) && $res['headers']['Content-Type'] === 'application/json; charset=UTF-8'
        && is_array($res['body']['error']['fields']);
    if ($ok && $field !== null) {
        $fields = array_map(function ($f) { return $f['field']; }, $res['body']['error']['fields']);
        $ok = in_array($field, $fields, true);
    }
    if (!$ok) {
        $failures++;
        fwrite(STDERR, "FAIL $name: " . json_encode($res) . "\n");
    }
    return $res;
}

expect_status('no key', array('method' => 'GET', 'path' => 'health'), 401, 'unauthorized');
expect_status('wrong key', array('method' => 'GET', 'path' => 'health', 'key' => 'nope'), 401, 'unauthorized');
expect_status('address not allowed', array('method' => 'GET', 'path' => 'health', 'key' => $rw, 'ip' => '192.0.2.1'), 403, 'forbidden');
expect_status('ipv6 allowed, db missing -> 500', array('method' => 'GET', 'path' => 'health', 'key' => $rw, 'ip' => '2001:db8::5'), 500, 'internal');
expect_status('read-only key cannot write', array('method' => 'POST', 'path' => 'roles', 'key' => $ro, 'body' => '{}'), 403, 'forbidden');
expect_status('read-only key cannot _method=PATCH', array('method' => 'GET', 'path' => 'roles/1', 'key' => $ro, 'query' => array('_method' => 'PATCH')), 403, 'forbidden');
expect_status('unknown route', array('method' => 'GET', 'path' => 'widgets', 'key' => $rw), 404, 'not_found');
expect_status('bad id', array('method' => 'GET', 'path' => 'roles/abc', 'key' => $rw), 404, 'not_found');
expect_status('entity-encoded id', array('method' => 'GET', 'path' => 'roles/1&amp;2', 'key' => $rw), 404, 'not_found');
expect_status('too deep', array('method' => 'GET', 'path' => 'roles/1/x', 'key' => $rw), 404, 'not_found');
expect_status('no delete', array('method' => 'DELETE', 'path' => 'roles/1', 'key' => $rw), 405, 'method_not_allowed');
expect_status('no put', array('method' => 'PUT', 'path' => 'roles/1', 'key' => $rw, 'body' => '{}'), 405, 'method_not_allowed');
expect_status('read-only resource', array('method' => 'POST', 'path' => 'statuses', 'key' => $rw, 'body' => '{}'), 405, 'method_not_allowed');
expect_status('patch needs an id', array('method' => 'POST', 'path' => 'roles', 'key' => $rw, 'query' => array('_method' => 'PATCH'), 'body' => '{}'), 405, 'method_not_allowed');
expect_status('tickets are read-only', array('method' => 'POST', 'path' => 'tickets', 'key' => $rw, 'body' => '{}'), 405, 'method_not_allowed');
expect_status('bad json', array('method' => 'POST', 'path' => 'roles', 'key' => $rw, 'body' => '{nope'), 400, 'bad_request', 'body');
expect_status('list body', array('method' => 'POST', 'path' => 'roles', 'key' => $rw, 'body' => '[1]'), 422, 'validation_failed', '(root)');
expect_status('unknown field', array('method' => 'POST', 'path' => 'roles', 'key' => $rw, 'body' => '{"name":"R","permissions":["a"],"colour":"red"}'), 422, 'validation_failed', 'colour');
expect_status('required field', array('method' => 'POST', 'path' => 'roles', 'key' => $rw, 'body' => '{"name":"R"}'), 422, 'validation_failed', 'permissions');
expect_status('nested field', array('method' => 'POST', 'path' => 'agents', 'key' => $rw, 'body' => '{"username":"a","teams":[{"teamId":"x"}]}'), 422, 'validation_failed', 'teams[0].teamId');
// A schedule entry read back (day/week/month/stopsOn null) is a valid write: it passes validation and reaches
// osTicket's classes, which are missing here (JSON 500), instead of a 422.
expect_status('nullable entry fields pass validation', array('method' => 'POST', 'path' => 'schedules', 'key' => $rw, 'body' => '{"name":"S","kind":"business","timezone":null,"entries":[{"name":"Mon","repeats":"weekly","startsOn":"2026-01-05","startsAt":"09:00:00","endsOn":"2026-01-05","endsAt":"17:00:00","stopsOn":null,"day":1,"week":null,"month":null}]}'), 500, 'internal');
expect_status('user email not updatable', array('method' => 'PATCH', 'path' => 'users/3', 'key' => $rw, 'body' => '{"email":"a@example.com"}'), 422, 'validation_failed', 'email');
expect_status('settings unknown field', array('method' => 'PATCH', 'path' => 'settings', 'key' => $rw, 'body' => '{"helpdeskUrl":"x"}'), 422, 'validation_failed', 'helpdeskUrl');
expect_status('declared body too large', array('method' => 'POST', 'path' => 'roles', 'key' => $rw, 'body' => '{}', 'contentLength' => 999999), 413, 'payload_too_large');
expect_status('actual body too large', array('method' => 'POST', 'path' => 'roles', 'key' => $rw, 'body' => '{"notes":"' . str_repeat('x', 4000) . '"}', 'contentLength' => 10), 413, 'payload_too_large');
expect_status('bad state', array('method' => 'GET', 'path' => 'tickets', 'key' => $rw, 'query' => array('state' => 'bogus')), 400, 'bad_request', 'state');
expect_status('bad updated_since', array('method' => 'GET', 'path' => 'tickets', 'key' => $rw, 'query' => array('updated_since' => '2026-12-04 10:00')), 400, 'bad_request', 'updated_since');
expect_status('bad cursor', array('method' => 'GET', 'path' => 'tickets', 'key' => $rw, 'query' => array('after' => 'xyz')), 400, 'bad_request', 'after');
expect_status('bad limit', array('method' => 'GET', 'path' => 'roles', 'key' => $rw, 'query' => array('limit' => '0')), 400, 'bad_request', 'limit');
expect_status('unknown query', array('method' => 'GET', 'path' => 'roles', 'key' => $rw, 'query' => array('colour' => 'red')), 400, 'bad_request', 'colour');
$res = expect_status('thrown error stays generic', array('method' => 'GET', 'path' => 'roles', 'key' => $rw), 500, 'internal');
$count++;
if ($res['body']['error']['message'] !== 'Internal error') {
    $failures++;
    fwrite(STDERR, "FAIL 500 leaks details: " . json_encode($res) . "\n");
}
finish(__FILE__);
