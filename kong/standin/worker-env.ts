/**
 * The environment a plugin server starts with. Kong spawns start_cmd from an nginx worker, and nginx keeps for its
 * workers only TZ and the variables named by `env` directives (kong.conf's `nginx_main_env = A; env B=value`), so a
 * variable the suite reads reaches it only when kong.conf declares it.
 */
export function declaredEnv(nginxMainEnv: string | undefined): string[] {
  return (nginxMainEnv ?? '')
    .split(';')
    .map((entry) => entry.trim().replace(/^env\s+/, ''))
    .filter(Boolean);
}

export function workerEnv(declared: string[], inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const entry of ['TZ', ...declared]) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    else if (inherited[entry] !== undefined) env[entry] = inherited[entry];
  }
  return env;
}
