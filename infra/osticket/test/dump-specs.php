<?php
// Prints the ops API's accepted request fields (OpsApiSpecs) as JSON, so test/osticket/php-contract.test.ts can
// check that the PHP side and shared/osticket/contract.ts accept exactly the same fields (and the same nulls).
define('INCLUDE_DIR', sys_get_temp_dir() . '/'); // the plugin files only need it defined
require __DIR__ . '/../opsapi/support.php';
require __DIR__ . '/../opsapi/writes.php';

function describe(array $spec, array $required) {
    $out = array('fields' => array(), 'required' => $required, 'nullable' => array(), 'nested' => array());
    foreach ($spec as $name => $rule) {
        $out['fields'][] = $name;
        if (is_string($rule) && substr($rule, -1) === '?')
            $out['nullable'][] = $name;
        if (is_array($rule)) {
            $sub = isset($rule['list']) ? $rule['list'] : $rule['object'];
            $out['nested'][$name] = describe($sub, isset($rule['required']) ? $rule['required'] : array());
        }
    }
    sort($out['fields']);
    sort($out['required']);
    sort($out['nullable']);
    if (!$out['nested'])
        $out['nested'] = new stdClass();
    return $out;
}

$all = array();
foreach (array('roles', 'departments', 'teams', 'agents', 'users', 'sla', 'schedules', 'topics', 'settings') as $r) {
    list($spec, $required) = OpsApiSpecs::get($r);
    $all[$r] = describe($spec, $required);
}
echo json_encode($all, JSON_PRETTY_PRINT), "\n";
