<?php
/*
 * Write endpoints for roster sync, through osTicket's own classes as the Admin Panel does:
 * `X::create()->update($vars, $errors)` for a create, `$obj->update($vars, $errors)` for an update, where $vars is
 * the object's current form data (getInfo()/DB row) overlaid with the request - the same data the Admin Panel
 * form would post (scp/roles.php, scp/departments.php, scp/staff.php, scp/teams.php, scp/slas.php,
 * scp/helptopics.php; FACTS.md §6). osTicket's $errors come back as 422 with contract field names.
 * Request bodies are validated strictly first (OpsApiSpecs): unknown fields are 422. Nothing here deletes objects.
 */
if (!defined('INCLUDE_DIR')) die('Access denied');

/** The accepted fields per resource: mirrors the strict zod schemas of shared/osticket/contract.ts. */
class OpsApiSpecs {
    static function get($resource) {
        $name = 'string:1:125';
        $notes = 'string:0:10000';
        switch ($resource) {
        case 'roles':
            return array(array('name' => $name, 'permissions' => 'nonempty-string[]', 'isEnabled' => 'bool', 'notes' => $notes),
                array('name', 'permissions'));
        case 'departments':
            return array(array('name' => $name, 'parentId' => 'id?', 'isActive' => 'bool', 'isPublic' => 'bool', 'slaId' => 'id?',
                'scheduleId' => 'id?', 'managerId' => 'id?', 'emailId' => 'id?', 'groupMembership' => 'int:0:3',
                'assignmentMode' => 'enum:all,members,primary'), array('name'));
        case 'teams':
            return array(array('name' => $name, 'isEnabled' => 'bool', 'noAlerts' => 'bool', 'leadId' => 'id?', 'notes' => $notes,
                'members' => array('list' => array('staffId' => 'id', 'alerts' => 'bool'), 'required' => array('staffId'))),
                array('name'));
        case 'agents':
            return array(array('username' => 'username', 'firstname' => $name, 'lastname' => $name, 'email' => 'email',
                'phone' => 'string:0:24', 'deptId' => 'id', 'roleId' => 'id', 'isAdmin' => 'bool', 'isActive' => 'bool',
                'isVisible' => 'bool', 'onVacation' => 'bool', 'permissions' => 'string[]', 'password' => 'string:6:128',
                'deptAccess' => array('list' => array('deptId' => 'id', 'roleId' => 'id', 'alerts' => 'bool'), 'required' => array('deptId', 'roleId')),
                'teams' => array('list' => array('teamId' => 'id', 'alerts' => 'bool'), 'required' => array('teamId'))),
                array('username', 'firstname', 'lastname', 'email', 'deptId', 'roleId'));
        case 'users':
            $account = array('object' => array('password' => 'string:6:128', 'sendActivation' => 'bool', 'timezone' => 'string:0:64'));
            return array(array('name' => $name, 'email' => 'email', 'phone' => 'string:0:24', 'notes' => $notes, 'account' => $account),
                array('name', 'email'));
        case 'sla':
            return array(array('name' => $name, 'graceHours' => 'int:1:8760', 'scheduleId' => 'id?', 'isActive' => 'bool',
                'disableOverdueAlerts' => 'bool', 'transient' => 'bool', 'notes' => $notes), array('name', 'graceHours'));
        case 'schedules':
            $entry = array('name' => $name, 'repeats' => 'enum:never,daily,weekdays,weekends,weekly,monthly,yearly',
                'startsOn' => 'date', 'startsAt' => 'time', 'endsOn' => 'date', 'endsAt' => 'time', 'stopsOn' => 'datetime?',
                'day' => 'int:1:31?', 'week' => 'int:-1:5?', 'month' => 'int:1:12?', 'sort' => 'int:-100000:100000');
            return array(array('name' => $name, 'kind' => 'enum:business,holiday', 'timezone' => 'string:0:64?',
                'description' => $notes, 'holidayScheduleIds' => 'id[]',
                'entries' => array('list' => $entry, 'required' => array('name', 'repeats', 'startsOn', 'startsAt', 'endsOn', 'endsAt'))),
                array('name', 'kind'));
        case 'topics':
            return array(array('name' => 'string:5:128', 'parentId' => 'id?', 'isActive' => 'bool', 'isPublic' => 'bool',
                'deptId' => 'id?', 'priorityId' => 'id?', 'slaId' => 'id?', 'statusId' => 'id?', 'staffId' => 'id?',
                'teamId' => 'id?', 'noAutoResponse' => 'bool'), array('name'));
        case 'settings':
            return array(array('clientsOnly' => 'bool', 'clientRegistration' => 'enum:disabled,public,closed'), array());
        }
        return null;
    }

    /** Validates a POST (with required fields) or PATCH body; throws 422 listing every field. */
    static function check($resource, array $body, $create) {
        list($spec, $required) = self::get($resource);
        if (!$create && $resource === 'users')
            unset($spec['email']); // the address identifies the user; it is not updatable here
        $fields = OpsInput::validate($body, $spec, $create ? $required : array());
        if ($fields)
            throw new OpsApiError(422, 'validation_failed', 'Validation failed', $fields);
    }
}

class OpsApiWrites {
    private $reads;

    function __construct(OpsApiReads $reads) {
        $this->reads = $reads;
    }

    /** osTicket $errors (field => message or nested array) -> contract field problems. */
    private static function fail(array $errors, array $names = array()) {
        $fields = array();
        foreach ($errors as $key => $message) {
            $field = isset($names[$key]) ? $names[$key] : ($key === 'err' || $key === 'error' ? '(root)' : (string) $key);
            if (is_array($message)) {
                foreach ($message as $sub => $m)
                    $fields[] = array('field' => "$field", 'message' => strip_tags(is_array($m) ? implode('; ', $m) : (string) $m) . " ($sub)");
            } else
                $fields[] = array('field' => $field, 'message' => strip_tags((string) $message));
        }
        throw new OpsApiError(422, 'validation_failed', 'osTicket refused the change', $fields);
    }

    private static function notFound($what, $id) {
        return new OpsApiError(404, 'not_found', "$what $id not found");
    }

    private static function pick(array $body, $key, $current) {
        return array_key_exists($key, $body) ? $body[$key] : $current;
    }

    // -----------------------------------------------------------------------------------------------------------

    function roles(array $b, $id = null) {
        $role = $id ? Role::lookup($id) : Role::create();
        if (!$role)
            throw self::notFound('roles', $id);
        $current = $id ? $this->reads->one('roles', $id) : array('name' => '', 'permissions' => array(), 'notes' => '', 'isEnabled' => true);
        // Role::update() needs id (uniqueness), name, perms (>= 1) and notes (include/class.role.php)
        self::loadRolePermissions();
        $vars = array(
            'id' => $id ?: 0,
            'name' => self::pick($b, 'name', $current['name']),
            'perms' => self::pick($b, 'permissions', $current['permissions']),
            'notes' => self::pick($b, 'notes', $current['notes']),
        );
        $errors = array();
        if (!$role->update($vars, $errors))
            self::fail($errors, array('perms' => 'permissions'));
        // The enabled bit is not part of Role::update(); ost_role.flags 0x1.
        $enabled = self::pick($b, 'isEnabled', $current['isEnabled']);
        $role->flags = $enabled ? ((int) $role->flags | 1) : ((int) $role->flags & ~1);
        $role->save();
        return $this->reads->one('roles', (int) $role->getId());
    }

    /**
     * Role::update() -> updatePerms() (include/class.role.php) sets only the keys of RolePermission::allPermissions(),
     * i.e. the groups whose class files are loaded (each calls RolePermission::register() at file level); a requested
     * key of a group not loaded yet is dropped without an error. scp/roles.php include_once's these files first;
     * an API request loads fewer classes than the Admin Panel, so the same files (and the other registering ones:
     * tickets, tasks, schedules) are loaded here.
     */
    private static function loadRolePermissions() {
        foreach (array('class.ticket.php', 'class.task.php', 'class.user.php', 'class.organization.php', 'class.canned.php',
            'class.faq.php', 'class.email.php', 'class.report.php', 'class.thread.php', 'class.schedule.php') as $file)
            if (is_file(INCLUDE_DIR . $file))
                include_once INCLUDE_DIR . $file;
    }

    function departments(array $b, $id = null) {
        $dept = $id ? Dept::lookup($id) : Dept::create();
        if (!$dept)
            throw self::notFound('departments', $id);
        $vars = $id ? $dept->getInfo() : array('ispublic' => 1, 'group_membership' => 1, 'assignment_flag' => 'all',
            'sla_id' => 0, 'schedule_id' => 0, 'manager_id' => 0, 'email_id' => 0, 'tpl_id' => 0, 'pid' => 0, 'signature' => '');
        // Dept::getHashtable() (include/class.dept.php) carries the checkbox flags as values (`disable_auto_claim`
        // => flags & 0x2, `disable_reopen_auto_assign` => flags & 0x20), but Dept::update() treats any present key
        // as checked (`isset($vars['disable_auto_claim'])`): drop the unchecked ones so a PATCH keeps them off.
        foreach (array('disable_auto_claim', 'disable_reopen_auto_assign', 'assign_members_only') as $checkbox)
            if (empty($vars[$checkbox]))
                unset($vars[$checkbox]);
        $cur = $id ? $this->reads->one('departments', $id) : array('isActive' => true, 'assignmentMode' => 'all');
        $map = array('name' => 'name', 'parentId' => 'pid', 'isPublic' => 'ispublic', 'slaId' => 'sla_id',
            'scheduleId' => 'schedule_id', 'managerId' => 'manager_id', 'emailId' => 'email_id',
            'groupMembership' => 'group_membership');
        foreach ($map as $from => $to)
            if (array_key_exists($from, $b))
                $vars[$to] = is_bool($b[$from]) ? ($b[$from] ? 1 : 0) : ($b[$from] === null ? 0 : $b[$from]);
        $vars['id'] = $id ?: 0;
        // Dept::update() rewrites the department's extended access from members[] + member_role[] +
        // member_alerts[] (updateAccess(), include/class.dept.php): pass the current list so a PATCH keeps it.
        $vars['members'] = $vars['member_role'] = $vars['member_alerts'] = array();
        if ($id) {
            foreach (OpsDb::rows('SELECT staff_id, role_id, flags FROM ' . OpsDb::t('staff_dept_access') . ' WHERE dept_id = ?', 'i', array($id)) as $m) {
                $sid = (int) $m['staff_id'];
                $vars['members'][] = $sid;
                $vars['member_role'][$sid] = (int) $m['role_id'];
                if ((int) $m['flags'] & 1)
                    $vars['member_alerts'][$sid] = 1;
            }
        }
        // Without status=active the department is saved disabled: flags are reset and set only in the status
        // switch of Dept::update() (include/class.dept.php; FACTS.md §6).
        // An archived department stays archived unless the request sets isActive.
        if (array_key_exists('isActive', $b) || !$id)
            $vars['status'] = self::pick($b, 'isActive', $cur['isActive']) ? 'active' : 'disabled';
        else
            $vars['status'] = $cur['isActive'] ? 'active' : (!empty($cur['isArchived']) ? 'archived' : 'disabled');
        $vars['assignment_flag'] = self::pick($b, 'assignmentMode', $cur['assignmentMode']);
        $errors = array();
        if (!$dept->update($vars, $errors))
            self::fail($errors, array('pid' => 'parentId', 'sla_id' => 'slaId', 'schedule_id' => 'scheduleId',
                'manager_id' => 'managerId', 'email_id' => 'emailId', 'ispublic' => 'isPublic', 'group_membership' => 'groupMembership'));
        return $this->reads->one('departments', (int) $dept->getId());
    }

    function teams(array $b, $id = null) {
        $team = $id ? Team::lookup($id) : Team::create();
        if (!$team)
            throw self::notFound('teams', $id);
        $cur = $id ? $this->reads->one('teams', $id)
            : array('name' => '', 'isEnabled' => true, 'noAlerts' => false, 'lead' => null, 'members' => array(), 'notes' => '');
        $members = self::pick($b, 'members', $cur['members']);
        // Team::update() replaces the member list with members[] + member_alerts[staff_id] (include/class.team.php);
        // a PATCH without `members` passes the current list so nothing changes.
        $vars = array(
            'id' => $id ?: 0,
            'name' => self::pick($b, 'name', $cur['name']),
            'lead_id' => (int) self::pick($b, 'leadId', $cur['lead'] ? $cur['lead']['id'] : 0),
            'notes' => self::pick($b, 'notes', $cur['notes']),
            'members' => array_map(function ($m) { return (int) $m['staffId']; }, $members),
            'member_alerts' => array(),
        );
        foreach ($members as $m)
            if (!isset($m['alerts']) || $m['alerts'])
                $vars['member_alerts'][(int) $m['staffId']] = 1;
        // Checkbox semantics: present = on.
        if (self::pick($b, 'isEnabled', $cur['isEnabled']))
            $vars['isenabled'] = 1;
        if (self::pick($b, 'noAlerts', $cur['noAlerts']))
            $vars['noalerts'] = 1;
        $errors = array();
        if (!$team->update($vars, $errors))
            self::fail($errors, array('lead_id' => 'leadId'));
        return $this->reads->one('teams', (int) $team->getId());
    }

    function agents(array $b, $id = null) {
        $staff = $id ? Staff::lookup($id) : Staff::create();
        if (!$staff)
            throw self::notFound('agents', $id);
        $cur = $id ? $this->reads->one('agents', $id) : array('username' => '', 'firstname' => '', 'lastname' => '',
            'email' => '', 'phone' => '', 'deptId' => 0, 'roleId' => 0, 'isAdmin' => false, 'isActive' => true,
            'isVisible' => true, 'onVacation' => false, 'permissions' => array(), 'deptAccess' => array(), 'teams' => array());
        $deptId = (int) self::pick($b, 'deptId', $cur['deptId']);
        // Staff::update() (include/class.staff.php) reads every field of the agent form: a PATCH passes the current
        // values for whatever it does not change, or the omitted checkboxes and access lists would be cleared.
        $vars = array(
            'id' => $id ?: 0,
            'username' => self::pick($b, 'username', $cur['username']),
            'firstname' => self::pick($b, 'firstname', $cur['firstname']),
            'lastname' => self::pick($b, 'lastname', $cur['lastname']),
            'email' => self::pick($b, 'email', $cur['email']),
            'phone' => self::pick($b, 'phone', $cur['phone']),
            'phone_ext' => $id ? $staff->phone_ext : '',
            'mobile' => $id ? $staff->mobile : '',
            'notes' => $id ? $staff->notes : '',
            'backend' => $id ? $staff->backend : '',
            'dept_id' => $deptId,
            'role_id' => (int) self::pick($b, 'roleId', $cur['roleId']),
            'perms' => self::pick($b, 'permissions', $cur['permissions']),
            'dept_access' => array(),
            'dept_access_role' => array(),
            'dept_access_alerts' => array(),
            'teams' => array(),
            'team_alerts' => array(),
        );
        // Checkbox semantics (Staff::update(), include/class.staff.php: `isset($vars['isadmin']) ? 1 : 0`): a present
        // `isadmin` key makes an administrator whatever its value, so it is sent only for admins, as the string '1'
        // that the last-admin guard compares with. Any `islocked` key makes the agent inactive;
        // `isvisible`/`onvacation` present = on.
        if (self::pick($b, 'isAdmin', $cur['isAdmin']))
            $vars['isadmin'] = '1';
        if (!self::pick($b, 'isActive', $cur['isActive']))
            $vars['islocked'] = '1';
        if (self::pick($b, 'isVisible', $cur['isVisible']))
            $vars['isvisible'] = 1;
        // Checkboxes of the agent form that the contract does not carry keep their current state on a PATCH
        // (`assigned_only`; `assign_use_pri_role`, which osTicket defaults to on: usePrimaryRoleOnAssignment()).
        if ($id && $staff->assigned_only)
            $vars['assigned_only'] = 1;
        if (!$id || !method_exists($staff, 'usePrimaryRoleOnAssignment') || $staff->usePrimaryRoleOnAssignment())
            $vars['assign_use_pri_role'] = 1;
        if (self::pick($b, 'onVacation', $cur['onVacation']))
            $vars['onvacation'] = 1;
        foreach (self::pick($b, 'deptAccess', $cur['deptAccess']) as $a) {
            if ((int) $a['deptId'] === $deptId)
                continue; // the primary department is not extended access
            $vars['dept_access'][] = (int) $a['deptId'];
            $vars['dept_access_role'][(int) $a['deptId']] = (int) $a['roleId'];
            if (!isset($a['alerts']) || $a['alerts'])
                $vars['dept_access_alerts'][(int) $a['deptId']] = 1;
        }
        foreach (self::pick($b, 'teams', $cur['teams']) as $t) {
            $vars['teams'][] = (int) $t['teamId'];
            if (!isset($t['alerts']) || $t['alerts'])
                $vars['team_alerts'][(int) $t['teamId']] = 1;
        }
        // The password policies run before anything is saved, so a refused password creates no agent
        // (Staff::checkPassword(), include/class.staff.php; it throws BadPassword).
        if (isset($b['password']) && method_exists('Staff', 'checkPassword')) {
            try {
                Staff::checkPassword($b['password'], null);
            } catch (Exception $e) {
                self::fail(array('password' => $e->getMessage()));
            }
        }
        $errors = array();
        if (!$staff->update($vars, $errors))
            self::fail($errors, array('dept_id' => 'deptId', 'role_id' => 'roleId', 'isadmin' => 'isAdmin', 'dept_access' => 'deptAccess'));
        // Passwords only through osTicket's hashing (Staff::setPassword() -> the auth backend, phpass bcrypt;
        // FACTS.md §6). setPassword() clears change_passwd, so it is set afterwards. An agent created without a
        // password gets a random one (with every character class, for strict policies) and must change it at
        // first login; it is never returned. A backend or policy refusal is a 422 on `password`.
        $password = isset($b['password']) ? $b['password'] : (!$id ? 'Aa1!' . bin2hex(random_bytes(24)) : null);
        if ($password !== null) {
            try {
                $staff->setPassword($password, null);
            } catch (Exception $e) {
                self::fail(array('password' => $e->getMessage()));
            }
            $staff->change_passwd = isset($b['password']) ? 0 : 1;
            $staff->save();
        }
        return $this->reads->one('agents', (int) $staff->getId());
    }

    /**
     * The $vars for UserAccount::register() (include/class.user.php), checked before anything is written. register()
     * requires a temporary password (passwd1 = passwd2, >= 6) unless `sendemail` is *set* (`!isset($vars['sendemail'])`;
     * the Admin Panel's checkbox, present = on) or the backend is 'client'; with a password and no `sendemail` the
     * account is CONFIRMED, with `sendemail` it stays unconfirmed and gets the activation mail. So `sendemail` is sent
     * only for sendActivation, and an account with neither a password nor sendActivation is refused as the Admin
     * Panel refuses it (a present sendemail=0 would create an unconfirmed account without password or mail).
     * register() stores `timezone` unchecked; the Admin Panel offers only known zones ('' = the system default).
     */
    private static function accountVars(array $a) {
        if (!isset($a['password']) && empty($a['sendActivation']))
            self::fail(array('account.password' => 'A password, or sendActivation, is required for a portal account'));
        $tz = isset($a['timezone']) ? $a['timezone'] : '';
        if ($tz !== '' && !in_array($tz, DateTimeZone::listIdentifiers(), true))
            self::fail(array('account.timezone' => 'Unknown time zone'));
        $vars = array('timezone' => $tz, 'backend' => '');
        if (isset($a['password']))
            $vars['passwd1'] = $vars['passwd2'] = $a['password'];
        else
            $vars['sendemail'] = 1;
        return $vars;
    }

    function users(array $b, $id = null) {
        $account = null;
        if (!$id && isset($b['account']))
            $account = self::accountVars($b['account']);
        if (!$id) {
            // User::fromVars() returns the existing user for a known address (include/class.user.php): make
            // that a conflict instead of a silent success.
            if (User::lookupByEmail($b['email']))
                throw new OpsApiError(409, 'conflict', 'A user with this e-mail address already exists');
            $user = User::fromVars(array('name' => $b['name'], 'email' => $b['email'],
                'phone' => isset($b['phone']) ? $b['phone'] : '', 'notes' => isset($b['notes']) ? $b['notes'] : ''));
            if (!$user)
                self::fail(array('email' => 'Unable to create the user (check the address)'));
        } else {
            $user = User::lookup($id);
            if (!$user)
                throw self::notFound('users', $id);
            if (isset($b['account']) && !$user->getAccount())
                $account = self::accountVars($b['account']);
            if (array_key_exists('phone', $b) || array_key_exists('notes', $b)) {
                // User::updateInfo() sets every field of the user's forms from $vars, so a field missing from
                // $vars is cleared (DynamicFormEntry::setSource() + saveAnswers(), include/class.user.php and
                // class.dynamic_forms.php): start from the stored answers, as the agent UI's full form would.
                $vars = array();
                foreach ($user->getDynamicData() as $entry)
                    foreach ($entry->getAnswers() as $answer)
                        if (($field = $answer->getField()) && $field->get('name'))
                            $vars[$field->get('name')] = $answer->get('value');
                $vars['name'] = array_key_exists('name', $b) ? $b['name'] : (string) $user->get('name');
                $vars['email'] = (string) $user->getEmail();
                foreach (array('phone', 'notes') as $k)
                    if (array_key_exists($k, $b))
                        $vars[$k] = $b[$k];
                $errors = array();
                // $staff=true applies the agent-side editability, as the agent UI does
                if (!$user->updateInfo($vars, $errors, true))
                    self::fail($errors);
            } elseif (array_key_exists('name', $b)) {
                // Only the name: set ost_user.name as updateInfo() does for the contact form's name field, without
                // re-submitting (and so risking) the other answers. User::save() normalises "Last, First".
                $user->name = Format::striptags($b['name']);
                $user->save();
            }
        }
        if ($account !== null && !$user->getAccount()) {
            $errors = array();
            // UserAccount::register() hashes the password; with one the account is CONFIRMED (FACTS.md §6).
            // It returns the account, or false with $errors.
            if (!UserAccount::register($user, $account, $errors))
                self::fail($errors, array('passwd1' => 'account.password', 'passwd2' => 'account.password',
                    'timezone' => 'account.timezone'));
        }
        return $this->reads->one('users', (int) $user->getId());
    }

    function sla(array $b, $id = null) {
        $sla = $id ? SLA::lookup($id) : SLA::create();
        if (!$sla)
            throw self::notFound('sla', $id);
        $cur = $id ? $this->reads->one('sla', $id) : array('name' => '', 'graceHours' => 0, 'scheduleId' => null,
            'isActive' => true, 'disableOverdueAlerts' => false, 'transient' => false, 'notes' => '');
        // SLA::update() (include/class.sla.php): grace_period hours 1..8760, isactive, schedule_id (0 = none),
        // disable_overdue_alerts / transient present = on.
        $vars = array(
            'id' => $id ?: 0,
            'name' => self::pick($b, 'name', $cur['name']),
            'grace_period' => (int) self::pick($b, 'graceHours', $cur['graceHours']),
            'schedule_id' => (int) self::pick($b, 'scheduleId', $cur['scheduleId']),
            'isactive' => self::pick($b, 'isActive', $cur['isActive']) ? 1 : 0,
            'notes' => self::pick($b, 'notes', $cur['notes']),
        );
        if (self::pick($b, 'disableOverdueAlerts', $cur['disableOverdueAlerts']))
            $vars['disable_overdue_alerts'] = 1;
        if (self::pick($b, 'transient', $cur['transient']))
            $vars['transient'] = 1;
        $errors = array();
        if (!$sla->update($vars, $errors))
            self::fail($errors, array('grace_period' => 'graceHours', 'schedule_id' => 'scheduleId'));
        return $this->reads->one('sla', (int) $sla->getId());
    }

    function schedules(array $b, $id = null) {
        $existing = Schedule::objects()->filter(array('name' => isset($b['name']) ? $b['name'] : ''))->first();
        if ($existing && (int) $existing->getId() !== (int) $id)
            self::fail(array('name' => 'Name already in use'));
        if (isset($b['timezone']) && $b['timezone'] !== '' && !in_array($b['timezone'], DateTimeZone::listIdentifiers(), true))
            self::fail(array('timezone' => 'Unknown time zone'));
        if ($id) {
            $schedule = Schedule::lookup($id);
            if (!$schedule)
                throw self::notFound('schedules', $id);
            if (isset($b['kind']) && ($b['kind'] === 'business') !== (bool) $schedule->isBusinessHours())
                self::fail(array('kind' => 'The kind of a schedule cannot change'));
            foreach (array('name' => 'name', 'description' => 'description') as $from => $to)
                if (array_key_exists($from, $b))
                    $schedule->set($to, $b[$from]);
            if (array_key_exists('timezone', $b))
                $schedule->set('timezone', $b['timezone'] ?: null);
            $schedule->save(true);
        } else {
            // Schedule::__create() is how osTicket's installer loads schedules with entries (include/class.schedule.php)
            $schedule = Schedule::__create(array(
                'name' => $b['name'],
                'flags' => $b['kind'] === 'business' ? Schedule::FLAG_BIZHRS : 0,
                'timezone' => isset($b['timezone']) && $b['timezone'] ? $b['timezone'] : null,
                'description' => isset($b['description']) ? $b['description'] : '',
            ));
        }
        if (isset($b['holidayScheduleIds'])) {
            if (!$schedule->isBusinessHours())
                self::fail(array('holidayScheduleIds' => 'Only business-hours schedules link holidays'));
            foreach ($b['holidayScheduleIds'] as $i => $hid) {
                $h = Schedule::lookup($hid);
                if (!$h || $h->isBusinessHours())
                    self::fail(array("holidayScheduleIds[$i]" => "No holiday schedule $hid"));
            }
            $schedule->saveConfiguration(array('holidays' => $b['holidayScheduleIds']));
        }
        // `entries` replaces the entry list (as Team::update() replaces members): listed names are updated in
        // place (ids stay), new names added, unlisted entries of this schedule removed (only this schedule's
        // entries; no schedule or other object is ever deleted).
        $keep = array();
        foreach (isset($b['entries']) ? $b['entries'] : array() as $i => $e) {
            $keep[] = $e['name'];
            if ($e['endsOn'] . 'T' . $e['endsAt'] <= $e['startsOn'] . 'T' . $e['startsAt'])
                self::fail(array("entries[$i].endsAt" => 'must be after the start'));
            $row = array(
                'schedule_id' => (int) $schedule->getId(),
                'name' => $e['name'],
                'repeats' => $e['repeats'],
                'starts_on' => $e['startsOn'],
                'starts_at' => $e['startsAt'],
                'ends_on' => $e['endsOn'],
                'ends_at' => $e['endsAt'],
                // in the schedule's zone, as ScheduleEntry::getStopsDatetime() reads it
                'stops_on' => isset($e['stopsOn']) && $e['stopsOn']
                    ? OpsTime::utcToDb($e['stopsOn'], OpsApiReads::scheduleZone($schedule->get('timezone'))) : null,
                'day' => isset($e['day']) ? $e['day'] : null,
                'week' => isset($e['week']) ? $e['week'] : null,
                'month' => isset($e['month']) ? $e['month'] : null,
            );
            $entry = ScheduleEntry::objects()->filter(array('schedule_id' => (int) $schedule->getId(), 'name' => $e['name']))->first();
            if (!$entry) {
                $entry = new ScheduleEntry($row);
                $entry->created = SqlFunction::NOW();
            } else
                foreach ($row as $k => $v)
                    $entry->set($k, $v);
            if (isset($e['sort']))
                $entry->sort = $e['sort'];
            $entry->updated = SqlFunction::NOW();
            if (!$entry->save())
                self::fail(array("entries[$i]" => 'osTicket could not save the entry'));
        }
        if (isset($b['entries'])) {
            $gone = ScheduleEntry::objects()->filter(array('schedule_id' => (int) $schedule->getId()));
            if ($keep)
                $gone->exclude(array('name__in' => $keep));
            $gone->delete();
        }
        return $this->reads->one('schedules', (int) $schedule->getId());
    }

    function topics(array $b, $id = null) {
        $topic = $id ? Topic::lookup($id) : Topic::create();
        if (!$topic)
            throw self::notFound('topics', $id);
        $cur = $id ? $this->reads->one('topics', $id) : array('name' => '', 'parentId' => null, 'isActive' => true,
            'isPublic' => true, 'deptId' => null, 'priorityId' => null, 'slaId' => null, 'statusId' => null,
            'staffId' => null, 'teamId' => null, 'noAutoResponse' => false);
        $staffId = self::pick($b, 'staffId', $cur['staffId']);
        $teamId = self::pick($b, 'teamId', $cur['teamId']);
        if ($staffId && $teamId)
            self::fail(array('teamId' => 'Auto-assign to an agent or a team, not both'));
        $vars = $id ? $topic->getInfo() : array('forms' => array(), 'custom-numbers' => 0, 'number_format' => '',
            'sequence_id' => 0, 'page_id' => 0, 'notes' => '');
        // Topic::update() sets the ACTIVE/ARCHIVED flags only in its `status` switch ('active', 'disabled',
        // 'archived'; FACTS.md §6). A PATCH without isActive keeps the current status, so an archived topic stays
        // archived: Topic::getInfo() gives it as getStatus()'s 'Active'/'Disabled'/'Archived' (include/class.topic.php),
        // which the switch (and the `== 'active'` filter-action check before it) compares case-sensitively.
        $status = array_key_exists('isActive', $b) || !$id || !isset($vars['status'])
            ? (self::pick($b, 'isActive', $cur['isActive']) ? 'active' : 'disabled') : strtolower($vars['status']);
        $vars = array_merge($vars, array(
            'id' => $id ?: 0,
            'topic' => self::pick($b, 'name', $cur['name']),
            'topic_pid' => (int) self::pick($b, 'parentId', $cur['parentId']),
            'ispublic' => self::pick($b, 'isPublic', $cur['isPublic']) ? 1 : 0,
            'dept_id' => (int) self::pick($b, 'deptId', $cur['deptId']),
            'priority_id' => (int) self::pick($b, 'priorityId', $cur['priorityId']),
            'sla_id' => (int) self::pick($b, 'slaId', $cur['slaId']),
            'status_id' => (int) self::pick($b, 'statusId', $cur['statusId']),
            // Auto-assignment is `s<staff_id>` or `t<team_id>` (include/class.topic.php)
            'assign' => $staffId ? 's' . (int) $staffId : ($teamId ? 't' . (int) $teamId : ''),
            'noautoresp' => self::pick($b, 'noAutoResponse', $cur['noAutoResponse']) ? 1 : 0,
            'status' => $status,
        ));
        $errors = array();
        if (!$topic->update($vars, $errors))
            self::fail($errors, array('topic' => 'name', 'topic_pid' => 'parentId', 'dept_id' => 'deptId',
                'priority_id' => 'priorityId', 'sla_id' => 'slaId', 'status_id' => 'statusId', 'assign' => 'staffId'));
        return $this->reads->one('topics', (int) $topic->getId());
    }

    /** PATCH settings: the client-portal keys of `core` ($cfg->update(), include/class.config.php). */
    function settings(array $b) {
        global $cfg;
        // Config::update() returns false when the row could not be written (include/class.config.php)
        $set = array();
        if (array_key_exists('clientsOnly', $b))
            $set['clients_only'] = $b['clientsOnly'] ? 1 : 0;
        if (array_key_exists('clientRegistration', $b))
            $set['client_registration'] = $b['clientRegistration'];
        foreach ($set as $key => $value)
            if (!$cfg->update($key, $value))
                throw new OpsApiError(500, 'internal', "osTicket could not store the setting $key");
        return $this->reads->settings();
    }
}
