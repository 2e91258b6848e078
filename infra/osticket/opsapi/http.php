<?php
/*
 * The one JSON emitter of the ops API, plus request reading. Never Http::response() for JSON: it turns 202, 409,
 * 429 and 503 into 500 and forces text/html (include/class.http.php, PLUGIN-FACTS.md §5).
 */
if (!defined('INCLUDE_DIR')) die('Access denied');

class OpsApiHttp {
    /** Where the body is read from; the PHP router tests point it at a file (php://input is empty in the CLI). */
    static $input = 'php://input';
    /** The headers of the response being sent, for the PHP router tests (headers_list() is empty in the CLI). */
    static $sent = array();

    /** Sends `$body` as JSON with `$status` and ends the request. */
    static function send($status, $body, array $headers = array()) {
        self::$sent = array('Content-Type' => 'application/json; charset=UTF-8', 'Cache-Control' => 'no-store') + $headers;
        if (!headers_sent()) {
            http_response_code((int) $status);
            header('Content-Type: application/json; charset=UTF-8');
            header('Cache-Control: no-store');
            foreach ($headers as $name => $value)
                header($name . ': ' . $value);
        }
        $json = json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PARTIAL_OUTPUT_ON_ERROR);
        echo $json === false ? '{"error":{"code":"internal","message":"Unencodable response","fields":[]}}' : $json;
        exit;
    }

    static function error(OpsApiError $e) {
        self::send($e->status, $e->toArray());
    }

    /** The request method after osTicket's `?_method=` override (applied by Dispatcher::resolve()). */
    static function method() {
        $m = isset($_SERVER['REQUEST_METHOD']) ? strtoupper($_SERVER['REQUEST_METHOD']) : 'GET';
        return isset($_GET['_method']) ? strtoupper((string) $_GET['_method']) : $m;
    }

    /** A custom header ($_SERVER['HTTP_X_…']): Authorization is lost under Apache mod_php (PLUGIN-FACTS.md §6). */
    static function header($name) {
        $key = 'HTTP_' . strtoupper(str_replace('-', '_', $name));
        return isset($_SERVER[$key]) ? (string) $_SERVER[$key] : null;
    }

    /** The query string without osTicket's `_method`; only the first value of each name. */
    static function query() {
        $q = array();
        foreach ($_GET as $k => $v)
            if ($k !== '_method')
                $q[$k] = is_array($v) ? null : (string) $v;
        return $q;
    }

    /** Reads and decodes the JSON body, refusing more than `$limit` bytes (413). An empty body is `{}`. */
    static function jsonBody($limit) {
        $declared = isset($_SERVER['CONTENT_LENGTH']) ? (int) $_SERVER['CONTENT_LENGTH'] : 0;
        if ($declared > $limit)
            throw new OpsApiError(413, 'payload_too_large', "Request body exceeds $limit bytes");
        $in = fopen(self::$input, 'rb');
        $raw = $in ? stream_get_contents($in, $limit + 1) : '';
        if ($in)
            fclose($in);
        if (strlen((string) $raw) > $limit)
            throw new OpsApiError(413, 'payload_too_large', "Request body exceeds $limit bytes");
        if (trim((string) $raw) === '')
            return array();
        $data = json_decode($raw, true);
        if (json_last_error() !== JSON_ERROR_NONE)
            throw new OpsApiError(400, 'bad_request', 'Request body is not valid JSON',
                array(array('field' => 'body', 'message' => json_last_error_msg())));
        if (!is_array($data) || ($data && array_values($data) === $data))
            throw new OpsApiError(422, 'validation_failed', 'Validation failed',
                array(array('field' => '(root)', 'message' => 'must be a JSON object')));
        return $data;
    }
}
