import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bindMarkdown, InsightError, type BindContext } from '../../build/narrative/bind.ts';
import { buildFacts } from '../../build/insights/facts.ts';
import { directModel, smallDataset, smallFacts, smallRecommendations } from './handmade.ts';
import { renderBound } from './markdown.ts';

const FILE = 'content/30-engagement.md';
const charts = new Map([
  ['genre-popularity', '<figure class="chart" id="chart-genre-popularity">\n<svg><text>x</text></svg>\n\n<figcaption>Genre popularity</figcaption>\n</figure>'],
  ['device-engagement', '<svg role="img"></svg>'],
]);
const ctx = (over: Partial<BindContext> = {}): BindContext => ({ facts: smallFacts(), charts, drafts: false, ...over });
const bind = (src: string, over: Partial<BindContext> = {}) => bindMarkdown(src, FILE, ctx(over));
/** Bound and rendered: the HTML a reader gets. */
const page = (src: string, over: Partial<BindContext> = {}) => renderBound(bind(src, over)).trim();
function error(fn: () => unknown): InsightError {
  try {
    fn();
  } catch (err) {
    assert.instance(err, InsightError);
    assert.not.match((err as Error).message, /\n/, 'one-line message');
    return err as InsightError;
  }
  return assert.unreachable('expected an InsightError') as never;
}

test('facts bind inline, with default and named formats', () => {
  const src = 'Viewers watch {{ top_genre }} most ({{ top_genre_share }}, {{top_genre_share|percent:1}}); {{ most_rated_title }} has {{ most_rated_title_ratings }} ratings.';
  assert.is(page(src), '<p>Viewers watch Crime most (60%, 60%); <em>The Crown</em> has 3 ratings.</p>');
  // the Markdown marked reads holds placeholders, never the values
  assert.not.match(bind(src).markdown, /Crime|60|Crown/);
});

test('an unknown fact fails with file, line and the nearest names', () => {
  const e = error(() => bind('intro\n\nThe top genre is {{ top_genere }}.', { firstLine: 12 }));
  assert.is(e.message, `${FILE}:14: unknown fact "top_genere" — did you mean "top_genre", "top_genres"?`);
  assert.is(e.line, 14);
});

test('an unknown fact fails even in a branch this data does not take', () => {
  const e = error(() => bind('{% if has sessions %}ok{% else %}{{ top_genere }}{% endif %}'));
  assert.match(e.message, `${FILE}:1: unknown fact "top_genere"`);
});

test('a fact the data lacks says so, rather than "unknown"', () => {
  const ds = smallDataset({ sessions: null });
  const facts = buildFacts({ dataset: ds, model: directModel(ds), recommendations: smallRecommendations(), evaluation: null });
  const e = error(() => bind('a\n{{ top_device }}', { facts }));
  assert.is(e.message, `${FILE}:2: fact "top_device" is not available: the data has no viewing sessions (MovieLens has ratings only)`);
  // guarded, the same text binds
  assert.is(bind('{% if has sessions %}{{ top_device }}{% else %}No device data.{% endif %}', { facts }).markdown, 'No device data.');
});

test('a claim that holds keeps its text; one that fails names file, line, claim and values', () => {
  assert.is(bind('{% claim top_genre == "Crime" and top_genre_share > 50% %}Crime leads.{% endclaim %}').markdown, 'Crime leads.');
  const e = error(() => bind('# Engagement\n\n{% claim top_genre == "Drama" %}Drama is what people watch most.{% endclaim %}', { firstLine: 5 }));
  assert.is(e.message, `${FILE}:7: claim no longer holds: top_genre == "Drama" (top_genre is "Crime")`);
  const e2 = error(() => bind('{% claim top_genre_share >= 0.7 %}Most viewing is one genre.{% endclaim %}'));
  assert.is(e2.message, `${FILE}:1: claim no longer holds: top_genre_share >= 0.7 (top_genre_share is 0.6 (60.0%))`);
});

test('conditions: comparisons between facts, lists, in, not, or, parentheses', () => {
  const holds = (cond: string) => bind(`{% if ${cond} %}yes{% else %}no{% endif %}`).markdown;
  assert.is(holds('top_genre == top_catalog_genre'), 'yes');
  assert.is(holds('"Drama" in genres'), 'yes');
  assert.is(holds('top_genre in ["Drama", "Comedy"]'), 'no');
  assert.is(holds('not (top_device == "TV") or session_count >= 10'), 'yes');
  assert.is(holds('recs.coverage < 0.5 or cold_start_users != 1'), 'no');
  assert.is(holds("top_device == 'TV'"), 'yes');
  assert.is(holds('has plans and has regions and not has evaluation'), 'yes');
  assert.is(bind('{% if top_genre == "Drama" %}a{% elif top_genre == "Crime" %}b{% else %}c{% endif %}').markdown, 'b');
});

test('miswritten conditions and directives are errors with the line', () => {
  assert.match(error(() => bind('{% claim top_genre > 3 %}x{% endclaim %}')).message, `${FILE}:1: cannot compare top_genre ("Crime") with 3`);
  assert.match(error(() => bind('\n{% claim top_genre %}x{% endclaim %}')).message, `${FILE}:2: condition "top_genre" needs a comparison`);
  assert.match(error(() => bind('{% claim top_genre == "Crime" %}x')).message, `${FILE}:1: {% claim %} is never closed`);
  assert.match(error(() => bind('x\n{% endif %}')).message, `${FILE}:2: {% endif %} without an open {% if %}`);
  assert.match(error(() => bind('{% iff has sessions %}{% endif %}')).message, `unknown directive "{% iff %}" — did you mean "if"`);
  assert.match(error(() => bind('{% if has session %}{% endif %}')).message, `"has session": unknown capability or fact — did you mean "sessions"`);
  assert.match(error(() => bind('a {{ top_genre\nb')).message, `${FILE}:1: "{{" is never closed`);
  assert.match(error(() => bind('{{ top_genre | percent }}')).message, 'format "percent" needs a number, but top_genre is "Crime"');
});

test('drafts: a failed claim becomes a warning and its text is marked', () => {
  const { warnings } = bind('Intro.\n{% claim top_genre == "Drama" %}Drama <leads>.{% endclaim %}', { drafts: true, firstLine: 3 });
  assert.equal(warnings, [{ file: FILE, line: 4, claim: 'top_genre == "Drama"', actual: 'top_genre is "Crime"', message: 'claim no longer holds: top_genre == "Drama" (top_genre is "Crime")' }]);
  assert.is(
    page('Intro.\n{% claim top_genre == "Drama" %}Drama <leads>.{% endclaim %}', { drafts: true, firstLine: 3 }),
    `<p>Intro.\n<mark class="claim-failed" title="${FILE}:4: claim no longer holds: top_genre == &quot;Drama&quot; (top_genre is &quot;Crime&quot;)">Drama <leads>.</mark></p>`,
  );
  const block = page('{% claim top_genre == "Drama" %}\nOne.\n\nTwo.\n{% endclaim %}', { drafts: true });
  assert.match(block, /^<div class="claim-failed" title="[^"]*claim no longer holds[^"]*"><p>One\.<\/p>\n<p>Two\.<\/p>\n<\/div>$/);
  // unknown facts are errors even in drafts: they are typos, not stale claims
  error(() => bind('{{ top_genere }}', { drafts: true }));
});

test('charts expand on their own line into one HTML block, with suggestions for unknown ids', () => {
  const out = page('Text before.\n{{ chart genre-popularity }}\nText after *here*.\n\n{{ chart device-engagement }}');
  // the chart's markup arrives whole, after marked: its blank line did not end an HTML block
  assert.match(out, charts.get('genre-popularity')!);
  assert.not.match(out, /<p>\s*<figcaption>|<p><figure/);
  assert.match(out, '<div class="report-chart" id="chart-device-engagement">');
  assert.match(out, '<em>here</em>'); // Markdown after the chart is still Markdown
  assert.match(error(() => bind('{{ chart genre-populrity }}')).message, `${FILE}:1: unknown chart "genre-populrity" — did you mean "genre-popularity"?`);
  assert.match(error(() => bind('See {{ chart genre-popularity }}')).message, 'must stand alone on its line');
});

test('a literal {{ is written \\{{', () => {
  assert.is(bind('Write \\{{ top_genre }} to show it.').markdown, 'Write {{ top_genre }} to show it.');
});

test('bound Markdown of hostile genre names renders no markup', () => {
  const hostile = ['<script>alert(1)</script>', '*bold*[x](javascript:alert(1))'];
  const ds = smallDataset({ genres: { '1': [hostile[0]], '2': [hostile[0]], '3': [hostile[1]] } });
  const facts = buildFacts({ dataset: ds, model: directModel(ds), recommendations: smallRecommendations(), evaluation: null });
  assert.is(facts.get('top_genre').value, hostile[0]);
  const out = page('Top: {{ top_genre }}. All: {{ genres }}. Gap: {{ acquisition_gap_genre }}.\n\n{{ strategy acquisition-gap }}', { facts });
  assert.not.match(out, /<script|href="javascript|<strong>bold|<em>bold/);
  assert.is(out.match(/<a /g)?.length, 1); // only the strategy item's own chart link
  assert.match(out, '&lt;script&gt;alert(1)&lt;/script&gt;');
});

test('data text is never Markdown: line breaks, images, autolinks and HTML blocks stay text', () => {
  const attacks = [
    'Drama\r\r![a](../../../../../../etc/hostname)',
    'Drama\r\n\r\n[click me](javascript:alert(2))',
    'www.evil.example/login',
    'https://evil.example/x',
    'a@b.example',
    '\u2028# Heading\u2029- item',
    '<div>\n\n*em*\n\n</div>',
    '\uE0000\uE001',
  ];
  const ds = smallDataset({ genres: { '1': [attacks[0]], '2': [attacks[0]], '3': [attacks[1]], '4': attacks.slice(2) } });
  const facts = buildFacts({ dataset: ds, model: directModel(ds), recommendations: smallRecommendations(), evaluation: null });
  const chartMarkup = new Map([...charts, ['genre-popularity', `<figure class="chart" id="chart-genre-popularity"><figcaption>${attacks[0].replace(/[<>&]/g, '')}</figcaption></figure>`]]);
  const out = page('# Top {{ top_genre }}\n\nTop: {{ top_genre }}. All: {{ genres | list }}.\n\n{{ chart genre-popularity }}\n\n{{ strategies }}\n\nAfter.', { facts, charts: chartMarkup });
  assert.not.match(out, /<img|<h[2-6](?! class="strategy-headline")|<li|<ul|<ol|<a (?!class="strategy-chart-link" href="#chart-)|<strong>|<em>|<div>/);
  assert.match(out, /^<h1 id="top-drama-a-etc-hostname">Top Drama/); // heading ids come from the text
  assert.match(out, /<p>After\.<\/p>$/); // nothing after the chart and strategy items was swallowed
  assert.match(out, 'www.evil.example/login');
  assert.match(out, '\uE0000\uE001'); // a forged placeholder in data stays text
});

test('a binding inside a URL or an unsafe attribute is an error naming its line', () => {
  assert.match(error(() => page('x\n[see](https://example.com/{{ top_genre }})')).message, `${FILE}:2: a binding cannot stand inside a link's URL`);
  assert.match(error(() => page('<a href="/g/{{ top_genre }}">x</a>')).message, `${FILE}:1: a binding cannot stand in a href attribute`);
  assert.match(page('<span title="{{ top_genre }}">x</span>'), '<span title="Crime">x</span>');
});

test.run();
