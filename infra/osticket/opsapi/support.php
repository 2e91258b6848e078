<?php
/*
 * Pure helpers of the ops API: no osTicket classes, no I/O, so infra/osticket/test/support-test.php can run them
 * with plain php-cli. Time conversion, CIDR matching, keyset cursors, key checks and strict input validation.
 */
if (!defined('INCLUDE_DIR') && !defined('OPSAPI_TEST')) die('Access denied');

/** A failure with an HTTP status and the contract's error envelope. */
class OpsApiError extends Exception {
    public $status;
    public $errorCode;
    public $fields;

    function __construct($status, $errorCode, $message, array $fields = array()) {
        parent::__construct($message);
        $this->status = (int) $status;
        $this->errorCode = $errorCode;
        $this->fields = $fields;
    }

    function toArray() {
        return array('error' => array(
            'code' => $this->errorCode,
            'message' => $this->getMessage(),
            'fields' => $this->fields,
        ));
    }
}

/** DB-time <-> ISO 8601 UTC. osTicket stores DATETIMEs in the DB session's zone ($cfg->getDbTimezone()). */
class OpsTime {
    /** `2026-12-04 20:52:18` in `$dbTz` -> `2026-12-04T19:52:18Z`; null/empty/zero dates -> null. */
    static function dbToUtc($value, $dbTz) {
        if ($value === null || $value === '' || strpos((string) $value, '0000-00-00') === 0)
            return null;
        $tz = self::zone($dbTz);
        $d = DateTime::createFromFormat('!Y-m-d H:i:s', substr((string) $value, 0, 19), $tz);
        if (!$d)
            throw new InvalidArgumentException('Not a DB datetime: ' . $value);
        $d->setTimezone(new DateTimeZone('UTC'));
        return $d->format('Y-m-d\TH:i:s\Z');
    }

    /** ISO 8601 UTC (`Z`, optional fraction) -> `Y-m-d H:i:s` in `$dbTz`, for binding into a query. */
    static function utcToDb($iso, $dbTz) {
        $d = self::parseUtc($iso);
        if (!$d)
            throw new InvalidArgumentException('Not an ISO 8601 UTC datetime: ' . $iso);
        $d->setTimezone(self::zone($dbTz));
        return $d->format('Y-m-d H:i:s');
    }

    /** Parses `YYYY-MM-DDTHH:MM:SS(.fff)Z`; anything else (including offsets) -> null. */
    static function parseUtc($iso) {
        if (!is_string($iso) || !preg_match('/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d{1,6})?Z$/', $iso, $m))
            return null;
        $d = DateTime::createFromFormat('!Y-m-d H:i:s', $m[1] . ' ' . $m[2], new DateTimeZone('UTC'));
        $errors = DateTime::getLastErrors();
        if (!$d || ($errors && ($errors['warning_count'] || $errors['error_count'])))
            return null;
        return $d;
    }

    /** A zone name (`Europe/Berlin`), an offset (`+01:00`), or `SYSTEM`/empty meaning PHP's default zone. */
    static function zone($name) {
        if (!$name || strtoupper($name) === 'SYSTEM')
            $name = date_default_timezone_get() ?: 'UTC';
        return new DateTimeZone($name);
    }
}

/** Source-address allow-list: IPv4 and IPv6 CIDRs (or single addresses). */
class OpsCidr {
    static function matches($ip, $cidr) {
        $cidr = trim($cidr);
        if ($cidr === '')
            return false;
        $parts = explode('/', $cidr, 2);
        $net = @inet_pton($parts[0]);
        $addr = @inet_pton((string) $ip);
        if ($net === false || $addr === false || strlen($net) !== strlen($addr))
            return false;
        $max = strlen($net) * 8;
        $bits = isset($parts[1]) ? $parts[1] : (string) $max;
        if (!ctype_digit($bits) || (int) $bits > $max)
            return false;
        $bits = (int) $bits;
        $bytes = intdiv($bits, 8);
        if (substr($net, 0, $bytes) !== substr($addr, 0, $bytes))
            return false;
        $rest = $bits % 8;
        if ($rest === 0)
            return true;
        $mask = (0xFF << (8 - $rest)) & 0xFF;
        return (ord($net[$bytes]) & $mask) === (ord($addr[$bytes]) & $mask);
    }

    /** True when the list is empty (no restriction) or any entry matches. */
    static function allowed($ip, array $list) {
        $list = array_values(array_filter(array_map('trim', $list), 'strlen'));
        if (!$list)
            return true;
        foreach ($list as $cidr)
            if (self::matches($ip, $cidr))
                return true;
        return false;
    }

    /** Splits the configured allow-list (commas, spaces or new lines). */
    static function parseList($text) {
        return array_values(array_filter(preg_split('/[\s,]+/', (string) $text), 'strlen'));
    }
}

/** Opaque keyset cursors: base64url(JSON list of the last row's sort key). */
class OpsCursor {
    static function encode(array $key) {
        return rtrim(strtr(base64_encode(json_encode(array_values($key))), '+/', '-_'), '=');
    }

    /** Returns the key list, or null for anything that is not a cursor of `$length` scalars. */
    static function decode($cursor, $length) {
        if (!is_string($cursor) || $cursor === '' || strlen($cursor) > 200 || !preg_match('/^[A-Za-z0-9_-]+$/', $cursor))
            return null;
        $json = base64_decode(strtr($cursor, '-_', '+/'), true);
        $key = $json === false ? null : json_decode($json, true);
        if (!is_array($key) || count($key) !== $length || array_values($key) !== $key)
            return null;
        foreach ($key as $k)
            if (!is_int($k) && !is_string($k))
                return null;
        return $key;
    }
}

/** Keys are stored only as sha256 hex and compared in constant time. */
class OpsAuth {
    static function hashKey($key) {
        return hash('sha256', (string) $key);
    }

    /** 'rw', 'ro' or null. An empty stored hash never matches. */
    static function check($presented, $rwHash, $roHash) {
        if (!is_string($presented) || $presented === '')
            return null;
        $h = self::hashKey($presented);
        if (is_string($rwHash) && strlen($rwHash) === 64 && hash_equals(strtolower($rwHash), $h))
            return 'rw';
        if (is_string($roHash) && strlen($roHash) === 64 && hash_equals(strtolower($roHash), $h))
            return 'ro';
        return null;
    }
}

/**
 * Strict validation of request bodies against the contract (shared/osticket/contract.ts). A spec maps each
 * accepted field to a rule: 'string:min:max', 'email', 'bool', 'int:min:max', 'id', 'enum:a,b', 'string[]',
 * 'id[]', 'date', 'time', 'datetime', or array('list' => subSpec) / array('object' => subSpec). A scalar rule
 * ending in '?' (`id?`, `int:1:31?`) also accepts JSON null, as `.nullable()` does in contract.ts. Unknown fields
 * and bad values are reported by dotted field name; `required` lists create-only fields.
 */
class OpsInput {
    static function validate($body, array $spec, array $required = array(), $prefix = '') {
        $errors = array();
        if (!is_array($body) || ($body && array_values($body) === $body)) {
            $errors[] = array('field' => $prefix ?: '(root)', 'message' => 'must be a JSON object');
            return $errors;
        }
        foreach ($body as $field => $value) {
            $name = $prefix === '' ? $field : "$prefix.$field";
            if (!array_key_exists($field, $spec)) {
                $errors[] = array('field' => $name, 'message' => 'unknown field');
                continue;
            }
            $problem = self::check($value, $spec[$field], $name, $errors);
            if ($problem)
                $errors[] = array('field' => $name, 'message' => $problem);
        }
        foreach ($required as $field)
            if (!array_key_exists($field, $body))
                $errors[] = array('field' => $prefix === '' ? $field : "$prefix.$field", 'message' => 'is required');
        return $errors;
    }

    private static function check($value, $rule, $name, array &$errors) {
        if (is_array($rule)) {
            if (isset($rule['list'])) {
                if (!is_array($value) || array_values($value) !== $value)
                    return 'must be a list';
                foreach ($value as $i => $item)
                    $errors = array_merge($errors, self::validate($item, $rule['list'], isset($rule['required']) ? $rule['required'] : array(), "{$name}[$i]"));
                return null;
            }
            foreach (self::validate($value, $rule['object'], isset($rule['required']) ? $rule['required'] : array(), $name) as $e)
                $errors[] = $e;
            return null;
        }
        $nullable = substr($rule, -1) === '?';
        if ($nullable) {
            if ($value === null)
                return null;
            $rule = substr($rule, 0, -1);
        }
        $parts = explode(':', $rule);
        switch ($parts[0]) {
        case 'string':
            if (!is_string($value))
                return 'must be a string';
            $len = function_exists('mb_strlen') ? mb_strlen(trim($value)) : strlen(trim($value));
            if (isset($parts[1]) && $parts[1] !== '' && $len < (int) $parts[1])
                return "must have at least {$parts[1]} characters";
            if (isset($parts[2]) && $len > (int) $parts[2])
                return "must have at most {$parts[2]} characters";
            return null;
        case 'username':
            return is_string($value) && preg_match('/^[A-Za-z0-9._-]{2,32}$/', $value)
                ? null : 'letters, digits, dot, underscore and dash only (2-32)';
        case 'email':
            return is_string($value) && filter_var($value, FILTER_VALIDATE_EMAIL) ? null : 'must be an e-mail address';
        case 'bool':
            return is_bool($value) ? null : 'must be true or false';
        case 'int':
            if (!is_int($value))
                return 'must be a whole number';
            if ($value < (int) $parts[1] || $value > (int) $parts[2])
                return "must be from {$parts[1]} to {$parts[2]}";
            return null;
        case 'id':
            return is_int($value) && $value > 0 ? null : 'must be a positive id';
        case 'enum':
            return in_array($value, explode(',', $parts[1]), true) ? null : 'must be one of ' . $parts[1];
        case 'string[]':
            if (!is_array($value) || array_values($value) !== $value)
                return 'must be a list of strings';
            foreach ($value as $v)
                if (!is_string($v) || $v === '')
                    return 'must be a list of non-empty strings';
            return null;
        case 'nonempty-string[]':
            $p = self::check($value, 'string[]', $name, $errors);
            return $p ?: (count($value) ? null : 'must not be empty');
        case 'id[]':
            if (!is_array($value) || array_values($value) !== $value)
                return 'must be a list of ids';
            foreach ($value as $v)
                if (!is_int($v) || $v <= 0)
                    return 'must be a list of positive ids';
            return null;
        case 'date':
            return is_string($value) && preg_match('/^(\d{4})-(\d{2})-(\d{2})$/', $value, $m)
                && checkdate((int) $m[2], (int) $m[3], (int) $m[1]) ? null : 'must be a date YYYY-MM-DD';
        case 'time':
            return is_string($value) && preg_match('/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/', $value) ? null : 'must be a time HH:MM:SS';
        case 'datetime':
            return OpsTime::parseUtc($value) ? null : 'must be an ISO 8601 UTC datetime';
        }
        return 'has an unsupported rule';
    }

    /** Positive integer path id, or null. Path segments arrive HTML-entity encoded (PLUGIN-FACTS.md §4). */
    static function pathId($segment) {
        return is_string($segment) && preg_match('/^[1-9][0-9]{0,9}$/', $segment) ? (int) $segment : null;
    }

    /** Query `limit`: default 100, 1..500. */
    static function limit($value) {
        if ($value === null || $value === '')
            return 100;
        if (!preg_match('/^[0-9]{1,4}$/', (string) $value) || (int) $value < 1 || (int) $value > 500)
            throw new OpsApiError(400, 'bad_request', 'Invalid query', array(array('field' => 'limit', 'message' => 'must be a whole number from 1 to 500')));
        return (int) $value;
    }
}
