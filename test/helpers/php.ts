// Whether php-cli is on PATH, for the tests that run the osTicket plugin's PHP (CI installs php-cli).
import { execFileSync } from 'node:child_process';

export function hasPhp(): boolean {
  try {
    execFileSync('php', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
