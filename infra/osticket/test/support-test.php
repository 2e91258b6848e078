<?php
// Pure-PHP tests of infra/osticket/opsapi/support.php (no osTicket needed): DB time -> UTC, CIDR matching,
// keyset cursors, key checks and strict input validation. Exits 1 on the first failed file run.
define('OPSAPI_TEST', true);
require __DIR__ . '/../opsapi/support.php';

require __DIR__ . '/assert.php';

// --- OpsTime: DB time -> UTC
check('utc db', OpsTime::dbToUtc('2026-12-04 19:52:18', 'UTC'), '2026-12-04T19:52:18Z');
check('berlin winter', OpsTime::dbToUtc('2026-12-04 20:52:18', 'Europe/Berlin'), '2026-12-04T19:52:18Z');
check('berlin summer', OpsTime::dbToUtc('2026-07-01 12:00:00', 'Europe/Berlin'), '2026-07-01T10:00:00Z');
check('new york', OpsTime::dbToUtc('2026-12-04 14:52:18', 'America/New_York'), '2026-12-04T19:52:18Z');
check('offset zone', OpsTime::dbToUtc('2026-12-04 21:52:18', '+02:00'), '2026-12-04T19:52:18Z');
check('day change', OpsTime::dbToUtc('2026-12-05 00:30:00', 'Asia/Tokyo'), '2026-12-04T15:30:00Z');
check('null', OpsTime::dbToUtc(null, 'UTC'), null);
check('empty', OpsTime::dbToUtc('', 'UTC'), null);
check('zero date', OpsTime::dbToUtc('0000-00-00 00:00:00', 'UTC'), null);
check('fraction ignored', OpsTime::dbToUtc('2026-12-04 19:52:18.000000', 'UTC'), '2026-12-04T19:52:18Z');
// Fall-back hour in Berlin: 02:30 happens twice and a DATETIME cannot tell which; PHP picks standard time.
check('dst ambiguous', OpsTime::dbToUtc('2026-10-25 02:30:00', 'Europe/Berlin'), '2026-10-25T01:30:00Z');
// Spring-forward gap: 02:30 does not exist; PHP moves it forward to 03:30 CEST.
check('dst gap', OpsTime::dbToUtc('2026-03-29 02:30:00', 'Europe/Berlin'), '2026-03-29T01:30:00Z');
throws('garbage', function () { OpsTime::dbToUtc('yesterday', 'UTC'); });
throws('bad zone', function () { OpsTime::dbToUtc('2026-12-04 19:52:18', 'Mars/Olympus'); });
check('utc to db', OpsTime::utcToDb('2026-12-04T19:52:18Z', 'Europe/Berlin'), '2026-12-04 20:52:18');
check('utc to db fraction', OpsTime::utcToDb('2026-12-04T19:52:18.123Z', 'UTC'), '2026-12-04 19:52:18');
check('round trip', OpsTime::dbToUtc(OpsTime::utcToDb('2026-03-29T01:30:00Z', 'Europe/Berlin'), 'Europe/Berlin'), '2026-03-29T01:30:00Z');
check('parse offset rejected', OpsTime::parseUtc('2026-12-04T19:52:18+01:00'), null);
check('parse invalid date', OpsTime::parseUtc('2026-02-30T10:00:00Z'), null);
throws('utcToDb bad', function () { OpsTime::utcToDb('2026-12-04 19:52:18', 'UTC'); });

// --- OpsCidr
check('v4 in', OpsCidr::matches('10.1.2.3', '10.0.0.0/8'), true);
check('v4 out', OpsCidr::matches('11.1.2.3', '10.0.0.0/8'), false);
check('v4 /23', OpsCidr::matches('192.168.1.200', '192.168.0.0/23'), true);
check('v4 /23 out', OpsCidr::matches('192.168.2.1', '192.168.0.0/23'), false);
check('v4 single', OpsCidr::matches('203.0.113.7', '203.0.113.7'), true);
check('v4 /32 other', OpsCidr::matches('203.0.113.8', '203.0.113.7/32'), false);
check('v4 /0', OpsCidr::matches('8.8.8.8', '0.0.0.0/0'), true);
check('v6 in', OpsCidr::matches('2001:db8::1', '2001:db8::/32'), true);
check('v6 out', OpsCidr::matches('2001:db9::1', '2001:db8::/32'), false);
check('mixed families', OpsCidr::matches('10.0.0.1', '2001:db8::/32'), false);
check('bad prefix', OpsCidr::matches('10.0.0.1', '10.0.0.0/33'), false);
check('bad net', OpsCidr::matches('10.0.0.1', 'nonsense/8'), false);
check('empty list allows', OpsCidr::allowed('1.2.3.4', array()), true);
check('list allows', OpsCidr::allowed('1.2.3.4', array('10.0.0.0/8', '1.2.3.0/24')), true);
check('list denies', OpsCidr::allowed('1.2.4.4', array('10.0.0.0/8', '1.2.3.0/24')), false);
check('parse list', OpsCidr::parseList("10.0.0.0/8, 1.2.3.0/24\n2001:db8::/32"), array('10.0.0.0/8', '1.2.3.0/24', '2001:db8::/32'));

// --- OpsCursor
$c = OpsCursor::encode(array('2026-12-04 19:52:18', 42));
check('cursor charset', (bool) preg_match('/^[A-Za-z0-9_-]+$/', $c), true);
check('cursor round trip', OpsCursor::decode($c, 2), array('2026-12-04 19:52:18', 42));
check('cursor id', OpsCursor::decode(OpsCursor::encode(array(7)), 1), array(7));
check('cursor wrong length', OpsCursor::decode($c, 1), null);
check('cursor garbage', OpsCursor::decode('!!!', 1), null);
check('cursor not json', OpsCursor::decode('bm90IGpzb24', 1), null);
check('cursor object', OpsCursor::decode(OpsCursor::encode(array()) . 'x', 0), null);
check('cursor nested', OpsCursor::decode(rtrim(strtr(base64_encode('[[1]]'), '+/', '-_'), '='), 1), null);

// --- OpsAuth
$rw = OpsAuth::hashKey('read-write-key-123');
$ro = OpsAuth::hashKey('read-only-key-123');
check('rw', OpsAuth::check('read-write-key-123', $rw, $ro), 'rw');
check('ro', OpsAuth::check('read-only-key-123', $rw, $ro), 'ro');
check('wrong', OpsAuth::check('nope', $rw, $ro), null);
check('missing', OpsAuth::check(null, $rw, $ro), null);
check('empty hashes', OpsAuth::check('', '', ''), null);
check('no ro configured', OpsAuth::check('read-only-key-123', $rw, ''), null);
check('upper-case stored hash', OpsAuth::check('read-write-key-123', strtoupper($rw), ''), 'rw');

// --- OpsInput
$spec = array(
    'name' => 'string:1:10',
    'email' => 'email',
    'active' => 'bool',
    'deptId' => 'id',
    'slaId' => 'id?',
    'mode' => 'enum:all,members',
    'perms' => 'nonempty-string[]',
    'teams' => array('list' => array('teamId' => 'id', 'alerts' => 'bool'), 'required' => array('teamId')),
    'starts' => 'date',
    'at' => 'time',
    'stops' => 'datetime?',
    'group' => 'int:0:3',
);
check('valid', OpsInput::validate(array('name' => 'Ops', 'email' => 'a@example.com', 'slaId' => null, 'teams' => array(array('teamId' => 1))), $spec, array('name')), array());
check('unknown field', OpsInput::validate(array('name' => 'x', 'colour' => 'red'), $spec), array(array('field' => 'colour', 'message' => 'unknown field')));
check('required', OpsInput::validate(array(), $spec, array('name')), array(array('field' => 'name', 'message' => 'is required')));
check('nested', OpsInput::validate(array('teams' => array(array('alerts' => 'yes', 'x' => 1))), $spec), array(
    array('field' => 'teams[0].alerts', 'message' => 'must be true or false'),
    array('field' => 'teams[0].x', 'message' => 'unknown field'),
    array('field' => 'teams[0].teamId', 'message' => 'is required'),
));
check('types', array_map(function ($e) { return $e['field']; }, OpsInput::validate(array(
    'name' => str_repeat('x', 11), 'email' => 'nope', 'active' => 1, 'deptId' => 0, 'mode' => 'none',
    'perms' => array(), 'starts' => '2026-13-45', 'at' => '25:00:00', 'stops' => '2026-12-04', 'group' => 9,
), $spec)), array('name', 'email', 'active', 'deptId', 'mode', 'perms', 'starts', 'at', 'stops', 'group'));
check('nullable rules accept null', OpsInput::validate(array('day' => null, 'tz' => null, 'slaId' => null), array('day' => 'int:1:31?', 'tz' => 'string:0:64?', 'slaId' => 'id?')), array());
check('nullable rules still check values', OpsInput::validate(array('day' => 32), array('day' => 'int:1:31?')), array(array('field' => 'day', 'message' => 'must be from 1 to 31')));
check('null needs a nullable rule', OpsInput::validate(array('day' => null), array('day' => 'int:1:31')), array(array('field' => 'day', 'message' => 'must be a whole number')));
check('list body rejected', OpsInput::validate(array(1, 2), $spec), array(array('field' => '(root)', 'message' => 'must be a JSON object')));
check('path id', OpsInput::pathId('12'), 12);
check('path id zero', OpsInput::pathId('012'), null);
check('path id entity', OpsInput::pathId('1&amp;2'), null);
check('limit default', OpsInput::limit(null), 100);
check('limit ok', OpsInput::limit('500'), 500);
throws('limit too big', function () { OpsInput::limit('501'); });
throws('limit text', function () { OpsInput::limit('ten'); });

finish(__FILE__);
