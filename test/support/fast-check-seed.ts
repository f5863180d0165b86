import fc from 'fast-check';

/**
 * Property tests draw the same inputs on every run unless FC_SEED says otherwise (a number, or "random"), so a run
 * fails for what changed in the code, not for the draw; `FC_SEED=random npm test` explores (a failure prints its seed).
 */
const wanted = process.env.FC_SEED;
if (wanted !== 'random') fc.configureGlobal({ seed: wanted ? Number(wanted) : 20261202 });
