<?php
/*
 * Read endpoints. Plain SQL through prepared statements (db_prepare() in include/mysqli.php returns a
 * mysqli_stmt): request values are always bound, never concatenated; table names come from TABLE_PREFIX.
 * Columns are those of setup/inc/streams/core/install-mysql.sql (v1.18.1), listed in FACTS.md §3.
 * Every datetime goes through OpsTime::dbToUtc() with the DB zone ($cfg->getDbTimezone(), class.config.php).
 */
if (!defined('INCLUDE_DIR')) die('Access denied');

class OpsDb {
    /** Runs a prepared SELECT; `$types` as mysqli_stmt::bind_param (i/s). */
    static function rows($sql, $types = '', array $params = array()) {
        $stmt = db_prepare($sql);
        if (!$stmt)
            throw new OpsApiError(500, 'internal', 'A query could not be prepared (see the osTicket system log)');
        if ($types !== '')
            $stmt->bind_param($types, ...$params);
        if (!$stmt->execute())
            throw new OpsApiError(500, 'internal', 'A query failed: ' . $stmt->error);
        $res = $stmt->get_result();
        $rows = $res ? $res->fetch_all(MYSQLI_ASSOC) : array();
        $stmt->close();
        return $rows;
    }

    /** `?, ?, ?` and its type string for an IN list of ids (ids from the DB, still bound). */
    static function inList(array $ids) {
        return array(implode(',', array_fill(0, count($ids), '?')), str_repeat('i', count($ids)));
    }

    static function t($name) {
        return TABLE_PREFIX . $name;
    }
}

class OpsApiReads {
    private $tz;

    function __construct($dbTimezone) {
        $this->tz = $dbTimezone;
    }

    private function utc($v) {
        return OpsTime::dbToUtc($v, $this->tz);
    }

    private static function id($v) {
        return $v === null || (int) $v <= 0 ? null : (int) $v;
    }

    /** Keyset page over an integer id column: rows with id > cursor, ascending. */
    private function idPage($sql, $idColumn, $query, $map) {
        $limit = OpsInput::limit(isset($query['limit']) ? $query['limit'] : null);
        $after = 0;
        if (isset($query['after']) && $query['after'] !== '') {
            $key = OpsCursor::decode($query['after'], 1);
            if (!$key || !is_int($key[0]))
                throw self::badCursor();
            $after = $key[0];
        }
        $fetch = $limit + 1;
        $rows = OpsDb::rows("$sql WHERE $idColumn > ? ORDER BY $idColumn LIMIT ?", 'ii', array($after, $fetch));
        return $this->pageOf($rows, $limit, $map, function ($row) use ($idColumn) {
            $col = strpos($idColumn, '.') !== false ? substr($idColumn, strpos($idColumn, '.') + 1) : $idColumn;
            return array((int) $row[$col]);
        });
    }

    private function pageOf(array $rows, $limit, $map, $key) {
        $next = null;
        if (count($rows) > $limit) {
            $rows = array_slice($rows, 0, $limit);
            $next = OpsCursor::encode($key(end($rows)));
        }
        return array('items' => array_values($map($rows)), 'next' => $next);
    }

    private static function badCursor() {
        return new OpsApiError(400, 'bad_request', 'Invalid query', array(array('field' => 'after', 'message' => 'is not a valid cursor')));
    }

    /** Unknown query parameters are a 400 naming each (`unknown field`, as the strict zod query schemas say). */
    private static function only(array $query, array $allowed) {
        $fields = array();
        foreach (array_keys($query) as $k)
            if (!in_array($k, $allowed, true))
                $fields[] = array('field' => $k, 'message' => 'unknown field');
        if ($fields)
            throw new OpsApiError(400, 'bad_request', 'Invalid query', $fields);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Tickets

    private function ticketSql() {
        $T = 'OpsDb::t';
        $entries = 'SELECT %s(e.created) FROM ' . $T('thread') . ' th JOIN ' . $T('thread_entry')
            . " e ON e.thread_id = th.id WHERE th.object_type = 'T' AND th.object_id = t.ticket_id AND e.type = '%s'";
        // Subject and priority live in the generated ost_ticket__cdata (FACTS.md §3). First response = earliest
        // thread entry of type R: osTicket does not track it (FACTS.md "First response is not tracked").
        return 'SELECT t.ticket_id, t.number, t.status_id, s.name AS status_name, s.state AS status_state,'
            . ' t.dept_id, d.name AS dept_name, t.topic_id, ht.topic AS topic_name,'
            . ' t.sla_id, sla.name AS sla_name, sla.grace_period, sla.schedule_id AS sla_schedule_id,'
            . ' t.staff_id, st.firstname AS staff_first, st.lastname AS staff_last, t.team_id, tm.name AS team_name,'
            . ' u.name AS user_name, ue.address AS user_email, cd.subject, p.priority_id, p.priority AS priority_name,'
            . ' t.created, t.updated, t.reopened, t.closed, t.duedate, t.est_duedate, t.isoverdue, t.isanswered,'
            . ' (' . sprintf($entries, 'MIN', 'R') . ') AS first_response,'
            . ' (' . sprintf($entries, 'MAX', 'M') . ') AS last_message,'
            . ' (' . sprintf($entries, 'MAX', 'R') . ') AS last_response'
            . ' FROM ' . $T('ticket') . ' t'
            . ' JOIN ' . $T('ticket_status') . ' s ON s.id = t.status_id'
            . ' LEFT JOIN ' . $T('department') . ' d ON d.id = t.dept_id'
            . ' LEFT JOIN ' . $T('help_topic') . ' ht ON ht.topic_id = t.topic_id'
            . ' LEFT JOIN ' . $T('sla') . ' sla ON sla.id = t.sla_id'
            . ' LEFT JOIN ' . $T('staff') . ' st ON st.staff_id = t.staff_id'
            . ' LEFT JOIN ' . $T('team') . ' tm ON tm.team_id = t.team_id'
            . ' LEFT JOIN ' . $T('user') . ' u ON u.id = t.user_id'
            . ' LEFT JOIN ' . $T('user_email') . ' ue ON ue.id = u.default_email_id'
            . ' LEFT JOIN ' . $T('ticket__cdata') . ' cd ON cd.ticket_id = t.ticket_id'
            . ' LEFT JOIN ' . $T('ticket_priority') . ' p ON p.priority_id = CAST(cd.priority AS UNSIGNED)';
    }

    private function mapTicket(array $r) {
        $ref = function ($id, $name) {
            return self::id($id) === null ? null : array('id' => (int) $id, 'name' => (string) $name);
        };
        return array(
            'id' => (int) $r['ticket_id'],
            'number' => (string) $r['number'],
            'subject' => (string) $r['subject'],
            'status' => array('id' => (int) $r['status_id'], 'name' => (string) $r['status_name'], 'state' => (string) $r['status_state']),
            'priority' => $ref($r['priority_id'], $r['priority_name']),
            'department' => array('id' => (int) $r['dept_id'], 'name' => (string) $r['dept_name']),
            'topic' => $ref($r['topic_id'], $r['topic_name']),
            'sla' => self::id($r['sla_id']) === null || $r['sla_name'] === null ? null : array(
                'id' => (int) $r['sla_id'],
                'name' => (string) $r['sla_name'],
                'graceHours' => (int) $r['grace_period'],
                'scheduleId' => self::id($r['sla_schedule_id']),
            ),
            'assignee' => array(
                'staff' => $ref($r['staff_id'], trim($r['staff_first'] . ' ' . $r['staff_last'])),
                'team' => $ref($r['team_id'], $r['team_name']),
            ),
            'user' => array('name' => (string) $r['user_name'], 'email' => (string) $r['user_email']),
            'createdAt' => $this->utc($r['created']),
            'updatedAt' => $this->utc($r['updated']),
            'reopenedAt' => $this->utc($r['reopened']),
            'closedAt' => $this->utc($r['closed']),
            'dueDate' => $this->utc($r['duedate']),
            'estDueDate' => $this->utc($r['est_duedate']),
            'isOverdue' => (bool) $r['isoverdue'],
            'isAnswered' => (bool) $r['isanswered'],
            'firstResponseAt' => $this->utc($r['first_response']),
            'lastMessageAt' => $this->utc($r['last_message']),
            'lastResponseAt' => $this->utc($r['last_response']),
        );
    }

    /** GET tickets?state=open|closed|all&updated_since=…&limit=&after=: keyset on (updated, ticket_id). */
    function tickets(array $query) {
        self::only($query, array('state', 'updated_since', 'limit', 'after'));
        $limit = OpsInput::limit(isset($query['limit']) ? $query['limit'] : null);
        $state = isset($query['state']) ? $query['state'] : 'open';
        if (!in_array($state, array('open', 'closed', 'all'), true))
            throw new OpsApiError(400, 'bad_request', 'Invalid query', array(array('field' => 'state', 'message' => 'must be open, closed or all')));
        $where = array();
        $types = '';
        $params = array();
        if ($state !== 'all') {
            $where[] = 's.state = ?';
            $types .= 's';
            $params[] = $state;
        }
        if (isset($query['updated_since']) && $query['updated_since'] !== '') {
            if (!OpsTime::parseUtc($query['updated_since']))
                throw new OpsApiError(400, 'bad_request', 'Invalid query', array(array('field' => 'updated_since', 'message' => 'must be an ISO 8601 UTC datetime')));
            $where[] = 't.updated >= ?';
            $types .= 's';
            $params[] = OpsTime::utcToDb($query['updated_since'], $this->tz);
        }
        if (isset($query['after']) && $query['after'] !== '') {
            $key = OpsCursor::decode($query['after'], 2);
            if (!$key || !is_string($key[0]) || !is_int($key[1]) || !preg_match('/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/', $key[0]))
                throw self::badCursor();
            $where[] = '(t.updated > ? OR (t.updated = ? AND t.ticket_id > ?))';
            $types .= 'ssi';
            array_push($params, $key[0], $key[0], $key[1]);
        }
        $types .= 'i';
        $params[] = $limit + 1;
        $sql = $this->ticketSql() . ($where ? ' WHERE ' . implode(' AND ', $where) : '')
            . ' ORDER BY t.updated, t.ticket_id LIMIT ?';
        $rows = OpsDb::rows($sql, $types, $params);
        $self = $this;
        return $this->pageOf($rows, $limit, function ($rows) use ($self) {
            return array_map(array($self, 'publicMapTicket'), $rows);
        }, function ($row) {
            return array(substr((string) $row['updated'], 0, 19), (int) $row['ticket_id']);
        });
    }

    function publicMapTicket(array $r) {
        return $this->mapTicket($r);
    }

    function ticket($id) {
        $rows = OpsDb::rows($this->ticketSql() . ' WHERE t.ticket_id = ?', 'i', array($id));
        if (!$rows)
            throw new OpsApiError(404, 'not_found', "ticket $id not found");
        return $this->mapTicket($rows[0]);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Directory objects

    function roles(array $q) {
        self::only($q, array('limit', 'after'));
        $self = $this;
        return $this->idPage('SELECT id, flags, name, permissions, notes, created, updated FROM ' . OpsDb::t('role'), 'id', $q,
            function ($rows) use ($self) { return array_map(array($self, 'mapRole'), $rows); });
    }

    function mapRole(array $r) {
        $perms = json_decode((string) $r['permissions'], true) ?: array();
        return array(
            'id' => (int) $r['id'],
            'name' => (string) $r['name'],
            // ost_role.flags 0x1 = enabled (FACTS.md §3 flag bits)
            'isEnabled' => ((int) $r['flags'] & 1) === 1,
            'permissions' => array_values(array_map('strval', array_keys(array_filter($perms)))),
            'notes' => (string) $r['notes'],
            'createdAt' => $this->utc($r['created']),
            'updatedAt' => $this->utc($r['updated']),
        );
    }

    function departments(array $q) {
        self::only($q, array('limit', 'after'));
        $self = $this;
        return $this->idPage('SELECT id, pid, path, flags, name, ispublic, sla_id, schedule_id, manager_id, email_id,'
            . ' group_membership, created, updated FROM ' . OpsDb::t('department'), 'id', $q,
            function ($rows) use ($self) { return array_map(array($self, 'mapDepartment'), $rows); });
    }

    function mapDepartment(array $r) {
        $f = (int) $r['flags'];
        // ost_department.flags: 0x1 members only, 0x4 ACTIVE, 0x8 ARCHIVED, 0x10 primary only (class.dept.php)
        return array(
            'id' => (int) $r['id'],
            'name' => (string) $r['name'],
            'parentId' => self::id($r['pid']),
            'path' => (string) $r['path'],
            'isActive' => ($f & 0x4) !== 0,
            'isArchived' => ($f & 0x8) !== 0,
            'isPublic' => (bool) $r['ispublic'],
            'slaId' => self::id($r['sla_id']),
            'scheduleId' => self::id($r['schedule_id']),
            'managerId' => self::id($r['manager_id']),
            'emailId' => self::id($r['email_id']),
            'groupMembership' => (int) $r['group_membership'],
            'assignmentMode' => ($f & 0x10) ? 'primary' : (($f & 0x1) ? 'members' : 'all'),
            'createdAt' => $this->utc($r['created']),
            'updatedAt' => $this->utc($r['updated']),
        );
    }

    private function staffNames(array $ids) {
        $ids = array_values(array_unique(array_filter(array_map('intval', $ids))));
        if (!$ids)
            return array();
        list($in, $types) = OpsDb::inList($ids);
        $names = array();
        foreach (OpsDb::rows('SELECT staff_id, firstname, lastname FROM ' . OpsDb::t('staff') . " WHERE staff_id IN ($in)", $types, $ids) as $r)
            $names[(int) $r['staff_id']] = trim($r['firstname'] . ' ' . $r['lastname']);
        return $names;
    }

    function teams(array $q) {
        self::only($q, array('limit', 'after'));
        $self = $this;
        return $this->idPage('SELECT team_id, lead_id, flags, name, notes, created, updated FROM ' . OpsDb::t('team'), 'team_id', $q,
            function ($rows) use ($self) { return $self->mapTeams($rows); });
    }

    function mapTeams(array $rows) {
        $ids = array_map(function ($r) { return (int) $r['team_id']; }, $rows);
        $members = array();
        if ($ids) {
            list($in, $types) = OpsDb::inList($ids);
            foreach (OpsDb::rows('SELECT tm.team_id, tm.staff_id, tm.flags, s.firstname, s.lastname FROM ' . OpsDb::t('team_member')
                . ' tm JOIN ' . OpsDb::t('staff') . " s ON s.staff_id = tm.staff_id WHERE tm.team_id IN ($in) ORDER BY tm.staff_id", $types, $ids) as $m)
                $members[(int) $m['team_id']][] = array(
                    'staffId' => (int) $m['staff_id'],
                    'name' => trim($m['firstname'] . ' ' . $m['lastname']),
                    // ost_team_member.flags 0x1 = alerts
                    'alerts' => ((int) $m['flags'] & 1) === 1,
                );
        }
        $leads = $this->staffNames(array_map(function ($r) { return $r['lead_id']; }, $rows));
        $out = array();
        foreach ($rows as $r) {
            $lead = self::id($r['lead_id']);
            $out[] = array(
                'id' => (int) $r['team_id'],
                'name' => (string) $r['name'],
                // ost_team.flags: 0x1 enabled, 0x2 no alerts
                'isEnabled' => ((int) $r['flags'] & 1) === 1,
                'noAlerts' => ((int) $r['flags'] & 2) === 2,
                'lead' => $lead && isset($leads[$lead]) ? array('id' => $lead, 'name' => $leads[$lead]) : null,
                'members' => isset($members[(int) $r['team_id']]) ? $members[(int) $r['team_id']] : array(),
                'notes' => (string) $r['notes'],
                'createdAt' => $this->utc($r['created']),
                'updatedAt' => $this->utc($r['updated']),
            );
        }
        return $out;
    }

    function agents(array $q) {
        self::only($q, array('limit', 'after'));
        $self = $this;
        return $this->idPage('SELECT staff_id, dept_id, role_id, username, firstname, lastname, email, phone, isactive,'
            . ' isadmin, isvisible, onvacation, permissions, lastlogin, created, updated FROM ' . OpsDb::t('staff'), 'staff_id', $q,
            function ($rows) use ($self) { return $self->mapAgents($rows); });
    }

    function mapAgents(array $rows) {
        $ids = array_map(function ($r) { return (int) $r['staff_id']; }, $rows);
        $access = array();
        $teams = array();
        if ($ids) {
            list($in, $types) = OpsDb::inList($ids);
            foreach (OpsDb::rows('SELECT staff_id, dept_id, role_id, flags FROM ' . OpsDb::t('staff_dept_access')
                . " WHERE staff_id IN ($in) ORDER BY dept_id", $types, $ids) as $a)
                $access[(int) $a['staff_id']][] = array('deptId' => (int) $a['dept_id'], 'roleId' => (int) $a['role_id'], 'alerts' => ((int) $a['flags'] & 1) === 1);
            foreach (OpsDb::rows('SELECT staff_id, team_id, flags FROM ' . OpsDb::t('team_member')
                . " WHERE staff_id IN ($in) ORDER BY team_id", $types, $ids) as $m)
                $teams[(int) $m['staff_id']][] = array('teamId' => (int) $m['team_id'], 'alerts' => ((int) $m['flags'] & 1) === 1);
        }
        $out = array();
        foreach ($rows as $r) {
            $id = (int) $r['staff_id'];
            $perms = json_decode((string) $r['permissions'], true) ?: array();
            $out[] = array(
                'id' => $id,
                'username' => (string) $r['username'],
                'firstname' => (string) $r['firstname'],
                'lastname' => (string) $r['lastname'],
                'name' => trim($r['firstname'] . ' ' . $r['lastname']),
                'email' => (string) $r['email'],
                'phone' => (string) $r['phone'],
                'deptId' => (int) $r['dept_id'],
                'roleId' => (int) $r['role_id'],
                'isActive' => (bool) $r['isactive'],
                'isAdmin' => (bool) $r['isadmin'],
                'isVisible' => (bool) $r['isvisible'],
                'onVacation' => (bool) $r['onvacation'],
                'deptAccess' => isset($access[$id]) ? $access[$id] : array(),
                'teams' => isset($teams[$id]) ? $teams[$id] : array(),
                'permissions' => array_values(array_map('strval', array_keys(array_filter($perms)))),
                'lastLoginAt' => $this->utc($r['lastlogin']),
                'createdAt' => $this->utc($r['created']),
                'updatedAt' => $this->utc($r['updated']),
            );
        }
        return $out;
    }

    function users(array $q) {
        self::only($q, array('limit', 'after'));
        $self = $this;
        return $this->idPage('SELECT u.id, u.org_id, u.name, u.created, u.updated, e.address, a.id AS account_id,'
            . ' a.status AS account_status FROM ' . OpsDb::t('user') . ' u LEFT JOIN ' . OpsDb::t('user_email')
            . ' e ON e.id = u.default_email_id LEFT JOIN ' . OpsDb::t('user_account') . ' a ON a.user_id = u.id', 'u.id', $q,
            function ($rows) use ($self) { return array_map(array($self, 'mapUser'), $rows); });
    }

    function mapUser(array $r) {
        $status = (int) $r['account_status'];
        return array(
            'id' => (int) $r['id'],
            'name' => (string) $r['name'],
            'email' => (string) $r['address'],
            'orgId' => self::id($r['org_id']),
            'hasAccount' => $r['account_id'] !== null,
            // ost_user_account.status: 0x1 CONFIRMED, 0x2 LOCKED (class.user.php)
            'isAccountConfirmed' => ($status & 1) === 1,
            'isAccountLocked' => ($status & 2) === 2,
            'createdAt' => $this->utc($r['created']),
            'updatedAt' => $this->utc($r['updated']),
        );
    }

    function sla(array $q) {
        self::only($q, array('limit', 'after'));
        $self = $this;
        return $this->idPage('SELECT id, schedule_id, flags, grace_period, name, notes, created, updated FROM ' . OpsDb::t('sla'), 'id', $q,
            function ($rows) use ($self) { return array_map(array($self, 'mapSla'), $rows); });
    }

    function mapSla(array $r) {
        $f = (int) $r['flags'];
        // ost_sla.flags: 0x1 ACTIVE, 0x4 NOALERTS, 0x8 TRANSIENT (include/class.sla.php)
        return array(
            'id' => (int) $r['id'],
            'name' => (string) $r['name'],
            'graceHours' => (int) $r['grace_period'],
            'scheduleId' => self::id($r['schedule_id']),
            'isActive' => ($f & 0x1) !== 0,
            'disableOverdueAlerts' => ($f & 0x4) !== 0,
            'transient' => ($f & 0x8) !== 0,
            'notes' => (string) $r['notes'],
            'createdAt' => $this->utc($r['created']),
            'updatedAt' => $this->utc($r['updated']),
        );
    }

    function schedules(array $q) {
        self::only($q, array('limit', 'after'));
        $self = $this;
        return $this->idPage('SELECT id, flags, name, timezone, description, created, updated FROM ' . OpsDb::t('schedule'), 'id', $q,
            function ($rows) use ($self) { return $self->mapSchedules($rows); });
    }

    function mapSchedules(array $rows) {
        $ids = array_map(function ($r) { return (int) $r['id']; }, $rows);
        $zones = array();
        foreach ($rows as $r)
            $zones[(int) $r['id']] = self::scheduleZone($r['timezone']);
        $entries = array();
        $holidays = array();
        if ($ids) {
            list($in, $types) = OpsDb::inList($ids);
            foreach (OpsDb::rows('SELECT id, schedule_id, name, repeats, starts_on, starts_at, ends_on, ends_at, stops_on, day, week, month, sort FROM '
                . OpsDb::t('schedule_entry') . " WHERE schedule_id IN ($in) ORDER BY sort, id", $types, $ids) as $e)
                $entries[(int) $e['schedule_id']][] = array(
                    'id' => (int) $e['id'],
                    'name' => (string) $e['name'],
                    'repeats' => (string) $e['repeats'],
                    'startsOn' => substr((string) $e['starts_on'], 0, 10),
                    'startsAt' => substr((string) $e['starts_at'], 0, 8),
                    'endsOn' => substr((string) $e['ends_on'], 0, 10),
                    'endsAt' => substr((string) $e['ends_at'], 0, 8),
                    // stops_on is a local time of the schedule, not of the DB (ScheduleEntry::getStopsDatetime())
                    'stopsOn' => OpsTime::dbToUtc($e['stops_on'], $zones[(int) $e['schedule_id']]),
                    'day' => $e['day'] === null ? null : (int) $e['day'],
                    'week' => $e['week'] === null ? null : (int) $e['week'],
                    'month' => $e['month'] === null || (int) $e['month'] === 0 ? null : (int) $e['month'],
                    'sort' => (int) $e['sort'],
                );
            // Holiday links: ost_config namespace `schedule.<id>`, key `configuration`, {"holidays":[…]}
            // (Schedule::saveConfiguration, include/class.schedule.php).
            $namespaces = array_map(function ($id) { return "schedule.$id"; }, $ids);
            list($in) = OpsDb::inList($namespaces);
            foreach (OpsDb::rows('SELECT namespace, value FROM ' . OpsDb::t('config') . " WHERE `key` = 'configuration' AND namespace IN ($in)",
                str_repeat('s', count($namespaces)), $namespaces) as $c) {
                $conf = json_decode((string) $c['value'], true);
                $holidays[(int) substr($c['namespace'], 9)] = isset($conf['holidays']) && is_array($conf['holidays'])
                    ? array_values(array_map('intval', $conf['holidays'])) : array();
            }
        }
        $out = array();
        foreach ($rows as $r) {
            $id = (int) $r['id'];
            $business = ((int) $r['flags'] & 1) === 1; // ost_schedule.flags 0x1 = FLAG_BIZHRS
            $out[] = array(
                'id' => $id,
                'name' => (string) $r['name'],
                'kind' => $business ? 'business' : 'holiday',
                'timezone' => $r['timezone'] === null || $r['timezone'] === '' ? null : (string) $r['timezone'],
                'description' => (string) $r['description'],
                'entries' => isset($entries[$id]) ? $entries[$id] : array(),
                'holidayScheduleIds' => $business && isset($holidays[$id]) ? $holidays[$id] : array(),
                'createdAt' => $this->utc($r['created']),
                'updatedAt' => $this->utc($r['updated']),
            );
        }
        return $out;
    }

    /**
     * The zone a schedule's entries are in: its own, or for a floating schedule $cfg->getTimezone(), which in the
     * API (no agent) is core.default_timezone (Schedule::getTimezone(), include/class.schedule.php).
     */
    static function scheduleZone($timezone) {
        global $cfg;
        if ($timezone)
            return (string) $timezone;
        $zone = $cfg ? $cfg->getTimezone() : null;
        return $zone ? (string) $zone : 'UTC';
    }

    function topics(array $q) {
        self::only($q, array('limit', 'after'));
        $names = array();
        foreach (OpsDb::rows('SELECT topic_id, topic_pid, topic FROM ' . OpsDb::t('help_topic')) as $t)
            $names[(int) $t['topic_id']] = array((int) $t['topic_pid'], (string) $t['topic']);
        $self = $this;
        return $this->idPage('SELECT topic_id, topic_pid, topic, ispublic, noautoresp, flags, status_id, priority_id, dept_id,'
            . ' staff_id, team_id, sla_id, created, updated FROM ' . OpsDb::t('help_topic'), 'topic_id', $q,
            function ($rows) use ($self, $names) {
                return array_map(function ($r) use ($self, $names) { return $self->mapTopic($r, $names); }, $rows);
            });
    }

    function mapTopic(array $r, array $names) {
        $full = (string) $r['topic'];
        $pid = (int) $r['topic_pid'];
        for ($depth = 0; $pid && isset($names[$pid]) && $depth < 10; $depth++) {
            $full = $names[$pid][1] . ' / ' . $full;
            $pid = $names[$pid][0];
        }
        return array(
            'id' => (int) $r['topic_id'],
            'name' => (string) $r['topic'],
            'fullName' => $full,
            'parentId' => self::id($r['topic_pid']),
            // ost_help_topic.flags 0x2 = ACTIVE (include/class.topic.php)
            'isActive' => ((int) $r['flags'] & 0x2) !== 0,
            'isPublic' => (bool) $r['ispublic'],
            'deptId' => self::id($r['dept_id']),
            'priorityId' => self::id($r['priority_id']),
            'slaId' => self::id($r['sla_id']),
            'statusId' => self::id($r['status_id']),
            'staffId' => self::id($r['staff_id']),
            'teamId' => self::id($r['team_id']),
            'noAutoResponse' => (bool) $r['noautoresp'],
            'createdAt' => $this->utc($r['created']),
            'updatedAt' => $this->utc($r['updated']),
        );
    }

    function statuses(array $q) {
        self::only($q, array('limit', 'after'));
        return $this->idPage('SELECT id, name, state FROM ' . OpsDb::t('ticket_status'), 'id', $q, function ($rows) {
            return array_map(function ($r) {
                return array('id' => (int) $r['id'], 'name' => (string) $r['name'], 'state' => (string) $r['state']);
            }, $rows);
        });
    }

    function priorities(array $q) {
        self::only($q, array('limit', 'after'));
        return $this->idPage('SELECT priority_id, priority, priority_desc, priority_color, priority_urgency, ispublic FROM '
            . OpsDb::t('ticket_priority'), 'priority_id', $q, function ($rows) {
            return array_map(function ($r) {
                return array(
                    'id' => (int) $r['priority_id'],
                    'name' => (string) $r['priority'],
                    'description' => (string) $r['priority_desc'],
                    'color' => (string) $r['priority_color'],
                    'urgency' => (int) $r['priority_urgency'],
                    'isPublic' => (bool) $r['ispublic'],
                );
            }, $rows);
        });
    }

    /** One item of a list endpoint by id (GET <resource>/<id>). */
    function one($resource, $id) {
        $cursor = $id > 1 ? OpsCursor::encode(array($id - 1)) : null;
        $q = array('limit' => '1');
        if ($cursor)
            $q['after'] = $cursor;
        $page = $this->$resource($q);
        $item = $page['items'] ? $page['items'][0] : null;
        if (!$item || $item['id'] !== $id)
            throw new OpsApiError(404, 'not_found', "$resource $id not found");
        return $item;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Settings and health

    function settings() {
        global $cfg;
        // `clients_only` is absent after install and defaults to false; `client_registration` is stored by the
        // installer (OsticketConfig::$defaults, include/class.config.php; FACTS.md §3).
        $reg = (string) $cfg->get('client_registration');
        return array(
            'clientsOnly' => (bool) $cfg->get('clients_only'),
            'clientRegistration' => in_array($reg, array('disabled', 'public', 'closed'), true) ? $reg : 'closed',
            'defaultSlaId' => self::id($cfg->get('default_sla_id')),
            'scheduleId' => self::id($cfg->get('schedule_id')),
            'defaultTimezone' => $cfg->get('default_timezone') ? (string) $cfg->get('default_timezone') : null,
            'helpdeskUrl' => $cfg->get('helpdesk_url') ? (string) $cfg->get('helpdesk_url') : null,
        );
    }

    function health($extensionVersion, $lastCron) {
        $now = OpsDb::rows('SELECT NOW() AS now');
        return array(
            'ok' => true,
            'osTicketVersion' => defined('THIS_VERSION') ? (string) THIS_VERSION : 'unknown',
            'extensionVersion' => (string) $extensionVersion,
            'dbTime' => $this->utc($now[0]['now']),
            'dbTimezone' => (string) $this->tz,
            'lastCronRunAt' => $lastCron ?: null,
        );
    }
}
