<?php
// OpsApiWrites without osTicket: stand-ins for Staff, Dept and User record the $vars handed to osTicket's own
// update() methods, to check the form semantics the Admin Panel has (a present checkbox key means "on", whatever
// its value; a missing form field is cleared) for the cases that went wrong before. Exits 1 on failure.
// INCLUDE_DIR is a scratch folder holding stand-ins for the class files whose loading registers role permissions:
// each records that it was loaded (Seen::$loaded), so the Role stand-in can tell what was registered by then.
$includeDir = sys_get_temp_dir() . '/opsapi-writes-test-' . getmypid() . '/';
@mkdir($includeDir, 0700, true);
foreach (array('class.ticket.php', 'class.task.php', 'class.user.php', 'class.organization.php', 'class.canned.php',
    'class.faq.php', 'class.email.php', 'class.report.php', 'class.thread.php', 'class.schedule.php') as $file)
    file_put_contents($includeDir . $file, "<?php Seen::\$loaded[] = '$file';\n");
register_shutdown_function(function () use ($includeDir) {
    foreach (glob($includeDir . '*') as $f)
        unlink($f);
    rmdir($includeDir);
});
define('INCLUDE_DIR', $includeDir);
define('TABLE_PREFIX', 'ost_');
if (!defined('MYSQLI_ASSOC'))
    define('MYSQLI_ASSOC', 1); // php-cli without mysqli
require __DIR__ . '/../opsapi/support.php';
require __DIR__ . '/../opsapi/http.php';
require __DIR__ . '/../opsapi/reads.php';
require __DIR__ . '/../opsapi/writes.php';

require __DIR__ . '/assert.php';

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
    static $loaded = array();
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
    static $hasAccount = false;
    static function lookup($id) { return new User(); }
    static function lookupByEmail($email) { return null; }
    static function fromVars($vars) {
        Seen::$calls[] = array('User::fromVars', $vars);
        return new User();
    }
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
    function getAccount() { return self::$hasAccount ? new stdClass() : null; }
    function getId() { return 3; }
}

class UserAccount {
    static function register($user, $vars, &$errors) {
        Seen::$calls[] = array('UserAccount::register', $vars);
        return new UserAccount();
    }
}

class Role {
    var $id;
    var $flags = 1;
    static function lookup($id) { $r = new Role(); $r->id = $id; return $r; }
    static function create() { return new Role(); }
    function update($vars, &$errors) {
        // what RolePermission::allPermissions() would hold now: the groups whose files were loaded
        Seen::$calls[] = array('Role::update', $vars + array('(loaded)' => Seen::$loaded));
        $this->id = $this->id ?: 5;
        return true;
    }
    function save() { return true; }
    function getId() { return $this->id; }
}

class Topic {
    static $info = array();
    static function lookup($id) { return new Topic(); }
    static function create() { return new Topic(); }
    function getInfo() { return self::$info; }
    function update($vars, &$errors) {
        Seen::$calls[] = array('Topic::update', $vars);
        return true;
    }
    function getId() { return 6; }
}

/** $cfg: Config::update() records and answers $ok. */
class StubConfig {
    var $ok = true;
    function update($key, $value) {
        Seen::$calls[] = array("Config::update $key", $value);
        return $this->ok;
    }
}
$cfg = new StubConfig();

/** The current objects in their contract shape, as GET would answer. */
class StubReads extends OpsApiReads {
    static $items = array();
    function one($resource, $id) {
        return isset(self::$items[$resource][$id]) ? self::$items[$resource][$id] : array('id' => $id);
    }
    function settings() { return array(); }
}

function call($method, array $body, $id = null) {
    Seen::$calls = array();
    Seen::$loaded = array();
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

// Roles: Role::update() keeps only registered permission keys (include/class.role.php updatePerms()); the files that
// register them (those scp/roles.php include_once's, and the tickets/tasks ones) must be loaded before it runs.
call('roles', array('name' => 'Helpdesk', 'permissions' => array('kb.faq', 'user.edit', 'ticket.edit')));
$vars = varsOf('Role::update');
check('role: perms as a list of keys', $vars['perms'], array('kb.faq', 'user.edit', 'ticket.edit'));
foreach (array('class.faq.php', 'class.canned.php', 'class.user.php', 'class.organization.php', 'class.email.php',
    'class.report.php', 'class.thread.php', 'class.ticket.php', 'class.task.php') as $file)
    check("role: $file loaded before Role::update()", in_array($file, $vars['(loaded)'], true), true);

// Topics: the status switch of Topic::update() (include/class.topic.php); a PATCH without isActive keeps it.
$topicCur = array('id' => 6, 'name' => 'Billing help', 'parentId' => null, 'isActive' => false, 'isPublic' => true,
    'deptId' => 1, 'priorityId' => null, 'slaId' => null, 'statusId' => null, 'staffId' => null, 'teamId' => 3,
    'noAutoResponse' => false);
StubReads::$items['topics'][6] = $topicCur;
Topic::$info = array('topic_id' => 6, 'topic' => 'Billing help', 'flags' => 0x4, 'custom-numbers' => 0, 'status' => 'Archived',
    'sequence_id' => 0, 'number_format' => '', 'page_id' => 0, 'notes' => 'n');
call('topics', array('name' => 'Billing questions'), 6);
$vars = varsOf('Topic::update');
check('topic PATCH: an archived topic stays archived', $vars['status'], 'archived');
check('topic PATCH: the forms are left alone (no forms key)', array_key_exists('forms', $vars), false);
check('topic PATCH: team auto-assignment kept', $vars['assign'], 't3');
call('topics', array('isActive' => true), 6);
check('topic PATCH: isActive reactivates it', varsOf('Topic::update')['status'], 'active');
Topic::$info['status'] = 'Disabled';
call('topics', array('isPublic' => false), 6);
check('topic PATCH: a disabled topic stays disabled', varsOf('Topic::update')['status'], 'disabled');
Topic::$info['status'] = 'Active';
StubReads::$items['topics'][6]['isActive'] = true;
call('topics', array('isPublic' => false), 6);
check('topic PATCH: an active topic stays active', varsOf('Topic::update')['status'], 'active');
call('topics', array('name' => 'New topic'));
$vars = varsOf('Topic::update');
check('topic create: active, no forms, unassigned', array($vars['status'], $vars['forms'], $vars['assign']), array('active', array(), ''));

// Users: UserAccount::register() (include/class.user.php) skips the password check when `sendemail` is set at all.
$newUser = array('name' => 'Cu Stomer', 'email' => 'new@example.com');
call('users', $newUser + array('account' => array('sendActivation' => true)));
$vars = varsOf('UserAccount::register');
check('account activation: sendemail set, no password', array($vars['sendemail'], isset($vars['passwd1'])), array(1, false));
call('users', $newUser + array('account' => array('password' => 'secret12', 'timezone' => 'Europe/Berlin')));
$vars = varsOf('UserAccount::register');
check('account password: confirmed (no sendemail key)', array_key_exists('sendemail', $vars), false);
check('account password: passwd1 = passwd2, zone, local backend', array($vars['passwd1'], $vars['passwd2'], $vars['timezone'], $vars['backend']),
    array('secret12', 'secret12', 'Europe/Berlin', ''));
foreach (array('no password, sendActivation false' => array('sendActivation' => false), 'empty account' => array()) as $name => $a) {
    $err = call('users', $newUser + array('account' => $a));
    check("account $name: 422 on account.password", array($err['error']['code'], $err['error']['fields'][0]['field']), array('validation_failed', 'account.password'));
    check("account $name: no user created", varsOf('User::fromVars'), null);
    check("account $name: no register()", varsOf('UserAccount::register'), null);
}
$err = call('users', $newUser + array('account' => array('password' => 'secret12', 'timezone' => 'Mars/Olympus')));
check('account unknown zone: 422 on account.timezone', $err['error']['fields'][0]['field'], 'account.timezone');
check('account unknown zone: no user created', varsOf('User::fromVars'), null);
$err = call('users', array('phone' => '5550000', 'account' => array()), 3);
check('user PATCH with a bad account: nothing written', array($err['error']['fields'][0]['field'], varsOf('User::updateInfo')), array('account.password', null));
User::$hasAccount = true;
check('user PATCH: account ignored when one exists', call('users', array('account' => array()), 3), null);
User::$hasAccount = false;

// Settings: Config::update() (include/class.config.php) returns false when it could not write the row.
call('settings', array('clientsOnly' => true, 'clientRegistration' => 'public'));
check('settings: stored as 1 and the method', array(varsOf('Config::update clients_only'), varsOf('Config::update client_registration')), array(1, 'public'));
$cfg->ok = false;
$err = call('settings', array('clientsOnly' => false));
check('settings: a failed update() is a 500', array($err['error']['code'], $err['error']['message']), array('internal', 'osTicket could not store the setting clients_only'));
$cfg->ok = true;

finish(__FILE__);
