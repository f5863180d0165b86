import v8 from 'node:v8';

/**
 * Regular expressions compiled to machine code at their first run, not interpreted until V8 decides to compile them.
 * Imported first by the plugin server (and by the benchmark that stands in for it), before any pattern runs; V8's flags
 * hold for the whole process, its worker threads included.
 *
 * With V8's default, a process that has read real prompts for a while ran some of the detectors' patterns interpreted
 * again: a 200 KB prompt of one phone number repeated took 1.9 s there, 0.29 s in a fresh process; compiled from the
 * first run, 0.29 s in both. Real 4 KB prompts read in 5.5 to 6.5 ms p50 against 7.0 to 7.4 ms; the synthetic 4 KB
 * prompt alike (0.94 ms); the first prompt a process reads, alike (0.1 to 0.2 s).
 */
v8.setFlagsFromString('--no-regexp-tier-up');
