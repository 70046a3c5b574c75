// A rough, local estimate of how hard a passphrase is to guess, for feedback only: the core
// enforces the one hard rule (its minimum length, which the screens get from the core and pass
// in here), and refuses a passphrase whatever this says. Long phrases of ordinary words score
// well, short mixes of symbols less so, repeats and well-known choices badly.

const COMMON = ['password', 'passphrase', 'qwerty', 'azerty', 'letmein', 'welcome', 'tandem', 'iloveyou', 'motdepasse', 'bonjour', 'admin', 'abc123'];

/** One of 'too_short' (under `min` characters, the core's minimum), 'weak', 'fair', 'strong'. */
export function strength(passphrase, min) {
  const chars = Array.from(passphrase);
  if (chars.length < min) return 'too_short';
  const lower = passphrase.toLowerCase();
  if (COMMON.some((w) => lower.includes(w)) && chars.length < 16) return 'weak';
  if (/^(.)\1+$/.test(passphrase) || /^(0123456789|1234567890|abcdefgh)/.test(lower)) return 'weak';
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^A-Za-z0-9]/.test(passphrase)) pool += 33;
  // Repeated characters add little: count distinct ones more than length.
  const distinct = new Set(chars).size;
  let bits = Math.min(chars.length, distinct * 1.5) * Math.log2(Math.max(pool, 2));
  const words = passphrase.trim().split(/[\s\-_.]+/).filter((w) => w.length >= 3);
  if (words.length >= 4) bits = Math.max(bits, 64);
  if (bits < 45) return 'weak';
  if (bits < 64) return 'fair';
  return 'strong';
}
