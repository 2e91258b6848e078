<?php
/*
 * The ops API route table: one catch-all dispatcher route `^/ops(?:/(.*))?$` hands every /api/ops/… request
 * here, so unknown paths and methods answer JSON 404/405 instead of osTicket's text/html `URL not supported`.
 * Works for /api/ops/… (Apache mod_rewrite) and /api/http.php/ops/… (IIS without rewrite) alike: both reach
 * api/http.php with the same PATH_INFO. PATCH may be sent as POST ?_method=PATCH (IIS; PLUGIN-FACTS.md §8).
 */
if (!defined('INCLUDE_DIR')) die('Access denied');

class OpsApiRouter {
    const WRITABLE = array('roles', 'departments', 'teams', 'agents', 'users', 'sla', 'schedules', 'topics');
    const READABLE = array('roles', 'departments', 'teams', 'agents', 'users', 'sla', 'schedules', 'topics',
        'statuses', 'priorities');

    /** Entry point from the dispatcher closure. Never returns: every path ends in OpsApiHttp::send(). */
    static function handle($rest, array $settings) {
        try {
            self::route((string) $rest, $settings);
            throw new OpsApiError(500, 'internal', 'No response');
        } catch (OpsApiError $e) {
            OpsApiHttp::error($e);
        } catch (Throwable $t) {
            // An uncaught exception would give an empty text/html 500 (PLUGIN-FACTS.md §5). Log the detail to
            // osTicket's system log, answer a JSON 500 without it.
            global $ost;
            if ($ost)
                $ost->logError('Ops API error', get_class($t) . ': ' . $t->getMessage() . ' @ ' . $t->getFile() . ':' . $t->getLine(), false);
            OpsApiHttp::send(500, array('error' => array('code' => 'internal', 'message' => 'Internal error', 'fields' => array())));
        }
    }

    private static function route($rest, array $settings) {
        // Network allow-list first, then the key (X-Ops-Key; never Authorization, lost under mod_php).
        $ip = isset($_SERVER['REMOTE_ADDR']) ? $_SERVER['REMOTE_ADDR'] : '';
        if (!OpsCidr::allowed($ip, OpsCidr::parseList($settings['allowed_cidrs'])))
            throw new OpsApiError(403, 'forbidden', 'Source address not allowed');
        $access = OpsAuth::check(OpsApiHttp::header('X-Ops-Key'), $settings['rw_hash'], $settings['ro_hash']);
        if (!$access)
            throw new OpsApiError(401, 'unauthorized', 'A valid X-Ops-Key header is required');
        $method = OpsApiHttp::method();
        if ($method !== 'GET' && $access !== 'rw')
            throw new OpsApiError(403, 'forbidden', 'This key is read-only; writes need the read-write key');

        $parts = $rest === '' ? array() : explode('/', rtrim($rest, '/'));
        $name = isset($parts[0]) ? $parts[0] : '';
        $id = null;
        if (isset($parts[1])) {
            $id = OpsInput::pathId($parts[1]);
            if ($id === null || count($parts) > 2)
                throw new OpsApiError(404, 'not_found', 'No ops route ' . self::safe($rest));
        }
        $reads = new OpsApiReads($settings['db_timezone']);
        $query = OpsApiHttp::query();

        if ($name === 'health' && $id === null) {
            self::only($method, array('GET'), $name);
            OpsApiHttp::send(200, $reads->health($settings['version'], $settings['last_cron']));
        }
        if ($name === 'settings' && $id === null) {
            self::only($method, array('GET', 'PATCH'), $name);
            if ($method === 'GET')
                OpsApiHttp::send(200, $reads->settings());
            $body = OpsApiHttp::jsonBody($settings['max_body']);
            OpsApiSpecs::check('settings', $body, false);
            OpsApiHttp::send(200, (new OpsApiWrites($reads))->settings($body));
        }
        if ($name === 'tickets') {
            self::only($method, array('GET'), $name);
            OpsApiHttp::send(200, $id === null ? $reads->tickets($query) : $reads->ticket($id));
        }
        if (!in_array($name, self::READABLE, true))
            throw new OpsApiError(404, 'not_found', 'No ops route ' . self::safe($rest));
        if ($method === 'GET')
            OpsApiHttp::send(200, $id === null ? $reads->$name($query) : $reads->one($name, $id));
        // Nothing deletes: DELETE/PUT are 405 everywhere.
        if (!in_array($name, self::WRITABLE, true) || !in_array($method, array('POST', 'PATCH'), true)
                || ($method === 'POST' && $id !== null) || ($method === 'PATCH' && $id === null))
            throw new OpsApiError(405, 'method_not_allowed', "$method is not allowed on " . self::safe($rest));
        $body = OpsApiHttp::jsonBody($settings['max_body']);
        OpsApiSpecs::check($name, $body, $method === 'POST');
        $writes = new OpsApiWrites($reads);
        OpsApiHttp::send($method === 'POST' ? 201 : 200, $writes->$name($body, $id));
    }

    private static function only($method, array $allowed, $name) {
        if (!in_array($method, $allowed, true))
            throw new OpsApiError(405, 'method_not_allowed', "$method is not allowed on $name");
    }

    private static function safe($text) {
        return substr(preg_replace('/[^A-Za-z0-9_\/.-]/', '?', $text), 0, 100);
    }
}
