<?php
/*
 * A stand-in for osTicket's main.inc.php, for install-flow-test.php: just the plugin-manager surface that
 * install-plugin.php uses, over a JSON file (db.json beside this file) instead of MySQL. It keeps the 1.18.1
 * behaviours the installer depends on (PLUGIN-FACTS.md §2, §7): install() inserts the row inactive and without an
 * instance; addInstance() stores the config defaults and then sets flag 0x1; Config::create() does not remember
 * the row it inserted, so a second set() of a new key in one process INSERTs again and hits the unique
 * (namespace, key) index; every installed plugin's main file is included on boot.
 */
define('INCLUDE_DIR', __DIR__ . '/include/');
define('TABLE_PREFIX', 'ost_');
define('CONFIG_TABLE', 'ost_config');
define('PLUGIN_TABLE', 'ost_plugin');
define('PLUGIN_INSTANCE_TABLE', 'ost_plugin_instance');

class StubDb {
    static $data;

    static function load() {
        $file = __DIR__ . '/db.json';
        self::$data = is_file($file) ? json_decode(file_get_contents($file), true)
            : array('plugin' => array(), 'plugin_instance' => array(), 'config' => array(), 'upgrade_pending' => false);
    }

    static function save() {
        file_put_contents(__DIR__ . '/db.json', json_encode(self::$data, JSON_PRETTY_PRINT));
    }

    static function insert($table, array $row) {
        $row['id'] = count(self::$data[$table]) ? max(array_keys(self::$data[$table])) + 1 : 1;
        self::$data[$table][$row['id']] = $row;
        self::save();
        return $row['id'];
    }
}
StubDb::load();
// json_decode turns the id keys into strings; keep them as ints.
foreach (array('plugin', 'plugin_instance', 'config') as $t) {
    $rows = array();
    foreach (StubDb::$data[$t] as $row)
        $rows[(int) $row['id']] = $row;
    StubDb::$data[$t] = $rows;
}

class Config {
    var $section;
    var $config = array();

    function __construct($section, $defaults = array()) {
        $this->section = $section;
        foreach (StubDb::$data['config'] as $row)
            if ($row['namespace'] === $section)
                $this->config[$row['key']] = $row;
    }

    function get($key) {
        return isset($this->config[$key]) ? $this->config[$key]['value'] : null;
    }

    function set($key, $value) {
        return $this->update($key, $value) ? $value : null;
    }

    function create($key, $value) {
        foreach (StubDb::$data['config'] as $row)
            if ($row['namespace'] === $this->section && $row['key'] === $key)
                return false; // duplicate entry for the unique (namespace, key) index
        StubDb::insert('config', array('namespace' => $this->section, 'key' => $key, 'value' => (string) $value));
        return true; // and, as in 1.18.1, not cached in $this->config
    }

    function update($key, $value) {
        if (!isset($this->config[$key]))
            return $this->create($key, $value);
        $id = $this->config[$key]['id'];
        StubDb::$data['config'][$id]['value'] = (string) $value;
        $this->config[$key]['value'] = (string) $value;
        StubDb::save();
        return true;
    }

    function updateAll(array $values) {
        foreach ($values as $k => $v)
            if (!$this->update($k, $v))
                return false;
        return true;
    }
}

abstract class PluginConfig extends Config {
    var $instance;

    function setInstance($i) {
        $this->instance = $i;
    }
}

/** The fields only need a default here. */
class StubField {
    var $options;

    function __construct(array $options) {
        $this->options = $options;
    }
}
class TextboxField extends StubField {}
class TextareaField extends StubField {}

class StubQuery {
    var $rows;

    function __construct(array $rows) {
        $this->rows = $rows;
    }

    function filter(array $criteria) {
        return new StubQuery(array_values(array_filter($this->rows, function ($r) use ($criteria) {
            foreach ($criteria as $k => $v)
                if ($r->ht[$k] != $v)
                    return false;
            return true;
        })));
    }

    function findFirst(array $criteria) {
        return $this->filter($criteria)->first();
    }

    function first() {
        return $this->rows ? $this->rows[0] : null;
    }
}

class Plugin {
    var $ht;
    var $config_class;

    function __construct(array $ht) {
        $this->ht = $ht;
    }

    function __get($name) {
        return $this->ht[$name];
    }

    function __set($name, $value) {
        $this->ht[$name] = $value;
    }

    static function objects() {
        return new StubQuery(array_map(function ($r) { return new Plugin($r); }, array_values(StubDb::$data['plugin'])));
    }

    function getId() { return $this->ht['id']; }
    function getVersion() { return $this->ht['version']; }
    function isActive() { return (bool) $this->ht['isactive']; }

    function save() {
        StubDb::$data['plugin'][$this->ht['id']] = $this->ht;
        StubDb::save();
        return true;
    }

    function upgrade(&$errors = array()) {
        $info = PluginManager::getInfoForPath(INCLUDE_DIR . $this->ht['install_path']);
        $this->ht['version'] = $info['version'];
        return $this->save();
    }

    function getInstances() {
        $pid = $this->getId();
        $rows = array();
        foreach (StubDb::$data['plugin_instance'] as $r)
            if ($r['plugin_id'] == $pid)
                $rows[] = new PluginInstance($r, $this);
        return new StubQuery($rows);
    }

    function addInstance($vars, &$errors) {
        $id = StubDb::insert('plugin_instance', array('plugin_id' => $this->getId(), 'flags' => 0, 'name' => $vars['name']));
        $i = new PluginInstance(StubDb::$data['plugin_instance'][$id], $this);
        // the form stores every field's default through the instance config, then the flag is set
        $defaults = array();
        foreach ($i->getConfig()->getOptions() as $name => $field)
            $defaults[$name] = isset($field->options['default']) ? $field->options['default'] : '';
        if (!$i->getConfig()->updateAll($defaults)) {
            $errors['err'] = 'config';
            return $i;
        }
        $i->setStatus($vars['isactive']);
        $i->save();
        return $i;
    }
}

class PluginInstance {
    var $ht;
    var $plugin;
    var $_config;

    function __construct(array $ht, Plugin $plugin) {
        $this->ht = $ht;
        $this->plugin = $plugin;
    }

    function getId() { return $this->ht['id']; }
    function isEnabled() { return ($this->ht['flags'] & 1) !== 0; }

    function setStatus($on) {
        $this->ht['flags'] = $on ? ($this->ht['flags'] | 1) : ($this->ht['flags'] & ~1);
    }

    function save() {
        StubDb::$data['plugin_instance'][$this->ht['id']] = $this->ht;
        StubDb::save();
        return true;
    }

    function getNamespace() {
        return sprintf('plugin.%d.instance.%d', $this->ht['plugin_id'], $this->ht['id']);
    }

    function getConfig() {
        if (!isset($this->_config)) {
            $class = $this->plugin->config_class;
            $this->_config = new $class($this->getNamespace());
            $this->_config->setInstance($this);
        }
        return $this->_config;
    }
}

class PluginManager {
    static $info = array();

    static function getInfoForPath($path) {
        $path = rtrim($path, '/');
        if (!isset(self::$info[$path])) {
            if (!is_file("$path/plugin.php"))
                return false;
            self::$info[$path] = include "$path/plugin.php";
        }
        return self::$info[$path];
    }

    static function clearCache() {
        self::$info = array();
    }

    /** Includes the main file and returns the plugin subclass, as Plugin::getImpl() does. */
    static function impl(array $row) {
        $info = self::getInfoForPath(INCLUDE_DIR . $row['install_path']);
        list($file, $class) = explode(':', $info['plugin']);
        include_once INCLUDE_DIR . $row['install_path'] . '/' . $file;
        return new $class($row);
    }

    static function lookup($id) {
        return isset(StubDb::$data['plugin'][(int) $id]) ? self::impl(StubDb::$data['plugin'][(int) $id]) : null;
    }

    function install($path) {
        $info = self::getInfoForPath(INCLUDE_DIR . $path);
        if (!$info)
            return null;
        $id = StubDb::insert('plugin', array('name' => $info['name'], 'install_path' => $path, 'isactive' => 0,
            'version' => $info['version']));
        return new Plugin(StubDb::$data['plugin'][$id]);
    }
}

class StubStatement {
    var $params;
    var $result;

    function bind_param($types, ...$params) {
        $this->params = $params;
    }

    function execute() {
        list($ns, $pid, $iid) = $this->params;
        $n = 0;
        foreach (StubDb::$data['config'] as $r)
            if ($r['namespace'] === $ns)
                $n++;
        $p = StubDb::$data['plugin'][$pid];
        $i = StubDb::$data['plugin_instance'][$iid];
        $this->result = array('isactive' => $p['isactive'], 'flags' => $i['flags'], 'n' => $n);
        return true;
    }

    function get_result() {
        $row = $this->result;
        return new class($row) {
            var $row;
            function __construct($row) { $this->row = $row; }
            function fetch_assoc() { return $this->row; }
        };
    }
}

function db_prepare($sql) {
    return new StubStatement();
}

class StubOsTicket {
    var $plugins;

    function __construct() {
        $this->plugins = new PluginManager();
    }

    function isUpgradePending() {
        return !empty(StubDb::$data['upgrade_pending']);
    }
}

$ost = new StubOsTicket();
// osTicket includes every installed plugin's main file on each boot (PluginManager::bootstrap()).
foreach (StubDb::$data['plugin'] as $row)
    PluginManager::impl($row);
