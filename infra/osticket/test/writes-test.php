<?php
// OpsApiWrites without osTicket: stand-ins for Staff, Dept and User record the $vars handed to osTicket's own
// update() methods, to check the form semantics the Admin Panel has (a present checkbox key means "on", whatever
// its value; a missing form field is cleared) for the cases that went wrong before. Exits 1 on failure.
define('INCLUDE_DIR', sys_get_temp_dir() . '/');
define('TABLE_PREFIX', 'ost_');
if (!defined('MYSQLI_ASSOC'))
    define('MYSQLI_ASSOC', 1); // php-cli without mysqli
require __DIR__ . '/../opsapi/support.php';
require __DIR__ . '/../opsapi/http.php';
require __DIR__ . '/../opsapi/reads.php';
require __DIR__ . '/../opsapi/writes.php';

$failures = 0;
$count = 0;
function check($name, $actual, $expected) {
    global $failures, $count;
    $count++;
    if ($actual !== $expected) {
        $failures++;
        fwrite(STDERR, "FAIL $name\n  expected: " . var_export($expected, true) . "\n  actual:   " . var_export($actual, true) . "\n");
    }
}

/** No database: every query answers no rows. */
function db_prepare($sql) {
    return new class {
        function bind_param($types, ...$params) {}
        function execute() { return true; }
        function close() {}
        function get_result() {
            return new class { function fetch_all($mode) { return array(); } };
        }
    };
}

class Format {
    static function striptags($s) { return strip_tags($s); }
}

/** Records what osTicket's classes were given. */
class Seen {
    static $calls = array();
}

class Staff {
    static $current = array();
    static $refusePassword = false;
    var $staff_id;
    var $phone_ext = '';
    var $mobile = '';
    var $notes = '';
    var $backend = '';
    var $assigned_only = 0;
    var $change_passwd;

    static function lookup($id) {
        if (!isset(self::$current[$id]))
            return null;
        $s = new Staff();
        foreach (self::$current[$id] as $k => $v)
            $s->$k = $v;
        $s->staff_id = $id;
        return $s;
    }
    static function create() { return new Staff(); }
    static function checkPassword($new, $current) {
        if (self::$refusePassword)
            throw new Exception('Password is too weak');
    }
    function update($vars, &$errors) {
        Seen::$calls[] = array('Staff::update', $vars);
        $this->staff_id = $this->staff_id ?: 9;
        return true;
    }
    function setPassword($new, $current = false) {
        Seen::$calls[] = array('Staff::setPassword', $new);
        $this->change_passwd = 0;
    }
    function save() { return true; }
    function getId() { return $this->staff_id; }
    function usePrimaryRoleOnAssignment() { return false; }
}

class Dept {
    static $info = array();
    static function lookup($id) { return new Dept(); }
    static function create() { return new Dept(); }
    function getInfo() { return self::$info; }
    function update($vars, &$errors) {
        Seen::$calls[] = array('Dept::update', $vars);
        return true;
    }
    function getId() { return 4; }
}

class StubAnswer {
    var $name;
    var $value;
    function __construct($name, $value) { $this->name = $name; $this->value = $value; }
    function getField() { return new StubAnswer($this->name, null); }
    function get($what) { return $what === 'name' ? $this->name : $this->value; }
}

class User {
    var $name = 'Old Name';
    static function lookup($id) { return new User(); }
    function get($k) { return $this->$k; }
    function getEmail() { return 'cu@example.com'; }
    function getDynamicData() {
        return array(new class {
            function getAnswers() {
                return array(new StubAnswer('name', 'Old Name'), new StubAnswer('email', 'cu@example.com'),
                    new StubAnswer('phone', '5551234'), new StubAnswer('notes', 'VIP'), new StubAnswer('region', 'EU'));
            }
        });
    }
    function updateInfo($vars, &$errors, $staff) {
        Seen::$calls[] = array('User::updateInfo', $vars);
        return true;
    }
    function save() {
        Seen::$calls[] = array('User::save', $this->name);
        return true;
    }
    function getAccount() { return null; }
    function getId() { return 3; }
}

/** The current objects in their contract shape, as GET would answer. */
class StubReads extends OpsApiReads {
    static $items = array();
    function one($resource, $id) {
        return isset(self::$items[$resource][$id]) ? self::$items[$resource][$id] : array('id' => $id);
    }
}

function call($method, array $body, $id = null) {
    Seen::$calls = array();
    $writes = new OpsApiWrites(new StubReads('UTC'));
    try {
        $writes->$method($body, $id);
        return null;
    } catch (OpsApiError $e) {
        return $e->toArray();
    }
}
function varsOf($what) {
    foreach (Seen::$calls as $c)
        if ($c[0] === $what)
            return $c[1];
    return null;
}

$agent = array('username' => 'jdoe', 'firstname' => 'Jane', 'lastname' => 'Doe', 'email' => 'jane@example.com', 'deptId' => 1, 'roleId' => 1);

// Agents: `isadmin` is sent only for administrators (Staff::update(): isset($vars['isadmin']) ? 1 : 0).
call('agents', $agent);
$vars = varsOf('Staff::update');
check('non-admin: no isadmin key', array_key_exists('isadmin', $vars), false);
check('active: no islocked key', array_key_exists('islocked', $vars), false);
check('visible by default', $vars['isvisible'], 1);
check('new agent: primary role on assignment, as osTicket defaults', $vars['assign_use_pri_role'], 1);
$pw = varsOf('Staff::setPassword');
check('random password for a new agent', is_string($pw) && strlen($pw) >= 40 && strpos($pw, 'Aa1!') === 0, true);
check('random password never in the vars', strpos(json_encode($vars), (string) $pw), false);
call('agents', $agent + array('isAdmin' => true));
check('admin: isadmin is the string 1', varsOf('Staff::update')['isadmin'], '1');

StubReads::$items['agents'][7] = array('id' => 7) + $agent + array('phone' => '', 'isAdmin' => true, 'isActive' => true,
    'isVisible' => false, 'onVacation' => true, 'permissions' => array('user.create'), 'deptAccess' => array(), 'teams' => array());
Staff::$current[7] = array('assigned_only' => 1, 'notes' => 'kept');
call('agents', array('isActive' => false), 7);
$vars = varsOf('Staff::update');
check('PATCH keeps admin', $vars['isadmin'], '1');
check('PATCH locks', $vars['islocked'], '1');
check('PATCH keeps unchecked visibility off', array_key_exists('isvisible', $vars), false);
check('PATCH keeps vacation on', $vars['onvacation'], 1);
check('PATCH keeps assigned_only', $vars['assigned_only'], 1);
check('PATCH keeps the primary-role fallback off', array_key_exists('assign_use_pri_role', $vars), false);
check('PATCH keeps notes and permissions', array($vars['notes'], $vars['perms']), array('kept', array('user.create')));
check('PATCH sets no password', varsOf('Staff::setPassword'), null);

Staff::$refusePassword = true;
$err = call('agents', $agent + array('password' => 'secret1'));
check('refused password is 422 on password', array($err['error']['code'], $err['error']['fields'][0]['field']), array('validation_failed', 'password'));
check('refused password creates nothing', varsOf('Staff::update'), null);
Staff::$refusePassword = false;

// Departments: getInfo() carries checkbox flags as values; the unchecked ones must not be sent.
Dept::$info = array('id' => 4, 'name' => 'Ops', 'pid' => 0, 'ispublic' => 1, 'flags' => 0x24, 'disable_auto_claim' => 0,
    'disable_reopen_auto_assign' => 0x20, 'status' => 'Active', 'assignment_flag' => 'all', 'group_membership' => 1);
StubReads::$items['departments'][4] = array('id' => 4, 'isActive' => true, 'assignmentMode' => 'members');
call('departments', array('isPublic' => false), 4);
$vars = varsOf('Dept::update');
check('dept PATCH: auto-claim stays enabled', array_key_exists('disable_auto_claim', $vars), false);
check('dept PATCH: reopen auto-assign stays disabled', $vars['disable_reopen_auto_assign'], 0x20);
check('dept PATCH: the change, status and mode', array($vars['ispublic'], $vars['status'], $vars['assignment_flag']), array(0, 'active', 'members'));

StubReads::$items['departments'][4] = array('id' => 4, 'isActive' => false, 'isArchived' => true, 'assignmentMode' => 'all');
call('departments', array('name' => 'Old ops'), 4);
check('dept PATCH: an archived department stays archived', varsOf('Dept::update')['status'], 'archived');
call('departments', array('isActive' => true), 4);
check('dept PATCH: isActive reactivates it', varsOf('Dept::update')['status'], 'active');

// Users: only the name -> no form re-submission; phone -> the stored answers are sent along.
call('users', array('name' => 'New Name'), 3);
check('user name only: no updateInfo', varsOf('User::updateInfo'), null);
check('user name only: saved', varsOf('User::save'), 'New Name');
call('users', array('phone' => '5559999'), 3);
$vars = varsOf('User::updateInfo');
check('user phone: other answers kept', array($vars['name'], $vars['email'], $vars['phone'], $vars['notes'], $vars['region']),
    array('Old Name', 'cu@example.com', '5559999', 'VIP', 'EU'));

fwrite(STDOUT, sprintf("writes-test.php: %d checks, %d failed\n", $count, $failures));
exit($failures ? 1 : 0);
