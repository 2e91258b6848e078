<?php
/*
 * osTicket Ops API plugin: appends the JSON ops routes to the API dispatcher through the `api` signal
 * (api/http.php sends it with the dispatcher), so no core file changes. Live only when the plugin is active,
 * an instance is enabled and the config class has at least one field (PLUGIN-FACTS.md §3).
 */
if (!defined('INCLUDE_DIR')) die('Access denied');

require_once INCLUDE_DIR . 'class.plugin.php';
require_once __DIR__ . '/support.php';
require_once __DIR__ . '/http.php';
require_once __DIR__ . '/reads.php';
require_once __DIR__ . '/writes.php';
require_once __DIR__ . '/router.php';

class OpsApiConfig extends PluginConfig {
    /**
     * Keys are stored only as sha256 hex (install-plugin.php writes them). The fields exist so that the config
     * class has at least one field (else no instance bootstraps; osTicket/osTicket#6592).
     */
    function getOptions() {
        return array(
            'rw_key_sha256' => new TextboxField(array(
                'label' => 'Read-write key (sha256 hex)',
                'hint' => 'sha256 of the X-Ops-Key for reads and writes; never the key itself',
                'configuration' => array('size' => 64, 'length' => 64),
            )),
            'ro_key_sha256' => new TextboxField(array(
                'label' => 'Read-only key (sha256 hex)',
                'hint' => 'sha256 of the X-Ops-Key for GET only; empty = none',
                'configuration' => array('size' => 64, 'length' => 64),
            )),
            'allowed_cidrs' => new TextareaField(array(
                'label' => 'Allowed source networks',
                'hint' => 'CIDRs separated by commas or new lines; empty = any address',
                'configuration' => array('rows' => 3, 'cols' => 60, 'html' => false),
            )),
            'max_body_bytes' => new TextboxField(array(
                'label' => 'Request body limit (bytes)',
                'default' => '262144',
                'configuration' => array('size' => 10, 'length' => 10),
            )),
        );
    }
}

class OpsApiPlugin extends Plugin {
    var $config_class = 'OpsApiConfig';

    /** Set once per process: bootstrap() runs once per enabled instance (PLUGIN-FACTS.md §3). */
    private static $registered = false;

    /** The Admin Panel may not add a second instance (UI only; addInstance() ignores it). */
    function isMultiInstance() {
        return false;
    }

    /**
     * Config is readable only here (PluginManager::bootstrap() resets it afterwards; class.plugin.php), so the
     * values are captured into the route closure now.
     */
    function bootstrap() {
        if (self::$registered)
            return;
        self::$registered = true;
        global $cfg;
        $config = $this->getConfig();
        $info = PluginManager::getInfoForPath(dirname(__FILE__));
        $limit = (int) $config->get('max_body_bytes');
        $settings = array(
            'rw_hash' => (string) $config->get('rw_key_sha256'),
            'ro_hash' => (string) $config->get('ro_key_sha256'),
            'allowed_cidrs' => (string) $config->get('allowed_cidrs'),
            'max_body' => $limit > 0 && $limit <= 4194304 ? $limit : 262144,
            'version' => isset($info['version']) ? $info['version'] : 'unknown',
            'db_timezone' => $cfg ? $cfg->getDbTimezone() : 'UTC',
            'last_cron' => null,
        );
        $state = new Config('opsapi');
        $settings['last_cron'] = $state->get('last_cron_run');

        // Cron::run() (and autocron) send `cron`: remember when, for GET ops/health (osTicket stores no time).
        Signal::connect('cron', function () use ($state) {
            $state->set('last_cron_run', gmdate('Y-m-d\TH:i:s\Z'));
        });

        // Plugin routes follow the core ones (first match wins); /ops/ overrides no core path.
        Signal::connect('api', function ($dispatcher) use ($settings) {
            $dispatcher->append(url('^/ops(?:/(.*))?$', function ($rest = '') use ($settings) {
                OpsApiRouter::handle($rest, $settings);
            }));
        });
    }
}
