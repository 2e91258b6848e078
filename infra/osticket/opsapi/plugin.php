<?php
// Manifest of the osTicket Ops API plugin (PLUGIN-FACTS.md §1; read by PluginManager::getInfoForPath(),
// include/class.plugin.php). `plugin` names the main file and the Plugin subclass; `ost_version` is the minimum
// major version, checked at install and on every bootstrap.
return array(
    'id' => 'osticket-ops:opsapi',
    'version' => '1.0.0',
    'ost_version' => '1.17',
    'name' => 'osTicket Ops API',
    'author' => 'osTicket Ops',
    'description' => 'JSON ops API under /api/ops/ (reads, roster writes) for the osTicket Ops Azure Functions app.',
    'url' => 'https://github.com/',
    'plugin' => 'opsapi.php:OpsApiPlugin',
);
