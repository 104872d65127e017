// Where Kafka Lanes keeps profiles and the local broker's data when no
// directory is given: the same folder Electron's app.getPath('userData')
// picks for this app, so desktop and browser mode share their state.
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_FOLDER = 'kafka-lanes';

export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), APP_FOLDER);
}
